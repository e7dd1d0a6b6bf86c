"""The DCAT-AP 3.0 catalogue record (DCAT-AP-NL 3.0.1) of the publication.

Checked in the tests against the official DCAT-AP 3.0.1 and DCAT-AP-NL 3.0.1 shapes; those do
no inference, so every object is typed explicitly and every code-list concept is described
(:mod:`.codelists`). Blank nodes are used only for what has no identity of its own (the
contact point, a period, a checksum).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import (
    DCAT,
    DCTERMS,
    FOAF,
    RDF,
    RDFS,
    SKOS,
    XSD,
    BNode,
    Graph,
    Literal,
    Namespace,
    URIRef,
)
from rdflib.namespace import PROV

from ..errors import MhgraphError
from .codelists import (
    ADMS_LICENCE_TYPES,
    ADMS_PUBLISHER_TYPES,
    EU,
    REGION_CONTINENTS,
    concept,
    eu_concept,
    media_type,
    resource,
)
from .dumps import PARTS, Dump
from .edition import Edition

DCAT3 = Namespace(str(DCAT))  # rdflib names DCAT 2 terms only; dcat:version is DCAT 3
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
DCAT_AP = URIRef("http://data.europa.eu/r5r/")

CATALOG_PREFIXES = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "spdx": str(SPDX),
    "adms": str(ADMS),
    "dcatap": str(DCATAP),
    "prov": str(PROV),
}


def _both(graph: Graph, node: URIRef | BNode, predicate: URIRef, nl: str, en: str) -> None:
    graph.add((node, predicate, Literal(nl, lang="nl")))
    graph.add((node, predicate, Literal(en, lang="en")))


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def _document(graph: Graph, iri: URIRef) -> URIRef:
    graph.add((iri, RDF.type, FOAF.Document))
    return iri


class _Record:
    """Shared pieces of the record, each described once and pointed at from several places."""

    def __init__(self, graph: Graph, edition: Edition, places: Places) -> None:
        self.graph = graph
        self.edition = edition
        settings = edition.settings
        self.publisher = self._agent(
            URIRef(settings.publisher), settings.publisher_name_nl, settings.publisher_name_en
        )
        graph.add(
            (
                self.publisher,
                DCTERMS.type,
                concept(graph, settings.publisher_type, ADMS_PUBLISHER_TYPES),
            )
        )
        self.creator = self._agent(
            edition.creator, settings.creator_name_nl, settings.creator_name_en
        )
        self.contact = self._contact()
        self.licence = eu_concept(graph, "licence", settings.licence, DCTERMS.LicenseDocument)
        graph.add(
            (
                self.licence,
                DCTERMS.type,
                concept(graph, "http://purl.org/adms/licencetype/Attribution", ADMS_LICENCE_TYPES),
            )
        )
        self.access = eu_concept(
            graph, "access-right", settings.access_rights, DCTERMS.RightsStatement
        )
        self.themes = [eu_concept(graph, "data-theme", code) for code in settings.themes]
        self.availability = eu_concept(graph, "planned-availability", "STABLE")
        self.languages = [
            eu_concept(graph, "language", code, DCTERMS.LinguisticSystem)
            for code in settings.languages
        ]
        countries = dict.fromkeys([*settings.spatial, *places.countries])
        self.spatial = [
            eu_concept(graph, "country", code, DCTERMS.Location) for code in countries
        ] + [
            eu_concept(graph, "continent", code, DCTERMS.Location)
            for code in dict.fromkeys(places.continents)
        ]
        self.standards = []
        for iri, nl, en in (
            (edition.ontology, "mhgraph-ontologie", "mhgraph ontology"),
            (edition.shapes, "mhgraph-shapes", "mhgraph shapes"),
        ):
            graph.add((iri, RDF.type, DCTERMS.Standard))
            _both(graph, iri, DCTERMS.title, nl, en)
            self.standards.append(iri)
        self.home = _document(graph, edition.url(""))

    def _agent(self, iri: URIRef, nl: str, en: str) -> URIRef:
        self.graph.add((iri, RDF.type, FOAF.Agent))
        self.graph.add((iri, RDF.type, FOAF.Organization))
        _both(self.graph, iri, FOAF.name, nl, en)
        return iri

    def _contact(self) -> BNode:
        settings = self.edition.settings
        node = BNode("contact")
        self.graph.add((node, RDF.type, VCARD.Kind))
        self.graph.add((node, RDF.type, VCARD.Organization))
        self.graph.add((node, VCARD.fn, Literal(settings.contact_name)))
        if settings.contact_url:
            self.graph.add((node, VCARD.hasURL, URIRef(settings.contact_url)))
        if settings.contact_email:
            email = settings.contact_email.removeprefix("mailto:")
            self.graph.add((node, VCARD.hasEmail, URIRef("mailto:" + email)))
        return node

    def common(self, node: URIRef) -> None:
        """What the dataset and the data service both carry."""
        g = self.graph
        g.add((node, DCTERMS.publisher, self.publisher))
        g.add((node, DCTERMS.creator, self.creator))
        g.add((node, DCAT.contactPoint, self.contact))
        g.add((node, DCTERMS.accessRights, self.access))
        for theme in self.themes:
            g.add((node, DCAT.theme, theme))
        for language in self.languages:
            g.add((node, DCTERMS.language, language))
        settings = self.edition.settings
        for keyword in settings.keywords_nl:
            g.add((node, DCAT.keyword, Literal(keyword, lang="nl")))
        for keyword in settings.keywords_en:
            g.add((node, DCAT.keyword, Literal(keyword, lang="en")))
        g.add((node, DCAT.landingPage, self.home))
        g.add((node, DCTERMS.modified, _date(self.edition.modified)))


class Places:
    """The countries (codes of the EU country table) and continents (of its continent table)
    the data names, for ``dct:spatial``."""

    def __init__(self, countries: Iterable[str] = (), continents: Iterable[str] = ()) -> None:
        self.countries = sorted(countries)
        self.continents = sorted(continents)

    @classmethod
    def named_in(cls, graph: Graph, base: str) -> Places:
        """Every ``mh:Country`` and ``mh:Region`` of ``graph`` (at ``base``); a region with no
        continent in :data:`REGION_CONTINENTS` is an error, not a silent gap."""
        country_table = EU + "country/"
        countries = [
            str(c).removeprefix(country_table)
            for c in graph.subjects(RDF.type, URIRef(base + "def/Country"))
            if str(c).startswith(country_table)
        ]
        continents = []
        for region in graph.subjects(RDF.type, URIRef(base + "def/Region")):
            name = str(region).rpartition("/")[2]
            if name not in REGION_CONTINENTS:
                raise MhgraphError(
                    f"region {region} has no continent for the catalogue's spatial coverage",
                    hint="add it to REGION_CONTINENTS in mhgraph/publish/codelists.py",
                )
            continents.append(REGION_CONTINENTS[name])
        return cls(countries, continents)


def catalogue(
    edition: Edition, dumps: list[Dump], sources: list[URIRef], places: Places | None = None
) -> Graph:
    """The record: a catalogue with one dataset, its dumps and its SPARQL service, and the
    catalogue record that describes the dataset's entry.

    ``sources`` are the reports the data was taken from (``mh:Report`` resources);
    ``places`` the countries and regions the data names.
    """
    graph = Graph()
    for prefix, namespace in CATALOG_PREFIXES.items():
        graph.bind(prefix, namespace)
    record = _Record(graph, edition, places or Places())
    settings = edition.settings
    dataset = edition.dataset

    graph.add((dataset, RDF.type, DCAT.Dataset))
    _both(graph, dataset, DCTERMS.title, settings.title_nl, settings.title_en)
    _both(graph, dataset, DCTERMS.description, settings.description_nl, settings.description_en)
    graph.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    record.common(dataset)
    for place in record.spatial:
        graph.add((dataset, DCTERMS.spatial, place))
    period = BNode("period")
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((period, DCAT.startDate, _date(settings.temporal_start)))
    graph.add((period, DCAT.endDate, _date(settings.temporal_end)))
    graph.add((dataset, DCTERMS.temporal, period))
    graph.add((dataset, DCTERMS.issued, _date(edition.issued or settings.issued)))
    graph.add((dataset, DCAT3.version, Literal(edition.version)))
    graph.add(
        (
            dataset,
            DCTERMS.accrualPeriodicity,
            eu_concept(graph, "frequency", "IRREG", DCTERMS.Frequency),
        )
    )
    for standard in record.standards:
        graph.add((dataset, DCTERMS.conformsTo, standard))
    provenance = BNode("provenance")
    graph.add((provenance, RDF.type, DCTERMS.ProvenanceStatement))
    _both(graph, provenance, RDFS.label, settings.provenance_nl, settings.provenance_en)
    graph.add((dataset, DCTERMS.provenance, provenance))
    for source in sources:
        graph.add((dataset, PROV.wasDerivedFrom, source))
    graph.add((dataset, FOAF.page, _document(graph, edition.url("def/index.html"))))

    for dump in dumps:
        graph.add((dataset, DCAT.distribution, _dump_distribution(graph, record, dump)))
    graph.add((dataset, DCAT.distribution, _endpoint_distribution(graph, record)))
    service = _service(graph, record)

    catalog = edition.catalog
    graph.add((catalog, RDF.type, DCAT.Catalog))
    _both(graph, catalog, DCTERMS.title, settings.title_nl, settings.title_en)
    _both(graph, catalog, DCTERMS.description, settings.description_nl, settings.description_en)
    graph.add((catalog, DCTERMS.publisher, record.publisher))
    graph.add((catalog, DCTERMS.creator, record.creator))
    graph.add((catalog, DCAT.contactPoint, record.contact))
    graph.add((catalog, DCAT.dataset, dataset))
    graph.add((catalog, DCAT.service, service))
    graph.add((catalog, FOAF.homepage, record.home))
    graph.add((catalog, DCTERMS.license, record.licence))
    graph.add((catalog, DCTERMS.issued, _date(edition.issued or settings.issued)))
    graph.add((catalog, DCTERMS.modified, _date(edition.modified)))
    entry = edition.record
    graph.add((catalog, DCAT.record, entry))
    graph.add((entry, RDF.type, DCAT.CatalogRecord))
    graph.add((entry, FOAF.primaryTopic, dataset))
    graph.add((dataset, RDF.type, DCAT.Resource))  # the shapes check the class, infer nothing
    graph.add((entry, DCTERMS.issued, _date(edition.issued or settings.issued)))
    graph.add((entry, DCTERMS.modified, _date(edition.modified)))
    graph.add((entry, DCTERMS.language, record.languages[0]))
    graph.add((entry, DCTERMS.conformsTo, DCAT_AP))
    graph.add((DCAT_AP, RDF.type, DCTERMS.Standard))
    themes = URIRef(EU + "data-theme")
    graph.add((themes, RDF.type, SKOS.ConceptScheme))
    graph.add((catalog, DCAT.themeTaxonomy, themes))
    for language in record.languages:
        graph.add((catalog, DCTERMS.language, language))
    for place in record.spatial:
        graph.add((catalog, DCTERMS.spatial, place))
    return graph


def _dump_distribution(graph: Graph, record: _Record, dump: Dump) -> URIRef:
    edition = record.edition
    fmt = dump.format
    node = edition.distribution(f"{dump.part}-{fmt.suffix.lstrip('.').replace('.', '-')}")
    nl_part, en_part = PARTS[dump.part]
    graph.add((node, RDF.type, DCAT.Distribution))
    _both(
        graph, node, DCTERMS.title, f"Dump {nl_part} ({fmt.name})", f"Dump {en_part} ({fmt.name})"
    )
    _both(
        graph,
        node,
        DCTERMS.description,
        f"De graaf {nl_part}: {dump.triples} triples in {fmt.name}.",
        f"The graph {en_part}: {dump.triples} triples in {fmt.name}.",
    )
    url = edition.url(dump.path)
    graph.add((node, DCAT.accessURL, url))
    graph.add((node, DCAT.downloadURL, url))
    graph.add((node, DCAT.mediaType, media_type(graph, fmt.media_type)))
    graph.add(
        (
            node,
            DCTERMS.format,
            eu_concept(graph, "file-type", fmt.file_type, DCTERMS.MediaTypeOrExtent),
        )
    )
    if fmt.gzipped:
        graph.add((node, DCAT.compressFormat, media_type(graph, "application/gzip")))
    graph.add((node, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger)))
    checksum = BNode(f"checksum-{dump.part}-{fmt.export_format}")
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
    graph.add((checksum, SPDX.checksumValue, Literal(dump.sha256, datatype=XSD.hexBinary)))
    graph.add((node, SPDX.checksum, checksum))
    _distribution_common(graph, record, node)
    return node


def _endpoint_distribution(graph: Graph, record: _Record) -> URIRef:
    edition = record.edition
    node = edition.distribution("sparql")
    graph.add((node, RDF.type, DCAT.Distribution))
    _both(graph, node, DCTERMS.title, "SPARQL-endpoint", "SPARQL endpoint")
    _both(
        graph,
        node,
        DCTERMS.description,
        "De hele graaf (vastgelegd en afgeleid) te bevragen met SPARQL 1.1.",
        "The whole graph (asserted and inferred) to query with SPARQL 1.1.",
    )
    graph.add((node, DCAT.accessURL, edition.endpoint))
    graph.add((node, DCAT.accessService, edition.service))
    _distribution_common(graph, record, node)
    return node


def _distribution_common(graph: Graph, record: _Record, node: URIRef) -> None:
    graph.add((node, DCTERMS.license, record.licence))
    graph.add((node, DCATAP.availability, record.availability))
    for language in record.languages:
        graph.add((node, DCTERMS.language, language))
    graph.add((node, DCTERMS.modified, _date(record.edition.modified)))
    for standard in record.standards:
        graph.add((node, DCTERMS.conformsTo, standard))


def _service(graph: Graph, record: _Record) -> URIRef:
    edition = record.edition
    node = edition.service
    graph.add((node, RDF.type, DCAT.DataService))
    _both(graph, node, DCTERMS.title, "SPARQL-endpoint van mhgraph", "mhgraph SPARQL endpoint")
    _both(
        graph,
        node,
        DCTERMS.description,
        "Beantwoordt SPARQL 1.1-vragen over de hele graaf; de opgeslagen vragen staan op de "
        "pagina met vragen.",
        "Answers SPARQL 1.1 queries over the whole graph; the stored queries are listed on "
        "the queries page.",
    )
    graph.add((node, DCTERMS.identifier, Literal(str(node))))
    graph.add((node, DCAT.endpointURL, resource(graph, edition.endpoint)))
    # The SPARQL 1.1 Service Description that the endpoint itself answers with (no query).
    graph.add((node, DCAT.endpointDescription, resource(graph, edition.endpoint)))
    graph.add((node, DCAT.servesDataset, edition.dataset))
    graph.add((node, DCTERMS.license, record.licence))
    graph.add((SPARQL_PROTOCOL, RDF.type, DCTERMS.Standard))
    graph.add((node, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    record.common(node)
    return node
