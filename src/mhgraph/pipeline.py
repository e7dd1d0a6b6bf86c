"""The main job: load, reason, validate, and write the graph with its validation report."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .engines import Engine
from .export import write_atomic
from .findings import Severity
from .graph import KnowledgeGraph, Progress, load_graph, no_progress
from .namespaces import MH
from .project import Project
from .reasoning import Inference
from .reports import render_findings
from .validation import ValidationOutcome, validate

DUMP_FORMATS = ("ttl", "nt", "jsonld")


@dataclass
class BuildSummary:
    asserted: int
    inferred: int
    classes: dict[str, int]
    violations: int
    warnings: int
    infos: int
    timings: dict[str, float]
    written: list[Path] = field(default_factory=list)


def build(
    project: Project | None = None,
    out: Path | None = None,
    *,
    inference: Inference = "owlrl",
    progress: Progress = no_progress,
    engine: str | Engine | None = "reference",
) -> tuple[BuildSummary, ValidationOutcome]:
    project = project or Project.default()
    kg = load_graph(project, inference=inference, progress=progress, engine=engine)
    outcome = validate(project, knowledge_graph=kg, progress=progress)
    timings = {**kg.timings, **outcome.timings}
    written: list[Path] = []
    if out is not None:
        started = time.perf_counter()
        for part in ("asserted", "inferred"):
            for fmt in DUMP_FORMATS:
                path = out / f"{part}.{fmt}"
                progress(f"writing {path}")
                write_atomic(path, kg.serialize(part, fmt))
                written.append(path)
        path = out / "graph.trig"
        progress(f"writing {path}")
        write_atomic(path, kg.serialize("all", "trig"))
        written.append(path)
        for fmt, name in (("turtle", "validation-report.ttl"), ("json", "validation-report.json")):
            path = out / name
            write_atomic(path, render_findings(outcome.findings, fmt).encode("utf-8"))
            written.append(path)
        timings["write"] = time.perf_counter() - started
    findings = outcome.findings
    summary = BuildSummary(
        asserted=kg.count("asserted"),
        inferred=kg.count("inferred"),
        classes=resources_per_class(kg),
        violations=findings.count(Severity.VIOLATION),
        warnings=findings.count(Severity.WARNING),
        infos=findings.count(Severity.INFO),
        timings=timings,
        written=written,
    )
    return summary, outcome


def resources_per_class(kg: KnowledgeGraph) -> dict[str, int]:
    """Resources per class of the ontology; after reasoning a class counts its subclasses' too."""
    counts = kg.engine.resources_per_class(kg, str(MH))
    return dict(sorted(("mh:" + cls[len(str(MH)) :], n) for cls, n in counts.items()))
