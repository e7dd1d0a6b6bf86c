"""The site and dereferencing: /id/ to /doc/, content negotiation, 404s, and path safety.

The site here is a stand-in made by the test (a few files, two symbolic links that point out
of it, a secret file next to it); tests/test_serve_publish.py serves a real publication.
"""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from mhgraph.serve import Settings, serving
from mhgraph.serve.pages import error_page
from mhgraph.serve.site import safe_segments
from mhgraph.serve.web import HTTPError

ACTIVITY_1_1 = URIRef("https://w3id.org/mhgraph/id/activiteit/1.1")
SECRET = "TOP SECRET"
TURTLE = f'<{ACTIVITY_1_1}> <{SKOS.prefLabel}> "Police training"@en .\n'
JSONLD = json.dumps({"@id": str(ACTIVITY_1_1), str(SKOS.prefLabel): [{"@value": "x"}]})


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    site = root / "site"
    files = {
        "index.html": "<h1>Home page</h1>",
        "doc/activiteit/1.1.html": "<h1>Police training</h1>",
        "doc/activiteit/1.1.ttl": TURTLE,
        "doc/activiteit/1.1.jsonld": JSONLD,
        "def/index.html": "<h1>Ontology</h1>",
        ".mhgraph-publication": SECRET,
    }
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    (site / "escape").symlink_to(outside, target_is_directory=True)
    (site / "doc" / "activiteit" / "9.9.html").symlink_to(outside / "secret.txt")
    return site, outside


@pytest.fixture(scope="module")
def url(serve_project, folders):
    site, _ = folders
    with serving(serve_project, Settings(workers=1), site_dir=site) as (_, base_url):
        yield base_url


def test_id_answers_303_to_doc(url, http):
    reply = http(url + "id/activiteit/1.1", headers={"Accept": "text/turtle"})
    assert reply.status == 303
    assert reply.headers["Location"] == "/doc/activiteit/1.1"


@pytest.mark.parametrize(
    "accept, content_type, marker",
    [
        ("text/html", "text/html", "<h1>Police training</h1>"),
        ("text/turtle", "text/turtle", "Police training"),
        ("application/ld+json", "application/ld+json", '"@id"'),
        ("application/n-triples", "application/n-triples", '"Police training"@en .'),
        ("application/rdf+xml", "application/rdf+xml", 'xml:lang="en">Police training<'),
        ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json", '"@id"'),
        ("*/*", "text/html", "<h1>Police training</h1>"),
    ],
)
def test_doc_negotiates(url, http, accept, content_type, marker):
    reply = http(url + "doc/activiteit/1.1", headers={"Accept": accept})
    assert reply.status == 200
    assert reply.headers["Content-Type"].split(";")[0] == content_type
    assert reply.headers["Vary"] == "Accept"
    assert reply.headers["Content-Location"].startswith("/doc/activiteit/1.1.")
    assert marker in reply.text


@pytest.mark.parametrize(
    "suffix, content_type",
    [
        (".html", "text/html"),
        (".ttl", "text/turtle"),
        (".jsonld", "application/ld+json"),
        (".nt", "application/n-triples"),
        (".rdf", "application/rdf+xml"),
    ],
)
def test_doc_by_extension(url, http, suffix, content_type):
    reply = http(url + "doc/activiteit/1.1" + suffix, headers={"Accept": "text/html"})
    assert reply.status == 200
    assert reply.headers["Content-Type"].split(";")[0] == content_type


def test_ntriples_are_converted_from_the_turtle(url, http):
    reply = http(url + "doc/activiteit/1.1.nt")
    graph = Graph().parse(data=reply.text, format="nt")
    assert set(graph) == {(ACTIVITY_1_1, SKOS.prefLabel, Literal("Police training", lang="en"))}


def test_ontology_terms_dereference(url, http):
    reply = http(url + "def/Activity")
    assert reply.status == 303
    assert reply.headers["Location"] == "/def/index#Activity"


def test_home_and_folders(url, http):
    assert "<h1>Home page</h1>" in http(url).text
    folder = http(url + "doc")
    assert folder.status == 301
    assert folder.headers["Location"] == "/doc/"


def test_unknown_iri_is_a_helpful_404(url, http):
    reply = http(url + "id/activiteit/1.4")
    assert reply.status == 404
    assert reply.headers["Content-Type"].startswith("text/html")
    assert "de graaf heeft geen resource" in reply.text  # outside /en/, in Dutch
    assert "https://w3id.org/mhgraph/id/activiteit/1.4" in reply.text
    assert 'href="/id/activiteit/1.1"' in reply.text  # a close match is suggested
    assert 'href="/query"' in reply.text


def test_a_described_iri_without_a_page_points_to_the_endpoint(url, http):
    reply = http(url + "doc/activiteit/1.3")
    assert reply.status == 404
    assert "De graaf beschrijft" in reply.text
    assert "/query?query=DESCRIBE" in reply.text


def test_error_pages_speak_the_language_of_their_place_with_the_sites_header(url, http):
    dutch, english = http(url + "nergens"), http(url + "en/nowhere")
    assert (dutch.status, english.status) == (404, 404)
    assert '<html lang="nl">' in dutch.text and "<h1>Niet gevonden</h1>" in dutch.text
    assert '<html lang="en">' in english.text and "<h1>Not found</h1>" in english.text
    for reply, other_home in ((dutch, "/en/index.html"), (english, "/")):
        assert 'role="search"' in reply.text  # the search box of every page
        assert f'class="language" id="language" href="{other_home}"' in reply.text
    assert 'href="/en/query"' in english.text and 'href="/query"' in dutch.text


def test_an_error_page_marks_the_servers_english_message():
    error = HTTPError(405, "POST is not allowed here", hint="use GET")
    dutch = error_page(error, "/doc/").body.decode("utf-8")
    assert '<html lang="nl">' in dutch
    assert '<p lang="en">POST is not allowed here</p>' in dutch
    assert '<p class="hint" lang="en">use GET</p>' in dutch
    assert "Opgeslagen vragen (JSON)".lower() in dutch.lower()


def test_a_404_escapes_what_the_client_sent(url, http):
    reply = http(url + "id/%3Cscript%3Ealert(1)%3C%2Fscript%3E%22onmouseover=%22x")
    assert reply.status == 404
    assert "<script>alert(1)" not in reply.text
    assert '"onmouseover' not in reply.text
    assert "&lt;script&gt;alert(1)" in reply.text


def test_html_gets_a_content_security_policy(url, http):
    reply = http(url + "id/nothing")
    assert "default-src 'self'" in reply.headers["Content-Security-Policy"]
    assert reply.headers["X-Content-Type-Options"] == "nosniff"


TRAVERSALS = [
    "/../outside/secret.txt",
    "/doc/../../outside/secret.txt",
    "/%2e%2e/outside/secret.txt",
    "/%2E%2E/outside/secret.txt",
    "/doc/%2e%2e/%2e%2e/outside/secret.txt",
    "/doc/..%2f..%2foutside%2fsecret.txt",
    "/%2e%2e%2foutside%2fsecret.txt",
    "/%252e%252e/outside/secret.txt",
    "/..%5coutside%5csecret.txt",
    "/doc\\..\\..\\outside\\secret.txt",
    "/escape/secret.txt",
    "/doc/activiteit/9.9.html",
    "/doc/activiteit/9.9",
    "/.mhgraph-publication",
    "/%2emhgraph-publication",
    "/doc/%00",
    "/./index.html",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_nothing_outside_the_site_can_be_read(url, http, path):
    reply = http(url.rstrip("/") + path)
    assert reply.status in (400, 404)
    assert SECRET not in reply.text


def test_an_absolute_path_cannot_be_read(url, http, folders):
    _, outside = folders
    reply = http(url.rstrip("/") + "/" + str(outside / "secret.txt"))
    assert reply.status in (400, 404)
    assert SECRET not in reply.text


@pytest.mark.parametrize(
    "path",
    ["/a/../b", "/a/./b", "/a//b", "/.git/config", "/a\\b", "/a\x00b", "relative", "/c:/x"],
)
def test_unsafe_segments_are_refused(path):
    with pytest.raises(HTTPError) as error:
        safe_segments(path)
    assert error.value.status == 400


def test_safe_segments():
    assert safe_segments("/doc/activiteit/25.1.2") == ["doc", "activiteit", "25.1.2"]
    assert safe_segments("/doc/") == ["doc"]
    assert safe_segments("/") == []


def test_rdf_xml_is_converted_from_the_turtle(url, http):
    reply = http(url + "doc/activiteit/1.1", headers={"Accept": "application/rdf+xml"})
    assert reply.headers["Content-Location"] == "/doc/activiteit/1.1.rdf"
    graph = Graph().parse(data=reply.text, format="xml")
    assert set(graph) == {(ACTIVITY_1_1, SKOS.prefLabel, Literal("Police training", lang="en"))}
