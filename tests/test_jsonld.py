"""Every JSON-LD document the tool writes is read by the standard processors as the same
graph as its Turtle: pyld (PyPI) and jsonld.js (npm), both without fetching anything."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, BNode, Graph, URIRef

from mhgraph import KnowledgeGraph, Project, load_graph
from mhgraph.errors import FormatError
from mhgraph.export import serialize
from mhgraph.jsonld import jsonld_bytes, tidy
from mhgraph.results import render
from referees import disagreements, json_ld_files, jsonld_js_graphs, pyld_graph, same_graph

pytest.importorskip("pyld", reason="pyld is in the test extra: pip install -e '.[test]'")

EX = "http://example.org/"
#: Literals, types, IRIs and structures the writer compacts differently (see the file).
AWKWARD = Path(__file__).parent / "fixtures" / "jsonld" / "awkward.ttl"
CONTEXT = {"ex": EX, "rdf": str(RDF), "xsd": "http://www.w3.org/2001/XMLSchema#"}
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


def _triples(path: Path) -> list[ox.Triple]:
    return [quad.triple for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]


def test_the_streamed_json_ld_is_read_as_the_graph_it_was_written_from(tmp_path):
    path = tmp_path / "awkward.jsonld"
    path.write_bytes(jsonld_bytes(_triples(AWKWARD), CONTEXT))
    shutil.copy(AWKWARD, path.with_suffix(".ttl"))
    assert disagreements([(path, _pyld(path))]) == []
    assert disagreements(jsonld_js_graphs([path]).items()) == []


def test_each_subject_is_one_node_object_compacted_with_the_context():
    triples = _triples(AWKWARD)
    shuffled = triples[1::2] + triples[::2] + triples[:5]  # subjects apart, triples twice
    document = json.loads(jsonld_bytes(shuffled, CONTEXT))
    assert list(document) == ["@context", "@graph"]
    assert document["@context"] == CONTEXT
    ids = [node["@id"] for node in document["@graph"]]
    assert len(ids) == len(set(ids)) == len({t.subject for t in triples})
    node = {n["@id"]: n for n in document["@graph"]}
    numbers = node["ex:numbers"]
    assert sorted(numbers["ex:integer"]) == [-42, 0, 7]
    assert numbers["ex:paddedInteger"] == {"@type": "xsd:integer", "@value": "007"}
    big = {"@type": "xsd:integer", "@value": "12345678901234567890"}
    assert numbers["ex:beyondJavaScript"] == big
    assert {"@type": "xsd:double", "@value": "1.0E0"} in numbers["ex:double"]
    assert sorted(numbers["ex:boolean"], key=str) == [True, {"@type": "xsd:boolean", "@value": "1"}]
    strings = node["ex:strings"]
    assert "plain" in strings["ex:label"]
    assert {"@language": "en-gb", "@value": "tagged"} in strings["ex:label"]
    assert strings["ex:custom"] == {"@type": "ex:datatype", "@value": "x"}
    typed = node["ex:typed"]
    kind = next(t for t in typed["@type"] if t != "ex:Thing")
    assert kind.startswith("_:") and node[kind]["@type"] == "ex:Class"
    assert typed["rdf:type"] == "not a class"
    links = node["ex:iris"]["ex:link"]
    assert {"@id": "ex:"} in links and {"@id": "urn:isbn:9789012345678"} in links
    assert {"@id": "http://example.org///x"} in links
    assert node["ex:iris"]["https://elsewhere.org/property"] == {"@id": "ex:typed"}


def test_the_longest_namespace_is_used_and_only_one_that_processors_expand():
    context = {"ex": EX, "deep": EX + "deep/", "word": EX + "wo"}
    triples = [ox.Triple(ox.NamedNode(EX + "deep/a"), ox.NamedNode(EX + "word"), ox.Literal("x"))]
    document = json.loads(jsonld_bytes(triples, context))
    assert document["@graph"] == [{"@id": "deep:a", "ex:word": "x"}]


def test_a_store_gives_the_graphs_asked_for_each_triple_once():
    store = ox.Store()
    store.load(
        input="""
        @prefix ex: <http://example.org/> .
        ex:one { ex:a ex:p ex:b }
        ex:two { ex:a ex:p ex:b , ex:c }
        ex:else { ex:b ex:p ex:a }
        ex:c ex:p ex:a .
        """,
        format=ox.RdfFormat.TRIG,
    )
    asked = [ox.NamedNode(EX + "one"), ox.NamedNode(EX + "two")]
    graph = json.loads(jsonld_bytes(store, CONTEXT, graphs=asked))["@graph"]
    assert graph == [{"@id": "ex:a", "ex:p": graph[0]["ex:p"]}]
    assert sorted(graph[0]["ex:p"], key=str) == [{"@id": "ex:b"}, {"@id": "ex:c"}]
    everything = json.loads(jsonld_bytes(store, CONTEXT))["@graph"]
    assert {node["@id"] for node in everything} == {"ex:a", "ex:b", "ex:c"}


def test_an_empty_graph_is_a_document_with_an_empty_graph():
    assert json.loads(jsonld_bytes([], CONTEXT)) == {"@context": CONTEXT, "@graph": []}


def test_a_triple_term_is_refused_with_the_formats_that_hold_it():
    a, p = ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p")
    with pytest.raises(FormatError, match="triple term") as refused:
        jsonld_bytes([ox.Triple(a, p, ox.Triple(a, p, a))], CONTEXT)
    assert "Turtle" in (refused.value.hint or "")
