"""Stored and ad-hoc queries on a real store give the embedded engine's answers.

The whole catalogue runs both ways, on Oxigraph and on Virtuoso, and the answers are
compared as sets of rows. Servers store literals in canonical form, so "13.0"^^xsd:decimal
comes back as "13" and language tags come back in lower case; that is the one difference
the comparison forgives (:func:`comparable`), and only for those two cases. Virtuoso's
departures from SPARQL 1.1 (docs/remote-stores.md) are not forgiven: a stored query must
avoid them, so that it answers alike everywhere.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic
from rdflib.term import Node

from graphs import concatenated
from mhgraph import Catalogue, KnowledgeGraph, Project, load_graph
from mhgraph.errors import QueryError
from mhgraph.namespaces import BASE_IRI
from mhgraph.remote import HttpStore, push, run_sparql, run_stored, run_text
from mhgraph.results import QueryResult
from mhgraph.sparql import execute

REPO = Path(__file__).parent.parent

_NUMERIC = {XSD.decimal, XSD.integer, XSD.double, XSD.float}


def comparable(term: Node | None) -> object:
    """A term as both engines must agree on it: numbers by value, language tags in any case."""
    if isinstance(term, BNode):
        return None
    if isinstance(term, Literal):
        if term.datatype in _NUMERIC:
            return ("number", Decimal(str(term)), term.datatype)
        return ("literal", str(term), term.datatype, (term.language or "").lower())
    return term


def answers(result: QueryResult, lists: frozenset[str] = frozenset()) -> object:
    """Comparable answers; the ``lists`` columns are GROUP_CONCATs, whose order SPARQL leaves
    to the engine, so their items are compared as a set (an empty list is "" to one engine and
    unbound to another)."""
    if result.kind == "ASK":
        return result.boolean
    if result.graph is not None:
        return to_isomorphic(result.graph)
    return {
        tuple(
            frozenset(str(t or "").split()) if name in lists else comparable(t)
            for name, t in zip(result.variables, row, strict=True)
        )
        for row in result.rows
    }


CATALOGUE = Catalogue.load(REPO / "queries")


@pytest.fixture(scope="module")
def embedded_answers(real_graph: KnowledgeGraph) -> dict[str, QueryResult]:
    """Each stored query's answer from the embedded engine, computed once for both servers."""
    return {
        stored.name: execute(real_graph.graph, stored.text, stored.bindings(), source=stored.name)
        for stored in CATALOGUE
    }


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def real_store(request: pytest.FixtureRequest, real_graph: KnowledgeGraph) -> HttpStore:
    """The real graph pushed into each server; Virtuoso's tests skip where it is missing."""
    server = request.getfixturevalue(f"{request.param}_server")
    store = HttpStore(server.settings(graph=BASE_IRI + "graph/test-query-real"))
    push(store, real_graph.graph, store.settings.graph)
    return store


@pytest.fixture(scope="module")
def fixture_graph(fixture_project: Project) -> KnowledgeGraph:
    return load_graph(fixture_project)


@pytest.fixture(scope="module")
def fixture_store(oxigraph_server, fixture_graph: KnowledgeGraph) -> HttpStore:
    store = HttpStore(oxigraph_server.settings(graph=BASE_IRI + "graph/test-query-fixture"))
    push(store, fixture_graph.graph, store.settings.graph)
    return store


def test_the_catalogue_is_there_to_compare() -> None:
    assert len(CATALOGUE) > 0


@pytest.mark.parametrize("stored", list(CATALOGUE), ids=lambda stored: stored.name)
def test_a_stored_query_answers_alike_embedded_and_remote(
    stored, embedded_answers: dict[str, QueryResult], real_store: HttpStore
) -> None:
    local = embedded_answers[stored.name]
    remote = run_stored(real_store, stored, stored.bindings())
    assert (remote.kind, remote.variables) == (local.kind, local.variables)
    lists = concatenated(stored.text)
    assert answers(remote, lists) == answers(local, lists)


def test_the_fixture_catalogue_answers_alike_and_not_trivially(
    fixture_project: Project, fixture_graph: KnowledgeGraph, fixture_store: HttpStore
) -> None:
    non_empty = 0
    for stored in Catalogue.load(fixture_project.queries_dir):
        local = execute(fixture_graph.graph, stored.text, stored.bindings())
        remote = run_stored(fixture_store, stored, stored.bindings())
        assert answers(remote) == answers(local), stored.name
        non_empty += bool(local.rows)
    assert non_empty == 3


def test_terms_keep_their_datatypes_and_language_tags(fixture_store: HttpStore) -> None:
    result = run_sparql(
        fixture_store,
        "SELECT ?label ?id WHERE { activiteit:1.1 skos:prefLabel ?label ; "
        "dcterms:identifier ?id FILTER(LANG(?label) = 'en') }",
    )
    assert result.rows == [(Literal("Police training", lang="en"), Literal("1.1"))]


def test_columns_follow_the_projection_not_the_servers_order(fixture_store: HttpStore) -> None:
    result = run_sparql(fixture_store, "SELECT ?z ?a WHERE { BIND(1 AS ?a) BIND(2 AS ?z) }")
    assert result.variables == ["z", "a"]
    assert result.rows == [(Literal(2), Literal(1))]


def test_ask_and_construct_answers(fixture_store: HttpStore, fixture_graph) -> None:
    assert run_sparql(fixture_store, "ASK { activiteit:1.1 a mh:Activity }").boolean is True
    assert run_sparql(fixture_store, "ASK { activiteit:9 a mh:Activity }").boolean is False
    constructed = run_sparql(fixture_store, "CONSTRUCT WHERE { ?s mh:partOfResult ?o }")
    expected = Graph()
    for triple in fixture_graph.graph.triples((None, URIRef(BASE_IRI + "def/partOfResult"), None)):
        expected.add(triple)
    assert to_isomorphic(constructed.graph) == to_isomorphic(expected)


def test_a_stored_parameter_is_bound_as_a_term(
    fixture_project: Project, fixture_store: HttpStore
) -> None:
    stored = Catalogue.load(fixture_project.queries_dir).get("activities-of-result")
    result = run_stored(fixture_store, stored, stored.bindings({"result": "resultaat:1"}))
    assert {row[0] for row in result.rows} == {
        URIRef(BASE_IRI + "id/activiteit/1.1"),
        URIRef(BASE_IRI + "id/activiteit/1.2"),
    }


@pytest.mark.parametrize(
    "value",
    [
        'Factsheet "zorg" } UNION {',
        '" } UNION { ?activity ?p ?label } #',
        "} UNION { ?activity ?p ?label }",
        '"""',
        "\\",
        "x'} UNION {'",
    ],
)
def test_a_hostile_value_cannot_change_the_query(
    fixture_project: Project, fixture_store: HttpStore, fixture_graph, value: str
) -> None:
    stored = Catalogue.load(fixture_project.queries_dir).get("activities-by-label")
    bindings = stored.bindings({"label": value})
    remote = run_stored(fixture_store, stored, bindings)
    local = execute(fixture_graph.graph, stored.text, bindings)
    assert answers(remote) == answers(local)
    labelled = {str(label) for label in fixture_graph.graph.objects(None, _PREF_LABEL)}
    assert len(remote.rows) == (1 if value in labelled else 0)


_PREF_LABEL = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")


def test_a_query_that_would_leave_the_graph_is_refused_before_sending(
    fixture_store: HttpStore,
) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        run_sparql(fixture_store, "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="syntax"):
        run_text(fixture_store, "SELECT * WHERE { ?s ?p }")


def test_the_default_graph_reads_what_is_outside_named_graphs(oxigraph_server) -> None:
    store = HttpStore(oxigraph_server.settings(graph=None))
    store.update("INSERT DATA { <urn:test:default> <urn:test:p> 1 }")
    try:
        result = run_text(store, "SELECT ?o WHERE { <urn:test:default> <urn:test:p> ?o }")
    finally:
        store.update("DELETE DATA { <urn:test:default> <urn:test:p> 1 }")
    assert result.rows == [(Literal(1),)]
    named = HttpStore(oxigraph_server.settings(graph=BASE_IRI + "graph/test-query-fixture"))
    assert run_text(named, "ASK { <urn:test:default> ?p ?o }").boolean is False
