"""The EU code-list concepts the catalogue record uses, described in the record itself.

The DCAT-AP and DCAT-AP-NL shapes check class ranges and code-list membership without
inference and without fetching anything, so every concept the record points at must carry
its ``rdf:type`` and ``skos:inScheme`` right there, and every scheme its own type.
"""

from __future__ import annotations

from rdflib import DCTERMS, RDF, RDFS, SKOS, Graph, Literal, URIRef

EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
ADMS_PUBLISHER_TYPES = "http://purl.org/adms/publishertype/1.0"
ADMS_LICENCE_TYPES = "http://purl.org/adms/licencetype/1.0"

#: The continent (EU continent table) each region of the data (``regio:…``) lies in: the
#: regions have no IRI of an authority table, so the catalogue states them by continent.
REGION_CONTINENTS: dict[str, str] = {
    "europa": "EUROPE",
    "west-afrika": "AFRICA",
    "noord-afrika": "AFRICA",
    "hoorn-van-afrika": "AFRICA",
    "sahel": "AFRICA",
    "midden-oosten": "ASIA",
}

#: Titles of the schemes; the DCAT-AP shapes want one on every scheme that is described.
SCHEME_TITLES: dict[str, str] = {
    EU + "data-theme": "Data theme",
    EU + "licence": "Licence",
    EU + "access-right": "Access right",
    EU + "language": "Language",
    EU + "country": "Country",
    EU + "continent": "Continent",
    EU + "frequency": "Frequency",
    EU + "planned-availability": "Planned availability",
    EU + "file-type": "File type",
    ADMS_PUBLISHER_TYPES: "Publisher type",
    ADMS_LICENCE_TYPES: "Licence type",
}

#: Labels of the codes the default settings use; the shapes want a label on every concept.
LABELS: dict[str, tuple[str, str]] = {
    EU + "data-theme/JUST": (
        "Justitie, rechtsstelsel en openbare veiligheid",
        "Justice, legal system and public safety",
    ),
    EU + "data-theme/SOCI": ("Bevolking en samenleving", "Population and society"),
    EU + "data-theme/GOVE": ("Overheid en publieke sector", "Government and public sector"),
    EU + "licence/CC_BY_4_0": (
        "Creative Commons Naamsvermelding 4.0 Internationaal",
        "Creative Commons Attribution 4.0 International",
    ),
    EU + "access-right/PUBLIC": ("Publiek", "Public"),
    EU + "language/NLD": ("Nederlands", "Dutch"),
    EU + "language/ENG": ("Engels", "English"),
    EU + "country/NLD": ("Nederland", "Netherlands"),
    EU + "frequency/IRREG": ("Onregelmatig", "Irregular"),
    EU + "planned-availability/STABLE": ("Stabiel", "Stable"),
    EU + "file-type/RDF_TURTLE": ("RDF Turtle", "RDF Turtle"),
    EU + "file-type/RDF_N_TRIPLES": ("RDF N-Triples", "RDF N-Triples"),
    EU + "file-type/JSON_LD": ("JSON-LD", "JSON-LD"),
    EU + "file-type/RDF_XML": ("RDF/XML", "RDF/XML"),
    "http://purl.org/adms/publishertype/NationalAuthority": (
        "Nationale overheid",
        "National authority",
    ),
    "http://purl.org/adms/licencetype/Attribution": ("Naamsvermelding", "Attribution"),
}


def concept(graph: Graph, iri: str, scheme: str, *types: URIRef) -> URIRef:
    """Describe one code-list concept (typed, in its scheme, labelled where known)."""
    node = URIRef(iri)
    graph.add((node, RDF.type, SKOS.Concept))
    for kind in types:
        graph.add((node, RDF.type, kind))
    graph.add((node, SKOS.inScheme, URIRef(scheme)))
    graph.add((URIRef(scheme), RDF.type, SKOS.ConceptScheme))
    title = SCHEME_TITLES.get(scheme, scheme.rstrip("/").rsplit("/", 1)[-1])
    graph.add((URIRef(scheme), DCTERMS.title, Literal(title, lang="en")))
    # A code set in mhgraph.toml that the table below does not know is labelled by its code.
    code = iri.rstrip("/").rsplit("/", 1)[-1]
    nl, en = LABELS.get(iri, (code, code))
    graph.add((node, SKOS.prefLabel, Literal(nl, lang="nl")))
    graph.add((node, SKOS.prefLabel, Literal(en, lang="en")))
    return node


def resource(graph: Graph, iri: URIRef) -> URIRef:
    """Type an address as rdfs:Resource, which the shapes check by class, not by inference."""
    graph.add((iri, RDF.type, RDFS.Resource))
    return iri


def eu_concept(graph: Graph, table: str, code_or_iri: str, *types: URIRef) -> URIRef:
    """A concept of an EU authority table, given by its code (``JUST``) or full IRI."""
    iri = code_or_iri if "://" in code_or_iri else f"{EU}{table}/{code_or_iri}"
    return concept(graph, iri, EU + table, *types)


def media_type(graph: Graph, name: str) -> URIRef:
    """An IANA media type; IANA publishes no RDF, so only the type is stated."""
    node = URIRef(IANA + name)
    graph.add((node, RDF.type, DCTERMS.MediaType))
    return node
