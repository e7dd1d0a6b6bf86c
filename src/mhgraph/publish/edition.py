"""One edition of the publication: its base IRI, settings and the IRIs derived from them.

The catalogue record, the VoID description and the pages all name the same dataset,
distributions and endpoint; deriving those names in one place keeps them in step.

Its dates come from the data, not the clock: the ``editions`` setting records, for each
edition, the day it was made and the hash of its asserted triples (:func:`content_hash`).
Publishing unchanged data again finds its hash there and keeps the dates, so a portal sees no
update; changed data is dated today until its edition is recorded.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rdflib import OWL, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from ..iris import id_iri
from ..version import __version__
from .settings import Settings
from .triples import Triples

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph


@dataclass(frozen=True)
class Edition:
    """The base IRI, the settings and the two values filled at publishing time (the date and
    the version), from which every IRI the record, VoID and pages share is derived."""

    base: str
    settings: Settings
    modified: str
    version: str
    issued: str = ""
    #: :func:`content_hash` of the asserted triples.
    content: str = ""
    #: Whether the ``editions`` setting records this content (else it is dated today).
    recorded: bool = True

    @classmethod
    def of(
        cls, base: str, settings: Settings, ontology: Graph, asserted: Graph | str | None = None
    ) -> Edition:
        """Fill the settings left empty from the ontology and the recorded editions;
        ``asserted`` is the asserted graph or its :func:`content_hash`, already made."""
        if isinstance(asserted, Graph):
            asserted = content_hash(asserted)
        content = asserted or ""
        recorded = recorded_editions(settings)
        modified = settings.modified or recorded.get(content, datetime.date.today().isoformat())
        issued = min(recorded.values(), default=settings.issued)
        version = settings.version or str(
            ontology.value(URIRef(base + "def/"), OWL.versionInfo) or __version__
        )
        return cls(base, settings, modified, version, issued, content, content in recorded)

    @property
    def ref(self) -> str:
        """The dataset's local name, shared by the dataset, catalogue and distributions."""
        return self.settings.dataset_ref

    @property
    def dataset(self) -> URIRef:
        """The dataset's IRI, under ``/id/`` like every other thing the publication names."""
        return id_iri(self.base, "dataset", self.ref)

    @property
    def catalog(self) -> URIRef:
        """The catalogue that lists the dataset, as DCAT-AP-NL wants one."""
        return id_iri(self.base, "catalogus", self.ref)

    @property
    def record(self) -> URIRef:
        """The catalogue record of the dataset (its entry in the catalogue)."""
        return id_iri(self.base, "catalogusrecord", self.ref)

    @property
    def service(self) -> URIRef:
        """The SPARQL endpoint as a DCAT data service."""
        return id_iri(self.base, "dataservice", f"{self.ref}-sparql")

    def distribution(self, name: str) -> URIRef:
        """The distribution ``name`` (a dump, the endpoint) of the dataset."""
        return id_iri(self.base, "distributie", f"{self.ref}-{name}")

    @property
    def endpoint(self) -> URIRef:
        """Where SPARQL is answered: the setting, else ``{base}sparql`` as ``serve`` has it."""
        return URIRef(self.settings.sparql_endpoint or self.base + "sparql")

    @property
    def creator(self) -> URIRef:
        """Who made the data: the setting, else the project itself at the base IRI."""
        return URIRef(self.settings.creator or self.base)

    @property
    def ontology(self) -> URIRef:
        """The ontology's IRI, moved to the base like the rest."""
        return URIRef(self.base + "def/")

    @property
    def shapes(self) -> URIRef:
        """The shapes' namespace, moved to the base like the rest."""
        return URIRef(self.base + "def/shapes/")

    def url(self, path: str) -> URIRef:
        """Where a file of the publication is found once it is deployed at the base."""
        return URIRef(self.base + path)


def content_of(kg: KnowledgeGraph) -> str:
    """:func:`content_hash` of the graph's asserted triples, kept beside a cached graph:
    canonicalising its blank nodes (the qualified roles) takes seconds, at every publish and
    every start of a server."""
    if kg.cache is None:
        return content_hash(kg.asserted)
    return kg.cache.kept("content-hash", lambda: content_hash(kg.asserted))


def content_hash(graph: Graph) -> str:
    """``sha256:…`` of the triples themselves: neither file layout, comments, prefixes nor the
    labels a parser gives blank nodes change it (those are canonicalised, few as they are),
    nor the engine that read them (decimals in their canonical form, :func:`_written`)."""
    plain, anonymous = [], []
    for triple in graph:
        if any(isinstance(term, BNode) for term in triple):
            anonymous.append(triple)
        else:
            plain.append(" ".join(_written(term) for term in triple))
    lines = sorted(plain)
    # rdflib's canonicaliser looks up the triples between every two blank nodes again and
    # again; it only reads them (iteration and ``triples``), which plain indexes answer
    # several times quicker than its store, with the same labels.
    canonical = to_canonical_graph(cast(Graph, Triples(anonymous)))
    lines += sorted(line for line in canonical.serialize(format="nt").splitlines() if line)
    return "sha256:" + hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _written(term: Node) -> str:
    """The term in N-Triples, an ``xsd:decimal`` in its canonical form: Oxigraph stores
    ``"2000000.0"`` as ``"2000000"`` and rdflib keeps it as written, and both engines must
    find the same edition."""
    if isinstance(term, Literal) and term.datatype == XSD.decimal and term.value is not None:
        value = term.value.normalize()
        lexical = format(value, "f") if value != value.to_integral() else str(int(value))
        return f'"{lexical}"^^<{XSD.decimal}>'
    return term.n3()


def recorded_editions(settings: Settings) -> dict[str, str]:
    """The ``editions`` setting (``"DATE sha256:HASH"`` each) as hash -> date."""
    found = {}
    for entry in settings.editions:
        day, _, digest = entry.partition(" ")
        found[digest.strip()] = day
    return found
