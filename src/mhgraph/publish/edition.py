"""One edition of the publication: its base IRI, settings and the IRIs derived from them.

The catalogue record, the VoID description and the pages all name the same dataset,
distributions and endpoint; deriving those names in one place keeps them in step.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from rdflib import OWL, Graph, URIRef

from ..iris import id_iri
from ..version import __version__
from .settings import Settings


@dataclass(frozen=True)
class Edition:
    base: str
    settings: Settings
    modified: str
    version: str

    @classmethod
    def of(cls, base: str, settings: Settings, ontology: Graph) -> Edition:
        """Fill the settings left empty from the ontology and today's date."""
        modified = settings.modified or datetime.date.today().isoformat()
        version = settings.version or str(
            ontology.value(URIRef(base + "def/"), OWL.versionInfo) or __version__
        )
        return cls(base, settings, modified, version)

    @property
    def ref(self) -> str:
        return self.settings.dataset_ref

    @property
    def dataset(self) -> URIRef:
        return id_iri(self.base, "dataset", self.ref)

    @property
    def catalog(self) -> URIRef:
        return id_iri(self.base, "catalogus", self.ref)

    @property
    def service(self) -> URIRef:
        return id_iri(self.base, "dataservice", f"{self.ref}-sparql")

    def distribution(self, name: str) -> URIRef:
        return id_iri(self.base, "distributie", f"{self.ref}-{name}")

    @property
    def endpoint(self) -> URIRef:
        return URIRef(self.settings.sparql_endpoint or self.base + "sparql")

    @property
    def creator(self) -> URIRef:
        return URIRef(self.settings.creator or self.base)

    @property
    def ontology(self) -> URIRef:
        return URIRef(self.base + "def/")

    @property
    def shapes(self) -> URIRef:
        return URIRef(self.base + "def/shapes/")

    def url(self, path: str) -> URIRef:
        """Where a file of the publication is found once it is deployed at the base."""
        return URIRef(self.base + path)
