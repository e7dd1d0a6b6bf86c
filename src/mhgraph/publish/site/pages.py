"""The pages of the site: one per resource, one per class, the home page and the lists.

Each page is written with the Turtle and JSON-LD of what it shows next to it, links only
relatively (the folder works from disk as well as from a server) and goes through the
autoescaping templates of :mod:`.render`.
"""

from __future__ import annotations

import multiprocessing
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from xml.sax.saxutils import escape

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.term import Node

from ...engines import Engine
from ...graph import Progress
from ...iris import Rebase, relative
from ...output import Staging
from ...queries import StoredQuery
from ..dumps import PARTS, Dump
from ..edition import Edition
from . import charts, i18n, listing
from .document import Reader, raw
from .i18n import LANGUAGES
from .model import SiteGraph, natural_key
from .render import environment, localised, render

#: The formats each resource's description (and the ontology) is written in beside its page.
RDF_FORMATS = ("ttl", "jsonld")


@dataclass(frozen=True)
class ClassIndex:
    cls: URIRef
    path: str
    members: list[URIRef]


class Site:
    """Writes every page of one publication, in Dutch and in English, into a staging folder."""

    def __init__(
        self,
        staging: Staging,
        graph: SiteGraph,
        edition: Edition,
        prefixes: dict[str, str],
        *,
        served: bool = False,
        engine: Engine,
        workers: int = 1,
    ) -> None:
        self.staging = staging
        self.workers = workers
        self.engine = engine
        self.graph = graph
        self.edition = edition
        self.prefixes = prefixes
        self.served = served
        self.mh = edition.base + "def/"
        self.readers = {language: Reader(graph, language) for language in LANGUAGES}
        self.indexes = self._class_indexes()
        self.index_of: dict[Node, ClassIndex] = {}
        for index in sorted(self.indexes, key=lambda i: len(i.members)):
            for member in index.members:
                self.index_of.setdefault(member, index)
        self.written: list[str] = []

    def _write_page(self, page: str, language: str, template: str, **context: object) -> None:
        """Render ``template`` as ``page`` (its Dutch path) in ``language`` and write it."""
        path = localised(page, language)
        html = render(template, page, language, site=self._site_context(language), **context)
        self.staging.write_text(path, html)
        self.written.append(path)

    def _class_indexes(self) -> list[ClassIndex]:
        """One index per class of the ontology (and SKOS) that has resources with a page."""
        members: dict[URIRef, list[URIRef]] = defaultdict(list)
        for resource in self.graph.pages:
            for cls in self.graph.types(resource):
                members[cls].append(resource)
        indexes = []
        for cls, resources in members.items():
            if not (str(cls).startswith(self.mh) or cls in (SKOS.Concept, SKOS.ConceptScheme)):
                continue
            path = "index/" + self.graph.curie(cls).replace(":", "-") + ".html"
            ordered = sorted(resources, key=self._sort_key)
            indexes.append(ClassIndex(cls, path, ordered))
        return sorted(indexes, key=lambda i: self.graph.label(i.cls, "en").lower())

    def _sort_key(self, resource: Node) -> tuple[object, ...]:
        identifier = self.graph.graph.value(resource, DCTERMS.identifier)
        return natural_key(str(identifier) if identifier else self.graph.label(resource))

    # --- resources ---------------------------------------------------------------------

    def resources(self, progress: Progress) -> None:
        """Every resource's pages, shared out among forked processes when there are cores for
        them: the pages are independent of each other, and the most work of a publication."""
        pages = sorted(self.graph.pages.items())
        workers = min(self.workers, len(pages))
        if workers <= 1:
            self._resources(pages, progress, len(pages))
            return
        global _SHARING
        _SHARING = self  # what each process forked below writes from, without pickling it
        environment().get_template("resource.html")  # compiled here once, not in each process
        pool = ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork"))
        with pool:
            shares = [pool.submit(_write_share, pages[i::workers]) for i in range(1, workers)]
            self._resources(pages[0::workers], progress, len(pages), step=workers)
            for share in shares:
                files, written = share.result()
                self.staging.files.update(files)
                self.written += written
        _SHARING = None

    def _resources(
        self, pages: list[tuple[URIRef, str]], progress: Progress, total: int, step: int = 1
    ) -> None:
        for number, (resource, path) in enumerate(pages, start=1):
            if number % max(1, 200 // step) == 0:
                progress(f"pages {number * step}/{total}")
            self.resource(resource, path)

    def resource(self, resource: URIRef, path: str) -> None:
        graph = self.graph
        stem = path.removesuffix(".html")
        name = stem.rsplit("/", 1)[-1]
        for language in LANGUAGES:
            here = localised(path, language)
            index = self.index_of.get(resource)
            self._write_page(
                path,
                language,
                "resource.html",
                iri=str(resource),
                doc=self.readers[language].document(resource, here),
                raw=raw(graph, resource, here),
                index=index,
                index_label=graph.label(index.cls, language) if index else "",
                stem=relative(here, stem),
                name=name,
            )
        self._write_rdf(stem, graph.graph.cbd(resource))

    def _write_rdf(self, stem: str, graph: Graph) -> None:
        """``graph`` beside its page, as ``stem`` with each suffix of :data:`RDF_FORMATS`."""
        written = self.engine.write_each(graph, RDF_FORMATS, self.prefixes)
        for fmt, data in zip(RDF_FORMATS, written, strict=True):
            self.staging.write(f"{stem}.{fmt}", data)

    # --- lists, search and home --------------------------------------------------------

    def class_indexes(self) -> None:
        for language in LANGUAGES:
            reader = self.readers[language]
            for index in self.indexes:
                here = localised(index.path, language)
                links = [reader.link(m, here) for m in index.members]
                self._write_page(
                    index.path,
                    language,
                    "class_index.html",
                    index=index,
                    label=self.graph.label(index.cls, language),
                    definition=reader.text(index.cls, SKOS.definition),
                    cls_href=self.graph.href(index.cls, here),
                    rows=links,
                    kinds=[reader.kind(m) for m in index.members],
                    with_identifier=any(link.number for link in links),
                    with_status=any(link.status for link in links),
                )

    def activities(self) -> None:
        """The list of every activity with its facets; ``activities.html``."""
        page = "activities.html"
        for language in LANGUAGES:
            entries, facets = listing.activities(self.readers[language], localised(page, language))
            self._write_page(page, language, "activities.html", entries=entries, facets=facets)

    def search(self) -> None:
        self.staging.write("assets/search-index.js", listing.search_index(self.readers["nl"]))
        browse = [i for i in self.indexes if str(i.cls).startswith(self.mh)]
        for language in LANGUAGES:
            self._write_page(
                "search.html",
                language,
                "search.html",
                browse=[(i, self.graph.label(i.cls, language)) for i in browse],
            )

    def _site_context(self, language: str) -> dict:
        settings = self.edition.settings
        return {
            "title": settings.title_nl if language == "nl" else settings.title_en,
            "title_nl": settings.title_nl,
            "title_en": settings.title_en,
            "version": self.edition.version,
            "modified": self.edition.modified,
            "licence": settings.licence,
            "served": self.served,
            # The server's query page, in the page's language (absolute: it is the server's).
            "query": "/" + localised("query", language),
            "organisations": next(
                (i.path for i in self.indexes if i.cls == URIRef(self.mh + "Organisation")), None
            ),
        }

    def home(self, dumps: list[Dump], violations: int, warnings: int) -> None:
        page = "index.html"
        settings = self.edition.settings
        browse = [
            i for i in self.indexes if str(i.cls).startswith(self.mh) or i.cls == SKOS.ConceptScheme
        ]
        contact = {
            "name": settings.contact_name,
            "url": settings.contact_url,
            "email": settings.contact_email.removeprefix("mailto:"),
        }
        for language in LANGUAGES:
            self._write_page(
                page,
                language,
                "home.html",
                settings=settings,
                edition=self.edition,
                browse=sorted(
                    ((i, self.graph.label(i.cls, language)) for i in browse),
                    key=lambda pair: pair[1].lower(),
                ),
                chart=charts.status_chart(self.graph, localised(page, language), language),
                dumps=[
                    {
                        "part": PARTS[d.part][LANGUAGES.index(language)],
                        "format": d.format.name,
                        "path": d.path,
                        "size": i18n.number(d.size, language),
                        "sha256": d.sha256,
                        "triples": i18n.number(d.triples, language),
                    }
                    for d in dumps
                ],
                contact=contact,
                violations=violations,
                warnings=warnings,
                triples=i18n.number(len(self.graph.asserted), language),
                inferred=i18n.number(len(self.graph.inferred), language),
                resources=i18n.number(len(self.graph.pages), language),
            )

    def network(self) -> None:
        page = "network.html"
        for language in LANGUAGES:
            matrix = charts.matrix(self.readers[language], localised(page, language))
            self._write_page(page, language, "network.html", matrix=matrix)

    def countries(self) -> None:
        page = "countries.html"
        for language in LANGUAGES:
            groups = charts.places(self.graph, localised(page, language), language)
            self._write_page(
                page,
                language,
                "countries.html",
                groups=groups,
                chart=charts.places_chart(groups, language),
            )

    def queries(self, stored: list[StoredQuery], rebase: Rebase) -> None:
        page = "queries.html"
        entries = []
        for query in stored:
            text = rebase.document(query.text)
            file = f"queries/{query.name}.rq"
            self.staging.write_text(file, text)
            parameters = [
                {
                    "name": p.name,
                    "type": p.type_label,
                    "required": p.required,
                    "default": rebase.document(p.default) if p.default else None,
                }
                for p in query.parameters
            ]
            entries.append(
                {
                    "query": query,
                    "text": text,
                    "file": file,
                    "parameters": parameters,
                    "summary": rebase.document(query.summary),
                    "summary_nl": rebase.document(query.summary_nl),
                    "description": rebase.document(query.description),
                }
            )
        for language in LANGUAGES:
            self._write_page(
                page,
                language,
                "queries.html",
                entries=entries,
                endpoint=str(self.edition.endpoint),
            )

    # --- the ontology ------------------------------------------------------------------

    def ontology(self, ontology: Graph) -> None:
        """``def/index.html``: classes, properties and concept schemes, each with an anchor."""
        page = "def/index.html"
        graph = self.graph
        terms = sorted(
            {
                s
                for s in ontology.subjects()
                if isinstance(s, URIRef)
                and str(s).startswith(self.mh)
                and "/" not in str(s)[len(self.mh) :]
                and str(s) != self.mh
            },
            key=lambda t: str(t),
        )
        graph.documented.update(terms)
        index_paths = {i.cls: i.path for i in self.indexes}
        self._write_rdf("def/ontology", ontology)
        for language in LANGUAGES:
            here = localised(page, language)
            classes, properties = [], []
            for term in terms:
                types = set(ontology.objects(term, RDF.type))
                entry = self._term(term, here)
                entry["index"] = index_paths.get(term)
                if types & {OWL.Class, RDFS.Class}:
                    classes.append(entry)
                elif types & {
                    OWL.ObjectProperty,
                    OWL.DatatypeProperty,
                    OWL.AnnotationProperty,
                    RDF.Property,
                }:
                    properties.append(entry)
            schemes = []
            # The project's own schemes; the EU code lists of the catalogue record are not ours.
            for scheme in sorted(graph.asserted.subjects(RDF.type, SKOS.ConceptScheme), key=str):
                concepts = sorted(graph.graph.subjects(SKOS.inScheme, scheme), key=self._sort_key)
                schemes.append(
                    {
                        "entry": self._term(scheme, here),
                        "concepts": [self._term(c, here) for c in concepts],
                    }
                )
            self._write_page(
                page,
                language,
                "ontology.html",
                header=self._term(URIRef(self.mh), here),
                classes=classes,
                properties=properties,
                schemes=schemes,
            )

    def _term(self, term: Node, page: str) -> dict[str, object]:
        graph = self.graph
        local = str(term)[len(self.mh) :] if str(term).startswith(self.mh) else ""
        rows = [
            row
            for row in graph.rows(term, page)
            if row.predicate
            not in {"rdfs:label", "skos:prefLabel", "skos:definition", "rdfs:isDefinedBy"}
        ]
        labels = graph.labels(term)
        definitions = {
            getattr(v, "language", "") or "": str(v)
            for v in graph.graph.objects(term, SKOS.definition)
        }
        return {
            "iri": str(term),
            "anchor": local,
            "curie": graph.curie(term),
            "nl": labels.get("nl", ""),
            "en": labels.get("en", ""),
            "definition_nl": definitions.get("nl", ""),
            "definition_en": definitions.get("en", ""),
            "href": graph.href(term, page) if term in graph.pages else None,
            "rows": rows,
        }

    def shapes(self, shapes: Graph) -> None:
        """``def/shapes.html``: the named shapes with what they check and their messages."""
        page = "def/shapes.html"
        namespace = self.mh + "shapes/"
        named = sorted(
            {
                s
                for s in shapes.subjects()
                if isinstance(s, URIRef) and str(s).startswith(namespace) and str(s) != namespace
            },
            key=str,
        )
        shape_graph = SiteGraph(shapes, Graph(), Graph(), self.edition.base, self.prefixes)
        shape_graph.pages = self.graph.pages
        shape_graph.documented = self.graph.documented | set(named)
        self.graph.documented.update(named)
        for language in LANGUAGES:
            here = localised(page, language)
            entries = [
                {
                    "anchor": str(s)[len(namespace) :],
                    "iri": str(s),
                    "rows": shape_graph.rows(s, here),
                }
                for s in named
            ]
            self._write_page(page, language, "shapes.html", entries=entries)

    # --- the sitemap -------------------------------------------------------------------

    def sitemap(self) -> None:
        urls = "".join(
            f"  <url><loc>{escape(self.edition.base + path)}</loc>"
            f"<lastmod>{self.edition.modified}</lastmod></url>\n"
            for path in sorted(self.written)
        )
        self.staging.write_text(
            "sitemap.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n",
        )


#: The site being written while its resource pages are shared out (see ``Site.resources``).
_SHARING: Site | None = None


def _write_share(pages: list[tuple[URIRef, str]]) -> tuple[dict[str, int], list[str]]:
    """In a forked process: write ``pages`` and say which files that made."""
    site = _SHARING
    assert site is not None, "called only in a process forked from Site.resources"
    site.staging.files, site.written = {}, []
    site._resources(pages, lambda message: None, len(pages))
    return site.staging.files, site.written
