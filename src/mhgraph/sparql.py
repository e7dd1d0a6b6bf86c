"""Running SPARQL on the embedded store, with the query never able to reach outside it.

rdflib's engine loads the graphs a query names in FROM / FROM NAMED and calls SERVICE
endpoints; a query is a question about this graph, so both are refused before evaluation.
"""

from __future__ import annotations

from collections.abc import Mapping

import rdflib.plugins.sparql as rdflib_sparql
from rdflib import Graph
from rdflib.plugins.sparql.algebra import translateQuery, traverse
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier

from .errors import QueryError
from .namespaces import PREFIXES
from .results import QueryResult
from .values import Bindings, Term

# Never fetch a graph named in FROM: the engine answers from the graph in memory only.
rdflib_sparql.SPARQL_LOAD_GRAPHS = False


def prepare(
    text: str, *, source: str | None = None, prefixes: Mapping[str, str] = PREFIXES
) -> Query:
    """Parse and translate a query, refusing anything that would leave the graph.

    ``prefixes`` are the predeclared ones; a graph served under another base IRI passes its own.
    """
    try:
        parsed = parseQuery(text)
        query = translateQuery(parsed, initNs=dict(prefixes))
    except Exception as err:  # pyparsing and rdflib raise many kinds
        refuse_update(text, source)
        message = " ".join(str(getattr(err, "msg", err)).split())
        raise QueryError(
            f"SPARQL syntax error: {message}",
            file=source,
            line=getattr(err, "lineno", None),
            hint="check the query; prefixes of docs/data-model.md are predeclared",
        ) from None
    refuse_external_access(query, source)
    return query


def refuse_update(text: str, source: str | None = None) -> None:
    """Name an update (LOAD, INSERT, DROP, …) as such: it is parsed, never run."""
    try:
        parseUpdate(text)
    except Exception:  # not an update either: the caller reports the syntax error
        return
    raise update_refused(source)


def update_refused(source: str | None = None) -> QueryError:
    """The one error every read-only entry point (CLI, endpoint, stored queries) gives."""
    return QueryError(
        "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, …) is not allowed: "
        "the graph is read-only",
        file=source,
        hint="ask a question with SELECT, ASK, CONSTRUCT or DESCRIBE",
    )


def refuse_external_access(query: Query, source: str | None = None) -> None:
    """Refuse FROM, FROM NAMED and SERVICE: a public endpoint must not fetch other graphs on
    a stranger's behalf, and locally they would silently answer from nothing."""
    dataset = query.algebra.get("datasetClause")
    if dataset:
        raise QueryError(
            "FROM and FROM NAMED are not allowed: the query runs on this graph only",
            file=source,
            hint="remove the FROM clause",
        )
    found: list[str] = []

    def visit(node: object) -> None:
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            found.append("SERVICE")

    traverse(query.algebra, visit)
    if found:
        raise QueryError(
            "SERVICE is not allowed: the query runs on this graph only",
            file=source,
            hint="query the remote endpoint directly",
        )


#: Query forms as rdflib's algebra names them, and the kind of answer each gives.
_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


def query_form(query: Query) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: which decides whether the answer is rows or a graph."""
    return _FORMS[query.algebra.name]


def initial_bindings(bindings: Bindings | None) -> dict[str, Identifier]:
    """``bindings`` as rdflib's ``initBindings`` takes them; a bound parameter is always a
    term (an IRI or a literal), never a pattern node."""
    found = {
        str(v): term.to_rdflib() if isinstance(term, Term) else term
        for v, term in (bindings or {}).items()
    }
    return {name: term for name, term in found.items() if isinstance(term, Identifier)}


def execute(
    graph: Graph,
    text: str,
    bindings: Bindings | None = None,
    *,
    source: str | None = None,
) -> QueryResult:
    """Run ``text`` on an rdflib graph with ``bindings`` as initial bindings (never pasted
    into the text). Raises :class:`~mhgraph.errors.QueryError` for a syntax error, a refused
    query or a failure while evaluating it, naming ``source`` when given."""
    query = prepare(text, source=source)
    try:
        result = graph.query(query, initBindings=initial_bindings(bindings))
        return QueryResult.from_rdflib(result)
    except QueryError:
        raise
    except Exception as err:
        raise QueryError(f"query failed: {err}", file=source) from None
