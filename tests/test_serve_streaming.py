"""Long answers of /sparql are sent as the worker writes them; one that crosses the row cap
after its status was sent is cut short, and no client takes it for a whole answer."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlencode, urlsplit

import pytest

from mhgraph.serve import Settings, serving
from mhgraph.serve.pool import FRAME

#: 36 triples in the fixture: every pair of them is 1,296 rows, every triple 46,656.
PAIRS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
TRIPLES = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(serve_project, tmp_path_factory):
    settings = Settings(workers=1, max_rows=2000, time_limit=20)
    site = tmp_path_factory.mktemp("site")
    with serving(serve_project, settings, site_dir=site) as (_, url):
        yield urlsplit(url)


def get(server, query: str, accept: str = "application/sparql-results+json"):
    connection = http.client.HTTPConnection(server.hostname, server.port, timeout=60)
    connection.request("GET", "/sparql?" + urlencode({"query": query}), headers={"Accept": accept})
    return connection, connection.getresponse()


def test_a_long_answer_is_streamed_whole(server):
    connection, response = get(server, PAIRS)
    body = response.read()
    connection.close()
    assert response.status == 200
    assert response.getheader("Content-Length") is None
    assert response.getheader("Transfer-Encoding") == "chunked"
    assert len(body) > FRAME
    assert len(json.loads(body)["results"]["bindings"]) == 36 * 36


def test_a_short_answer_has_its_length_and_validators(server):
    connection, response = get(server, "SELECT * WHERE { ?s ?p ?o }")
    body = response.read()
    connection.close()
    assert response.status == 200
    assert response.getheader("Content-Length") == str(len(body))
    assert response.getheader("ETag")
    assert len(json.loads(body)["results"]["bindings"]) == 36


def test_an_answer_over_the_cap_mid_stream_is_cut_short(server):
    connection, response = get(server, TRIPLES)
    assert response.status == 200  # sent before the cap was crossed
    with pytest.raises(http.client.IncompleteRead):
        response.read()
    connection.close()


def test_a_cut_is_logged_as_one_line_without_a_traceback(server, capfd):
    connection, response = get(server, TRIPLES)
    with pytest.raises(http.client.IncompleteRead):
        response.read()
    connection.close()
    connection, response = get(server, "ASK { ?s ?p ?o }")  # the cut is logged by now
    response.read()
    connection.close()
    logged = capfd.readouterr().err
    assert "answer cut short after its status was sent" in logged
    assert "Traceback" not in logged


def test_the_server_answers_after_a_cut(server):
    connection, response = get(server, TRIPLES)
    with pytest.raises(http.client.IncompleteRead):
        response.read()
    connection.close()
    connection, response = get(server, "ASK { ?s ?p ?o }")
    assert response.status == 200
    assert json.loads(response.read())["boolean"] is True
    connection.close()


def test_an_answer_over_the_cap_before_any_frame_is_refused(server):
    connection, response = get(server, TRIPLES + " LIMIT 2001", accept="text/csv")
    assert response.status == 400
    assert "more than 2000 rows" in response.read().decode()
    connection.close()
