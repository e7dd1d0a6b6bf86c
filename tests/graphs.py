"""Graphs compared as RDF values, for tests that round-trip a graph through a file or an engine.

Oxigraph and rdflib's Turtle writer each keep numbers in their own lexical form (``9900000``
and ``9900000.0`` are one xsd:decimal), and blank nodes are renamed on every parse: so
blank nodes are compared by what they are (their statements, recursively) and literals by
value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal
from rdflib.term import Node


def canonical(triples: Iterable[tuple[Node, Node, Node]], context: Graph) -> set[tuple]:
    """Triples with each blank node replaced by a description of its statements in
    ``context`` (the asserted graph it comes from) and each literal by its value."""
    memo: dict[Node, object] = {}

    def term(node: Node, depth: int = 0) -> object:
        if isinstance(node, BNode):
            if node not in memo:
                memo[node] = (
                    ("_:", "…")
                    if depth > 8
                    else (
                        "_:",
                        tuple(
                            sorted(
                                (str(p), str(term(o, depth + 1)))
                                for p, o in context.predicate_objects(node)
                            )
                        ),
                    )
                )
            return memo[node]
        if isinstance(node, Literal):
            value = node.toPython()
            return (
                "literal",
                node.language,
                str(node.datatype or ""),
                value if not isinstance(value, Literal) else str(node),
            )
        return node

    return {(term(s), term(p), term(o)) for s, p, o in triples}


def concatenated(text: str) -> frozenset[str]:
    """The variables a query binds to a GROUP_CONCAT (``COALESCE``-d to "" or not): SPARQL
    leaves the order of its items to the engine, so tests compare them as a set."""
    pattern = r'GROUP_CONCAT\((?:[^()]|\([^()]*\))*\)(?:\s*,\s*""\s*\))?\s+AS\s+\?(\w+)'
    return frozenset(re.findall(pattern, text))
