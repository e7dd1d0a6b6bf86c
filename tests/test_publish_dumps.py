"""The dumps: every format parses back to the graph, and the checksums and sizes are true."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from graphs import canonical
from mhgraph import load_graph
from mhgraph.publish import publish

SPDX = Namespace("http://spdx.org/rdf/terms#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
FORMATS = {".ttl": "turtle", ".nt.gz": "nt", ".jsonld": "json-ld", ".rdf": "xml"}


@pytest.fixture(scope="module")
def published(fixture_publication, publish_project):
    return fixture_publication, load_graph(publish_project)


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


@pytest.mark.parametrize("part", ["asserted", "inferred"])
@pytest.mark.parametrize("suffix", list(FORMATS))
def test_each_dump_parses_back_to_its_part_of_the_graph(published, part, suffix):
    out, kg = published
    graph = Graph().parse(data=_read(out / "dumps" / f"{part}{suffix}"), format=FORMATS[suffix])
    original = kg.asserted if part == "asserted" else kg.inferred
    assert canonical(graph, graph) == canonical(original, original)


def test_the_checksum_file_and_the_catalogue_tell_the_truth(published):
    out, _kg = published
    listed = dict(
        reversed(line.split("  "))
        for line in (out / "dumps" / "SHA256SUMS").read_text().splitlines()
    )
    assert len(listed) == 8
    record = Graph().parse(out / "catalog.ttl")
    for name, digest in listed.items():
        data = (out / "dumps" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest
        distribution = record.value(
            predicate=DCAT.downloadURL, object=URIRef(f"https://w3id.org/mhgraph/dumps/{name}")
        )
        assert record.value(distribution, DCAT.byteSize).toPython() == len(data)
        checksum = record.value(distribution, SPDX.checksum)
        assert str(record.value(checksum, SPDX.checksumValue)) == digest


def test_the_dumps_are_reproducible_and_the_summary_tells_their_checksums(
    published, publish_project, tmp_path
):
    out, _kg = published
    summary = publish(publish_project, tmp_path / "again")
    for dump in summary.dumps:
        data = (out / dump.path).read_bytes()
        assert (tmp_path / "again" / dump.path).read_bytes() == data
        assert hashlib.sha256(data).hexdigest() == dump.sha256


def test_json_ld_uses_the_published_context(published):
    out, _kg = published
    context = json.loads((out / "context.jsonld").read_text())["@context"]
    assert context["mh"] == "https://w3id.org/mhgraph/def/"
    dump = json.loads((out / "dumps" / "asserted.jsonld").read_text())
    assert dump["@context"] == context
    resource = json.loads((out / "doc" / "activiteit" / "1.1.jsonld").read_text())
    assert resource["@context"] == context


def test_literal_languages_survive_every_format(published):
    out, _kg = published
    for suffix, fmt in FORMATS.items():
        graph = Graph().parse(data=_read(out / "dumps" / f"asserted{suffix}"), format=fmt)
        assert Literal("Police training", lang="en") in set(graph.objects()), suffix


RDF_FILES = {".ttl": "turtle", ".jsonld": "json-ld", ".rdf": "xml", ".nt.gz": "nt"}


def _without_file_figures(graph: Graph) -> Graph:
    """The graph less the sizes and checksums of the dumps, which two writers' bytes differ in."""
    for predicate in (DCAT.byteSize, SPDX.checksumValue):
        graph.remove((None, predicate, None))
    return graph


def test_both_engines_publish_the_same_graphs(published, publish_project, tmp_path):
    """The fast engine writes the dumps and pages with Oxigraph, the reference one with
    rdflib: every RDF file of the two publications holds the same graph (but for the sizes
    and checksums of the dumps, whose bytes differ)."""
    out, _kg = published
    reference = tmp_path / "reference"
    publish(publish_project, reference, engine="reference")
    files = sorted(
        path.relative_to(out)
        for path in out.rglob("*")
        if any(path.name.endswith(suffix) for suffix in RDF_FILES)
    )
    assert {"dumps/asserted.ttl", "doc/activiteit/1.1.ttl", "def/ontology.ttl"} <= set(
        map(str, files)
    )
    for relative in files:
        fmt = next(f for suffix, f in RDF_FILES.items() if relative.name.endswith(suffix))
        graphs = [
            _without_file_figures(Graph().parse(data=_read(root / relative), format=fmt))
            for root in (out, reference)
        ]
        assert canonical(graphs[0], graphs[0]) == canonical(graphs[1], graphs[1]), relative
