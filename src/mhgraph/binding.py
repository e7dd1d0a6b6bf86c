"""Binding a stored query's parameters for a server that only takes query text.

The embedded engine binds parameters as RDF terms; over the protocol the same must hold,
so the values go into a ``VALUES`` block at the start of the query's outermost WHERE group,
each one written as one escaped token. The query text itself is never searched
and replaced: a small lexer finds the group while skipping strings, IRIs and comments, so
a value such as ``"} UNION {"`` stays a string.
"""

from __future__ import annotations

from .errors import ParameterError
from .query_text import tokens
from .values import Bindings, plain


def values_block(bindings: Bindings) -> str:
    """``VALUES (?a ?b) { (<x> "y") }`` for the bound parameters, in a stable order."""
    variables = sorted(bindings, key=str)
    terms = []
    for variable in variables:
        try:
            terms.append(plain(bindings[variable]).n3())
        except ValueError:  # an IRI that cannot be written as one token
            raise ParameterError(
                f"parameter ?{variable}: {bindings[variable]!r} cannot be written as an RDF term"
            ) from None
    names = " ".join(f"?{variable}" for variable in variables)
    return f"VALUES ({names}) {{ ({' '.join(terms)}) }}"


def bind_values(text: str, bindings: Bindings) -> str:
    """``text`` with ``bindings`` as a VALUES block inside its outermost WHERE group.

    A short-form ``CONSTRUCT WHERE { … }`` allows only triples in its group, and a DESCRIBE
    may have no group at all: there the block becomes the query's trailing VALUES clause,
    which is joined with the pattern before the template or description is made.
    """
    if not bindings:
        return text
    block = values_block(bindings)
    position = where_group_start(text)
    if position is None:
        return f"{text.rstrip()}\n{block}\n"
    return f"{text[:position]} {block}{text[position:]}"


def where_group_start(text: str) -> int | None:
    """Where the outermost WHERE group's ``{`` ends, if that group may hold a VALUES block."""
    depth = 0
    where_seen = False
    construct = False
    groups_before_where = 0
    for match in tokens(text):
        kind = match.lastgroup
        if kind == "word" and depth == 0:
            word = match.group().upper()
            if word == "CONSTRUCT":
                construct = True
            elif word == "WHERE":
                if construct and groups_before_where == 0:
                    return None  # CONSTRUCT WHERE { triples only }
                where_seen = True
        elif kind == "open":
            if depth == 0:
                if where_seen or not construct or groups_before_where == 1:
                    return match.end()
                groups_before_where += 1
            depth += 1
        elif kind == "close":
            depth -= 1
    return None
