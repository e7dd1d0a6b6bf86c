"""Publishing under another base IRI: nothing of the old base is left anywhere."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from graphs import canonical
from mhgraph import load_graph
from mhgraph.iris import Rebase
from mhgraph.publish import doc_path, publish

OLD = "https://w3id.org/mhgraph/"
NEW = "https://data.example.org/mensenhandel/"


@pytest.fixture(scope="module")
def rebased(tmp_path_factory, publish_project) -> Path:
    out = tmp_path_factory.mktemp("rebased") / "site"
    summary = publish(publish_project, out, base_iri=NEW.rstrip("/"))
    assert summary.base_iri == NEW
    return out


def test_no_published_file_mentions_the_old_base(rebased):
    mentions = []
    for path in sorted(p for p in rebased.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        if OLD.encode() in data or OLD.rstrip("/").encode() in data:
            mentions.append(path.relative_to(rebased).as_posix())
    assert mentions == []


def test_the_rebased_dumps_map_back_to_the_original_graph(rebased, publish_project):
    kg = load_graph(publish_project)
    back = Rebase(NEW, OLD)
    for part, original in (("asserted", kg.asserted), ("inferred", kg.inferred)):
        published = Graph().parse(rebased / "dumps" / f"{part}.ttl")
        assert not isomorphic(published, original)
        restored = back.graph(published)
        assert canonical(restored, restored) == canonical(original, original)


def test_the_ontology_and_metadata_live_under_the_new_base(rebased):
    ontology = Graph().parse(rebased / "def" / "ontology.ttl")
    assert (URIRef(NEW + "def/Activity"), None, None) in ontology
    record = Graph().parse(rebased / "catalog.ttl")
    assert (URIRef(NEW + "id/dataset/mhgraph"), None, None) in record
    void = Graph().parse(rebased / "void.ttl")
    assert (URIRef(NEW + "id/dataset/mhgraph"), None, None) in void


def test_pages_are_where_doc_path_says_under_the_new_base(rebased):
    page = doc_path(NEW + "id/activiteit/1.2", NEW)
    html = (rebased / page).read_text(encoding="utf-8")
    assert NEW + "id/activiteit/1.2" in html
    assert "<loc>" + NEW + "index.html</loc>" in (rebased / "sitemap.xml").read_text()
