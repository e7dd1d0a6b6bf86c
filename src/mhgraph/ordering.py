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
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from .results import QueryResult
from .values import Term, plain

if TYPE_CHECKING:
    from rdflib.term import Node

_DIGITS = re.compile(r"(\d+)")

#: (variable, descending) for each key of an ORDER BY.
OrderKeys = tuple[tuple[str, bool], ...]


_XSD = "http://www.w3.org/2001/XMLSchema#"
#: The numeric datatypes rdflib reads as numbers, and how: their rows sort by value.
_NUMBERS = {
    **{
        _XSD + name: int
        for name in [
            "integer",
            "int",
            "long",
            "short",
            "byte",
            "nonNegativeInteger",
            "positiveInteger",
            "negativeInteger",
            "nonPositiveInteger",
            "unsignedLong",
            "unsignedInt",
            "unsignedShort",
            "unsignedByte",
        ]
    },
    _XSD + "decimal": Decimal,
    _XSD + "double": float,
    _XSD + "float": float,
}


def natural_key(term: Term | Node | str | None) -> tuple:
    """Unbound first, then numbers by value, then text with its digit runs as numbers."""
    if term is None:
        return (0,)
    if not isinstance(term, str) or type(term) is not str:  # a term, not text
        value = plain(cast("Term | Node", term))
        number = _NUMBERS.get(value.datatype or "") if value.kind == "literal" else None
        if number is not None:
            try:
                return (1, number(value.value))
            except (ValueError, ArithmeticError):
                pass  # an ill-typed literal sorts as text
        term = value.value
    return _text_key(term)


@lru_cache(maxsize=4096)
def _text_key(text: str) -> tuple:
    """The key of a text, remembered: a server sorts the same identifiers again and again."""
    parts = _DIGITS.split(text)
    return (2, tuple((1, int(p), "") if p.isdigit() else (0, 0, p) for p in parts if p))


def natural(result: QueryResult, keys: Sequence[tuple[str, bool]]) -> QueryResult:
    """``result`` with its rows sorted by ``keys`` in natural order (a stable sort, so rows
    equal on every key keep the engine's order), in the terms the answer has."""
    if result.kind != "SELECT" or not keys:
        return result
    cells = result.cells()
    order = list(range(len(cells)))
    for name, descending in reversed(keys):
        if name not in result.variables:
            continue
        index = result.variables.index(name)
        order.sort(key=lambda row: natural_key(cells[row][index]), reverse=descending)
    return result.reordered(order)
