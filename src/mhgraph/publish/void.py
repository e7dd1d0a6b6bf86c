"""The VoID description: what the dataset holds, counted, and where to get it.

It describes the same dataset IRI as the catalogue record; the figures are those of the
graph the SPARQL endpoint answers from (asserted plus inferred), with the two parts as
subsets that each have their own dumps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from rdflib import DCTERMS, RDF, VOID, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .dumps import PARTS, Dump
from .edition import Edition

Triple = tuple[Node, Node, Node]


def _count(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def _statistics(graph: Graph, node: URIRef | BNode, triples: Graph | Collection[Triple]) -> None:
    graph.add((node, VOID.triples, _count(len(triples))))
    graph.add((node, VOID.distinctSubjects, _count(len({s for s, _, _ in triples}))))
    graph.add((node, VOID.distinctObjects, _count(len({o for _, _, o in triples}))))


def describe(
    edition: Edition,
    asserted: Graph,
    inferred: Graph,
    dumps: list[Dump],
    prefixes: dict[str, str],
    examples: list[URIRef],
) -> Graph:
    # The figures need distinct triples, not a graph's indexes: a set is what they count.
    union: set[Triple] = set(asserted) | set(inferred)
    graph = Graph()
    graph.bind("void", VOID)
    graph.bind("dct", DCTERMS)
    dataset = edition.dataset
    settings = edition.settings
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal(settings.title_nl, lang="nl")))
    graph.add((dataset, DCTERMS.title, Literal(settings.title_en, lang="en")))
    _statistics(graph, dataset, union)
    graph.add(
        (
            dataset,
            VOID.entities,
            _count(len({s for s, _, _ in union if str(s).startswith(edition.base + "id/")})),
        )
    )
    graph.add((dataset, VOID.uriSpace, Literal(edition.base + "id/")))
    graph.add((dataset, VOID.sparqlEndpoint, edition.endpoint))
    graph.add((dataset, VOID.rootResource, edition.url("")))
    for iri in sorted({d.format.format.w3c_iri for d in dumps if d.format.format.w3c_iri}):
        graph.add((dataset, VOID.feature, URIRef(iri)))

    # Each (subject, rdf:type, class) is in the set once: counting them counts the members.
    members = Counter(o for _, p, o in union if p == RDF.type and isinstance(o, URIRef))
    graph.add((dataset, VOID.classes, _count(len(members))))
    for cls in sorted(members):
        partition = BNode(f"class-{len(graph)}")
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], cls))
        graph.add((partition, VOID.entities, _count(members[cls])))
    properties = Counter(p for _, p, _ in union)
    graph.add((dataset, VOID.properties, _count(len(properties))))
    for predicate in sorted(properties, key=str):
        partition = BNode(f"property-{len(graph)}")
        graph.add((dataset, VOID.propertyPartition, partition))
        graph.add((partition, VOID.property, predicate))
        graph.add((partition, VOID.triples, _count(properties[predicate])))

    used = {str(t) for t in set(properties) | set(members)}
    for namespace in sorted(set(prefixes.values())):
        if any(term.startswith(namespace) for term in used):
            graph.add((dataset, VOID.vocabulary, URIRef(namespace)))
    for example in examples:
        graph.add((dataset, VOID.exampleResource, example))

    for part, triples in (("asserted", asserted), ("inferred", inferred)):
        subset = URIRef(f"{dataset}-{part}")
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add(
            (subset, DCTERMS.title, Literal(f"{settings.title_en}, {PARTS[part][1]}", lang="en"))
        )
        _statistics(graph, subset, triples)
        for dump in dumps:
            if dump.part == part:
                graph.add((subset, VOID.dataDump, edition.url(dump.path)))
                if dump.format.export_format == "ttl":
                    graph.add((dataset, VOID.dataDump, edition.url(dump.path)))
    return graph
