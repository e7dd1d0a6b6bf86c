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
from mhgraph.serve.evaluation import Answer, Evaluator, Failure, Job, Whole
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


def awkward_store(rows: int):
    """Literals that TSV and JSON must escape, language tags, datatypes and blank nodes."""
    import pyoxigraph as ox

    store = ox.Store()
    values = [
        ox.Literal('a "quoted"\tvalue\nover lines, {braces} and ]}}'),
        ox.Literal("één", language="nl"),
        ox.Literal("12.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ox.BlankNode("b7"),
        ox.NamedNode("http://e.org/x?y=1&z=%3C2%3E#f"),
    ]
    for n in range(rows):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://e.org/s{n}"), ox.NamedNode("http://e.org/p"), values[n % 5]
            )
        )
    return store


def test_json_written_in_blocks_is_the_document_oxigraph_writes_whole(monkeypatch):
    import pyoxigraph as ox

    from mhgraph.serve import evaluation

    monkeypatch.setattr(evaluation, "_BLOCK", 1000)
    store = awkward_store(2000)
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"
    sink = Whole()
    assert Evaluator(None, 2000, {}, store).stream(Job(query), sink) is None
    assert len(sink.parts) > 5  # written block by block
    whole = store.query(query).serialize(format=ox.QueryResultsFormat.JSON)
    assert json.loads(b"".join(sink.parts)) == json.loads(whole)


def test_no_rows_is_an_empty_list_of_bindings():
    sink = Whole()
    job = Job("SELECT ?s WHERE { ?s <http://e.org/none> ?o }")
    assert Evaluator(None, 5, {}, awkward_store(3)).stream(job, sink) is None
    assert json.loads(b"".join(sink.parts)) == {
        "head": {"vars": ["s"]},
        "results": {"bindings": []},
    }


def test_the_row_cap_crossed_mid_stream_is_reported_after_the_blocks_before_it(monkeypatch):
    from mhgraph.serve import evaluation

    monkeypatch.setattr(evaluation, "_BLOCK", 1000)
    sink = Whole()
    failure = Evaluator(None, 1500, {}, awkward_store(2000)).stream(
        Job("SELECT * { ?s ?p ?o }"), sink
    )
    assert isinstance(failure, Failure) and "more than 1500 rows" in failure.message
    written = b"".join(sink.parts)
    assert written.startswith(b'{"head"')
    with pytest.raises(json.JSONDecodeError):
        json.loads(written)  # never a whole document
