"""The checks on the asserted triples: one mistake, one finding, on the node that holds it.

The fixtures are the shape cases of ``tests/cases/shapes/``; here the point is what else is
(not) reported, in both engines, and the helpers behind the suggestions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import SH, Graph, Literal

from mhgraph import Project, Severity, validate
from mhgraph.asserted import edit_distance, is_ill_typed, nearest_names
from mhgraph.reports import render_findings

CASES = Path(__file__).parent / "cases" / "shapes"
ENGINES = ["reference", "fast"]
ORG = "https://w3id.org/mhgraph/id/organisatie/"
ACTIVITY = "https://w3id.org/mhgraph/id/activiteit/1.1"


def findings(project: Project, case: str, engine: str):
    if engine == "fast":
        pytest.importorskip("pyshacl_turbo", reason="the fast engine is not installed")
    outcome = validate(project, files=[CASES / case / "data.ttl"], engine=engine)
    return [f for f in outcome.findings.items if f.severity >= Severity.WARNING]


def test_edit_distance_counts_single_character_edits():
    assert edit_distance("comensha", "comensha") == 0
    assert edit_distance("comensa", "comensha") == 1  # one deletion
    assert edit_distance("politei", "politie") == 2  # two substitutions
    assert edit_distance("", "abc") == 3


def test_the_nearest_names_share_the_namespace_and_are_near_enough():
    defined = [ORG + "comensha", ORG + "comenius", ORG + "politie", "https://x.org/comensha"]
    assert nearest_names(ORG + "comensa", defined) == [ORG + "comensha"]
    assert nearest_names(ORG + "ministerie-jenv", defined) == []
    tied = [ORG + "ac", ORG + "bb"]
    assert nearest_names(ORG + "ab", [*tied, ORG + "xyz"]) == tied


def test_calendar_values_are_checked_against_their_lexical_forms():
    from rdflib import XSD  # imported here: pytest's collection trips over the namespace object

    assert is_ill_typed(Literal("202", datatype=XSD.gYear))
    assert is_ill_typed(Literal("2021-13", datatype=XSD.gYearMonth))
    assert is_ill_typed(Literal("2021-02-30", datatype=XSD.date))
    assert not is_ill_typed(Literal("2021", datatype=XSD.gYear))
    assert not is_ill_typed(Literal("2021-12", datatype=XSD.gYearMonth))
    assert not is_ill_typed(Literal("1600000.0", datatype=XSD.decimal))


@pytest.mark.parametrize("engine", ENGINES)
def test_a_typo_in_a_slug_is_one_finding_on_the_referring_node(real_project, engine):
    found = findings(real_project, "reference-to-undefined-organisation", engine)
    assert len(found) == 1, [(f.focus_node, f.message()) for f in found]
    finding = found[0]
    assert finding.focus_node == ACTIVITY
    assert finding.value == ORG + "politei"
    assert finding.message("en").startswith(
        "activity 1.1 (tests/cases/shapes/reference-to-undefined-organisation/data.ttl:"
    )
    assert "refers to organisatie:politei" in finding.message("en")
    assert "bedoelde u organisatie:politie?" in finding.message("nl")
    assert finding.line is not None


@pytest.mark.parametrize("engine", ENGINES)
def test_a_second_status_is_one_finding_and_equates_nothing(real_project, engine):
    found = findings(real_project, "second-status", engine)
    assert [(f.focus_node, f.path) for f in found] == [
        (ACTIVITY, "https://w3id.org/mhgraph/def/status")
    ]
    assert "(status:vertraagd , status:volgens-planning)" in found[0].message()


def test_a_blank_node_is_named_and_located_by_the_node_that_holds_it(real_project):
    data = CASES / "funding-as-blank-node" / "data.ttl"
    outcome = validate(real_project, files=[data])
    on_blank = [f for f in outcome.findings.items if f.focus_node == ACTIVITY + " mh:hasFunding []"]
    assert on_blank and all(f.file and f.file.endswith("data.ttl") for f in on_blank)
    lines = data.read_text(encoding="utf-8").splitlines()
    assert all(lines[f.line - 1].startswith("activiteit:1.1 ") for f in on_blank)
    document = json.loads(render_findings(outcome.findings, "json"))
    assert None not in {f["focusNode"] for f in document["findings"]}
    report = Graph().parse(data=render_findings(outcome.findings, "turtle"), format="turtle")
    assert len(set(report.objects(None, SH.focusNode))) == len(outcome.findings.items)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_nested_shape_gives_one_result_with_its_detail(real_project, engine):
    """A concept from the wrong scheme fails a sh:node: one result, as a conforming engine
    counts it, and none on the concept itself."""
    found = findings(real_project, "activity-type-from-wrong-scheme", engine)
    assert [(f.focus_node, f.source_shape.rsplit("/", 1)[-1]) for f in found] == [
        (ACTIVITY, "Activity-activityType")
    ]
