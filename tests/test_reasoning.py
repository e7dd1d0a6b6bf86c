"""The closure keeps what the ontology entails about the data and drops owlrl's bookkeeping."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef

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


UNION = """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Organisation a owl:Class .
ex:Person a owl:Class .
ex:Party a owl:Class .
ex:Ministry rdfs:subClassOf ex:Organisation .
_:either a owl:Class ; owl:unionOf ( ex:Organisation ex:Person ) ; rdfs:subClassOf ex:Party .
ex:involves rdfs:range _:either .
ex:amount rdfs:range [ a rdfs:Datatype ; owl:unionOf ( xsd:decimal xsd:integer ) ] .
ex:jenv a ex:Ministry .
ex:a1 ex:involves ex:ngo ; ex:amount 3 .
"""


def closure_of(engine: str) -> tuple[Graph, Graph]:
    """(asserted, inferred) of UNION with the engine's own reasoner."""
    asserted = Graph().parse(data=UNION, format="turtle")
    if engine == "reference":
        return asserted, infer(asserted, "owlrl")
    pytest.importorskip("pyoxigraph", reason="the fast engine is not installed")
    import pyoxigraph as ox

    from mhgraph.engines import closure
    from mhgraph.engines.convert import to_oxigraph, to_rdflib

    store, source = ox.Store(), ox.NamedNode("urn:test:asserted")
    store.extend(ox.Quad(*map(to_oxigraph, triple), source) for triple in asserted)
    target = ox.NamedNode("urn:test:inferred")
    assert closure.close(store, [source], target)
    inferred = Graph()
    for quad in store.quads_for_pattern(None, None, None, target):
        inferred.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return asserted, inferred


@pytest.mark.parametrize("engine", ["reference", "fast"])
def test_the_closure_says_nothing_about_anonymous_classes(engine):
    asserted, inferred = closure_of(engine)
    either = asserted.value(predicate=RDFS.subClassOf, object=ex("Party"))
    assert isinstance(either, BNode)
    about = [t for t in inferred if isinstance(t[0], BNode) or isinstance(t[2], BNode)]
    assert about == []
    assert (ex("ngo"), RDF.type, either) not in inferred
    assert (ex("involves"), RDFS.range, either) not in inferred


@pytest.mark.parametrize("engine", ["reference", "fast"])
def test_reasoning_still_goes_through_anonymous_classes(engine):
    _, inferred = closure_of(engine)
    # involves has the union as range, and the union is a subclass of Party
    assert (ex("ngo"), RDF.type, ex("Party")) in inferred
    assert (ex("involves"), RDFS.range, ex("Party")) in inferred
    assert (ex("jenv"), RDF.type, ex("Organisation")) in inferred
    assert (ex("Organisation"), RDFS.subClassOf, ex("Party")) in inferred


#: Statements the rules entail that the files already state, some in another file than
#: the statement that entails them.
STATED_TWICE = (
    """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Ministry rdfs:subClassOf ex:Organisation .
ex:Organisation rdfs:subClassOf ex:Party .
ex:Ministry rdfs:subClassOf ex:Party .
ex:hasPart owl:inverseOf ex:partOf ; rdfs:domain ex:Whole ; rdfs:range ex:Piece .
ex:partOf a owl:TransitiveProperty .
ex:partners a owl:SymmetricProperty ; rdfs:domain ex:Party .
""",
    """
@prefix ex: <http://example.org/> .
ex:al1 ex:hasPart ex:r1 .
ex:r1 ex:partOf ex:al1 ; ex:hasPart ex:a1 .
ex:a1 ex:partOf ex:r1 , ex:al1 .
ex:jenv a ex:Ministry , ex:Organisation ; ex:partners ex:bz .
ex:bz ex:partners ex:jenv .
""",
    """
@prefix ex: <http://example.org/> .
ex:al1 a ex:Whole .
ex:a1 a ex:Piece .
ex:bz a ex:Party .
""",
)


@pytest.mark.parametrize("engine", ["reference", "fast"])
def test_what_a_file_states_is_not_inferred_again(engine):
    asserted = Graph()
    for text in STATED_TWICE:
        asserted.parse(data=text, format="turtle")
    if engine == "reference":
        inferred = infer(asserted, "owlrl")
    else:
        pytest.importorskip("pyoxigraph", reason="the fast engine is not installed")
        import pyoxigraph as ox

        from mhgraph.engines import closure
        from mhgraph.engines.convert import to_oxigraph, to_rdflib

        store, files = ox.Store(), []
        for number, text in enumerate(STATED_TWICE):
            files.append(ox.NamedNode(f"urn:test:file-{number}"))
            store.extend(
                ox.Quad(*map(to_oxigraph, triple), files[-1])
                for triple in Graph().parse(data=text, format="turtle")
            )
        target = ox.NamedNode("urn:test:inferred")
        assert closure.close(store, files, target)
        inferred = Graph()
        for quad in store.quads_for_pattern(None, None, None, target):
            inferred.add(tuple(map(to_rdflib, (quad.subject, quad.predicate, quad.object))))
    assert [triple for triple in inferred if triple in asserted] == []
    # what is left to infer, read off the statements above
    assert {
        (ex("al1"), ex("hasPart"), ex("a1")),
        (ex("r1"), RDF.type, ex("Whole")),
        (ex("r1"), RDF.type, ex("Piece")),
        (ex("jenv"), RDF.type, ex("Party")),
    } <= set(inferred)
