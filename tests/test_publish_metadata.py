"""The catalogue record, the VoID description and the validation report of a publication."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import DCTERMS, RDF, SH, VOID, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF

from mhgraph import load_graph

BASE = "https://w3id.org/mhgraph/"
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
# Plain namespaces: rdflib's closed ones warn about DCAT 3 terms such as dcat:version.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
DATASET = URIRef(BASE + "id/dataset/mhgraph")
JENV = URIRef("https://identifier.overheid.nl/tooi/id/ministerie/mnre1058")


@pytest.fixture(scope="module")
def published(fixture_publication) -> Path:
    return fixture_publication


@pytest.fixture(scope="module")
def record(published) -> Graph:
    return Graph().parse(published / "catalog.ttl")


def test_the_record_describes_catalogue_dataset_distributions_and_service(record):
    catalog = URIRef(BASE + "id/catalogus/mhgraph")
    assert (catalog, RDF.type, DCAT.Catalog) in record
    assert (catalog, DCAT.dataset, DATASET) in record
    assert (DATASET, RDF.type, DCAT.Dataset) in record
    distributions = set(record.objects(DATASET, DCAT.distribution))
    assert len(distributions) == 9  # eight dumps and the SPARQL endpoint
    service = URIRef(BASE + "id/dataservice/mhgraph-sparql")
    assert (service, RDF.type, DCAT.DataService) in record
    assert (service, DCAT.endpointURL, URIRef(BASE + "sparql")) in record
    endpoint = URIRef(BASE + "id/distributie/mhgraph-sparql")
    assert (endpoint, DCAT.accessService, service) in record


def test_the_record_takes_its_choices_from_the_settings(record):
    assert (DATASET, DCTERMS.publisher, JENV) in record
    assert (JENV, FOAF.name, Literal("Ministerie van Justitie en Veiligheid", lang="nl")) in record
    contact = record.value(DATASET, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Kind) in record
    assert (contact, VCARD.hasEmail, URIRef("mailto:data@example.org")) in record
    assert (DATASET, DCTERMS.issued, Literal("2026-01-15", datatype=XSD.date)) in record
    assert (DATASET, DCTERMS.modified, Literal("2026-02-01", datatype=XSD.date)) in record
    assert (DATASET, DCAT.version, Literal("9.9.9")) in record  # the ontology's versionInfo
    assert (DATASET, DCAT.keyword, Literal("mensenhandel", lang="nl")) in record
    assert (DATASET, DCAT.keyword, Literal("human trafficking", lang="en")) in record
    assert (DATASET, DCTERMS.conformsTo, URIRef(BASE + "def/")) in record
    assert (DATASET, DCTERMS.conformsTo, URIRef(BASE + "def/shapes/")) in record


def test_every_eu_concept_is_described_in_its_scheme(record):
    skos = Namespace("http://www.w3.org/2004/02/skos/core#")
    used = (
        set(record.objects(DATASET, DCAT.theme))
        | set(record.objects(DATASET, DCTERMS.language))
        | set(record.objects(DATASET, DCTERMS.spatial))
    )
    assert URIRef("http://publications.europa.eu/resource/authority/data-theme/JUST") in used
    for concept in used:
        scheme = record.value(concept, skos.inScheme)
        assert scheme is not None, concept
        assert (scheme, RDF.type, skos.ConceptScheme) in record
        assert record.value(concept, skos.prefLabel) is not None


def test_void_counts_the_published_graph(published, publish_project):
    description = Graph().parse(published / "void.ttl")
    kg = load_graph(publish_project)
    assert description.value(DATASET, VOID.triples).toPython() == len(kg.graph)
    partitions = {
        description.value(p, VOID["class"]): description.value(p, VOID.entities)
        for p in description.objects(DATASET, VOID.classPartition)
    }
    # 1.1, 1.2, 1.10, 7.1 and its sub-item 7.1.1 (tests/fixtures/publish/data)
    assert partitions[URIRef(BASE + "def/Activity")].toPython() == 5
    assert (DATASET, VOID.sparqlEndpoint, URIRef(BASE + "sparql")) in description
    assert (DATASET, VOID.vocabulary, URIRef(BASE + "def/")) in description
    subsets = set(description.objects(DATASET, VOID.subset))
    assert {description.value(s, VOID.triples).toPython() for s in subsets} == {
        len(kg.asserted),
        len(kg.inferred),
    }
    examples = set(description.objects(DATASET, VOID.exampleResource))
    assert URIRef(BASE + "id/activiteit/1.1") in examples  # the first of its kind
    dumps = set(description.objects(DATASET, VOID.dataDump))
    assert URIRef(BASE + "dumps/asserted.ttl") in dumps
    assert all((published / d.removeprefix(BASE)).is_file() for d in dumps)


def test_the_validation_report_is_published(published):
    report = Graph().parse(published / "validation-report.ttl")
    node = report.value(predicate=RDF.type, object=SH.ValidationReport)
    assert report.value(node, SH.conforms).toPython() is True


CONTINENT = "http://publications.europa.eu/resource/authority/continent/"
COUNTRY = "http://publications.europa.eu/resource/authority/country/"
SD_NS = Namespace("http://www.w3.org/ns/sparql-service-description#")


def test_the_spatial_coverage_is_every_country_and_region_the_data_names(record):
    spatial = set(record.objects(DATASET, DCTERMS.spatial))
    # NGA and NLD are the fixture's countries; west-afrika its region, in Africa
    assert spatial == {
        URIRef(COUNTRY + "NGA"),
        URIRef(COUNTRY + "NLD"),
        URIRef(CONTINENT + "AFRICA"),
    }
    skos = Namespace("http://www.w3.org/2004/02/skos/core#")
    assert (URIRef(CONTINENT + "AFRICA"), skos.inScheme, URIRef(CONTINENT[:-1])) in record


def test_a_region_without_a_continent_is_an_error():
    from mhgraph.errors import MhgraphError
    from mhgraph.publish.dcat import Places

    graph = Graph()
    graph.add((URIRef(BASE + "id/regio/atlantis"), RDF.type, URIRef(BASE + "def/Region")))
    with pytest.raises(MhgraphError, match="atlantis"):
        Places.named_in(graph, BASE)


def test_the_endpoint_description_is_the_service_description(record):
    service = URIRef(BASE + "id/dataservice/mhgraph-sparql")
    assert record.value(service, DCAT.endpointDescription) == URIRef(BASE + "sparql")


def test_the_catalogue_has_a_record_of_the_dataset(record):
    catalog = URIRef(BASE + "id/catalogus/mhgraph")
    entry = record.value(catalog, DCAT.record)
    assert (entry, RDF.type, DCAT.CatalogRecord) in record
    assert (entry, FOAF.primaryTopic, DATASET) in record
    assert (entry, DCTERMS.modified, Literal("2026-02-01", datatype=XSD.date)) in record


@pytest.mark.parametrize("stem", ["catalog", "void"])
def test_the_metadata_is_also_rdf_xml(published, stem):
    from rdflib.compare import isomorphic

    turtle = Graph().parse(published / f"{stem}.ttl")
    xml = Graph().parse(published / f"{stem}.rdf", format="xml")
    assert len(xml) > 50
    assert isomorphic(turtle, xml)
