"""The knowledge graph in memory: what was asserted, what was inferred, and where it came from."""

from __future__ import annotations

import io
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .cache import Entry, GraphCache, digest
from .engines import DEFAULT_ENGINE, Backend, Engine, Part, Progress, get_engine, no_progress
from .engines.base import Inference, Sources
from .project import Project

if TYPE_CHECKING:
    from rdflib import Graph

    from .results import QueryResult
    from .values import Bindings

__all__ = ["KnowledgeGraph", "Progress", "load_graph", "no_progress", "open_graph"]


class KnowledgeGraph:
    """Asserted and inferred triples kept apart, in the native store of the engine that
    loaded them (:attr:`store`, a :class:`~mhgraph.engines.Backend`).

    ``asserted``, ``inferred`` and ``graph`` are rdflib graphs, built from the store on first
    use when the engine is not rdflib itself; :meth:`query`, :meth:`count` and
    :meth:`serialize` run in the store. ``cache`` is the cache entry the graph was read from
    or saved to, where validation keeps its findings.
    """

    def __init__(
        self,
        store: Backend,
        inference: Inference = "owlrl",
        timings: dict[str, float] | None = None,
        *,
        cache: Entry | None = None,
        cached: bool = False,
    ) -> None:
        self.store = store
        self.inference = inference
        self.timings = timings if timings is not None else {}
        self.cache = cache
        #: Whether the graph was read from the cache rather than parsed and reasoned.
        self.cached = cached

    @property
    def engine(self) -> Engine:
        """The engine whose store holds the triples, and which answers queries on them."""
        return self.store.engine

    @property
    def sources(self) -> Sources:
        """The asserted triples by file, so a finding can name the file and line of its node."""
        return self.store.sources

    @property
    def asserted(self) -> Graph:
        """The triples the files state: what is published as data and what curators edit."""
        return self.store.view("asserted")

    @property
    def inferred(self) -> Graph:
        """Only what reasoning added, kept apart so no one mistakes an entailment for a fact
        the report states."""
        return self.store.view("inferred")

    @property
    def graph(self) -> Graph:
        """Asserted plus inferred: the graph people query."""
        return self.store.view("all")

    def count(self, part: Part = "all") -> int:
        """Triples in ``part`` (asserted, inferred or all), without building rdflib views."""
        return self.store.count(part)

    def query(
        self,
        text: str,
        bindings: Bindings | None = None,
        *,
        source: str | None = None,
    ) -> QueryResult:
        """Run SPARQL on asserted plus inferred triples, in the engine's own store."""
        return self.store.query(text, bindings, source)

    def export(self, part: Part, fmt: str, stream: BinaryIO) -> None:
        """Write ``part`` in the RDF format called ``fmt`` (:data:`mhgraph.formats.WRITABLE_RDF`)
        to ``stream``, as the store gives it: the whole graph is never one string."""
        self.store.export(part, fmt, stream)

    def serialize(self, part: Part, fmt: str) -> bytes:
        """``part`` in the RDF format called ``fmt``, as bytes (:meth:`export`)."""
        buffer = io.BytesIO()
        self.store.export(part, fmt, buffer)
        return buffer.getvalue()

    def resources_per_class(self, namespace: str) -> dict[str, int]:
        """How many resources each class in ``namespace`` has, its subclasses' included."""
        return self.store.resources_per_class(namespace)


def load_graph(
    project: Project | None = None,
    *,
    inference: Inference = "owlrl",
    files: Sequence[Path] | None = None,
    progress: Progress = no_progress,
    engine: str | Engine = DEFAULT_ENGINE,
    cache: GraphCache | None = None,
    rebuild: bool = False,
) -> KnowledgeGraph:
    """Load the project's ontology and data (or ``files`` against its model) and reason over them.

    With ``files``, the given files replace the project's data but are still read together
    with its ontology and vocabularies, so other people's data can be checked against ours.
    With ``cache``, a graph built earlier from the same sources is reused, and a new one kept
    (``rebuild`` builds anew all the same). Raises :class:`~mhgraph.errors.MhgraphError` for a
    file that does not parse.
    """
    project = project or Project.default()
    if files is None:
        paths = project.ontology_files + project.data_files
    else:
        paths = [*project.reference_files, *files]
    labels = {path: project.relative(path) for path in paths}
    return open_graph(
        paths,
        labels,
        inference=inference,
        progress=progress,
        engine=engine,
        cache=cache,
        rebuild=rebuild,
    )


def open_graph(
    paths: Sequence[Path],
    labels: Mapping[Path, str],
    *,
    inference: Inference = "owlrl",
    progress: Progress = no_progress,
    engine: str | Engine = DEFAULT_ENGINE,
    cache: GraphCache | None = None,
    rebuild: bool = False,
) -> KnowledgeGraph:
    """The one way a :class:`KnowledgeGraph` is made: files parsed and reasoned by ``engine``,
    or read from ``cache`` when these files were built before."""
    chosen = get_engine(engine)
    key = digest(paths, labels, chosen.name, inference) if cache is not None else ""
    if cache is not None and not rebuild:
        started = time.perf_counter()
        found = cache.load(key, chosen, paths, labels)
        if found is not None:
            progress(f"reading the graph built before ({chosen.name} engine)")
            read = {"load (cached)": time.perf_counter() - started}
            return KnowledgeGraph(found, inference, read, cache=cache.entry(key), cached=True)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    store = chosen.load(paths, labels, progress)
    timings["parse"] = time.perf_counter() - started
    started = time.perf_counter()
    store.reason(inference, progress)
    timings["reason"] = time.perf_counter() - started
    entry = None
    if cache is not None:
        progress("keeping the graph for the next run")
        entry = cache.store(key, store)
    return KnowledgeGraph(store, inference, timings, cache=entry)
