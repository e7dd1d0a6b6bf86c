"""SHACL validation of the knowledge graph, turned into :mod:`mhgraph.findings`."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import RDF, SH, BNode, Graph, Literal
from rdflib.term import Node

from .findings import Finding, Findings, Severity
from .graph import KnowledgeGraph, Progress, _quiet, load_graph
from .loading import SourceGraph, load_sources
from .project import Project
from .reasoning import Inference
from .terms import undeclared_terms


@dataclass
class ValidationOutcome:
    findings: Findings
    graph: KnowledgeGraph
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def conforms(self) -> bool:
        return self.findings.conforms


def load_shapes(project: Project) -> SourceGraph:
    files = project.shape_files
    return load_sources(files, {path: project.relative(path) for path in files})


def validate(
    project: Project | None = None,
    *,
    files: Sequence[Path] | None = None,
    inference: Inference = "owlrl",
    knowledge_graph: KnowledgeGraph | None = None,
    progress: Progress = _quiet,
) -> ValidationOutcome:
    """Validate the project's data (or ``files``) against the project's shapes.

    The shapes see the asserted triples plus what ``inference`` entails, so a shape can rely
    on superclasses and super-properties the ontology defines.
    """
    project = project or Project.default()
    kg = knowledge_graph or load_graph(project, inference=inference, files=files, progress=progress)
    shapes = load_shapes(project)
    started = time.perf_counter()
    progress(f"validating {len(kg.graph)} triples")
    findings = run_shacl(kg, shapes.union())
    if files is None:
        checked = kg.sources
    else:
        checked = load_sources(list(files), {p: project.relative(p) for p in files})
    findings.items.extend(undeclared_terms(kg.graph, checked, shapes.union()))
    timings = {"validate": time.perf_counter() - started}
    return ValidationOutcome(findings, kg, timings)


def run_shacl(kg: KnowledgeGraph, shapes: Graph) -> Findings:
    _conforms, report, _text = pyshacl.validate(
        kg.graph,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        allow_infos=True,
    )
    return Findings([_finding(report, result, kg.sources) for result in _results(report)])


def _results(report: Graph) -> list[Node]:
    return list(report.subjects(RDF.type, SH.ValidationResult))


def _finding(report: Graph, result: Node, sources: SourceGraph) -> Finding:
    focus = report.value(result, SH.focusNode)
    location = sources.locate(focus)
    messages: dict[str, str] = {}
    for message in report.objects(result, SH.resultMessage):
        language = message.language if isinstance(message, Literal) and message.language else "en"
        messages.setdefault(language, str(message))
    return Finding(
        severity=Severity.from_iri(report.value(result, SH.resultSeverity)),
        messages=messages or {"en": "constraint not met"},
        focus_node=_text(focus),
        path=_text(report.value(result, SH.resultPath)),
        value=_text(report.value(result, SH.value)),
        source_shape=_text(report.value(result, SH.sourceShape)),
        constraint=_text(report.value(result, SH.sourceConstraintComponent)),
        file=location.file if location else None,
        line=location.line if location else None,
    )


def _text(node: Node | None) -> str | None:
    """Blank nodes (anonymous shapes, path expressions) have no name worth printing."""
    return None if node is None or isinstance(node, BNode) else str(node)
