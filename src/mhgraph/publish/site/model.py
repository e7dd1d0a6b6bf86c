"""What a page shows about a resource, taken from the graph: labels, values, links.

Everything here returns plain data (strings, lists, dataclasses); escaping is left to the
templates, which escape every value. IRIs become links only where the publication has a
page for them or where they are web addresses (http, https, mailto): an IRI such as
``javascript:…`` in the data is shown as text, never as a link.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from rdflib import DCTERMS, FOAF, RDF, RDFS, SKOS, BNode, Literal, URIRef
from rdflib.term import Node

from ...iris import doc_path, relative
from ..triples import Triple, Triples
from .i18n import ENGLISH, LANGUAGES

LABEL_PROPERTIES = (
    SKOS.prefLabel,
    RDFS.label,
    DCTERMS.title,
    FOAF.name,
    URIRef("http://www.w3.org/2006/vcard/ns#fn"),
)
_WEB = re.compile(r"(https?|mailto):", re.IGNORECASE)
#: The properties a table of properties opens with, in this order.
FIRST = (
    RDF.type,
    SKOS.prefLabel,
    SKOS.altLabel,
    RDFS.label,
    DCTERMS.title,
    DCTERMS.identifier,
    DCTERMS.description,
    SKOS.definition,
)
_PLACE = {str(predicate): place for place, predicate in enumerate(FIRST)}


@dataclass(frozen=True)
class Value:
    """One value as a page shows it."""

    text: str
    href: str | None = None
    language: str | None = None
    datatype: str | None = None
    external: bool = False
    inferred: bool = False
    nested: list[Row] | None = None


@dataclass(frozen=True)
class Row:
    """One property of a resource with its values."""

    predicate: str
    label: str
    href: str | None
    values: list[Value] = field(default_factory=list)


def page_link(from_page: str, to_path: str) -> str:
    """A relative link from a page to a path of the site; an English page (under ``en/``)
    links to the English version of other pages, and to the shared files as they are."""
    if from_page.startswith(ENGLISH) and to_path.partition("#")[0].endswith(".html"):
        to_path = ENGLISH + to_path
    return _relative(posixpath.dirname(from_page), to_path)


@lru_cache(maxsize=65_536)
def _relative(folder: str, to_path: str) -> str:
    # Pages in one folder link to the same targets over and over.
    return relative(folder + "/index.html" if folder else "index.html", to_path)


def natural_key(text: str) -> tuple:
    """Sort ``24.10`` after ``24.9`` and ``actielijn 2`` before ``actielijn 10``."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower())
        for part in re.split(r"(\d+)", text)
        if part
    )


class SiteGraph:
    """The published graph indexed for pages: asserted, inferred and metadata kept apart."""

    def __init__(
        self,
        asserted: Iterable[Triple],
        inferred: Iterable[Triple],
        metadata: Iterable[Triple],
        base: str,
        prefixes: dict[str, str],
    ) -> None:
        self.asserted = Triples(asserted)
        self.inferred = Triples(inferred)
        self.metadata = Triples(metadata)
        self.base = base
        self.graph = Triples(self.asserted, self.inferred, self.metadata)
        self._prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self.pages: dict[URIRef, str] = {}
        for subject in set(self.graph.subjects()):
            if isinstance(subject, URIRef):
                path = doc_path(subject, base)
                if path and path.startswith("doc/"):
                    self.pages[subject] = path
        self.documented: set[URIRef] = set()
        self._labels: dict[Node, dict[str, str]] = {}
        self._curies: dict[str, str] = {}
        # What the pages mark as inferred is what neither the data nor the metadata state.
        self._stated = set(self.asserted) | set(self.metadata)

    # --- names -------------------------------------------------------------------------

    def curie(self, iri: Node) -> str:
        # Tens of thousands of calls for a few hundred predicates and types.
        text = str(iri)
        known = self._curies.get(text)
        if known is None:
            known = self._curies[text] = self._find_curie(text)
        return known

    def _find_curie(self, iri: str) -> str:
        for prefix, namespace in self._prefixes:
            if iri.startswith(namespace) and iri != namespace:
                return f"{prefix}:{iri[len(namespace) :]}"
        return iri

    def labels(self, node: Node) -> dict[str, str]:
        """One label per language (and ``""`` for an untagged one), by property preference."""
        # Asked for tens of thousands of times while the pages are written; the graph does
        # not change meanwhile.
        known = self._labels.get(node)
        if known is None:
            known = self._labels[node] = self._find_labels(node)
        return known

    def _find_labels(self, node: Node) -> dict[str, str]:
        found: dict[str, str] = {}
        for predicate in LABEL_PROPERTIES:
            for literal in self.graph.objects(node, predicate):
                if isinstance(literal, Literal):
                    found.setdefault(literal.language or "", str(literal))
            if found:
                break
        return found

    def label(self, node: Node, language: str = "nl") -> str:
        labels = self.labels(node)
        for choice in (language, *LANGUAGES, ""):
            if choice in labels:
                return labels[choice]
        if isinstance(node, URIRef):
            return self.curie(node)
        return str(node)

    def href(self, node: Node, from_page: str) -> str | None:
        """A relative link to the page about ``node``, if the publication has one, in the
        language of ``from_page``."""
        if not isinstance(node, URIRef):
            return None
        path = self.pages.get(node)
        if path is None and node in self.documented:
            path = doc_path(node, self.base)
        return page_link(from_page, path) if path else None

    @staticmethod
    def is_web(node: Node) -> bool:
        """Whether an IRI may become a link: http, https or mailto, never ``javascript:``."""
        return bool(_WEB.match(str(node)))

    # --- values ------------------------------------------------------------------------

    def value(self, node: Node, from_page: str, *, inferred: bool = False, depth: int = 0) -> Value:
        if isinstance(node, Literal):
            datatype = None
            if node.datatype is not None and not node.language:
                datatype = self.curie(node.datatype)
            return Value(
                str(node), language=node.language or None, datatype=datatype, inferred=inferred
            )
        if isinstance(node, BNode):
            nested = self.rows(node, from_page, depth=depth + 1) if depth < 3 else []
            return Value("", nested=nested, inferred=inferred)
        href = self.href(node, from_page)
        text = self.label(node) if (href or self.labels(node)) else str(node)
        if href is None and self.is_web(node):
            return Value(text, href=str(node), external=True, inferred=inferred)
        return Value(text, href=href, inferred=inferred)

    def _predicate_row(self, predicate: URIRef, from_page: str) -> Row:
        labels = self.labels(predicate)
        label = labels.get("en") or labels.get("nl") or self.curie(predicate)
        return Row(self.curie(predicate), label, self.href(predicate, from_page))

    def rows(
        self, subject: Node, from_page: str, *, part: str = "stated", depth: int = 0
    ) -> list[Row]:
        """The properties of ``subject``: ``stated`` (asserted and metadata) or ``inferred``."""
        grouped: dict[URIRef, list[Node]] = defaultdict(list)
        for predicate, obj in self.graph.predicate_objects(subject):
            if self.is_inferred(subject, predicate, obj) != (part == "inferred"):
                continue
            # Anonymous classes (owl:unionOf lists) that reasoning adds as types say
            # nothing a reader of the page can follow.
            if isinstance(obj, BNode) and (part == "inferred" or predicate == RDF.type):
                continue
            grouped[cast(URIRef, predicate)].append(obj)  # a predicate is always an IRI
        rows = []
        for predicate in sorted(grouped, key=self._predicate_order):
            row = self._predicate_row(predicate, from_page)
            values = [self.value(o, from_page, depth=depth) for o in grouped[predicate]]
            row.values.extend(sorted(values, key=lambda v: (natural_key(v.text), v.language or "")))
            rows.append(row)
        return rows

    def incoming(self, obj: URIRef, from_page: str) -> list[Row]:
        """Resources that point at ``obj``, by property; inferred links marked as such."""
        grouped: dict[URIRef, list[Value]] = defaultdict(list)
        for subject, predicate in self.graph.subject_predicates(obj):
            if isinstance(subject, BNode):
                continue
            inferred = self.is_inferred(subject, predicate, obj)
            grouped[cast(URIRef, predicate)].append(  # a predicate is always an IRI
                self.value(subject, from_page, inferred=inferred)
            )
        rows = []
        for predicate in sorted(grouped, key=self._predicate_order):
            row = self._predicate_row(predicate, from_page)
            row.values.extend(sorted(grouped[predicate], key=lambda v: natural_key(v.text)))
            rows.append(row)
        return rows

    def is_inferred(self, s: Node, p: Node, o: Node) -> bool:
        return (s, p, o) not in self._stated

    def _predicate_order(self, predicate: URIRef) -> tuple:
        place = _PLACE.get(str(predicate))
        if place is not None:
            return (0, place, "")
        return (1, 0, self.curie(predicate))

    def types(self, node: Node) -> list[URIRef]:
        return sorted(
            (t for t in self.graph.objects(node, RDF.type) if isinstance(t, URIRef)), key=self.curie
        )
