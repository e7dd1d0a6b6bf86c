"""The knowledge graph in memory: what was asserted, what was inferred, and where it came from."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rdflib import Graph, Variable
from rdflib.term import Node

from .engines import Engine, get_engine
from .loading import SourceGraph
from .namespaces import bind_prefixes
from .project import Project
from .reasoning import Inference
from .results import QueryResult

Progress = Callable[[str], None]


def no_progress(_: str) -> None:
    return None


class KnowledgeGraph:
    """Asserted and inferred triples kept apart, plus the union that queries run on.

    The triples live in the native store of the engine that loaded them; ``asserted``,
    ``inferred`` and ``graph`` are rdflib graphs, built from that store on first use when
    the engine is not rdflib itself. Built from rdflib graphs directly
    (``KnowledgeGraph(sources, asserted, inferred, inference)``), it uses the reference engine.
    """

    def __init__(
        self,
        sources: SourceGraph | None = None,
        asserted: Graph | None = None,
        inferred: Graph | None = None,
        inference: Inference = "owlrl",
        timings: dict[str, float] | None = None,
        *,
        engine: Engine | None = None,
        store: Any = None,
    ) -> None:
        if store is None:
            from .engines.reference import GraphStore

            engine = get_engine("reference")
            store = GraphStore(
                sources or SourceGraph(), asserted or Graph(), inferred or bind_prefixes(Graph())
            )
        self.engine: Engine = engine or get_engine("reference")
        self.store = store
        self.inference = inference
        self.timings = timings if timings is not None else {}
        self._union: Graph | None = None
        self._sources: SourceGraph | None = None

    @property
    def sources(self) -> SourceGraph:
        if self._sources is None:
            self._sources = self.engine.sources(self)
        return self._sources

    @property
    def asserted(self) -> Graph:
        return self.engine.view(self, "asserted")

    @property
    def inferred(self) -> Graph:
        return self.engine.view(self, "inferred")

    @property
    def graph(self) -> Graph:
        """Asserted plus inferred: the graph people query."""
        if self._union is None:
            union = bind_prefixes(Graph())
            union += self.asserted
            union += self.inferred
            self._union = union
        return self._union

    def count(self, part: str = "all") -> int:
        """Triples in ``part`` (asserted, inferred or all), without building rdflib views."""
        return self.engine.count(self, part)

    def query(
        self,
        text: str,
        bindings: Mapping[Variable, Node] | None = None,
        *,
        source: str | None = None,
    ) -> QueryResult:
        """Run SPARQL on asserted plus inferred triples, in the engine's own store."""
        return self.engine.query(self, text, bindings, source)

    def serialize(self, part: str, fmt: str) -> bytes:
        return self.engine.serialize(self, part, fmt)


def load_graph(
    project: Project | None = None,
    *,
    inference: Inference = "owlrl",
    files: Sequence[Path] | None = None,
    progress: Progress = no_progress,
    engine: str | Engine | None = "reference",
) -> KnowledgeGraph:
    """Load the project's ontology and data (or ``files`` against its model) and reason over them.

    With ``files``, the given files replace the project's data but are still read together
    with its ontology and vocabularies, so other people's data can be checked against ours.
    ``engine`` is ``"reference"`` (default), ``"fast"``, or None for the fastest installed.
    """
    project = project or Project.default()
    chosen = get_engine(engine)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    if files is None:
        paths = project.ontology_files + project.data_files
    else:
        paths = [*project.reference_files, *files]
    labels = {path: project.relative(path) for path in paths}
    store = chosen.load(paths, labels, progress)
    kg = KnowledgeGraph(inference=inference, timings=timings, engine=chosen, store=store)
    timings["parse"] = time.perf_counter() - started

    started = time.perf_counter()
    chosen.reason(kg, inference, progress)
    timings["reason"] = time.perf_counter() - started
    return kg
