"""The site's triple indexes answer as rdflib's graph does, in the same order.

The expected answers come from rdflib's own ``Graph`` over the same triples (the reference the
indexes replace), or are written out from the fixture text below.
"""

from __future__ import annotations

import pytest
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from mhgraph.publish.triples import Triples

EX = Namespace("https://example.org/")
DATA = """
@prefix ex: <https://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
ex:a a ex:Thing ; ex:name "a"@nl, "a"@en ; ex:part ex:b, ex:c ;
     ex:role [ ex:agent ex:b ; ex:kind [ ex:label "deep" ] ] .
ex:b a ex:Thing ; ex:part ex:c ; ex:name "b" .
ex:c ex:count 3 .
ex:r a rdf:Statement ; rdf:subject ex:a ; rdf:predicate ex:part ; rdf:object ex:b ;
     ex:said ex:b .
"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(data=DATA, format="turtle")


@pytest.fixture(scope="module")
def triples(graph: Graph) -> Triples:
    return Triples(graph)


PATTERNS = [
    (EX.a, None, None),
    (EX.a, EX.part, None),
    (None, EX.part, EX.c),
    (None, EX.part, None),
    (None, None, EX.c),
    (EX.a, None, EX.b),
    (EX.c, None, EX.a),
    (EX.a, EX.part, EX.b),
    (EX.nothing, None, None),
    (None, EX.nothing, None),
]


@pytest.mark.parametrize("pattern", PATTERNS, ids=str)
def test_each_pattern_answers_as_rdflib_in_its_order(graph, pattern):
    # A graph and the indexes, filled in the same order, answer in the same order.
    sequence = list(graph)
    ordered = Graph()
    for triple in sequence:
        ordered.add(triple)
    assert list(Triples(sequence).triples(pattern)) == list(ordered.triples(pattern))


def test_what_links_two_nodes_comes_in_the_subjects_order_of_predicates():
    # Two predicates between d and e, the second stated first: rdflib answers in the order
    # the subject's predicates were first stated.
    sequence = [(EX.d, EX.first, EX.f), (EX.d, EX.later, EX.e), (EX.d, EX.first, EX.e)]
    ordered = Graph()
    for triple in sequence:
        ordered.add(triple)
    pattern = (EX.d, None, EX.e)
    assert list(Triples(sequence).triples(pattern)) == list(ordered.triples(pattern))


def test_the_reading_methods(graph, triples):
    assert len(triples) == len(graph)
    assert set(triples) == set(graph)
    assert (EX.a, EX.part, EX.b) in triples
    assert (EX.a, EX.part, EX.a) not in triples
    assert (EX.c, None, None) in triples
    assert (None, EX.part, EX.a) not in triples
    assert sorted(triples.objects(EX.a, EX.part)) == [EX.b, EX.c]
    assert sorted(triples.subjects(EX.part, EX.c)) == [EX.a, EX.b]
    assert sorted(triples.subjects(RDF.type, EX.Thing)) == [EX.a, EX.b]
    assert triples.value(EX.c, EX["count"]) == Literal(3)
    assert triples.value(EX.c, EX.name) is None
    assert set(triples.predicate_objects(EX.b)) == {
        (RDF.type, EX.Thing),
        (EX.part, EX.c),
        (EX.name, Literal("b")),
    }
    assert set(triples.subject_predicates(EX.c)) == {(EX.a, EX.part), (EX.b, EX.part)}


def test_a_triple_stated_twice_is_held_once(graph):
    twice = Triples(graph, graph, [(EX.c, EX["count"], Literal(3))])
    assert len(twice) == len(graph)


def test_the_concise_bounded_description_is_rdflibs(graph, triples):
    for resource in (EX.a, EX.b, EX.c, EX.nothing):
        assert isomorphic(triples.cbd(resource), graph.cbd(resource)), resource
    # Through the blank nodes two levels down, and the reification of ex:a ex:part ex:b.
    described = triples.cbd(EX.a)
    assert Literal("deep") in set(described.objects())
    assert (EX.r, EX.said, EX.b) in described
    assert not any(isinstance(s, BNode) and (s, EX.part, None) in described for s in described)


def test_select_answers_with_rdflib_terms(triples):
    rows = triples.select(
        "PREFIX ex: <https://example.org/> "
        "SELECT ?thing ?name WHERE { ?thing a ex:Thing OPTIONAL { ?thing ex:name ?name "
        "FILTER(lang(?name) = '') } } ORDER BY ?thing"
    )
    assert rows == [{"thing": EX.a}, {"thing": EX.b, "name": Literal("b")}]
    counted = triples.select(
        "PREFIX ex: <https://example.org/> SELECT (COUNT(*) AS ?n) WHERE { ?s ex:part ?o }"
    )
    assert int(counted[0]["n"]) == 3
    assert URIRef("https://example.org/a") == rows[0]["thing"]
