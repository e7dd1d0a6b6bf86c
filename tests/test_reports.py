"""Each report format says the same findings in the form its reader expects."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import RDF, SH, Graph, Literal, URIRef

from mhgraph.errors import FormatError
from mhgraph.findings import Finding, Findings, Severity
from mhgraph.reports import render_findings

NODE = "https://w3id.org/mhgraph/id/activiteit/1.1"
SHAPE = "https://w3id.org/mhgraph/def/shapes/ActivityShape-status"


def findings() -> Findings:
    return Findings(
        [
            Finding(
                severity=Severity.VIOLATION,
                messages={"en": "An activity needs a status, 100%: add one", "nl": "Geen status"},
                focus_node=NODE,
                path="https://w3id.org/mhgraph/def/status",
                source_shape=SHAPE,
                constraint=str(SH.MinCountConstraintComponent),
                file="data/actielijn-1.ttl",
                line=42,
            ),
            Finding(
                severity=Severity.WARNING,
                messages={"en": "No English label"},
                focus_node=NODE,
                source_shape="https://w3id.org/mhgraph/def/shapes/LabelShape",
                file="data/actielijn-1.ttl",
                line=42,
            ),
            Finding(severity=Severity.INFO, messages={"en": "No organisation"}, focus_node=NODE),
        ]
    )


def test_text_groups_by_file_and_node_and_counts():
    text = render_findings(findings(), "text")
    lines = text.splitlines()
    assert lines[0] == "data/actielijn-1.ttl"
    assert lines[1] == f"  {NODE}  (line 42)"
    assert lines[2].startswith("    Violation: An activity needs a status")
    assert "[path https://w3id.org/mhgraph/def/status]" in lines[2]
    assert lines[-1] == "1 violation, 1 warning, 1 info: the graph does not conform"


def test_text_in_dutch_falls_back_to_english():
    text = render_findings(findings(), "text", language="nl")
    assert "Violation: Geen status" in text
    assert "Warning: No English label" in text


def test_turtle_is_a_standard_validation_report():
    graph = Graph().parse(data=render_findings(findings(), "turtle"), format="turtle")
    report = graph.value(predicate=RDF.type, object=SH.ValidationReport, any=False)
    assert report is not None
    assert graph.value(report, SH.conforms) == Literal(False)
    results = list(graph.objects(report, SH.result))
    assert len(results) == 3
    severities = {graph.value(r, SH.resultSeverity) for r in results}
    assert severities == {SH.Violation, SH.Warning, SH.Info}
    assert (None, SH.focusNode, URIRef(NODE)) in graph


def test_json_has_counts_and_locations():
    document = json.loads(render_findings(findings(), "json"))
    assert document["conforms"] is False
    assert document["counts"] == {"Info": 1, "Warning": 1, "Violation": 1}
    first = document["findings"][0]
    assert (first["file"], first["line"], first["severity"]) == (
        "data/actielijn-1.ttl",
        42,
        "Violation",
    )


def test_junit_one_case_per_shape_and_failures_for_violations():
    root = ET.fromstring(render_findings(findings(), "junit"))
    cases = root.findall(".//testcase")
    assert len(cases) == 3
    assert root.get("failures") == "1"
    failing = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == [SHAPE]


def test_github_annotations_escape_and_locate():
    lines = render_findings(findings(), "github").splitlines()
    assert lines[0] == (
        "::error file=data/actielijn-1.ttl,line=42,title=ActivityShape-status::"
        f"{NODE}: An activity needs a status, 100%25: add one "
        "(path https://w3id.org/mhgraph/def/status)"
    )
    assert lines[1].startswith("::warning file=data/actielijn-1.ttl,line=42,title=LabelShape::")
    assert lines[2].startswith("::notice title=mhgraph::")


def test_sarif_levels_rules_and_regions():
    document = json.loads(render_findings(findings(), "sarif"))
    run = document["runs"][0]
    assert document["version"] == "2.1.0"
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note"]
    location = run["results"][0]["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "data/actielijn-1.ttl"},
        "region": {"startLine": 42},
    }
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} >= {SHAPE}


def test_unknown_format():
    with pytest.raises(FormatError):
        render_findings(findings(), "pdf")
