"""`mhgraph publish`: the graph as a complete, static, deployable publication.

One call writes dumps with checksums, a DCAT-AP catalogue record, a VoID description, the
validation report and a static site (a page per resource, indexes, the ontology's
documentation, pictures, a sitemap), everything under one base IRI, into a folder that is
swapped in only when it is complete. docs/publishing.md describes the layout.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, VOID, Graph, URIRef

from ..cache import GraphCache
from ..engines import DEFAULT_ENGINE, Engine
from ..errors import SettingsError
from ..findings import Severity
from ..forking import beside
from ..formats import rdf_format
from ..graph import KnowledgeGraph, Progress, load_graph, no_progress
from ..iris import Rebase, doc_path, normalise_base, prefixes
from ..namespaces import BASE_IRI
from ..output import Staging, check_target, staged
from ..project import Project
from ..queries import Catalogue
from ..reports import report_graph
from ..validation import load_shapes, validate
from . import dcat, void
from .conformance import check_catalogue
from .dumps import Dump, context_document, write_dumps
from .edition import Edition, content_of
from .heap import settled
from .settings import Settings, load_settings
from .site import build_site

__all__ = ["PublishSummary", "Settings", "doc_path", "load_settings", "publish"]

METADATA_PREFIXES = {**dcat.CATALOG_PREFIXES, "void": str(VOID)}


@dataclass
class PublishSummary:
    """What a publication holds, and which engine built the graph it publishes."""

    engine: str
    out_dir: Path
    base_iri: str
    files: int
    pages: int
    dumps: list[Dump]
    violations: int
    warnings: int
    edition: Edition
    timings: dict[str, float] = field(default_factory=dict)
    #: What the publisher should set or fix, one line each (the publication is complete).
    notices: list[str] = field(default_factory=list)


NO_CONTACT_EMAIL = (
    "the catalogue's contact point has no e-mail address: set contact_email in [publish] of "
    "mhgraph.toml to the data team's address"
)


def publish(
    project: Project | None = None,
    out_dir: Path | str = "site",
    *,
    base_iri: str | None = None,
    knowledge_graph: KnowledgeGraph | None = None,
    dcat_shapes: Path | None = None,
    progress: Progress = no_progress,
    engine: str | Engine = DEFAULT_ENGINE,
    cache: GraphCache | None = None,
    rebuild: bool = False,
    served: bool = False,
    workers: int | None = None,
) -> PublishSummary:
    """Write the publication of ``project`` to ``out_dir``, replacing an earlier one whole.

    ``served``: the publication is for ``mhgraph serve``, and its pages link to the
    server's query page and endpoint. ``workers``: processes writing the resource pages (by
    default one per core). With ``dcat_shapes`` (a folder with the DCAT-AP and
    DCAT-AP-NL shapes), a catalogue record with a violation stops the publication before
    anything is replaced.
    """
    project = project or Project.default()
    settings = load_settings(project.root, base_iri=base_iri)
    base = normalise_base(settings.base_iri)
    out = Path(out_dir)
    check_target(out)  # before minutes of reasoning, not after
    timings: dict[str, float] = {}
    kg = knowledge_graph or load_graph(
        project, progress=progress, engine=engine, cache=cache, rebuild=rebuild
    )
    rebase = Rebase(BASE_IRI, base)
    asserted = _moved(rebase, kg.asserted)  # made here, once, for both processes below
    with settled(), staged(out) as staging:
        # The edition's content hash takes seconds (its blank nodes are canonicalised) and
        # needs nothing else the publication makes: it is worked out beside the validation
        # and the dumps (and done with before the pages are shared out).
        with beside(lambda: content_of(kg)) as content:
            started = time.perf_counter()
            outcome = validate(project, knowledge_graph=kg, progress=progress)
            timings["validate"] = time.perf_counter() - started
            findings = outcome.findings

            names = prefixes(base)
            inferred = _moved(rebase, kg.inferred)
            ontology = _moved(rebase, _ontology(kg))
            shapes = _moved(rebase, load_shapes(project).union())
            stored = list(Catalogue.load(project.queries_dir))

            started = time.perf_counter()
            progress("writing dumps")
            parts = {"asserted": asserted, "inferred": inferred}
            dumps = write_dumps(staging, parts, names, kg.engine)
            staging.write("context.jsonld", context_document(names))
            timings["dumps"] = time.perf_counter() - started
            edition = Edition.of(base, settings, ontology, content())

        started = time.perf_counter()
        sources = sorted(
            s
            for s in asserted.subjects(RDF.type, URIRef(base + "def/Report"))
            if isinstance(s, URIRef)
        )
        places = dcat.Places.named_in(asserted, base)
        record = dcat.catalogue(edition, dumps, sources, places)
        if dcat_shapes is not None:
            progress("checking the catalogue record against DCAT-AP-NL")
            _require_conformance(record, dcat_shapes)
        _write_rdf(staging, "catalog", record, names, kg.engine)
        description = void.describe(
            edition, asserted, inferred, dumps, names, _examples(asserted, base)
        )
        _write_rdf(staging, "void", description, names, kg.engine)
        validation = _moved(rebase, report_graph(findings))
        staging.write("validation-report.ttl", kg.engine.write(validation, "ttl", names))
        metadata = Graph()
        metadata += record
        metadata += description
        timings["metadata"] = time.perf_counter() - started

        started = time.perf_counter()
        pages = build_site(
            staging,
            edition,
            names,
            rebase,
            asserted=asserted,
            inferred=inferred,
            metadata=metadata,
            ontology=ontology,
            shapes=shapes,
            stored=stored,
            dumps=dumps,
            violations=findings.count(Severity.VIOLATION),
            warnings=findings.count(Severity.WARNING),
            progress=progress,
            served=served,
            engine=kg.engine,
            workers=workers,
        )
        timings["site"] = time.perf_counter() - started
        files = len(staging.files) + 1  # and the marker written on the swap

    return PublishSummary(
        engine=kg.engine.name,
        out_dir=out.absolute(),
        base_iri=base,
        files=files,
        pages=pages,
        dumps=dumps,
        violations=findings.count(Severity.VIOLATION),
        warnings=findings.count(Severity.WARNING),
        edition=edition,
        timings={**kg.timings, **timings},
        notices=[] if settings.contact_email else [NO_CONTACT_EMAIL],
    )


def _require_conformance(record: Graph, folder: Path) -> None:
    violations = check_catalogue(record, folder).findings.at_least(Severity.VIOLATION)
    if violations:
        first = violations[0]
        raise SettingsError(
            f"the catalogue record breaks {len(violations)} DCAT-AP(-NL) constraint(s), "
            f"first: {first.focus_node} {first.path or ''}: {first.message()}",
            hint="fix the [publish] settings in mhgraph.toml; nothing was replaced",
        )


def _moved(rebase: Rebase, graph: Graph) -> Graph:
    """``graph`` under the publication's base IRI; the graph itself, uncopied, when that is
    the base it was built with (the publication only reads it)."""
    return graph if rebase.identity else rebase.graph(graph)


def _ontology(kg: KnowledgeGraph) -> Graph:
    """The triples of the ontology files, as the knowledge graph read them."""
    graph = Graph()
    for name, label in kg.sources.files.items():
        if label.startswith("ontology/"):
            graph += kg.sources.file_graph(name)
    return graph


def _write_rdf(
    staging: Staging, stem: str, graph: Graph, names: dict[str, str], engine: Engine
) -> None:
    formats = ("ttl", "jsonld", "xml")
    written = engine.write_each(graph, formats, {**names, **METADATA_PREFIXES})
    for fmt, data in zip(formats, written, strict=True):
        staging.write(stem + rdf_format(fmt).suffixes[0], data)


def _examples(graph: Graph, base: str) -> list[URIRef]:
    """The first resource (in IRI order) of each kind the data names, as VoID examples."""
    first: dict[str, URIRef] = {}
    for subject in sorted({s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}):
        path = doc_path(subject, base)
        if path and path.startswith("doc/"):
            first.setdefault(path.split("/")[1], subject)
    return [first[kind] for kind in sorted(first)][:8]
