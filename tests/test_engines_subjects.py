"""Triples a subject at a time: each subject once, with every triple of the graphs asked for
and nothing from the others, each triple once."""

from __future__ import annotations

import json

import pyoxigraph as ox

from mhgraph import Project, load_graph
from mhgraph.engines.fast import INFERRED
from mhgraph.engines.subjects import by_subject, grouped, triples_of

EX = "http://example.org/"
A, B, C, P, Q = (ox.NamedNode(EX + name) for name in ("a", "b", "c", "p", "q"))
G1, G2, OTHER = (ox.NamedNode(EX + name) for name in ("g1", "g2", "other"))
ONE = ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


def _store() -> ox.Store:
    """``a`` spread over two graphs (one triple in both), ``c`` in a graph not asked for."""
    store = ox.Store()
    for quad in (
        ox.Quad(A, P, B, G1),
        ox.Quad(B, P, ONE, G1),
        ox.Quad(C, P, A, OTHER),
        ox.Quad(A, Q, C, G2),
        ox.Quad(A, P, B, G2),
        ox.Quad(C, Q, C),
    ):
        store.add(quad)
    return store


def _as_sets(groups) -> dict:
    groups = list(groups)
    subjects = [subject for subject, _ in groups]
    assert len(subjects) == len(set(subjects)), "a subject came twice"
    for _, pairs in groups:
        assert len(pairs) == len(set(pairs)), "a triple came twice"
    return {subject: set(pairs) for subject, pairs in groups}


def test_a_subject_comes_once_with_its_triples_of_the_graphs_asked_for():
    assert _as_sets(by_subject(_store(), [G1, G2])) == {A: {(P, B), (Q, C)}, B: {(P, ONE)}}
    assert _as_sets(by_subject(_store(), [G2])) == {A: {(Q, C), (P, B)}}
    assert _as_sets(by_subject(_store(), [OTHER])) == {C: {(P, A)}}


def test_without_graphs_every_graph_counts_the_default_one_too():
    assert _as_sets(by_subject(_store())) == {
        A: {(P, B), (Q, C)},
        B: {(P, ONE)},
        C: {(P, A), (Q, C)},
    }


def test_triples_in_any_order_come_grouped_in_the_order_their_subjects_first_come():
    triples = [ox.Triple(B, P, A), ox.Triple(A, P, B), ox.Triple(B, Q, C), ox.Triple(B, P, A)]
    assert list(grouped(triples)) == [(B, [(P, A), (Q, C)]), (A, [(P, B)])]
    quads = [ox.Quad(A, P, B, G1), ox.Quad(A, P, B, G2)]  # graph names do not count
    assert list(triples_of(grouped(quads))) == [ox.Triple(A, P, B)]


def _runs(quads) -> list:
    """The subjects of ``quads`` as they come, once per run of triples about the same one."""
    runs: list = []
    for quad in quads:
        if not runs or runs[-1] != quad.subject:
            runs.append(quad.subject)
    return runs


def test_the_fast_engine_writes_each_subject_in_one_block(real_project: Project):
    """The closure adds to a subject rule by rule, so the store holds its triples apart;
    the exports still give each subject one Turtle block and one JSON-LD node object."""
    kg = load_graph(real_project, engine="fast")
    in_store = _runs(kg.store.store.quads_for_pattern(None, None, None, INFERRED))
    assert len(in_store) > 2 * len(set(in_store))  # what the grouping is for
    for part in ("asserted", "inferred"):
        blocks = _runs(ox.parse(input=kg.serialize(part, "ttl"), format=ox.RdfFormat.TURTLE))
        assert len(blocks) == len(set(blocks)), part
        nodes = json.loads(kg.serialize(part, "jsonld"))["@graph"]
        ids = [node["@id"] for node in nodes]
        assert len(ids) == len(set(ids)) == len(blocks), part
