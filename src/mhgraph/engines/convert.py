"""Terms between pyoxigraph, rdflib and plain :class:`~mhgraph.values.Term` values, for the
places the engines meet.

The fast engine keeps its triples in Oxigraph; findings and the lazily built rdflib views of
a :class:`~mhgraph.graph.KnowledgeGraph` are rdflib terms, as everywhere else, and query
answers are plain terms until someone asks for rdflib's. rdflib is imported by the functions
that make its terms, not by this module, so a query's answer is printed without it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..values import Term

if TYPE_CHECKING:
    from rdflib.term import Node

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
#: Datatypes whose lexical form, as Oxigraph gives it, rdflib keeps unchanged.
_KEPT_BY_RDFLIB = frozenset(
    _XSD + name
    for name in [
        "string",
        "integer",
        "decimal",
        "boolean",
        "gYear",
        "gYearMonth",
        "gMonthDay",
        "gMonth",
        "gDay",
        "duration",
        "anyURI",
        "hexBinary",
        "base64Binary",
        "normalizedString",
        "token",
        "language",
    ]
)
#: Dates and times without fractions or a time zone, which rdflib also keeps unchanged; with
#: them it rewrites the form (``Z`` as ``+00:00``, drops a date's zone), and so do doubles.
_PLAIN_TEMPORAL = {
    _XSD + "date": re.compile(r"-?\d{4,}-\d\d-\d\d"),
    _XSD + "dateTime": re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d"),
    _XSD + "time": re.compile(r"\d\d:\d\d:\d\d"),
}


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Node | None:
    """The rdflib term for an Oxigraph one (None, an unbound variable, stays None)."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"no rdflib term for {term!r}")


def to_plain(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Term | None:
    """The plain term for an Oxigraph one, exactly as :func:`to_rdflib` would give it.

    rdflib rewrites the lexical form of a few literals (doubles, dates with a time zone, times
    with fractions) when it makes one; those are read through rdflib, so that both engines
    print the same answer. All others are read directly, without importing rdflib.
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Term("literal", term.value, language=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Term("literal", term.value)
        temporal = _PLAIN_TEMPORAL.get(datatype)
        kept = temporal.fullmatch(term.value) if temporal else datatype in _KEPT_BY_RDFLIB
        if kept or not datatype.startswith((_XSD, "http://www.w3.org/1999/02/22-rdf-syntax-ns#")):
            return Term("literal", term.value, datatype=datatype)
        rewritten = to_rdflib(term)
        assert rewritten is not None
        return Term.from_rdflib(rewritten)
    raise TypeError(f"no plain term for {term!r}")


def to_rdflib_node(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """The rdflib term for a term of a triple, which is never unbound."""
    node = to_rdflib(term)
    if node is None:
        raise TypeError("a triple holds no unbound term")
    return node


def to_rdflib_triple(triple: ox.Quad | ox.Triple) -> tuple[Node, Node, Node]:
    """The rdflib triple for an Oxigraph triple (or the triple of a quad)."""
    return (
        to_rdflib_node(triple.subject),
        to_rdflib_node(triple.predicate),
        to_rdflib_node(triple.object),
    )


def to_oxigraph_subject(term: Node) -> ox.NamedNode | ox.BlankNode:
    """An IRI or blank node, where Oxigraph allows no literal (subjects, graph names)."""
    from rdflib import BNode, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"{term!r} cannot be a subject")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"no Oxigraph term for {term!r}")
