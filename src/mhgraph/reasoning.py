"""Entailment: the OWL RL (or RDFS) closure of the asserted graph, kept apart from it.

owlrl materialises everything the rules allow, including the axiomatic triples of the W3C
vocabularies and tautologies such as ``x owl:sameAs x``. Those say nothing about the
programme and would drown the triples a researcher cares about, so :func:`infer` keeps
only entailments whose subject is a project or data resource and drops the tautologies.

Functional properties are constraints here, not rules: a second ``mh:status`` would make
OWL RL declare the two status concepts the same individual, and every activity with either
status would then seem to have two. :mod:`mhgraph.asserted` checks them on the asserted
triples instead, and the closure is computed as if they were ordinary properties. For data
that keeps to them this changes nothing: one value per subject entails no equality.

Nor does the closure a user sees say anything about anonymous class expressions (a blank
node with ``owl:unionOf`` …): ``x rdf:type _:union`` is true, but it is how the reasoner got
to ``x rdf:type mh:Organisation``, not a fact anyone asks ``?x a ?class`` for, and JSON-LD
has no way to write a blank node as a type. Reasoning still uses them; only the result
leaves them out.
"""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal
from rdflib.namespace import Namespace

from .asserted import is_ill_typed
from .engines.base import Inference

W3C_VOCABULARIES = tuple(
    str(ns) for ns in (RDF, RDFS, OWL, XSD, Namespace("http://www.w3.org/2004/02/skos/core#"))
)
#: Property kinds that are checked (:mod:`mhgraph.asserted`), not used for entailment.
CHECKED_NOT_ENTAILED = {OWL.FunctionalProperty, OWL.InverseFunctionalProperty}
#: Properties whose blank-node subject is a class (or datatype) expression, not a thing.
CLASS_EXPRESSION_PROPERTIES = tuple(
    OWL[name]
    for name in (
        "unionOf",
        "intersectionOf",
        "complementOf",
        "oneOf",
        "onProperty",
        "onDatatype",
        "withRestrictions",
        "datatypeComplementOf",
    )
)
#: Types that make a blank node a class (or datatype) expression.
CLASS_EXPRESSION_TYPES = (OWL.Class, RDFS.Class, OWL.Restriction, RDFS.Datatype)
REFLEXIVE_TAUTOLOGIES = {
    OWL.sameAs,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    RDFS.subClassOf,
    RDFS.subPropertyOf,
}


def infer(asserted: Graph, mode: Inference = "owlrl") -> Graph:
    """Return only the triples that ``mode`` entails beyond ``asserted``."""
    if mode == "none":
        return Graph()
    import owlrl  # slow to import; `mhgraph validate --engine fast` never needs it

    semantics = {"rdfs": owlrl.RDFS_Semantics, "owlrl": owlrl.OWLRL_Semantics}[mode]
    closure = Graph()
    closure += (t for t in asserted if not _is_checked_declaration(t) and not _is_ill_typed(t))
    owlrl.DeductiveClosure(semantics, axiomatic_triples=False, datatype_axioms=False).expand(
        closure
    )
    anonymous = anonymous_classes(asserted)
    inferred = Graph()
    for triple in closure:
        if triple not in asserted and _is_informative(triple, anonymous):
            inferred.add(triple)
    return inferred


def _is_ill_typed(triple: tuple) -> bool:
    """A literal that is no value of its datatype means nothing to reason with, and owlrl
    fails on some ("1,6"^^xsd:decimal); :mod:`mhgraph.asserted` reports it instead."""
    obj = triple[2]
    return isinstance(obj, Literal) and obj.datatype is not None and is_ill_typed(obj)


def _is_checked_declaration(triple: tuple) -> bool:
    _subject, predicate, obj = triple
    return predicate == RDF.type and obj in CHECKED_NOT_ENTAILED


def anonymous_classes(asserted: Graph) -> set[BNode]:
    """The blank nodes that ``asserted`` makes class or datatype expressions."""
    found = {
        node
        for prop in CLASS_EXPRESSION_PROPERTIES
        for node in asserted.subjects(prop, None)
        if isinstance(node, BNode)
    }
    for cls in CLASS_EXPRESSION_TYPES:
        found.update(node for node in asserted.subjects(RDF.type, cls) if isinstance(node, BNode))
    return found


def _is_informative(triple: tuple, anonymous: set[BNode]) -> bool:
    subject, predicate, obj = triple
    if subject in anonymous or obj in anonymous:
        return False
    if isinstance(subject, Literal) or str(subject).startswith(W3C_VOCABULARIES):
        return False
    if predicate in REFLEXIVE_TAUTOLOGIES and subject == obj:
        return False
    if predicate == RDF.type and obj in (OWL.Thing, RDFS.Resource):
        return False
    return not (predicate == RDFS.subClassOf and obj in (OWL.Thing, RDFS.Resource))
