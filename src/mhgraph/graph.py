"""The knowledge graph in memory: what was asserted, what was inferred, and where it came from."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .loading import SourceGraph, load_sources
from .namespaces import bind_prefixes
from .project import Project
from .reasoning import Inference, infer

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


@dataclass
class KnowledgeGraph:
    """Asserted and inferred triples kept apart, plus the union that queries run on."""

    sources: SourceGraph
    asserted: Graph
    inferred: Graph
    inference: Inference
    timings: dict[str, float] = field(default_factory=dict)
    _union: Graph | None = field(default=None, repr=False)

    @property
    def graph(self) -> Graph:
        """Asserted plus inferred: the graph people query."""
        if self._union is None:
            union = bind_prefixes(Graph())
            union += self.asserted
            union += self.inferred
            self._union = union
        return self._union


def load_graph(
    project: Project | None = None,
    *,
    inference: Inference = "owlrl",
    files: Sequence[Path] | None = None,
    progress: Progress = _quiet,
) -> KnowledgeGraph:
    """Load the project's ontology and data (or ``files`` against its model) and reason over them.

    With ``files``, the given files replace the project's data but are still read together
    with its ontology and vocabularies, so other people's data can be checked against ours.
    """
    project = project or Project.default()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    if files is None:
        paths = project.ontology_files + project.data_files
    else:
        paths = [*project.reference_files, *files]
    labels = {path: project.relative(path) for path in paths}
    progress(f"parsing {len(paths)} files")
    sources = load_sources(paths, labels)
    asserted = bind_prefixes(sources.union())
    timings["parse"] = time.perf_counter() - started

    started = time.perf_counter()
    progress(f"reasoning ({inference}) over {len(asserted)} triples")
    inferred = bind_prefixes(infer(asserted, inference))
    timings["reason"] = time.perf_counter() - started
    return KnowledgeGraph(sources, asserted, inferred, inference, timings)
