"""The SPARQL 1.1 Service Description of the endpoint: what it answers, from which graphs,
under which entailment regime, within which limits.

Made only when a client asks for it, so that rdflib is not imported for it at a start.
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID

from ..formats import W3C_FORMATS
from .negotiation import GRAPH_FORMATS, RESULT_FORMATS
from .settings import Settings

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace(W3C_FORMATS)
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")
OWL_RL = URIRef("http://www.w3.org/ns/owl-profile/RL")


def description_graph(endpoint_url: str, graphs: Mapping[str, int], settings: Settings) -> Graph:
    """The description of the endpoint at ``endpoint_url`` over ``graphs`` (each named
    graph with its number of triples; their union is the default graph)."""
    triples_in_all = sum(graphs.values())
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    graph.bind("void", VOID)
    service = URIRef(endpoint_url)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        graph.add((service, SD.resultFormat, FORMATS[fmt.w3c]))
    dataset, default_graph = BNode(), BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add((default_graph, VOID.triples, Literal(triples_in_all)))
    # The default graph holds the OWL RL closure, materialised: querying it is querying
    # under the RDF-based semantics, as far as the OWL 2 RL profile goes.
    if graphs:
        graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, SD.defaultEntailmentRegime, ENTAILMENT["OWL-RDF-Based"]))
    graph.add((service, SD.defaultSupportedEntailmentProfile, OWL_RL))
    regimes = {"asserted": ENTAILMENT.Simple, "inferred": ENTAILMENT["OWL-RDF-Based"]}
    for name, triples in graphs.items():
        named, described = BNode(), BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        graph.add((described, VOID.triples, Literal(triples)))
        regime = regimes.get(name.rstrip("/").rpartition("/")[2])
        if regime is not None:
            graph.add((named, SD.entailmentRegime, regime))
    limits = (
        f"Read-only. A query may run {settings.time_limit:g} seconds and answer "
        f"{settings.max_rows} rows; SERVICE, FROM, FROM NAMED and updates are "
        "refused. default-graph-uri and named-graph-uri may name the graphs listed here."
    )
    graph.add((service, DCTERMS.description, Literal(limits, lang="en")))
    return graph
