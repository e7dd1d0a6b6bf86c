"""The pages of the site: one per resource, one per class, the home page and the lists.

Each page is written with the Turtle and JSON-LD of what it shows next to it, links only
relatively (the folder works from disk as well as from a server) and goes through the
autoescaping templates of :mod:`.render`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from xml.sax.saxutils import escape

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, Graph, URIRef

from ...export import serialize
from ...iris import Rebase
from ...output import Staging
from ...queries import StoredQuery
from ..dumps import PARTS, Dump
from ..edition import Edition
from . import charts
from .model import SiteGraph, natural_key
from .render import render


@dataclass(frozen=True)
class ClassIndex:
    cls: URIRef
    label: str
    path: str
    members: list[URIRef]


@dataclass(frozen=True)
class Status:
    notation: str
    nl: str
    en: str
    href: str | None
    confidence: str | None
    derived: bool


class Site:
    """Writes every page of one publication into a staging folder."""

    def __init__(
        self, staging: Staging, graph: SiteGraph, edition: Edition, prefixes: dict[str, str]
    ) -> None:
        self.staging = staging
        self.graph = graph
        self.edition = edition
        self.prefixes = prefixes
        self.mh = edition.base + "def/"
        self.indexes = self._class_indexes()
        self.index_of = {}
        for index in sorted(self.indexes, key=lambda i: len(i.members)):
            for member in index.members:
                self.index_of.setdefault(member, index)
        self.written: list[str] = []

    def _write_page(self, path: str, html: str) -> None:
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
            labels = self.graph.labels(cls)
            label = labels.get("en") or labels.get("nl") or self.graph.curie(cls)
            ordered = sorted(resources, key=self._sort_key)
            indexes.append(ClassIndex(cls, label, path, ordered))
        return sorted(indexes, key=lambda i: i.label.lower())

    def _sort_key(self, resource: URIRef) -> tuple:
        identifier = self.graph.graph.value(resource, DCTERMS.identifier)
        return natural_key(str(identifier) if identifier else self.graph.label(resource))

    # --- resources ---------------------------------------------------------------------

    def resources(self, progress) -> None:
        total = len(self.graph.pages)
        for number, (resource, path) in enumerate(sorted(self.graph.pages.items()), start=1):
            if number % 200 == 0:
                progress(f"pages {number}/{total}")
            self.resource(resource, path)

    def resource(self, resource: URIRef, path: str) -> None:
        graph = self.graph
        stem = path.removesuffix(".html")
        name = stem.rsplit("/", 1)[-1]
        labels = graph.labels(resource)
        index = self.index_of.get(resource)
        html = render(
            "resource.html",
            path,
            site=self._site_context(),
            iri=str(resource),
            title=graph.label(resource),
            title_en=labels.get("en") if labels.get("en") != graph.label(resource) else None,
            types=[graph.value(t, path) for t in graph.types(resource)],
            status=self._status(resource, path),
            stated=graph.rows(resource, path),
            inferred=graph.rows(resource, path, part="inferred"),
            incoming=graph.incoming(resource, path),
            index=index,
            name=name,
        )
        self._write_page(path, html)
        description = graph.graph.cbd(resource)
        self.staging.write(stem + ".ttl", serialize(description, "ttl", prefixes=self.prefixes))
        self.staging.write(
            stem + ".jsonld", serialize(description, "jsonld", prefixes=self.prefixes)
        )

    def _status(self, resource: URIRef, path: str) -> Status | None:
        value = self.graph.graph.value(resource, URIRef(self.mh + "status"))
        if value is None:
            return None
        labels = self.graph.labels(value)
        confidence = self.graph.graph.value(resource, URIRef(self.mh + "statusConfidence"))
        derived = self.graph.graph.value(resource, URIRef(self.mh + "statusDerivedFromText"))
        return Status(
            notation=str(self.graph.graph.value(value, SKOS.notation) or ""),
            nl=labels.get("nl") or self.graph.label(value),
            en=labels.get("en", ""),
            href=self.graph.href(value, path),
            confidence=self.graph.label(confidence, "en") if confidence is not None else None,
            derived=bool(derived is not None and derived.toPython() is True),
        )

    # --- indexes and home --------------------------------------------------------------

    def class_indexes(self) -> None:
        for index in self.indexes:
            rows = []
            for member in index.members:
                identifier = self.graph.graph.value(member, DCTERMS.identifier)
                status = self._status(member, index.path)
                rows.append(
                    {
                        "identifier": str(identifier) if identifier is not None else "",
                        "label": self.graph.label(member),
                        "label_en": self.graph.labels(member).get("en", ""),
                        "href": self.graph.href(member, index.path),
                        "status": status,
                    }
                )
            self._write_page(
                index.path,
                render(
                    "class_index.html",
                    index.path,
                    site=self._site_context(),
                    index=index,
                    definition=self._definition(index.cls),
                    cls_href=self.graph.href(index.cls, index.path),
                    rows=rows,
                    with_identifier=any(r["identifier"] for r in rows),
                    with_status=any(r["status"] for r in rows),
                ),
            )

    def _definition(self, node: URIRef) -> str:
        for predicate in (SKOS.definition, RDFS.comment, DCTERMS.description):
            for language in ("en", "nl"):
                for value in self.graph.graph.objects(node, predicate):
                    if getattr(value, "language", None) == language:
                        return str(value)
        return ""

    def _site_context(self) -> dict:
        settings = self.edition.settings
        return {
            "title_nl": settings.title_nl,
            "title_en": settings.title_en,
            "version": self.edition.version,
            "modified": self.edition.modified,
            "licence": settings.licence,
        }

    def home(self, dumps: list[Dump], violations: int, warnings: int) -> None:
        page = "index.html"
        settings = self.edition.settings
        status = charts.status_chart(self.graph, page)
        browse = [
            i for i in self.indexes if str(i.cls).startswith(self.mh) or i.cls == SKOS.ConceptScheme
        ]
        dump_rows = [
            {
                "part": PARTS[d.part][1],
                "format": d.format.name,
                "path": d.path,
                "size": d.size,
                "sha256": d.sha256,
                "triples": d.triples,
            }
            for d in dumps
        ]
        contact = {
            "name": settings.contact_name,
            "url": settings.contact_url,
            "email": settings.contact_email.removeprefix("mailto:"),
        }
        self._write_page(
            page,
            render(
                "home.html",
                page,
                site=self._site_context(),
                settings=settings,
                edition=self.edition,
                browse=browse,
                chart=status,
                dumps=dump_rows,
                contact=contact,
                violations=violations,
                warnings=warnings,
                triples=len(self.graph.asserted),
                inferred=len(self.graph.inferred),
                resources=len(self.graph.pages),
            ),
        )

    def network(self) -> None:
        page = "network.html"
        picture = charts.network(self.graph, page)
        self._write_page(
            page, render("network.html", page, site=self._site_context(), network=picture)
        )

    def countries(self) -> None:
        page = "countries.html"
        groups = charts.places(self.graph, page)
        self._write_page(
            page, render("countries.html", page, site=self._site_context(), groups=groups)
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
        self._write_page(
            page,
            render(
                "queries.html",
                page,
                site=self._site_context(),
                entries=entries,
                endpoint=str(self.edition.endpoint),
            ),
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
        classes, properties = [], []
        index_paths = {i.cls: i.path for i in self.indexes}
        for term in terms:
            types = set(ontology.objects(term, RDF.type))
            entry = self._term(term, page)
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
                    "entry": self._term(scheme, page),
                    "concepts": [self._term(c, page) for c in concepts],
                }
            )
        header = self._term(URIRef(self.mh), page)
        self.staging.write("def/ontology.ttl", serialize(ontology, "ttl", prefixes=self.prefixes))
        self.staging.write(
            "def/ontology.jsonld", serialize(ontology, "jsonld", prefixes=self.prefixes)
        )
        self._write_page(
            page,
            render(
                "ontology.html",
                page,
                site=self._site_context(),
                header=header,
                classes=classes,
                properties=properties,
                schemes=schemes,
            ),
        )

    def _term(self, term: URIRef, page: str) -> dict:
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
        entries = [
            {"anchor": str(s)[len(namespace) :], "iri": str(s), "rows": shape_graph.rows(s, page)}
            for s in named
        ]
        self.graph.documented.update(named)
        self._write_page(
            page, render("shapes.html", page, site=self._site_context(), entries=entries)
        )

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
