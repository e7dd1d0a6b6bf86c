"""One record per format: every table derived from it agrees, and every format round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

from mhgraph import load_graph
from mhgraph.export import EXPORT_FORMATS, serialize
from mhgraph.formats import (
    BY_SUFFIX,
    EU_FILE_TYPE,
    FORMATS,
    RDF_FORMATS,
    RESULT_FORMATS,
    W3C_FORMATS,
    WRITABLE_RDF,
)
from mhgraph.loading import format_of
from mhgraph.namespaces import PREFIXES
from mhgraph.project import RDF_SUFFIXES
from mhgraph.publish.dumps import DUMP_FORMATS
from mhgraph.results import GRAPH_FORMATS, TABULAR_FORMATS, render
from mhgraph.serve import negotiation
from mhgraph.serve.site import _TYPES


def test_names_suffixes_and_media_types_are_unambiguous_within_a_kind():
    for kinds in (("graph", "dataset"), ("results",)):
        records = [f for f in FORMATS if f.kind in kinds]
        assert len({f.name for f in records}) == len(records)
        suffixes = [s for f in records for s in f.suffixes]
        assert len(set(suffixes)) == len(suffixes)
        written = [f.media_type for f in records]
        assert len(set(written)) == len(written)


def test_every_rdf_format_names_rdflib_oxigraph_and_w3c():
    for fmt in RDF_FORMATS.values():
        assert fmt.rdflib and fmt.w3c, fmt.name
        assert isinstance(getattr(ox.RdfFormat, fmt.oxigraph), ox.RdfFormat), fmt.name
        assert ox.RdfFormat.from_media_type(fmt.media_type) == getattr(ox.RdfFormat, fmt.oxigraph)
        assert fmt.w3c_iri.startswith(W3C_FORMATS)


def test_the_derived_tables_agree_with_the_registry():
    assert set(EXPORT_FORMATS) == set(WRITABLE_RDF) == set(GRAPH_FORMATS)
    assert set(TABULAR_FORMATS) == {"table", *RESULT_FORMATS}
    assert set(RDF_SUFFIXES) == set(BY_SUFFIX)
    assert format_of(Path("x.owl"), "x.owl") is RDF_FORMATS["xml"]
    for dump in DUMP_FORMATS:
        assert dump.format is WRITABLE_RDF[dump.export_format]
        assert dump.file_type and dump.media_type == dump.format.media_type
    assert DUMP_FORMATS[1].suffix == ".nt.gz" and DUMP_FORMATS[1].name == "N-Triples (gzip)"
    for fmt in (*negotiation.RESULT_FORMATS, *negotiation.GRAPH_FORMATS):
        assert fmt in FORMATS
    for suffix, fmt in BY_SUFFIX.items():
        assert _TYPES[suffix] == fmt.content_type


def test_the_eu_and_w3c_iris_are_the_published_ones():
    turtle = RDF_FORMATS["ttl"]
    assert turtle.w3c_iri == "http://www.w3.org/ns/formats/Turtle"
    assert turtle.eu_file_type_iri == EU_FILE_TYPE + "RDF_TURTLE"
    assert RDF_FORMATS["nt"].w3c_iri == "http://www.w3.org/ns/formats/N-Triples"
    assert RESULT_FORMATS["json"].w3c_iri == "http://www.w3.org/ns/formats/SPARQL_Results_JSON"


@pytest.fixture(scope="module")
def small(fixture_project):
    return load_graph(fixture_project, engine="reference")


@pytest.mark.parametrize("name", sorted(WRITABLE_RDF))
@pytest.mark.parametrize("engine", ["reference", "fast"])
def test_every_writable_format_round_trips(name, engine, fixture_project, small):
    kg = small if engine == "reference" else load_graph(fixture_project, engine="fast")
    fmt = WRITABLE_RDF[name]
    data = kg.serialize("asserted", name)
    if fmt.kind == "dataset":
        dataset = Dataset()
        dataset.parse(data=data, format=fmt.rdflib)
        read = Graph()
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            read.add((s, p, o))
    else:
        read = Graph().parse(data=data, format=fmt.rdflib)
    assert len(read) == len(small.asserted)
    subjects = {s for s in small.asserted.subjects() if isinstance(s, URIRef)}
    assert subjects == {s for s in read.subjects() if isinstance(s, URIRef)}


def test_a_construct_answer_in_json_ld_has_the_exports_context(small):
    """The query command and the export write JSON-LD the same way, @context included."""
    answer = small.query("CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3")
    document = json.loads(render(answer, "jsonld"))
    exported = json.loads(serialize(answer.graph, "jsonld"))
    assert document["@context"] == exported["@context"] == dict(PREFIXES)
