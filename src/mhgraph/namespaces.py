"""The prefixes of the data-model contract (docs/data-model.md), declared once for all code."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

BASE_IRI = "https://w3id.org/mhgraph/"

MH = Namespace(BASE_IRI + "def/")
MHSH = Namespace(BASE_IRI + "def/shapes/")
ID = Namespace(BASE_IRI + "id/")
SCHEMA = Namespace("https://schema.org/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")

#: Prefixes of the project's own instance namespaces, in the order of the contract.
INSTANCE_PREFIXES: dict[str, str] = {
    name: f"{BASE_IRI}id/{name}/"
    for name in (
        "rapport",
        "actielijn",
        "sectie",
        "resultaat",
        "activiteit",
        "financiering",
        "gebeurtenis",
        "kengetal",
        "product",
        "beoordeling",
        "organisatie",
        "instrument",
        "regio",
        "status",
        "zekerheid",
        "uitbuiting",
        "doelgroep",
        "soort",
        "rol",
        "uitkomst",
        "productsoort",
        "begrippenkader",
    )
}

#: Every prefix a user may rely on in queries and serialisations.
PREFIXES: dict[str, str] = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "eli": str(ELI),
    "sh": str(SH),
    "country": str(COUNTRY),
    "mh": str(MH),
    "mhsh": str(MHSH),
    **INSTANCE_PREFIXES,
}


def bind_prefixes(graph: Graph, prefixes: Mapping[str, str] | None = None) -> Graph:
    """Bind the contract's prefixes (or ``prefixes``, e.g. under another base IRI) so
    serialisations read like the source files."""
    for prefix, namespace in (PREFIXES if prefixes is None else prefixes).items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """The PREFIX lines for queries typed by people, who should not have to write them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
