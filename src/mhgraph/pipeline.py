"""The main job: load, reason, validate, and write the graph with its validation report."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .cache import GraphCache
from .engines import DEFAULT_ENGINE, Engine, Part
from .findings import Severity
from .forking import beside
from .formats import rdf_format
from .graph import KnowledgeGraph, Progress, load_graph, no_progress
from .namespaces import MH
from .output import BUILD_MARKER, Staging, check_target, staged
from .project import Project
from .reasoning import Inference
from .reports import render_findings
from .validation import ValidationOutcome, validate

#: The formats `mhgraph build` writes each part of the graph in (names of mhgraph.formats).
BUILD_FORMATS = ("ttl", "nt", "jsonld")
#: The graph's files of a build: (part, format, file name), each part in each format and
#: both parts in their named graphs.
GRAPH_FILES: tuple[tuple[Part, str, str], ...] = (
    *(
        (part, fmt, f"{part}{rdf_format(fmt).suffix}")
        for part in ("asserted", "inferred")
        for fmt in BUILD_FORMATS
    ),
    ("all", "trig", "graph.trig"),
)


@dataclass
class BuildSummary:
    """What a build made: the engine, triples asserted and inferred, resources per class of the
    ontology, findings per severity, seconds per stage and the files written; the numbers
    people check after a build, and what the README's table of the graph is made from."""

    engine: str
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
    engine: str | Engine = DEFAULT_ENGINE,
    cache: GraphCache | None = None,
    rebuild: bool = False,
) -> tuple[BuildSummary, ValidationOutcome]:
    """Load, reason and validate the project and, with ``out``, write the graph and its
    validation report into that folder, replacing an earlier build whole.

    Returns the summary and the validation outcome, whose findings say whether the graph
    conforms; a graph with violations is still written, so it can be inspected (the CLI exits
    1). Raises :class:`~mhgraph.errors.ProjectError` or
    :class:`~mhgraph.errors.RDFSyntaxError` for a project or file that cannot be read, and
    :class:`~mhgraph.errors.OutputError` for an ``out`` that holds something other than a
    build.
    """
    project = project or Project.default()
    if out is not None:
        check_target(out, BUILD_MARKER)  # before the work, not after
    kg = load_graph(
        project, inference=inference, progress=progress, engine=engine, cache=cache, rebuild=rebuild
    )
    if out is None:
        outcome = validate(project, knowledge_graph=kg, progress=progress)
        timings = {**kg.timings, **outcome.timings}
        written: list[Path] = []
    else:
        with staged(out, BUILD_MARKER) as staging:
            # The graph's files do not depend on the findings: they are written by a forked
            # process while this one validates, where there is a core for it.
            progress("writing the graph's files")
            with beside(partial(write_graph_files, kg, staging.root)) as graph_files:
                outcome = validate(project, knowledge_graph=kg, progress=progress)
                files, write_seconds = graph_files()
            staging.files.update(files)
            for fmt, name in (
                ("turtle", "validation-report.ttl"),
                ("json", "validation-report.json"),
            ):
                staging.write(name, render_findings(outcome.findings, fmt).encode("utf-8"))
            names = list(staging.files)
        written = [out / name for name in names]
        timings = {**kg.timings, **outcome.timings, "write": write_seconds}
    findings = outcome.findings
    summary = BuildSummary(
        engine=kg.engine.name,
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


def write_graph_files(kg: KnowledgeGraph, root: Path) -> tuple[dict[str, int], float]:
    """Write the graph's files of a build into the folder ``root``; returns their sizes by
    name and the seconds it took."""
    started = time.perf_counter()
    staging = Staging(root)
    for part, fmt, name in GRAPH_FILES:
        with staging.open(name) as stream:
            kg.export(part, fmt, stream)
    return staging.files, time.perf_counter() - started


def resources_per_class(kg: KnowledgeGraph) -> dict[str, int]:
    """Resources per class of the ontology; after reasoning a class counts its subclasses' too."""
    counts = kg.resources_per_class(str(MH))
    return dict(sorted(("mh:" + cls[len(str(MH)) :], n) for cls, n in counts.items()))
