"""A worker answers the same with Oxigraph as with rdflib: rows, the row cap, and the
dataset (the asserted and inferred named graphs, their union as default graph, or the
dataset a request chooses among them)."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, Variable

from mhgraph import load_graph
from mhgraph.iris import Rebase
from mhgraph.namespaces import PREFIXES
from mhgraph.serve.evaluation import Answer, Evaluator, Failure, Job
from mhgraph.serve.service import oxigraph_store, served_dataset

ACTIVITY = "https://w3id.org/mhgraph/id/activiteit/"
ASSERTED = "https://w3id.org/mhgraph/graph/asserted"
INFERRED = "https://w3id.org/mhgraph/graph/inferred"


@pytest.fixture(scope="module")
def evaluators(serve_project):
    graph = served_dataset(load_graph(serve_project), Rebase())
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


GRAPHS_OF_INVOLVES = (
    "SELECT DISTINCT ?g WHERE { { GRAPH ?g { ?a mh:funder ?o } } UNION "
    "{ GRAPH ?g { ?a mh:involves ?o } } } ORDER BY ?g"
)
COUNT_INVOLVES = "SELECT (COUNT(*) AS ?n) WHERE { ?a mh:involves ?o }"


@pytest.mark.parametrize(
    ("query", "defaults", "named"),
    [
        (GRAPHS_OF_INVOLVES, (), ()),
        (GRAPHS_OF_INVOLVES, (), (ASSERTED,)),
        (GRAPHS_OF_INVOLVES, (ASSERTED, INFERRED), ()),
        (COUNT_INVOLVES, (), ()),
        (COUNT_INVOLVES, (ASSERTED,), ()),
        (COUNT_INVOLVES, (INFERRED,), (ASSERTED,)),
        (COUNT_INVOLVES, (ASSERTED, INFERRED), ()),
        (COUNT_INVOLVES, (), (ASSERTED, INFERRED)),
    ],
    ids=[
        "graph-union",
        "graph-one-named",
        "graph-none-named",
        "count-union",
        "count-asserted",
        "count-inferred",
        "count-merge",
        "count-empty-default",
    ],
)
def test_both_answer_from_the_same_dataset(evaluators, query, defaults, named):
    job = Job(query, default_graphs=defaults, named_graphs=named)
    reference, oxigraph = (rows(e.answer(job)) for e in evaluators)
    assert reference == oxigraph


def test_graph_names_the_graph_a_triple_is_in(evaluators):
    """mh:funder is asserted, mh:involves only inferred (its sub-properties are asserted)."""
    answer = rows(evaluators[1].answer(Job(GRAPHS_OF_INVOLVES)))
    assert [row["g"]["value"] for row in answer] == [ASSERTED, INFERRED]
    counts = [
        int(rows(evaluators[1].answer(Job(COUNT_INVOLVES, default_graphs=chosen)))[0]["n"]["value"])
        for chosen in ((ASSERTED,), (INFERRED,), ())
    ]
    assert counts[0] == 0 and counts[1] == counts[2] > 0
