"""The IRI strategy: which page names which IRI, and moving a graph to another base."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from mhgraph.errors import MhgraphError
from mhgraph.iris import Rebase, doc_path, normalise_base, prefixes, relative
from mhgraph.values import Term

BASE = "https://w3id.org/mhgraph/"
NEW = "https://data.example.org/mh/"


@pytest.mark.parametrize(
    ("iri", "page"),
    [
        (BASE + "id/activiteit/24.7", "doc/activiteit/24.7.html"),
        (BASE + "id/financiering/25.1.1-1", "doc/financiering/25.1.1-1.html"),
        (BASE + "id/organisatie/fiu-nederland", "doc/organisatie/fiu-nederland.html"),
        (BASE + "def/Activity", "def/index.html#Activity"),
        (BASE + "def/", "def/index.html"),
        (BASE + "def/0.1.0/", "def/index.html"),
        (BASE + "def/shapes/ActivityShape", "def/shapes.html#ActivityShape"),
        (BASE, "index.html"),
        ("http://publications.europa.eu/resource/authority/country/NGA", "doc/country/NGA.html"),
    ],
)
def test_project_iris_map_to_their_pages(iri, page):
    assert doc_path(iri, BASE) == page


@pytest.mark.parametrize(
    "iri",
    [
        "https://example.org/elsewhere",
        BASE + "id/activiteit",  # a type without a ref
        BASE + "id/activiteit/a/b",  # a ref that would be a folder
        BASE + "id/activiteit/..",
        BASE + "id/activiteit/.hidden",
        BASE + "id/activiteit/24 7",
        BASE + "graph/asserted",
    ],
)
def test_iris_without_a_page_map_to_none(iri):
    assert doc_path(iri, BASE) is None


def test_doc_path_follows_the_base():
    assert doc_path(NEW + "id/activiteit/1.1", NEW) == "doc/activiteit/1.1.html"
    assert doc_path(BASE + "id/activiteit/1.1", NEW) is None


@pytest.mark.parametrize(
    ("page", "target", "link"),
    [
        ("doc/activiteit/1.1.html", "doc/activiteit/1.2.html", "1.2.html"),
        ("doc/activiteit/1.1.html", "doc/organisatie/om.html", "../organisatie/om.html"),
        ("doc/activiteit/1.1.html", "index.html", "../../index.html"),
        ("index.html", "def/index.html#Activity", "def/index.html#Activity"),
        ("def/index.html", "def/index.html#Activity", "index.html#Activity"),
    ],
)
def test_links_between_pages_are_relative(page, target, link):
    assert relative(page, target) == link


def test_a_base_gets_its_trailing_slash():
    assert normalise_base("https://example.org/mh") == "https://example.org/mh/"
    assert normalise_base(" https://example.org/ ") == "https://example.org/"


@pytest.mark.parametrize(
    "bad",
    [
        "ftp://example.org/",
        "example.org/mh/",
        "https:///mh/",
        "https://x.org/?a=1",
        "https://x.org/a b/",
    ],
)
def test_a_base_must_be_an_absolute_http_iri(bad):
    with pytest.raises(MhgraphError):
        normalise_base(bad)


def test_rebasing_moves_iris_and_iri_literals_and_nothing_else():
    rebase = Rebase(BASE, NEW)
    assert rebase.term(URIRef(BASE + "def/Activity")) == URIRef(NEW + "def/Activity")
    assert rebase.term(Literal(BASE + "def/")) == Literal(NEW + "def/")
    assert rebase.term(Literal("Training", lang="nl")) == Literal("Training", lang="nl")
    other = URIRef("http://publications.europa.eu/resource/authority/country/NLD")
    assert rebase.term(other) == other
    assert rebase.term(URIRef("https://w3id.org/mhgraph-other/x")) == URIRef(
        "https://w3id.org/mhgraph-other/x"
    )


@pytest.mark.parametrize(
    "term",
    [
        Term("uri", BASE + "def/Activity"),
        Term("literal", BASE + "def/"),
        Term("literal", BASE + "id/x", datatype="http://www.w3.org/2001/XMLSchema#anyURI"),
        Term("literal", "Training", language="nl"),
        Term("uri", "http://publications.europa.eu/resource/authority/country/NLD"),
        Term("bnode", "b0"),
    ],
)
def test_a_plain_term_is_moved_as_its_rdflib_twin(term):
    rebase = Rebase(BASE, NEW)
    assert rebase.plain(term).to_rdflib() == rebase.term(term.to_rdflib())
    assert rebase.reverse().plain(rebase.plain(term)) == term


def test_a_rebased_graph_maps_back_to_the_original(fixture_project):
    original = Graph()
    for path in fixture_project.ontology_files + fixture_project.data_files:
        original.parse(path)
    rebase = Rebase(BASE, NEW)
    moved = rebase.graph(original)
    assert not any(BASE in str(term) for triple in moved for term in triple)
    assert isomorphic(rebase.reverse().graph(moved), original)


def test_prefixes_follow_the_base():
    names = prefixes(NEW)
    assert names["mh"] == NEW + "def/"
    assert names["activiteit"] == NEW + "id/activiteit/"
    assert names["skos"] == "http://www.w3.org/2004/02/skos/core#"
