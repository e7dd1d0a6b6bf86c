"""The two engines give the same answers: closure, findings and stored queries.

Differential: the reference engine (rdflib, owlrl, pySHACL) is the oracle, on the real graph
and on a scaled one (``tests/test_engines_scale.py``). Blank nodes are compared by what
they are (their statements, recursively), literals by value: Oxigraph stores ``9900000.0``
as ``9900000``, the same xsd:decimal.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graphs import canonical, concatenated
from mhgraph import Catalogue, KnowledgeGraph, Project, load_graph
from mhgraph.errors import QueryError, RDFSyntaxError
from mhgraph.publish.edition import content_hash
from mhgraph.validation import ValidationOutcome, validate

pytest.importorskip("pyshacl_turbo", reason="the fast engine is not installed")

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
ENGINE_FIXTURES = FIXTURES / "engines"


def finding_keys(outcome: ValidationOutcome) -> set[tuple]:
    return {
        (f.focus_node, f.path, f.source_shape, f.constraint, f.severity, f.file, f.line)
        for f in outcome.findings.items
    }


def rows(result) -> set[tuple]:
    def value(node: Node | None) -> object:
        if isinstance(node, Literal):
            python = node.toPython()
            return (
                str(node.datatype or ""),
                node.language,
                str(node) if isinstance(python, Literal) else python,
            )
        return None if isinstance(node, BNode) else node

    return {tuple(value(t) for t in row) for row in result.rows}


def assert_same_closure(reference: KnowledgeGraph, fast: KnowledgeGraph) -> None:
    expected = canonical(reference.inferred, reference.asserted)
    found = canonical(fast.inferred, fast.asserted)
    assert len(fast.inferred) == len(reference.inferred)
    assert found - expected == set()
    assert expected - found == set()


@pytest.fixture(scope="session")
def fast_graph(real_project: Project) -> KnowledgeGraph:
    return load_graph(real_project, engine="fast")


@pytest.fixture(scope="session")
def reference_graph(real_project: Project) -> KnowledgeGraph:
    """owlrl's closure of the repository's graph, the oracle (``real_graph`` is the default
    engine's, the fast one)."""
    return load_graph(real_project, engine="reference")


@pytest.fixture(scope="session")
def reference_outcome(real_project: Project, reference_graph: KnowledgeGraph) -> ValidationOutcome:
    """pySHACL's findings on owlrl's closure."""
    return validate(real_project, knowledge_graph=reference_graph)


def test_the_real_graph_has_the_same_closure(reference_graph, fast_graph):
    assert (reference_graph.engine.name, fast_graph.engine.name) == ("reference", "fast")
    assert_same_closure(reference_graph, fast_graph)


def test_the_real_graph_has_the_same_asserted_triples(reference_graph, fast_graph):
    assert fast_graph.count("asserted") == len(reference_graph.asserted)
    assert canonical(fast_graph.asserted, fast_graph.asserted) == canonical(
        reference_graph.asserted, reference_graph.asserted
    )
    # so the publication finds the same recorded edition whichever engine read the files
    assert content_hash(fast_graph.asserted) == content_hash(reference_graph.asserted)


def test_each_files_triples_are_the_same_in_both_engines(real_project, reference_graph):
    """What the publication reads for the ontology: one file's triples, which the fast
    engine takes from its store without making the whole dataset in rdflib's terms."""
    fast = load_graph(real_project, engine="fast")  # its dataset not made yet
    reference = {label: name for name, label in reference_graph.sources.files.items()}
    assert sorted(fast.sources.files.values()) == sorted(reference)
    for name, label in fast.sources.files.items():
        triples = fast.sources.file_graph(name)
        other = reference_graph.sources.file_graph(reference[label])
        assert len(triples) == len(other) > 0, label
        assert canonical(triples, fast.asserted) == canonical(other, reference_graph.asserted)
    name = next(iter(fast.sources.files))
    assert set(fast.sources.file_graph(name)) == set(fast.sources.dataset.graph(name))


@pytest.mark.slow
def test_the_real_graph_has_the_same_findings_in_the_same_places(
    real_project, fast_graph, reference_outcome
):
    fast = validate(real_project, knowledge_graph=fast_graph)
    assert finding_keys(fast) == finding_keys(reference_outcome)
    assert all(f.line for f in fast.findings.items if f.file and f.file.startswith("data/"))


STORED = (
    sorted(q.name for q in Catalogue.load(REPO / "queries")) if (REPO / "queries").is_dir() else []
)


def listed(found: set[tuple], variables: list[str], text: str) -> set[tuple]:
    """The rows with each GROUP_CONCAT's items as a set (:func:`graphs.concatenated`)."""
    columns = [variables.index(column) for column in concatenated(text)]

    def items(row: tuple) -> tuple:
        cells = list(row)
        for index in columns:  # an empty list is "" to rdflib and unbound to Oxigraph
            text = cells[index][2] if cells[index] is not None else ""
            cells[index] = frozenset(str(text).split())
        return tuple(cells)

    return {items(row) for row in found}


@pytest.mark.parametrize("name", STORED)
def test_every_stored_query_gives_the_same_rows(name, real_project, reference_graph, fast_graph):
    stored = Catalogue.load(real_project.queries_dir).get(name)
    bindings = stored.bindings()
    expected = reference_graph.query(stored.text, bindings, source=str(stored.path))
    found = fast_graph.query(stored.text, bindings, source=str(stored.path))
    assert (found.kind, found.variables, found.boolean) == (
        expected.kind,
        expected.variables,
        expected.boolean,
    )
    assert listed(rows(found), found.variables, stored.text) == listed(
        rows(expected), expected.variables, stored.text
    )
    if expected.graph is not None:
        assert canonical(found.graph, found.graph) == canonical(expected.graph, expected.graph)


def test_a_parameter_is_bound_as_a_term_not_as_text(fixture_project):
    kg = load_graph(fixture_project, engine="fast")
    stored = Catalogue.load(fixture_project.queries_dir).get("activities-by-label")
    sneaky = stored.bindings({"label": 'Factsheet "zorg" } UNION {'})
    assert {str(r[0]) for r in kg.query(stored.text, sneaky).rows} == {
        "https://w3id.org/mhgraph/id/activiteit/1.2"
    }


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?s FROM <https://example.org/g> WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }",
        "INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }",
        "SELECT ?s WHERE {\n  ?s ?p ?o\n  FILTER (\n}",
        "SELECT ?s WHERE { ?s mh:nope ?o } LIMIT many",
    ],
)
def test_a_refused_or_broken_query_reads_the_same_on_both_engines(fixture_project, text):
    errors = []
    for engine in ("reference", "fast"):
        kg = load_graph(fixture_project, engine=engine)
        with pytest.raises(QueryError) as caught:
            kg.query(text, source="asked.rq")
        errors.append(caught.value.one_line())
    assert errors[0] == errors[1]
    assert errors[1].startswith("asked.rq")


def test_the_views_are_rdflib_graphs_built_on_first_use(fixture_project):
    kg = load_graph(fixture_project, engine="fast")
    assert kg.store.views == {}
    assert isinstance(kg.graph, Graph)
    assert (
        URIRef("https://w3id.org/mhgraph/id/activiteit/1.1"),
        URIRef("https://w3id.org/mhgraph/def/partOf"),
        URIRef("https://w3id.org/mhgraph/id/resultaat/1"),
    ) in kg.inferred
    assert set(kg.store.views) == {"all", "inferred"}


def test_progress_names_the_stage_and_the_triples(fixture_project):
    messages: list[str] = []
    kg = load_graph(fixture_project, engine="fast", progress=messages.append)
    validate(fixture_project, knowledge_graph=kg, progress=messages.append)
    assert any(m.startswith("parsing file 1 of") for m in messages)
    assert any(
        m.startswith(f"reasoning (owlrl, in Oxigraph) over {kg.count('asserted')}")
        for m in messages
    )
    assert any(m == f"validating {kg.count()} triples (fast engine)" for m in messages)


def test_equality_is_left_to_owlrl(fixture_project):
    files = [*fixture_project.data_files, ENGINE_FIXTURES / "same-as.ttl"]
    messages: list[str] = []
    fast = load_graph(fixture_project, files=files, engine="fast", progress=messages.append)
    reference = load_graph(fixture_project, files=files, engine="reference")
    assert any("the graph needs rules the fast closure lacks" in m for m in messages)
    assert_same_closure(reference, fast)


def test_ill_typed_literals_are_left_out_of_both_closures(fixture_project):
    """owlrl would note "vier" as an error in its closure (and fails on "1,6"^^xsd:decimal);
    the literal is reported by the lexical-form check instead, so the closures agree."""
    files = [*fixture_project.data_files, ENGINE_FIXTURES / "ill-typed.ttl"]
    fast = load_graph(fixture_project, files=files, engine="fast")
    reference = load_graph(fixture_project, files=files, engine="reference")
    error = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")
    assert list(reference.inferred.subjects(error)) == []
    assert_same_closure(reference, fast)


def test_a_syntax_error_names_the_same_file_and_line(fixture_project):
    malformed = FIXTURES / "broken" / "malformed.ttl"
    errors = []
    for engine in ("reference", "fast"):
        with pytest.raises(RDFSyntaxError) as caught:
            load_graph(fixture_project, files=[malformed], engine=engine)
        errors.append((caught.value.file, caught.value.line))
    assert errors[0] == errors[1]
    assert errors[1][1] is not None


def test_export_writes_the_same_triples(fixture_project):
    kgs = {e: load_graph(fixture_project, engine=e) for e in ("reference", "fast")}
    for fmt, rdf_format in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml")):
        graphs = [
            Graph().parse(data=kg.serialize("all", fmt), format=rdf_format) for kg in kgs.values()
        ]
        assert canonical(graphs[0], graphs[0]) == canonical(graphs[1], graphs[1]), fmt
    nt = kgs["fast"].serialize("asserted", "nt").decode().splitlines()
    assert nt == sorted(nt)


@pytest.fixture(scope="module")
def scaled(scaled_project) -> dict[str, tuple[KnowledgeGraph, ValidationOutcome]]:
    project = Project.at(scaled_project.root)
    found = {}
    for engine in ("reference", "fast"):
        kg = load_graph(project, engine=engine)
        found[engine] = (kg, validate(project, knowledge_graph=kg))
    return found


@pytest.mark.slow
def test_a_scaled_graph_has_the_same_closure(scaled):
    assert_same_closure(scaled["reference"][0], scaled["fast"][0])


@pytest.mark.slow
def test_a_scaled_graph_has_the_same_findings_in_the_same_places(scaled):
    assert finding_keys(scaled["fast"][1]) == finding_keys(scaled["reference"][1])


@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_a_graph_written_in_several_formats_at_once_is_written_as_one_at_a_time(engine):
    """The publication writes each graph in several formats in one call."""
    from mhgraph.engines import get_engine
    from mhgraph.namespaces import PREFIXES

    writer = get_engine(engine)
    graph = Graph()
    graph.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), BNode("b")))
    graph.add((BNode("b"), URIRef("https://example.org/q"), Literal("één", lang="nl")))
    graph.add((URIRef("https://example.org/a"), URIRef("https://example.org/n"), Literal(2)))
    formats = ["ttl", "nt", "jsonld", "xml", "nq"]
    written = writer.write_each(graph, formats, PREFIXES)
    assert written == [writer.write(graph, fmt, PREFIXES) for fmt in formats]
    assert len(set(written)) == len(formats)  # each in its own format
