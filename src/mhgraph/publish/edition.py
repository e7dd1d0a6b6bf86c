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
    """The base IRI, the settings and the two values filled at publishing time (the date and
    the version), from which every IRI the record, VoID and pages share is derived."""

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
