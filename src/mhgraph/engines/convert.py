"""Terms between pyoxigraph and rdflib, for the few places the two engines meet.

The fast engine keeps its triples in Oxigraph; findings, query answers and the lazily built
rdflib views of a :class:`~mhgraph.graph.KnowledgeGraph` are rdflib terms, as everywhere else.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Node | None:
    """The rdflib term for an Oxigraph one (None, an unbound variable, stays None)."""
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


def to_rdflib_node(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """The rdflib term for a term of a triple, which is never unbound."""
    node = to_rdflib(term)
    if node is None:
        raise TypeError("a triple holds no unbound term")
    return node


def to_oxigraph_subject(term: Node) -> ox.NamedNode | ox.BlankNode:
    """An IRI or blank node, where Oxigraph allows no literal (subjects, graph names)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"{term!r} cannot be a subject")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
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
