"""The checks on the asserted triples give the same findings in both engines.

Differential, like tests/test_engines.py: one file with every mistake those checks report
(a reference to nothing, a second value of a functional property, an inferred-only property,
ill-typed literals, a relative IRI) and a blank node, validated by each engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mhgraph import Project, validate

pytest.importorskip("pyshacl_turbo", reason="the fast engine is not installed")

MISTAKES = Path(__file__).parent / "fixtures" / "engines" / "curator-mistakes.ttl"


def keys(project: Project, engine: str) -> set[tuple]:
    outcome = validate(project, files=[MISTAKES], engine=engine)
    return {
        (f.focus_node, f.path, f.source_shape, f.severity, f.file, f.line)
        for f in outcome.findings.items
    }


def test_the_engines_report_the_asserted_mistakes_alike(real_project):
    reference = keys(real_project, "reference")
    assert keys(real_project, "fast") == reference
    rules = {shape.rsplit("/", 1)[-1] for _, _, shape, *_ in reference if shape}
    assert {
        "DanglingReferenceCheck",
        "FunctionalPropertyCheck",
        "InferredOnlyPropertyCheck",
        "LexicalFormCheck",
        "RelativeIriCheck",
        "FundingAmountUnitRule",
    } <= rules
    assert all(line for _, _, _, _, _, line in reference)
