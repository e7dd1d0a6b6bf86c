"""Stored and ad-hoc queries on a remote store, with the same rules as on the embedded one.

Each query is parsed here first with the embedded engine's rules (syntax, no FROM, no
SERVICE), so a mistake gets the same one-line error with its line number before any request
is sent, and the answer's columns follow the query's projection whatever order the server
uses.
"""

from __future__ import annotations

from rdflib import Graph

from ..binding import bind_values
from ..namespaces import sparql_prologue
from ..queries import StoredQuery
from ..results import QueryResult
from ..sparql import prepare, query_form
from ..values import Bindings
from .client import RemoteStore
from .faults import ServerFault, malformed

_ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_COUNT_TRIPLES = (
    "SELECT (COUNT(*) AS ?triples) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
)


def run_text(store: RemoteStore, text: str, *, source: str | None = None) -> QueryResult:
    """Run query text as it is; it must declare its own prefixes."""
    query = prepare(text, source=source)
    algebra = query.algebra
    kind = query_form(query)
    # CompValue.get(key) answers the key itself when it is missing, so ask with `in` first.
    projected = algebra["PV"] if kind == "SELECT" and "PV" in algebra else []
    variables = [str(v) for v in projected]
    return store.query(text, kind, variables)


def run_sparql(store: RemoteStore, text: str, *, source: str | None = None) -> QueryResult:
    """Run an ad-hoc query, with the data model's prefixes declared as they are locally."""
    return run_text(store, sparql_prologue() + text, source=source)


def run_stored(store: RemoteStore, stored: StoredQuery, bindings: Bindings) -> QueryResult:
    """Run a stored query with its parameters bound as RDF terms in a VALUES block."""
    return run_text(store, bind_values(stored.text, bindings), source=str(stored.path))


def fetch_graph(store: RemoteStore) -> Graph:
    """Every triple of the graph the settings point at (a named graph or the default one).

    Some servers cut answers at a row limit without saying so (Virtuoso's ResultSetMaxRows
    is 10,000 by default); a graph checked half would look better than it is, so the triples
    are counted first and a short answer is an error.
    """
    counted = store.query(_COUNT_TRIPLES, "SELECT", ["triples"])
    result = store.query(_ALL_TRIPLES, "CONSTRUCT")
    assert result.graph is not None
    try:
        expected = int(str(counted.rows[0][0]))
    except (IndexError, ValueError):
        raise malformed(store.settings.label, "the triple count is not a number") from None
    if len(result.graph) < expected:
        raise ServerFault(
            store.settings.label,
            f"the server returned {len(result.graph)} of {expected} triples",
            "it cuts answers at a row limit; raise it (Virtuoso: ResultSetMaxRows in the "
            "[SPARQL] section of virtuoso.ini)",
        )
    return result.graph
