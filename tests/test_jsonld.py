"""Every JSON-LD document the tool writes is read by the standard processors as the same
graph as its Turtle: pyld (PyPI) and jsonld.js (npm), both without fetching anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Graph, URIRef

from mhgraph import KnowledgeGraph, Project, load_graph
from mhgraph.export import serialize
from mhgraph.jsonld import tidy
from mhgraph.results import render
from referees import disagreements, json_ld_files, jsonld_js_graphs, pyld_graph, same_graph

pytest.importorskip("pyld", reason="pyld is in the test extra: pip install -e '.[test]'")

EX = "http://example.org/"
#: An answer that types resources with blank nodes, as a user's CONSTRUCT may.
ANONYMOUS_KINDS = "CONSTRUCT { ?s ?p ?o . ?s a [ a owl:Class ] } WHERE { ?s a mh:Result ; ?p ?o }"


def _pyld(path: Path) -> Graph | str:
    try:
        return pyld_graph(json.loads(path.read_text(encoding="utf-8")))
    except Exception as err:  # pyld raises its own JsonLdError and others
        return " ".join(str(err).split())


def test_a_blank_node_type_is_written_as_a_string():
    graph = Graph()
    anonymous = BNode()
    graph.add((URIRef(EX + "a"), RDF.type, anonymous))
    graph.add((URIRef(EX + "a"), RDF.type, URIRef(EX + "Thing")))
    graph.add((anonymous, RDF.type, URIRef(EX + "Class")))
    document = json.loads(serialize(graph, "jsonld"))
    node = next(n for n in document["@graph"] if n["@id"] == EX + "a")
    assert all(isinstance(t, str) for t in node["@type"])
    assert same_graph(pyld_graph(document), graph)


def test_the_comparison_tells_blank_nodes_apart_by_what_they_say():
    """same_graph stands in for isomorphism: it must still see a changed or lost role."""
    role = "@prefix ex: <http://example.org/> . ex:a ex:role [ ex:agent ex:b ; ex:kind ex:{} ] ."
    two = role.format("funder") + " ex:a ex:role [ ex:agent ex:b ; ex:kind ex:recipient ] ."
    graph = Graph().parse(data=two, format="turtle")
    assert same_graph(graph, Graph().parse(data=two, format="turtle"))
    changed = two.replace("recipient", "funder")
    assert not same_graph(graph, Graph().parse(data=changed, format="turtle"))
    assert not same_graph(graph, Graph().parse(data=role.format("funder"), format="turtle"))


def test_a_document_that_needs_nothing_is_left_as_written():
    text = json.dumps({"@id": EX + "a", "@type": "ex:Thing", "ex:p": {"@type": "xsd:date"}})
    assert tidy(text) is text


def test_pyld_reads_every_json_ld_file_of_the_publication_as_its_turtle(real_publication):
    files = json_ld_files(real_publication)
    # pages, the dumps, the catalogue and VoID
    assert len(files) > 500
    assert {"catalog.jsonld", "void.jsonld", "asserted.jsonld", "inferred.jsonld"} <= {
        p.name for p in files
    }
    assert disagreements((path, _pyld(path)) for path in files) == []


def test_jsonld_js_reads_every_json_ld_file_of_the_publication_as_its_turtle(real_publication):
    files = json_ld_files(real_publication)
    found = jsonld_js_graphs(files)
    assert len(found) == len(files)
    assert disagreements(found.items()) == []


def test_the_shared_context_is_a_context_both_processors_read(real_publication):
    context = json.loads((real_publication / "context.jsonld").read_text())
    document = {**context, "@id": "mh:x", "@type": "mh:Activity"}
    expected = Graph().add(
        (
            URIRef("https://w3id.org/mhgraph/def/x"),
            RDF.type,
            URIRef(context["@context"]["mh"] + "Activity"),
        )
    )
    assert same_graph(pyld_graph(document), expected)


@pytest.fixture(scope="module", params=["reference", "fast"])
def engine_graph(request, real_project: Project, real_graph: KnowledgeGraph) -> KnowledgeGraph:
    if request.param == "reference":
        return real_graph
    pytest.importorskip("pyoxigraph", reason="the fast engine is not installed")
    return load_graph(real_project, engine="fast")


@pytest.mark.parametrize("part", ["asserted", "inferred", "all"])
def test_the_built_json_ld_is_the_built_turtle(engine_graph, part, tmp_path):
    """What `mhgraph build --out` and `mhgraph export --format jsonld` write, either engine."""
    path = tmp_path / f"{part}.jsonld"
    path.write_bytes(engine_graph.serialize(part, "jsonld"))
    path.with_suffix(".ttl").write_bytes(engine_graph.serialize(part, "ttl"))
    assert disagreements([(path, _pyld(path))]) == []
    assert disagreements(jsonld_js_graphs([path]).items()) == []


def test_a_construct_answer_in_json_ld_is_its_graph(engine_graph, tmp_path):
    """What `mhgraph sparql --format jsonld` prints for a CONSTRUCT, either engine."""
    answer = engine_graph.query(ANONYMOUS_KINDS)
    assert answer.graph is not None
    assert any(isinstance(o, BNode) for o in answer.graph.objects(None, RDF.type))
    path = tmp_path / "answer.jsonld"
    path.write_text(render(answer, "jsonld"), encoding="utf-8")
    answer.graph.serialize(path.with_suffix(".ttl"), format="turtle")
    assert disagreements([(path, _pyld(path))]) == []
    assert disagreements(jsonld_js_graphs([path]).items()) == []
