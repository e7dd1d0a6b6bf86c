"""Validators and conditional requests on pages, files and query answers."""

from __future__ import annotations

from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlencode

import pytest

from mhgraph.publish.edition import content_hash
from mhgraph.serve import Settings, serving
from mhgraph.serve.caching import CACHE_CONTROL

QUERY = "sparql?" + urlencode({"query": "SELECT ?a WHERE { ?a a mh:Activity }"})
PATHS = ["doc/activiteit/1.1", "index.html", QUERY, "api/queries/activities"]


@pytest.fixture(scope="module")
def served(serve_project):
    """The fixture project, published into a temporary folder by the server itself."""
    with serving(serve_project, Settings(workers=1)) as served:
        yield served


@pytest.fixture(scope="module")
def url(served):
    return served[1]


@pytest.mark.parametrize("path", PATHS)
def test_answers_carry_validators_and_cache_control(url, http, path):
    reply = http(url + path, headers={"Accept": "text/turtle, application/sparql-results+json"})
    assert reply.status == 200
    assert reply.headers["ETag"].startswith('"')
    assert reply.headers["Cache-Control"] == CACHE_CONTROL
    assert parsedate_to_datetime(reply.headers["Last-Modified"])


@pytest.mark.parametrize("path", PATHS)
def test_if_none_match_gives_304_without_a_body(url, http, path):
    first = http(url + path)
    again = http(url + path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status == 304
    assert again.body == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    other = http(url + path, headers={"If-None-Match": '"something-else"'})
    assert other.status == 200


def test_the_etag_differs_between_representations(url, http):
    turtle = http(url + "doc/activiteit/1.1", headers={"Accept": "text/turtle"})
    html = http(url + "doc/activiteit/1.1", headers={"Accept": "text/html"})
    assert turtle.headers["ETag"] != html.headers["ETag"]
    stale = http(
        url + "doc/activiteit/1.1",
        headers={"Accept": "text/html", "If-None-Match": turtle.headers["ETag"]},
    )
    assert stale.status == 200


def test_if_modified_since_gives_304_from_the_edition_date_on(url, http):
    first = http(url + "index.html")
    modified = parsedate_to_datetime(first.headers["Last-Modified"])
    same = http(url + "index.html", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert same.status == 304
    earlier = format_datetime(modified.replace(year=modified.year - 1), usegmt=True)
    assert http(url + "index.html", headers={"If-Modified-Since": earlier}).status == 200
    assert http(url + "index.html", headers={"If-Modified-Since": "yesterday"}).status == 200


def test_the_etag_is_derived_from_the_graphs_content(served, url, http, serve_project):
    from mhgraph import load_graph

    digest = content_hash(load_graph(serve_project, inference="none").asserted)
    reply = http(url + "index.html")
    assert reply.headers["ETag"].startswith('"' + digest.removeprefix("sha256:")[:16] + "-")


def test_errors_are_not_cached(url, http):
    reply = http(url + "doc/nothing-here")
    assert reply.status == 404
    assert reply.headers["Cache-Control"] == "no-store"
    assert "ETag" not in reply.headers
