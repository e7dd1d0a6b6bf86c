"""SHACL validation of the knowledge graph, turned into :mod:`mhgraph.findings`."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .cache import GraphCache, digest
from .engines import DEFAULT_ENGINE, Engine
from .findings import Findings
from .graph import KnowledgeGraph, Progress, load_graph, no_progress
from .loading import SourceGraph, load_sources
from .project import Project
from .reasoning import Inference
from .terms import check_terms


@dataclass
class ValidationOutcome:
    """The findings of one validation and the graph they were found in, so a caller (build,
    publish) can go on with the same loaded graph instead of loading it twice."""

    findings: Findings
    graph: KnowledgeGraph
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def conforms(self) -> bool:
        """True when there is no violation."""
        return self.findings.conforms


def load_shapes(project: Project) -> SourceGraph:
    """The project's shapes, by file; raises :class:`~mhgraph.errors.RDFSyntaxError` naming
    the file and line of a shape that does not parse."""
    files = project.shape_files
    return load_sources(files, {path: project.relative(path) for path in files})


def validate(
    project: Project | None = None,
    *,
    files: Sequence[Path] | None = None,
    inference: Inference = "owlrl",
    knowledge_graph: KnowledgeGraph | None = None,
    progress: Progress = no_progress,
    engine: str | Engine = DEFAULT_ENGINE,
    cache: GraphCache | None = None,
    rebuild: bool = False,
) -> ValidationOutcome:
    """Validate the project's data (or ``files``) against the project's shapes.

    The shapes see the asserted triples plus what ``inference`` entails, so a shape can rely
    on superclasses and super-properties the ontology defines. ``engine`` loads the graph
    when no ``knowledge_graph`` is given (from ``cache`` where it was built before); a given
    one is validated by its own engine. The findings of a cached graph are cached with it.
    """
    project = project or Project.default()
    kg = knowledge_graph or load_graph(
        project,
        inference=inference,
        files=files,
        progress=progress,
        engine=engine,
        cache=cache,
        rebuild=rebuild,
    )
    files_of_shapes = project.shape_files
    labels_of_shapes = {p: project.relative(p) for p in files_of_shapes}
    shapes_key = digest(files_of_shapes, labels_of_shapes)
    started = time.perf_counter()
    if kg.cache is not None and files is None:
        kept = kg.cache.findings(shapes_key)
        if kept is not None:
            return ValidationOutcome(kept, kg, {"validate (cached)": time.perf_counter() - started})
    shapes = kg.engine.shapes(files_of_shapes, labels_of_shapes)
    started = time.perf_counter()
    progress(f"validating {kg.count()} triples ({kg.engine.name} engine)")
    findings = kg.store.shacl(shapes)
    if files is None:
        labels = list(kg.sources.files.values())
    else:
        labels = [project.relative(path) for path in files]
    progress("checking that every term is declared")
    findings.items.extend(check_terms(kg.store.term_uses(labels), kg.sources.locate, shapes))
    timings = {"validate": time.perf_counter() - started}
    if kg.cache is not None and files is None:
        kg.cache.keep_findings(shapes_key, findings)
    return ValidationOutcome(findings, kg, timings)
