"""Putting a server together: graph, publication, catalogue, workers, and their clean-up.

The order matters: the graph is loaded (and moved to the base IRI) before the workers are
forked, so they share it. The publication of a cached graph is kept beside it in the cache and
served again while nothing it is made from changes; otherwise it is written into a temporary
folder that goes away with the server. ``--site`` serves a site of the user's own.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING

from rdflib import Graph

from ..cache import GraphCache, digest
from ..engines import DEFAULT_ENGINE, Engine
from ..errors import UsageError
from ..graph import KnowledgeGraph, Progress, load_graph, no_progress
from ..iris import Rebase, normalise_base, prefixes
from ..namespaces import BASE_IRI
from ..output import MARKER
from ..project import Project
from ..queries import Catalogue
from ..settings import CONFIG_FILE
from .admission import Admission
from .app import Application
from .endpoint import Endpoint
from .evaluation import Evaluator
from .pool import WorkerPool
from .resources import Resources
from .settings import Settings
from .site import Site
from .stored import StoredQueries

if TYPE_CHECKING:
    import pyoxigraph


def oxigraph_store(graph: Graph) -> pyoxigraph.Store:
    """``graph`` in an Oxigraph store, for the workers to query."""
    import pyoxigraph as ox

    from ..engines.convert import to_oxigraph

    store = ox.Store()
    store.extend(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
        for s, p, o in graph  # a graph's subjects and predicates are never literals
    )
    return store


def served_store(kg: KnowledgeGraph, rebase: Rebase) -> pyoxigraph.Store:
    """Asserted plus inferred triples in the default graph of an Oxigraph store.

    Under the graph's own base IRI the triples go from the engine's store to this one as
    N-Triples, parsed by Oxigraph, without an rdflib graph on the way: that view alone took
    longer than the rest of the start-up from a cached graph. Another base IRI is written in
    by rdflib, as everywhere else.
    """
    import pyoxigraph as ox

    if not rebase.identity:
        return oxigraph_store(rebase.graph(kg.graph))
    store = ox.Store()
    store.load(kg.serialize("all", "nt"), format=ox.RdfFormat.N_TRIPLES)
    return store


def described_iris(store: pyoxigraph.Store, base: str) -> list[str]:
    """The IRIs under ``base`` that the graph says something about."""
    import pyoxigraph as ox

    answer = store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER isIRI(?s) }")
    assert isinstance(answer, ox.QuerySolutions)
    iris = (row[0].value for row in answer)
    return [iri for iri in iris if iri.startswith(base)]


def _kept_site(
    project: Project, kg: KnowledgeGraph, base: str, rebuild: bool, progress: Progress = no_progress
) -> Path | None:
    """The publication of a cached graph, kept beside it while nothing it is made from (the
    graph, the shapes, the stored queries, the settings, the base IRI, the date) has changed;
    None for a graph that is not cached."""
    if kg.cache is None:
        return None
    inputs = [
        *project.shape_files,
        *sorted(project.queries_dir.glob("*.rq")),
        project.root / CONFIG_FILE,
    ]
    key = digest(inputs, {}, base, datetime.date.today().isoformat())
    site = kg.cache.folder / f"site-{key[:16]}"
    if rebuild or not (site / MARKER).is_file():
        _publish(project, site, base, kg, progress)
    return site


def _publish(
    project: Project, site: Path, base: str, kg: KnowledgeGraph, progress: Progress
) -> None:
    """Publish the site for the server; the publisher is imported only when a site is made,
    not at a start that finds the site kept."""
    from ..publish import publish

    progress("publishing the site")
    publish(project, site, base_iri=base, knowledge_graph=kg, served=True)


@contextmanager
def open_application(
    project: Project,
    settings: Settings | None = None,
    *,
    base_iri: str | None = None,
    site_dir: Path | None = None,
    knowledge_graph: KnowledgeGraph | None = None,
    progress: Progress = no_progress,
    engine: str | Engine = DEFAULT_ENGINE,
    cache: GraphCache | None = None,
    rebuild: bool = False,
) -> Iterator[Application]:
    """The WSGI application for ``project``, with its workers running until the block ends."""
    settings = settings or Settings()
    base = normalise_base(base_iri) if base_iri else BASE_IRI
    rebase = Rebase(BASE_IRI, base)
    # The workers parse and guard every query they run; the catalogue need not parse them first.
    catalogue = Catalogue.load(project.queries_dir, parse_sparql=False)
    if site_dir is not None and not site_dir.is_dir():
        raise UsageError(f"--site {site_dir} is not a folder", hint="give a published site")
    with ExitStack() as stack:
        kg = knowledge_graph or load_graph(
            project, progress=progress, engine=engine, cache=cache, rebuild=rebuild
        )
        store = served_store(kg, rebase)
        if site_dir is None:
            site_dir = _kept_site(project, kg, base, rebuild, progress)
        if site_dir is None:
            temporary = Path(stack.enter_context(TemporaryDirectory(prefix="mhgraph-serve-")))
            site_dir = temporary / "site"
            _publish(project, site_dir, base, kg, progress)
        namespaces = prefixes(base)
        progress(f"starting {settings.workers} query workers")
        pool = WorkerPool(
            Evaluator(None, settings.max_rows, namespaces, store),
            size=settings.workers,
            time_limit=settings.time_limit,
            memory_limit_mib=settings.memory_limit,
            admission=Admission(
                settings.workers,
                queue=settings.queue,
                wait=settings.queue_wait,
                per_client=settings.per_client,
                retry_after=round(settings.time_limit),
            ),
        )
        stack.callback(pool.close)
        site = Site(site_dir)
        yield Application(
            settings=settings,
            site=site,
            resources=Resources(described_iris(store, base), base, site),
            endpoint=Endpoint(pool, len(store), settings),
            stored=StoredQueries(catalogue, pool, rebase),
            prefixes=namespaces,
        )
