"""`serve` with the real publication: published at startup, dereferenced, and rebased.

The site is written by mhgraph.publish into a temporary folder when the server starts and
is gone when it stops; with --base-iri, the endpoint's answers, the stored queries and the
pages all use the new base, and /id/… on this server stands for {base}id/….
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from mhgraph.serve import Settings, open_application, serving

NEW_BASE = "https://data.example.org/mensenhandel/"


@pytest.fixture(scope="module")
def published(serve_project):
    with serving(serve_project, Settings(workers=1)) as served:
        yield served


@pytest.fixture(scope="module")
def rebased(serve_project):
    with serving(serve_project, Settings(workers=1), base_iri=NEW_BASE) as (_, url):
        yield url


def test_the_site_is_published_and_served(published, http):
    _, url = published
    home = http(url)
    assert home.status == 200
    assert home.headers["Content-Type"].startswith("text/html")
    assert http(url + "doc/activiteit/1.1").status == 200


def test_an_iri_dereferences_to_its_page(published, http):
    _, url = published
    see_other = http(url + "id/activiteit/1.2")
    assert see_other.status == 303
    page = http(url + see_other.headers["Location"].lstrip("/"), headers={"Accept": "text/html"})
    assert page.status == 200
    assert "<script>document.title" not in page.text  # the label full of markup is escaped
    turtle = http(url + "doc/activiteit/1.2", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=turtle.text, format="turtle")
    activity = URIRef("https://w3id.org/mhgraph/id/activiteit/1.2")
    assert any(label.startswith("<script>") for label in graph.objects(activity, SKOS.prefLabel))


def test_every_page_representation_is_served(published, http):
    _, url = published
    for suffix, content_type in [
        (".html", "text/html"),
        (".ttl", "text/turtle"),
        (".jsonld", "application/ld+json"),
        (".nt", "application/n-triples"),
    ]:
        reply = http(url + "doc/resultaat/1" + suffix)
        assert reply.status == 200, suffix
        assert reply.headers["Content-Type"].startswith(content_type)


def test_an_ontology_term_dereferences(published, http):
    _, url = published
    reply = http(url + "def/Activity")
    assert reply.status == 303
    target, _, fragment = reply.headers["Location"].partition("#")
    assert fragment == "Activity"
    assert http(url + target.lstrip("/"), headers={"Accept": "text/html"}).status == 200


def test_the_temporary_site_goes_away(serve_project):
    with open_application(serve_project, Settings(workers=1)) as app:
        root = app.site.root
        assert (root / "index.html").is_file()
    assert not root.exists()


def test_rebased_answers_use_the_new_base(rebased, http):
    query = "SELECT ?activity WHERE { ?activity skos:prefLabel ?label } ORDER BY ?activity"
    reply = http(rebased + "sparql?" + urlencode({"query": query}))
    found = {b["activity"]["value"] for b in reply.json()["results"]["bindings"]}
    assert NEW_BASE + "id/activiteit/1.1" in found
    assert not any(iri.startswith("https://w3id.org/") for iri in found)


def test_rebased_prefixes_and_stored_queries(rebased, http):
    query = "SELECT ?label WHERE { activiteit:1.3 skos:prefLabel ?label }"
    reply = http(rebased + "sparql?" + urlencode({"query": query}))
    labels = {b["label"]["value"] for b in reply.json()["results"]["bindings"]}
    assert labels == {"Voorlichting", "Information"}
    stored = http(rebased + "api/queries/activities-of-result")  # its default IRI is rebased too
    numbers = [b["number"]["value"] for b in stored.json()["results"]["bindings"]]
    assert numbers == ["1.1", "1.2", "1.3"]
    listing = {q["name"]: q for q in http(rebased + "api/queries").json()["queries"]}
    assert listing["activities-of-result"]["parameters"][0]["default"].startswith(NEW_BASE)


def test_rebased_dereferencing(rebased, http):
    assert http(rebased + "id/activiteit/1.1").headers["Location"] == "/doc/activiteit/1.1"
    turtle = http(rebased + "doc/activiteit/1.1.ttl")
    graph = Graph().parse(data=turtle.text, format="turtle")
    subject = URIRef(NEW_BASE + "id/activiteit/1.1")
    assert (subject, SKOS.prefLabel, Literal("Police training", lang="en")) in graph
    missing = http(rebased + "id/activiteit/7")
    assert NEW_BASE + "id/activiteit/7" in missing.text
