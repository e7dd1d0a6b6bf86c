"""Running SPARQL on the embedded store, with the query never able to reach outside it.

rdflib's engine loads the graphs a query names in FROM / FROM NAMED and calls SERVICE
endpoints; a query is a question about this graph, so both are refused before evaluation.
"""

from __future__ import annotations

from collections.abc import Mapping

import rdflib.plugins.sparql as rdflib_sparql
from rdflib import Graph, Variable
from rdflib.plugins.sparql.algebra import translateQuery, traverse
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from .errors import QueryError
from .namespaces import PREFIXES
from .results import QueryResult

# Never fetch a graph named in FROM: the engine answers from the graph in memory only.
rdflib_sparql.SPARQL_LOAD_GRAPHS = False


def prepare(text: str, *, source: str | None = None) -> Query:
    """Parse and translate a query, refusing anything that would leave the graph."""
    try:
        parsed = parseQuery(text)
        query = translateQuery(parsed, initNs=PREFIXES)
    except Exception as err:  # pyparsing and rdflib raise many kinds
        message = " ".join(str(getattr(err, "msg", err)).split())
        raise QueryError(
            f"SPARQL syntax error: {message}",
            file=source,
            line=getattr(err, "lineno", None),
            hint="check the query; prefixes of docs/data-model.md are predeclared",
        ) from None
    refuse_external_access(query, source)
    return query


def refuse_external_access(query: Query, source: str | None = None) -> None:
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


def execute(
    graph: Graph,
    text: str,
    bindings: Mapping[Variable, Node] | None = None,
    *,
    source: str | None = None,
) -> QueryResult:
    query = prepare(text, source=source)
    try:
        result = graph.query(query, initBindings=dict(bindings or {}))
        return QueryResult.from_rdflib(result)
    except QueryError:
        raise
    except Exception as err:
        raise QueryError(f"query failed: {err}", file=source) from None
