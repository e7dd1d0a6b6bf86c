"""Natural order for the rows of stored queries: "4.4" before "19.3", "activiteit:2.10" after
"activiteit:2.9".

SPARQL's ORDER BY compares strings and IRIs character by character, which puts result 19.3
before 4.4. A stored query's ORDER BY states what its rows are ordered by (its plain variables
are its :data:`OrderKeys`); :func:`natural`
sorts them again by the same variables, comparing runs of digits as numbers, so every renderer
(table, CSV, JSON, the pages) shows the order a reader expects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from rdflib import Literal
from rdflib.term import Node

from .results import QueryResult

_DIGITS = re.compile(r"(\d+)")

#: (variable, descending) for each key of an ORDER BY.
OrderKeys = tuple[tuple[str, bool], ...]


def natural_key(term: Node | None) -> tuple:
    """Unbound first, then numbers by value, then text with its digit runs as numbers."""
    if term is None:
        return (0,)
    if (
        isinstance(term, Literal)
        and isinstance(term.value, int | float | Decimal)
        and not isinstance(term.value, bool)
    ):
        return (1, term.value)
    parts = _DIGITS.split(str(term))
    return (2, tuple((1, int(p), "") if p.isdigit() else (0, 0, p) for p in parts if p))


def natural(result: QueryResult, keys: Sequence[tuple[str, bool]]) -> QueryResult:
    """``result`` with its rows sorted by ``keys`` in natural order (a stable sort, so rows
    equal on every key keep the engine's order)."""
    if result.kind != "SELECT" or not keys:
        return result
    rows = list(result.rows)
    for name, descending in reversed(keys):
        if name not in result.variables:
            continue
        index = result.variables.index(name)
        rows.sort(key=lambda row: natural_key(row[index]), reverse=descending)
    return QueryResult(result.kind, result.variables, rows, result.boolean, result.graph)
