"""The stored queries as a web API: listing, running with parameters, formats and errors."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from mhgraph.serve import Settings, serving

ACTIVITY = "https://w3id.org/mhgraph/id/activiteit/"


@pytest.fixture(scope="module")
def api(serve_project, tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    with serving(serve_project, Settings(workers=1), site_dir=site) as (_, url):
        yield url + "api/queries"


def values(reply, variable: str) -> list[str]:
    return [b[variable]["value"] for b in reply.json()["results"]["bindings"]]


def test_listing(api, http):
    reply = http(api)
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/json"
    queries = {q["name"]: q for q in reply.json()["queries"]}
    assert set(queries) == {
        "activities",
        "activities-of-result",
        "activity-by-number",
        "labels-graph",
    }
    (parameter,) = queries["activities-of-result"]["parameters"]
    assert parameter["name"] == "result"
    assert parameter["type"] == "iri"
    assert parameter["default"] == "https://w3id.org/mhgraph/id/resultaat/1"
    assert queries["activities"]["url"] == "/api/queries/activities"
    assert queries["activities"]["summary"] == "Every activity with its English label"
    assert "SELECT ?activity ?label" in queries["activities"]["text"]


def test_run_with_the_default(api, http):
    reply = http(api + "/activities-of-result")
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("application/sparql-results+json")
    assert values(reply, "number") == ["1.1", "1.2", "1.3"]


@pytest.mark.parametrize(
    "result, numbers",
    [
        ("resultaat:1", ["1.1", "1.2", "1.3"]),
        ("https://w3id.org/mhgraph/id/resultaat/1", ["1.1", "1.2", "1.3"]),
    ],
)
def test_run_with_a_parameter(api, http, result, numbers):
    reply = http(api + "/activities-of-result?" + urlencode({"result": result}))
    assert reply.status == 200
    assert values(reply, "number") == numbers


def test_a_parameter_never_becomes_query_text(api, http):
    hostile = '1.1" } UNION { ?activity ?p ?o } #'
    reply = http(api + "/activity-by-number?" + urlencode({"number": hostile}))
    assert reply.status == 200
    assert values(reply, "activity") == []
    plain = http(api + "/activity-by-number?" + urlencode({"number": "1.3"}))
    assert values(plain, "activity") == [ACTIVITY + "1.3"]


@pytest.mark.parametrize(
    "query, headers",
    [("?format=csv", {}), ("", {"Accept": "text/csv"})],
    ids=["format-parameter", "accept-header"],
)
def test_csv(api, http, query, headers):
    reply = http(api + "/activities-of-result" + query, headers=headers)
    assert reply.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(reply.text)))
    assert rows == [
        ["activity", "number"],
        [ACTIVITY + "1.1", "1.1"],
        [ACTIVITY + "1.2", "1.2"],
        [ACTIVITY + "1.3", "1.3"],
    ]


def test_a_construct_query_answers_json_ld(api, http):
    reply = http(api + "/labels-graph")
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("application/ld+json")
    graph = Graph().parse(data=reply.text, format="json-ld")
    assert (URIRef(ACTIVITY + "1.3"), SKOS.prefLabel, Literal("Voorlichting", lang="nl")) in graph


@pytest.mark.parametrize(
    "path, status, message",
    [
        ("/no-such-query", 404, "no stored query named 'no-such-query'"),
        ("/activities-of-result?result=not%20an%20iri", 400, "is not an IRI"),
        ("/activities-of-result?result=resultaat:2", 400, "the graph has no resultaat:2"),
        ("/activities-of-result?colour=red", 400, "has no parameter colour"),
        ("/activities-of-result?result=resultaat:1&result=resultaat:2", 400, "more than once"),
        ("/activities-of-result?format=xml", 406, "format 'xml' is not available"),
    ],
    ids=[
        "unknown-query",
        "bad-iri",
        "unknown-resource",
        "unknown-parameter",
        "repeated-parameter",
        "bad-format",
    ],
)
def test_errors_are_json(api, http, path, status, message):
    for _ in range(2):  # the server remembers prepared queries: never a refusal
        reply = http(api + path)
        assert reply.status == status
        assert reply.headers["Content-Type"] == "application/json"
        assert message in reply.json()["error"]


def test_only_get(api, http):
    reply = http(api + "/activities", "POST", body=b"")
    assert reply.status == 405
