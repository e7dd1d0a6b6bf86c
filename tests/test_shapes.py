"""The shapes catch the mistakes a curator makes, and are themselves valid SHACL.

Each case under ``tests/cases/shapes/<name>/`` is a small fixture broken in one way, with the
finding it must produce written by hand in ``expected.json``.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pyshacl
import pytest
from rdflib import OWL, RDF, SH, Graph, Literal

from mhgraph import Project, Severity, validate
from mhgraph.namespaces import MH
from mhgraph.validation import load_shapes

CASES = Path(__file__).parent / "cases" / "shapes"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expected.json").is_file())


@pytest.fixture(scope="module")
def shapes_graph(real_project: Project) -> Graph:
    return load_shapes(real_project).union()


@pytest.mark.parametrize("case", CASE_NAMES)
def test_broken_fixture_gives_the_expected_finding(real_project: Project, case: str):
    expected = json.loads((CASES / case / "expected.json").read_text())
    outcome = validate(real_project, files=[CASES / case / "data.ttl"])
    findings = outcome.findings.items
    if expected.get("conforms"):
        assert [f for f in findings if f.severity >= Severity.WARNING] == []
        return
    matching = [
        f
        for f in findings
        if f.focus_node == expected["focus"]
        and f.severity == Severity.parse(expected["severity"])
        and f.source_shape == expected["source_shape"]
        and f.path == expected.get("path")
        and expected["message_contains"] in f.message("en")
    ]
    assert matching, [(f.focus_node, f.severity, f.source_shape, f.message("en")) for f in findings]
    assert matching[0].file is not None and matching[0].file.endswith("data.ttl")
    assert "nl" in matching[0].messages, "every constraint speaks Dutch too"


def test_real_graph_has_no_violation(real_project: Project, real_graph):
    outcome = validate(real_project, knowledge_graph=real_graph)
    assert [f for f in outcome.findings.items if f.severity == Severity.VIOLATION] == []


def test_shapes_conform_to_shacl_for_shacl(shapes_graph: Graph):
    meta = Graph().parse(
        str(resources.files("pyshacl") / "assets" / "shacl-shacl.ttl"), format="turtle"
    )
    conforms, _report, text = pyshacl.validate(shapes_graph, shacl_graph=meta, inference="none")
    assert conforms, text


def test_every_constraint_has_a_message_in_dutch_and_english(shapes_graph: Graph):
    constraints = set(shapes_graph.subjects(SH.path, None)) | set(
        shapes_graph.objects(None, SH.sparql)
    )
    assert len(constraints) > 50
    for constraint in constraints:
        languages = {
            m.language
            for m in shapes_graph.objects(constraint, SH.message)
            if isinstance(m, Literal)
        }
        if not languages:  # a property shape inside a node shape may carry the message there
            continue
        assert {"nl", "en"} <= languages, constraint


def test_every_class_of_the_ontology_has_a_node_shape(real_graph, shapes_graph: Graph):
    declared = real_graph.asserted.subjects(RDF.type, OWL.Class)
    classes = {c for c in declared if str(c).startswith(str(MH))}
    targeted = set(shapes_graph.objects(None, SH.targetClass))
    assert classes - targeted == set()
