"""Putting a server together: graph, publication, catalogue, workers, and their clean-up.

The order matters: the graph is loaded (and moved to the base IRI) before the workers are
forked, so they share it. The publication of a cached graph is kept beside it in the cache and
served again while nothing it is made from changes; otherwise it is written into a temporary
folder that goes away with the server. ``--site`` serves a site of the user's own.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any

from ..cache import GraphCache, digest
from ..engines import DEFAULT_ENGINE, Engine
from ..errors import OutputError, UsageError
from ..graph import KnowledgeGraph, Progress, load_graph, no_progress
from ..iris import Rebase, normalise_base, prefixes
from ..namespaces import BASE_IRI
from ..output import MARKER, write_atomic
from ..project import Project
from ..queries import Catalogue
from ..settings import CONFIG_FILE, PublishSettings, load_config, resolve
from .admission import Admission, ClientCounts
from .app import Application
from .caching import Validators
from .endpoint import Endpoint
from .evaluation import Evaluator
from .pool import WorkerPool
from .resources import Resources
from .settings import Settings
from .site import Site
from .stored import StoredQueries

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset, Graph


def oxigraph_store(graph: Graph) -> pyoxigraph.Store:
    """``graph`` in an Oxigraph store, for the workers to query: each named graph of a
    :class:`~rdflib.Dataset` under its name, a plain graph as the default graph."""
    import pyoxigraph as ox
    from rdflib import Dataset
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from ..engines.convert import to_oxigraph

    parts = (
        [
            (g, ox.NamedNode(str(g.identifier)))
            for g in graph.graphs()
            if g.identifier != DATASET_DEFAULT_GRAPH_ID
        ]
        if isinstance(graph, Dataset)
        else [(graph, ox.DefaultGraph())]
    )
    store = ox.Store()
    for part, name in parts:
        store.extend(
            ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name)  # type: ignore[arg-type]
            for s, p, o in part  # a graph's subjects and predicates are never literals
        )
    return store


def served_store(kg: KnowledgeGraph, rebase: Rebase) -> pyoxigraph.Store:
    """The asserted and the inferred triples as the two named graphs of an Oxigraph store.

    For a cached graph the served quads are kept beside it, one N-Quads file per base IRI
    that names the checksum of its quads in its first line, so that a start reads one file
    into the store, as a bare script would, and never opens the engine's own store. A kept
    file that is missing, unreadable or does not match its checksum is made anew, never
    trusted. Otherwise the quads come from the engine's store (:func:`_served_quads`).
    """
    import pyoxigraph as ox

    if kg.cache is None:
        return _served_quads(kg, rebase)
    name = hashlib.sha256(rebase.new.encode("utf-8")).hexdigest()[:16]
    kept = kg.cache.folder / f"served-{name}.nq"
    try:
        head, _, quads = kept.read_bytes().partition(b"\n")
    except OSError:
        head, quads = b"", b""
    if head == _checksum_line(quads):
        store = ox.Store()
        store.bulk_load(quads, format=ox.RdfFormat.N_QUADS)
        return store
    store = _served_quads(kg, rebase)
    quads = store.dump(format=ox.RdfFormat.N_QUADS) or b""
    with suppress(OutputError):  # a cache that cannot be written is only a slower next start
        write_atomic(kept, _checksum_line(quads) + b"\n" + quads)
    return store


def _checksum_line(quads: bytes) -> bytes:
    return b"# sha256 " + hashlib.sha256(quads).hexdigest().encode("ascii")


def _served_quads(kg: KnowledgeGraph, rebase: Rebase) -> pyoxigraph.Store:
    """The served store made from the engine's: under the graph's own base IRI the triples
    go from the engine's store to this one as N-Triples, parsed by Oxigraph, without an
    rdflib graph on the way; another base IRI is written in by rdflib, as everywhere else."""
    import pyoxigraph as ox

    from ..export import ASSERTED_GRAPH, INFERRED_GRAPH

    if not rebase.identity:
        return oxigraph_store(served_dataset(kg, rebase))
    store = ox.Store()
    for name, part in ((ASSERTED_GRAPH, "asserted"), (INFERRED_GRAPH, "inferred")):
        store.load(
            kg.serialize(part, "nt"),  # type: ignore[arg-type]
            format=ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(rebase.text(name)),
        )
    return store


def graph_sizes(store: pyoxigraph.Store) -> dict[str, int]:
    """Each named graph of ``store`` with its number of triples."""
    import pyoxigraph as ox

    answer = store.query("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert isinstance(answer, ox.QuerySolutions)
    return {row[0].value: int(row[1].value) for row in sorted(answer, key=lambda r: r[0].value)}


def subject_iris(store: pyoxigraph.Store) -> list[str]:
    """The IRIs the served graphs say something about."""
    import pyoxigraph as ox

    answer = store.query(
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER isIRI(?s) }", use_default_graph_as_union=True
    )
    assert isinstance(answer, ox.QuerySolutions)
    return [row[0].value for row in answer]


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


@dataclass
class Prepared:
    """Everything a server answers from but its query workers: the store, the site, the
    catalogue, and the per-client counts its processes share. Each process of the server
    starts its own application, with its own workers, from it (:meth:`started`)."""

    settings: Settings
    store: pyoxigraph.Store
    site: Site
    catalogue: Catalogue
    rebase: Rebase
    endpoint_iri: str
    validators: Validators
    #: The IRIs the served graphs describe, and each named graph's size.
    subjects: list[str] = field(default_factory=list)
    graphs: dict[str, int] = field(default_factory=dict)
    clients: ClientCounts = field(default_factory=ClientCounts)

    @contextmanager
    def started(self) -> Iterator[Application]:
        """The application, its workers forked from the calling process and stopped when the
        block ends."""
        settings = self.settings
        namespaces = prefixes(self.rebase.new)
        pool = WorkerPool(
            Evaluator(None, settings.max_rows, namespaces, self.store),
            size=settings.workers,
            time_limit=settings.time_limit,
            memory_limit_mib=settings.memory_limit,
            admission=Admission(
                settings.workers,
                queue=settings.queue,
                wait=settings.queue_wait,
                per_client=settings.per_client,
                retry_after=round(settings.time_limit),
                clients=self.clients,
            ),
        )
        try:
            yield Application(
                settings=settings,
                site=self.site,
                resources=Resources(self.subjects, self.rebase.new, self.site),
                endpoint=Endpoint(pool, self.graphs, settings, self.endpoint_iri),
                stored=StoredQueries(self.catalogue, pool, self.rebase, self.subjects),
                prefixes=namespaces,
                validators=self.validators,
            )
        finally:
            pool.close()


@contextmanager
def prepare_application(
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
) -> Iterator[Prepared]:
    """What ``project`` is served from, until the block ends (a temporary site goes then)."""
    settings = settings or Settings()
    published = resolve(
        PublishSettings, {"base_iri": base_iri}, environ={}, config=load_config(project.root)
    )
    base = normalise_base(published.base_iri)
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
        kept = None
        if site_dir is None:
            site_dir = _kept_site(project, kg, base, rebuild, progress)
            kept = site_dir and site_dir.with_name(site_dir.name + "-validators.json")
        if site_dir is None:
            temporary = Path(stack.enter_context(TemporaryDirectory(prefix="mhgraph-serve-")))
            site_dir = temporary / "site"
            _publish(project, site_dir, base, kg, progress)
        progress(f"starting {settings.workers} query workers")
        yield Prepared(
            settings,
            store,
            Site(site_dir),
            catalogue,
            rebase,
            published.sparql_endpoint or base + "sparql",
            validators(published, kg, kept, rebuild),
            subject_iris(store),
            graph_sizes(store),
        )


@contextmanager
def open_application(
    project: Project, settings: Settings | None = None, **options: Any
) -> Iterator[Application]:
    """The WSGI application for ``project``, with its workers running until the block ends.

    ``options`` are those of :func:`prepare_application`.
    """
    with (
        prepare_application(project, settings, **options) as prepared,
        prepared.started() as application,
    ):
        yield application


def validators(
    published: PublishSettings, kg: KnowledgeGraph, kept: Path | None = None, rebuild: bool = False
) -> Validators:
    """The content hash of the asserted triples, and the edition date recorded for it.

    For a kept site they are kept beside it in ``kept`` (the same inputs decide both), so
    that a start from the cache does not import the publisher to work them out again.
    """
    if kept is not None and not rebuild:
        try:
            document = json.loads(kept.read_text(encoding="utf-8"))
            modified = datetime.date.fromisoformat(document["modified"])
            return Validators(document["content"], modified)
        except (OSError, ValueError, KeyError, TypeError):
            pass  # not kept yet, or unreadable: worked out again
    from rdflib import Graph

    from ..publish.edition import Edition, content_of

    edition = Edition.of(BASE_IRI, published, Graph(), content_of(kg))
    found = Validators(edition.content, datetime.date.fromisoformat(edition.modified))
    if kept is not None:
        document = {"content": found.content, "modified": found.modified.isoformat()}
        with suppress(OutputError):  # a cache that cannot be written is only a slower start
            write_atomic(kept, json.dumps(document).encode("utf-8"))
    return found


def served_dataset(kg: KnowledgeGraph, rebase: Rebase) -> Dataset:
    """The asserted and the inferred triples as two named graphs (``{base}graph/asserted``,
    ``{base}graph/inferred``), the default graph being their union, as SPARQL sees it."""
    from rdflib import Dataset, URIRef

    from ..export import ASSERTED_GRAPH, INFERRED_GRAPH

    dataset = Dataset(default_union=True)
    for name, part in ((ASSERTED_GRAPH, kg.asserted), (INFERRED_GRAPH, kg.inferred)):
        target = dataset.graph(URIRef(rebase.text(name)))
        target += part if rebase.identity else rebase.graph(part)
    return dataset
