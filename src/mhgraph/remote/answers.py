"""A server's answer as a :class:`mhgraph.results.QueryResult`, term for term.

SELECT and ASK answers arrive as SPARQL 1.1 JSON results, graphs as Turtle. Each binding
becomes the rdflib term the embedded engine would give (IRI, blank node, or literal with
its datatype or language tag), so the same renderers work and answers from both engines
compare as sets of rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..formats import RDF_FORMATS
from ..results import QueryResult
from .faults import malformed


def tabular_answer(
    body: bytes, kind: str, server: str, variables: Sequence[str] = ()
) -> QueryResult:
    """Parse a JSON results document; columns follow ``variables`` (the query's projection)."""
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise malformed(server, f"not SPARQL JSON results ({_why(err)})") from None
    if not isinstance(document, dict):
        raise malformed(server, "the JSON results are not an object")
    if kind == "ASK":
        if not isinstance(document.get("boolean"), bool):
            raise malformed(server, "an ASK answer without a boolean")
        return QueryResult("ASK", boolean=document["boolean"])
    try:
        served = [str(v) for v in document["head"].get("vars", [])]
        bindings = document["results"]["bindings"]
        columns = list(variables) if set(variables) == set(served) else served
        rows = [
            tuple(_term(binding[v]) if v in binding else None for v in columns)
            for binding in bindings
        ]
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise malformed(server, f"unexpected JSON results ({_why(err)})") from None
    return QueryResult("SELECT", columns, rows)


def graph_answer(body: bytes, content_type: str, kind: str, server: str) -> QueryResult:
    """Parse a CONSTRUCT or DESCRIBE answer (Turtle, or N-Triples, which Turtle includes)."""
    media_type = content_type.partition(";")[0].strip().lower()
    rdf_format = next(
        (f.rdflib for f in RDF_FORMATS.values() if media_type in f.media_types), "turtle"
    )
    graph = Graph()
    try:
        graph.parse(data=body.decode("utf-8"), format=rdf_format)
    except Exception as err:  # every parser raises its own kind
        raise malformed(server, f"the graph does not parse ({_why(err)})") from None
    return QueryResult(kind, graph=graph)


def _term(binding: dict) -> Node:
    kind = binding["type"]
    value = binding["value"]
    if not isinstance(value, str):
        raise ValueError(f"a {kind} value must be a string")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):  # "typed-literal": SPARQL 1.0 JSON (Virtuoso)
        language = binding.get("xml:lang")
        if language:
            return Literal(value, lang=language)
        datatype = binding.get("datatype")
        # RDF 1.1: a literal with a language tag has rdf:langString, which rdflib implies.
        if datatype and datatype != str(RDF.langString):
            return Literal(value, datatype=URIRef(datatype))
        return Literal(value)
    raise ValueError(f"unknown term type {kind!r}")


def _why(err: BaseException) -> str:
    return " ".join(str(err).split())[:120]
