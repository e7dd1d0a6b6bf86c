"""SHACL validation of the knowledge graph, turned into :mod:`mhgraph.findings`."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, SH, BNode, Graph, Literal
from rdflib.term import Node

from .asserted import check_asserted
from .engines import Engine
from .findings import Finding, Findings, Severity
from .graph import KnowledgeGraph, Progress, load_graph, no_progress
from .loading import SourceGraph, load_sources
from .namespaces import prefixed
from .project import Project
from .reasoning import Inference
from .terms import check_terms

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


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
    progress: Progress = no_progress,
    engine: str | Engine | None = "reference",
) -> ValidationOutcome:
    """Validate the project's data (or ``files``) against the project's shapes.

    First the asserted triples alone are checked (:mod:`mhgraph.asserted`: references to
    nothing, second values of functional properties, inferred-only properties, ill-typed
    literals, relative IRIs). Then the shapes see the asserted triples plus what
    ``inference`` entails, so a shape can rely on superclasses and super-properties the
    ontology defines; their findings that repeat or follow from a finding of the first
    stage are left out. ``engine`` loads the graph when no ``knowledge_graph`` is given; a
    given one is validated by its own engine.
    """
    project = project or Project.default()
    kg = knowledge_graph or load_graph(
        project, inference=inference, files=files, progress=progress, engine=engine
    )
    files_of_shapes = project.shape_files
    shapes = kg.engine.shapes(files_of_shapes, {p: project.relative(p) for p in files_of_shapes})
    started = time.perf_counter()
    progress(f"checking the {kg.count('asserted')} asserted triples")
    checked = check_asserted(
        lambda text: kg.engine.select_asserted(kg, text),
        kg.sources.locate,
        lambda node: describe(node, kg.sources),
        folders=_folders(project, files),
    )
    progress(f"validating {kg.count()} triples ({kg.engine.name} engine)")
    findings = run_shacl(kg, shapes)
    findings.items[:] = [f for f in findings.items if not checked.supersedes(f)]
    findings.items.extend(checked.findings)
    if files is None:
        labels = list(kg.sources.files.values())
    else:
        labels = [project.relative(path) for path in files]
    progress("checking that every term is declared")
    findings.items.extend(check_terms(kg.engine.term_uses(kg, labels), kg.sources.locate, shapes))
    timings = {"validate": time.perf_counter() - started}
    return ValidationOutcome(findings, kg, timings)


def _folders(project: Project, files: Sequence[Path] | None) -> list[str]:
    """The folders of the files read, as file: IRIs, the base of their relative IRIs."""
    paths = project.data_files if files is None else list(files)
    return sorted({path.resolve().parent.as_uri() + "/" for path in paths})


def run_shacl(kg: KnowledgeGraph, shapes: Graph) -> Findings:
    return kg.engine.shacl(kg, shapes)


def findings_from_report(report: Graph, sources: SourceGraph, shapes: Graph) -> Findings:
    """A SHACL validation report (pySHACL's or pyshacl-turbo's) as findings."""
    return Findings([_finding(report, result, sources, shapes) for result in _results(report)])


def _results(report: Graph) -> list[Node]:
    """The report's own results: those of a nested sh:node or sh:property stay details
    (sh:detail) of the result they explain, as a conforming engine counts them."""
    return [
        result
        for validation_report in report.subjects(RDF.type, SH.ValidationReport)
        for result in report.objects(validation_report, SH.result)
    ]


def _finding(report: Graph, result: Node, sources: SourceGraph, shapes: Graph) -> Finding:
    focus = report.value(result, SH.focusNode)
    location = sources.locate(focus) if focus is not None else None
    shape = report.value(result, SH.sourceShape)
    messages: dict[str, str] = {}
    for message in report.objects(result, SH.resultMessage):
        language = _language(message, shape, shapes)
        messages.setdefault(language, str(message))
    return Finding(
        severity=Severity.from_iri(report.value(result, SH.resultSeverity)),
        messages=messages or {"en": "constraint not met"},
        focus_node=describe(focus, sources) if focus is not None else None,
        path=_text(report.value(result, SH.resultPath)),
        value=_text(report.value(result, SH.value)),
        source_shape=_text(shape),
        constraint=_text(report.value(result, SH.sourceConstraintComponent)),
        file=location.file if location else None,
        line=location.line if location else None,
    )


def _language(message: Node, shape: Node | None, shapes: Graph) -> str:
    """The language of a message; a template filled in by a SHACL-SPARQL constraint loses its
    tag in both validators, so it is found again by the template the text was made from."""
    if isinstance(message, Literal) and message.language:
        return message.language
    holders = [shape, *shapes.objects(shape, SH.sparql)] if shape is not None else []
    for holder in holders:
        for template in shapes.objects(holder, SH.message):
            if isinstance(template, Literal) and template.language and _fills(template, message):
                return template.language
    return "en"


def _fills(template: Literal, text: Node) -> bool:
    """Whether ``text`` is ``template`` with its {placeholders} filled in."""
    position = 0
    for part in _PLACEHOLDER.split(str(template)):
        found = str(text).find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def describe(node: Node, sources: SourceGraph) -> str:
    """A node as findings name it: an IRI as itself, a blank node by the node and property
    that hold it (``https://…/activiteit/24.7 mh:hasFunding []``), the same in every engine."""
    if not isinstance(node, BNode):
        return str(node)
    holder = sources.owner(node)
    if holder is None:
        return "[]"
    subject, predicate = holder
    return f"{describe(subject, sources)} {prefixed(predicate) or f'<{predicate}>'} []"


def _text(node: Node | None) -> str | None:
    """Blank nodes (anonymous shapes, path expressions) have no name worth printing."""
    return None if node is None or isinstance(node, BNode) else str(node)
