"""A worker answers the same with Oxigraph as with rdflib, caps rows the same, and refuses
GRAPH (the endpoint serves one graph) the same way."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, Variable

from mhgraph import load_graph
from mhgraph.namespaces import PREFIXES
from mhgraph.serve.evaluation import Answer, Evaluator, Failure, Job
from mhgraph.serve.service import oxigraph_store

ACTIVITY = "https://w3id.org/mhgraph/id/activiteit/"


@pytest.fixture(scope="module")
def evaluators(serve_project):
    graph = load_graph(serve_project).graph
    store = oxigraph_store(graph)
    assert store is not None, "the fast engine is part of the test extra"
    return Evaluator(graph, 3, PREFIXES), Evaluator(graph, 3, PREFIXES, store)


def rows(answer: Answer | Failure) -> list[dict]:
    assert isinstance(answer, Answer), answer
    return json.loads(answer.body)["results"]["bindings"]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_parameter_is_bound_as_a_term(evaluators, engine):
    evaluator = evaluators[engine == "oxigraph"]
    job = Job(
        "SELECT ?label WHERE { ?a dcterms:identifier ?n ; skos:prefLabel ?label "
        'FILTER (LANG(?label) = "en") }',
        {Variable("n"): Literal("1.3")},
    )
    assert [row["label"]["value"] for row in rows(evaluator.answer(job))] == ["Information"]


def test_both_give_the_same_rows(evaluators):
    job = Job("SELECT ?a ?n WHERE { ?a a mh:Activity ; dcterms:identifier ?n } ORDER BY ?n")
    reference, oxigraph = (rows(e.answer(job)) for e in evaluators)
    assert reference == oxigraph
    assert [row["a"]["value"] for row in oxigraph] == [ACTIVITY + n for n in ("1.1", "1.2", "1.3")]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_the_row_cap_holds(evaluators, engine):
    answer = evaluators[engine == "oxigraph"].answer(Job("SELECT * { ?s ?p ?o }"))
    assert isinstance(answer, Failure) and answer.status == 400
    assert "more than 3 rows" in answer.message


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_graph_is_refused(evaluators, engine):
    answer = evaluators[engine == "oxigraph"].answer(Job("ASK { GRAPH ?g { ?s ?p ?o } }"))
    assert isinstance(answer, Failure) and answer.status == 400
    assert "GRAPH is not available" in answer.message
