"""The SPARQL 1.1 Protocol endpoint over HTTP, with SPARQLWrapper as the client.

Every result format, every way a query can arrive, the service description, CORS, and each
limit: rows, time, request size, and a slow query that must not hold up a cheap one.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
from urllib.parse import quote, urlencode
from xml.dom.minidom import Document

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS, VOID
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from mhgraph.serve import Settings, serving

ACTIVITY = Namespace("https://w3id.org/mhgraph/id/activiteit/")
ACTIVITIES = {str(ACTIVITY["1.1"]), str(ACTIVITY["1.2"]), str(ACTIVITY["1.3"])}
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
#: The endpoint's public IRI, from the base IRI (the fixture project has no settings file).
PUBLIC_SERVICE = URIRef("https://w3id.org/mhgraph/sparql")
ASSERTED = URIRef("https://w3id.org/mhgraph/graph/asserted")
INFERRED = URIRef("https://w3id.org/mhgraph/graph/inferred")
MH = Namespace("https://w3id.org/mhgraph/def/")
JENV = URIRef("https://w3id.org/mhgraph/id/organisatie/ministerie-jenv")
SELECT_ACTIVITIES = "SELECT ?activity WHERE { ?activity a mh:Activity }"
CONSTRUCT_LABELS = (
    "CONSTRUCT { ?a skos:prefLabel ?label } WHERE { ?a a mh:Activity ; skos:prefLabel ?label }"
)
TIME_LIMIT = 2.0
MAX_ROWS = 20
MAX_BODY = 8192
#: Five copies of every triple joined: far more work than any time limit allows.
CROSS_PRODUCT = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
)


@pytest.fixture(scope="module")
def served(serve_project, tmp_path_factory):
    settings = Settings(
        time_limit=TIME_LIMIT, max_rows=MAX_ROWS, max_body=MAX_BODY, workers=2, threads=6
    )
    site = tmp_path_factory.mktemp("site")
    with serving(serve_project, settings, site_dir=site) as served:
        yield served


@pytest.fixture(scope="module")
def application(served):
    return served[0]


@pytest.fixture(scope="module")
def url(served):
    return served[1]


@pytest.fixture
def endpoint(url):
    return url + "sparql"


def client(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    return wrapper


def test_select_as_sparql_json(endpoint):
    answer = client(endpoint, SELECT_ACTIVITIES, JSON).query().convert()
    assert answer["head"]["vars"] == ["activity"]
    found = {b["activity"]["value"] for b in answer["results"]["bindings"]}
    assert found == ACTIVITIES


def test_select_as_sparql_xml(endpoint):
    document = client(endpoint, SELECT_ACTIVITIES, XML).query().convert()
    assert isinstance(document, Document)
    found = {node.firstChild.data for node in document.getElementsByTagName("uri")}
    assert found == ACTIVITIES


def test_select_as_csv(endpoint):
    data = client(endpoint, SELECT_ACTIVITIES, CSV).query().convert()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert rows[0] == ["activity"]
    assert {row[0] for row in rows[1:]} == ACTIVITIES


def test_select_as_tsv(endpoint):
    data = client(endpoint, SELECT_ACTIVITIES, TSV).query().convert()
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == "?activity"
    assert set(lines[1:]) == {f"<{iri}>" for iri in ACTIVITIES}


def test_ask(endpoint):
    answer = client(endpoint, "ASK { activiteit:1.1 mh:involves ?who }", JSON).query().convert()
    assert answer["boolean"] is True  # only through the inferred sub-property of mh:funder


@pytest.mark.parametrize(
    "method, request_method",
    [(POST, "urlencoded"), (POST, POSTDIRECTLY)],
    ids=["post-form", "post-sparql-query-body"],
)
def test_post(endpoint, method, request_method):
    wrapper = client(endpoint, SELECT_ACTIVITIES, JSON)
    wrapper.setMethod(method)
    wrapper.setRequestMethod(request_method)
    answer = wrapper.query().convert()
    assert {b["activity"]["value"] for b in answer["results"]["bindings"]} == ACTIVITIES


def expected_labels(serve_project) -> Graph:
    """The labels of the activities, read straight from the fixture's Turtle."""
    data = Graph().parse(serve_project.root / "data" / "activities.ttl")
    expected = Graph()
    for activity in data.subjects(RDF.type, URIRef("https://w3id.org/mhgraph/def/Activity")):
        for label in data.objects(activity, SKOS.prefLabel):
            expected.add((activity, SKOS.prefLabel, label))
    return expected


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, RDFXML])
def test_construct_formats(endpoint, serve_project, fmt):
    answer = client(endpoint, CONSTRUCT_LABELS, fmt).query().convert()
    graph = answer if isinstance(answer, Graph) else Graph().parse(data=answer, format="turtle")
    assert set(graph) == set(expected_labels(serve_project))


def test_construct_as_ntriples(endpoint, http, serve_project):
    reply = http(
        endpoint + "?" + urlencode({"query": CONSTRUCT_LABELS}),
        headers={"Accept": "application/n-triples"},
    )
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("application/n-triples")
    graph = Graph().parse(data=reply.text, format="nt")
    assert set(graph) == set(expected_labels(serve_project))


def test_describe(endpoint):
    data = client(endpoint, "DESCRIBE activiteit:1.3", TURTLE).query().convert()
    graph = Graph().parse(data=data, format="turtle")
    assert (ACTIVITY["1.3"], SKOS.prefLabel, Literal("Information", lang="en")) in graph


@pytest.mark.parametrize(
    "accept, fmt, content_type",
    [
        ("text/csv", None, "text/csv"),
        ("application/sparql-results+xml", None, "application/sparql-results+xml"),
        ("text/html, */*;q=0.1", None, "application/sparql-results+json"),
        ("text/csv;q=0.5, text/tab-separated-values", None, "text/tab-separated-values"),
        ("text/csv", "json", "application/sparql-results+json"),
        ("", "tsv", "text/tab-separated-values"),
    ],
)
def test_negotiation(endpoint, http, accept, fmt, content_type):
    params = {"query": SELECT_ACTIVITIES, **({"format": fmt} if fmt else {})}
    reply = http(endpoint + "?" + urlencode(params), headers={"Accept": accept})
    assert reply.status == 200
    assert reply.headers["Content-Type"].split(";")[0] == content_type


@pytest.mark.parametrize(
    "params, accept",
    [
        ({"query": SELECT_ACTIVITIES, "format": "png"}, ""),
        ({"query": SELECT_ACTIVITIES, "format": "ttl"}, ""),
        ({"query": SELECT_ACTIVITIES}, "image/png"),
        ({"query": CONSTRUCT_LABELS}, "text/csv"),
    ],
    ids=["unknown-format", "graph-format-for-select", "accept-nothing-offered", "csv-graph"],
)
def test_not_acceptable(endpoint, http, params, accept):
    reply = http(endpoint + "?" + urlencode(params), headers={"Accept": accept})
    assert reply.status == 406
    assert "available:" in reply.text


def test_prefixes_are_predeclared(endpoint):
    answer = client(endpoint, "SELECT ?label { activiteit:1.3 skos:prefLabel ?label }", JSON)
    labels = {b["label"]["value"] for b in answer.query().convert()["results"]["bindings"]}
    assert labels == {"Voorlichting", "Information"}


@pytest.mark.filterwarnings("ignore:.*query type:RuntimeWarning")  # SPARQLWrapper cannot tell
def test_syntax_error_is_400_with_message(endpoint):
    with pytest.raises(QueryBadFormed) as error:
        client(endpoint, "SELEKT * WHERE { ?s ?p ?o }", JSON).query()
    assert "SPARQL syntax error" in str(error.value)


def test_service_description(url, http):
    reply = http(url + "sparql", headers={"Accept": "text/turtle"})
    assert reply.status == 200
    graph = Graph().parse(data=reply.text, format="turtle")
    service = PUBLIC_SERVICE
    assert (service, RDF.type, SD.Service) in graph
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    formats = set(graph.objects(service, SD.resultFormat))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV") in formats


def test_service_description_as_json_ld(url, http):
    reply = http(url + "sparql", headers={"Accept": "application/ld+json"})
    assert reply.headers["Content-Type"].startswith("application/ld+json")
    graph = Graph().parse(data=reply.text, format="json-ld")
    assert (PUBLIC_SERVICE, RDF.type, SD.Service) in graph


def test_a_browser_without_query_goes_to_the_query_page(url, http):
    reply = http(url + "sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert reply.status == 303
    assert reply.headers["Location"] == "/query"


def test_cors_on_answers_and_preflight(url, http):
    query = url + "sparql?" + urlencode({"query": SELECT_ACTIVITIES})
    reply = http(query, headers={"Origin": "https://yasgui.example"})
    assert reply.headers["Access-Control-Allow-Origin"] == "*"
    preflight = http(
        url + "sparql",
        "OPTIONS",
        headers={
            "Origin": "https://yasgui.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status == 204
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "content-type" in preflight.headers["Access-Control-Allow-Headers"].lower()


def test_other_methods_are_refused(url, http):
    reply = http(url + "sparql", "PUT", body=b"<a> <b> <c> .")
    assert reply.status == 405
    assert "POST" in reply.headers["Allow"]


def test_unknown_body_type_is_415(url, http):
    reply = http(url + "sparql", "POST", headers={"Content-Type": "text/plain"}, body=b"x")
    assert reply.status == 415


def test_too_many_rows_is_a_clear_error(endpoint, http):
    reply = http(endpoint + "?" + urlencode({"query": "SELECT * { ?s ?p ?o }"}))
    assert reply.status == 400
    assert f"more than {MAX_ROWS} rows" in reply.text
    limited = f"SELECT * {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"
    capped = http(endpoint + "?" + urlencode({"query": limited}))
    assert capped.status == 200
    assert len(json.loads(capped.body)["results"]["bindings"]) == MAX_ROWS


def test_too_many_triples_is_a_clear_error(endpoint, http):
    reply = http(endpoint + "?" + urlencode({"query": "CONSTRUCT WHERE { ?s ?p ?o }"}))
    assert reply.status == 400
    assert f"more than {MAX_ROWS} triples" in reply.text


def test_large_body_is_413(url, http):
    query = "SELECT * { ?s ?p ?o } #" + "x" * MAX_BODY
    reply = http(
        url + "sparql",
        "POST",
        headers={"Content-Type": "application/sparql-query"},
        body=query.encode(),
    )
    assert reply.status == 413


def test_long_url_is_414(url, http):
    reply = http(url + "sparql?query=" + quote("SELECT * { ?s ?p ?o } #" + "x" * MAX_BODY))
    assert reply.status == 414
    assert "POST" in reply.text


@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_a_very_long_url_is_414_not_a_reset(url, http, size):
    reply = http(url + "sparql?query=" + "x" * size)
    assert reply.status == 414
    path = http(url + "doc/" + "x" * size)
    assert path.status == 414


@pytest.mark.parametrize("size", [1_000_000, 8_000_000])
def test_a_large_body_without_expect_is_413_not_a_reset(url, http, size):
    """The client sends the whole body before it reads: the answer must still reach it."""
    reply = http(
        url + "sparql",
        "POST",
        headers={"Content-Type": "application/sparql-query"},
        body=b"x" * size,
    )
    assert reply.status == 413
    assert f"larger than {MAX_BODY} bytes" in reply.text


@pytest.mark.parametrize("query", ["", "   ", "# only a comment\n"])
def test_an_empty_query_is_400(endpoint, http, query):
    reply = http(endpoint + "?" + urlencode({"query": query}))
    assert reply.status == 400
    assert "empty" in reply.text
    assert "Update" not in reply.text


def test_a_query_over_the_time_limit_is_stopped(application, url, endpoint, http):
    replaced = application.endpoint.pool.replaced
    started = time.monotonic()
    reply = http(endpoint + "?" + urlencode({"query": CROSS_PRODUCT}))
    elapsed = time.monotonic() - started
    assert reply.status == 503
    assert f"longer than {TIME_LIMIT:g} seconds" in reply.text
    assert elapsed < TIME_LIMIT + 10  # the limit, plus a generous margin for a loaded machine
    assert application.endpoint.pool.replaced == replaced + 1
    after = client(endpoint, SELECT_ACTIVITIES, JSON).query().convert()
    assert len(after["results"]["bindings"]) == 3


def test_a_slow_query_does_not_block_a_cheap_one(endpoint, http):
    finished: list[str] = []
    slow_started = threading.Event()

    def slow() -> None:
        slow_started.set()
        http(endpoint + "?" + urlencode({"query": CROSS_PRODUCT}))
        finished.append("slow")

    thread = threading.Thread(target=slow)
    thread.start()
    slow_started.wait()
    time.sleep(0.2)  # let the slow query reach its worker first
    cheap = client(endpoint, SELECT_ACTIVITIES, JSON).query().convert()
    finished.append("cheap")
    thread.join()
    assert len(cheap["results"]["bindings"]) == 3
    assert finished == ["cheap", "slow"]


def test_server_busy_error_reaches_the_client_as_503(endpoint):
    """A 503 is not one of SPARQLWrapper's own exceptions; a client sees it as HTTP 503."""
    with pytest.raises(urllib.error.HTTPError) as error:
        client(endpoint, CROSS_PRODUCT, JSON).query()
    assert error.value.code == 503


def test_the_service_description_names_itself_whatever_the_host_header(url, http):
    reply = http(url + "sparql", headers={"Accept": "text/turtle", "Host": "evil.example"})
    graph = Graph().parse(data=reply.text, format="turtle")
    assert set(graph.subjects(RDF.type, SD.Service)) == {PUBLIC_SERVICE}
    assert "evil.example" not in reply.text


def test_the_service_description_lists_the_dataset_and_its_entailment(url, http):
    reply = http(url + "sparql", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=reply.text, format="turtle")
    dataset = graph.value(PUBLIC_SERVICE, SD.defaultDataset)
    names = {graph.value(named, SD.name): named for named in graph.objects(dataset, SD.namedGraph)}
    assert set(names) == {ASSERTED, INFERRED}
    entailment = Namespace("http://www.w3.org/ns/entailment/")
    assert graph.value(names[INFERRED], SD.entailmentRegime) == entailment["OWL-RDF-Based"]
    assert graph.value(names[ASSERTED], SD.entailmentRegime) == entailment.Simple
    assert (PUBLIC_SERVICE, SD.defaultEntailmentRegime, entailment["OWL-RDF-Based"]) in graph
    assert (PUBLIC_SERVICE, SD.feature, SD.UnionDefaultGraph) in graph
    triples = {
        name: int(graph.value(graph.value(named, SD.graph), VOID.triples))
        for name, named in names.items()
    }
    default = graph.value(graph.value(dataset, SD.defaultGraph), VOID.triples)
    assert int(default) == triples[ASSERTED] + triples[INFERRED]
    assert min(triples.values()) > 0


def test_rdflib_reads_each_named_graph_through_sparqlstore(endpoint):
    store = SPARQLStore(endpoint, returnFormat="json")
    asserted = Graph(store=store, identifier=ASSERTED)
    inferred = Graph(store=store, identifier=INFERRED)
    activity = URIRef(str(ACTIVITY["1.1"]))
    # funder is asserted; involves, its super-property, only inferred
    assert (activity, MH.funder, JENV) in asserted
    assert (activity, MH.involves, JENV) not in asserted
    assert (activity, MH.involves, JENV) in inferred
    assert (activity, MH.funder, JENV) not in inferred
    assert set(asserted.subjects(RDF.type, MH.Activity)) == {URIRef(a) for a in ACTIVITIES}


def test_rdflib_reads_the_dataset_through_sparqlstore(endpoint):
    dataset = Dataset(store=SPARQLStore(endpoint, returnFormat="json"))
    # the store's own listing: rdflib's Dataset.graphs() tries to add a default graph to it
    assert {getattr(g, "identifier", g) for g in dataset.store.contexts()} == {
        ASSERTED,
        INFERRED,
    }
    rows = dataset.query(
        "SELECT ?g WHERE { GRAPH ?g { ?a <https://w3id.org/mhgraph/def/involves> ?o } }"
    )
    assert {row.g for row in rows} == {INFERRED}


def test_sparqlwrapper_chooses_the_dataset(endpoint):
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setReturnFormat(JSON)
    wrapper.setQuery("SELECT ?o WHERE { ?a mh:involves ?o }")
    wrapper.addDefaultGraph(str(ASSERTED))
    assert wrapper.query().convert()["results"]["bindings"] == []
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setReturnFormat(JSON)
    wrapper.setQuery("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    wrapper.addNamedGraph(str(INFERRED))
    rows = wrapper.query().convert()["results"]["bindings"]
    assert [row["g"]["value"] for row in rows] == [str(INFERRED)]


def test_graph_queries_see_both_named_graphs_and_the_union_as_default(endpoint):
    wrapper = client(
        endpoint,
        "SELECT ?g WHERE { { GRAPH ?g { ?a mh:funder ?o } } UNION "
        "{ GRAPH ?g { ?a mh:involves ?o } } }",
        JSON,
    )
    found = {row["g"]["value"] for row in wrapper.query().convert()["results"]["bindings"]}
    assert found == {str(ASSERTED), str(INFERRED)}
    union = client(endpoint, "ASK { ?a mh:funder ?o ; mh:involves ?o }", JSON)
    assert union.query().convert()["boolean"] is True


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
def test_a_graph_the_server_does_not_hold_is_refused(endpoint, http, parameter):
    query = urlencode({"query": "ASK {}", parameter: "https://example.org/graph"})
    reply = http(endpoint + "?" + query)
    assert reply.status == 400
    assert "https://example.org/graph" in reply.text
    assert str(ASSERTED) in reply.text


def test_rdflibs_own_default_graph_is_the_one_the_endpoint_names():
    """The endpoint spells it out so as not to import rdflib for it."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from mhgraph.serve import endpoint

    assert str(DATASET_DEFAULT_GRAPH_ID) == endpoint._OWN_DEFAULT
