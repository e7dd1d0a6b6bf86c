"""The prefixes of the data-model contract (docs/data-model.md), declared once for all code.

The prefixes are plain strings, so the query path (``mhgraph query``) reads them without
importing rdflib; the rdflib namespaces (``MH``, ``ID``, …) are made when first imported.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph, Namespace

BASE_IRI = "https://w3id.org/mhgraph/"

#: The namespace each rdflib ``Namespace`` of this module stands for.
_NAMESPACES = {
    "MH": BASE_IRI + "def/",
    "MHSH": BASE_IRI + "def/shapes/",
    "ID": BASE_IRI + "id/",
    "SCHEMA": "https://schema.org/",
    "ELI": "http://data.europa.eu/eli/ontology#",
    "COUNTRY": "http://publications.europa.eu/resource/authority/country/",
}


def __getattr__(name: str) -> Namespace:
    if name in _NAMESPACES:
        from rdflib import Namespace

        return Namespace(_NAMESPACES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": _NAMESPACES["SCHEMA"],
    "eli": _NAMESPACES["ELI"],
    "sh": "http://www.w3.org/ns/shacl#",
    "country": _NAMESPACES["COUNTRY"],
    "mh": _NAMESPACES["MH"],
    "mhsh": _NAMESPACES["MHSH"],
    **INSTANCE_PREFIXES,
}


def prefixed(iri: str) -> str | None:
    """``iri`` as a prefixed name under the longest contract prefix it starts with, if any."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace) :]}"
    return None


def bind_prefixes(graph: Graph, prefixes: Mapping[str, str] | None = None) -> Graph:
    """Bind the contract's prefixes (or ``prefixes``, e.g. under another base IRI) so
    serialisations read like the source files."""
    for prefix, namespace in (PREFIXES if prefixes is None else prefixes).items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """The PREFIX lines for queries typed by people, who should not have to write them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
