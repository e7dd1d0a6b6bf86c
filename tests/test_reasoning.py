"""The closure keeps what the ontology entails about the data and drops owlrl's bookkeeping."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from mhgraph.reasoning import infer

DATA = """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Ministry rdfs:subClassOf ex:Organisation .
ex:partOf a owl:TransitiveProperty .
ex:funder rdfs:subPropertyOf ex:involves .
ex:involves owl:inverseOf ex:involvedIn .
ex:jenv a ex:Ministry .
ex:a1 ex:partOf ex:r1 ; ex:funder ex:jenv .
ex:r1 ex:partOf ex:al1 .
"""
EX = "http://example.org/"


def ex(name: str) -> URIRef:
    return URIRef(EX + name)


def graph() -> Graph:
    return Graph().parse(data=DATA, format="turtle")


def test_owlrl_entails_class_hierarchy_transitivity_subproperty_and_inverse():
    inferred = infer(graph(), "owlrl")
    assert (ex("jenv"), RDF.type, ex("Organisation")) in inferred
    assert (ex("a1"), ex("partOf"), ex("al1")) in inferred
    assert (ex("a1"), ex("involves"), ex("jenv")) in inferred
    assert (ex("jenv"), ex("involvedIn"), ex("a1")) in inferred


def test_inferred_excludes_asserted_and_tautologies():
    asserted = graph()
    inferred = infer(asserted, "owlrl")
    assert not set(inferred) & set(asserted)
    assert not list(inferred.triples((None, OWL.sameAs, None)))
    assert (ex("jenv"), RDF.type, OWL.Thing) not in inferred
    assert (ex("Ministry"), RDFS.subClassOf, ex("Ministry")) not in inferred
    assert not [s for s in inferred.subjects() if str(s).startswith(str(OWL))]


def test_rdfs_mode_has_no_owl_entailments():
    inferred = infer(graph(), "rdfs")
    assert (ex("jenv"), RDF.type, ex("Organisation")) in inferred
    assert (ex("a1"), ex("partOf"), ex("al1")) not in inferred


def test_none_mode_infers_nothing():
    assert len(infer(graph(), "none")) == 0
