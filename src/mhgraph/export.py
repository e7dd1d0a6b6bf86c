"""Serialising graphs in every format the exports write, with the contract's prefixes."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Dataset, Graph, URIRef

from .formats import WRITABLE_RDF, rdf_format
from .jsonld import tidy
from .namespaces import BASE_IRI, PREFIXES, bind_prefixes

#: What `mhgraph export --format` offers: every RDF format that can be written.
EXPORT_FORMATS = tuple(WRITABLE_RDF)

ASSERTED_GRAPH = URIRef(BASE_IRI + "graph/asserted")
INFERRED_GRAPH = URIRef(BASE_IRI + "graph/inferred")


def serialize(graph: Graph, fmt: str, *, prefixes: Mapping[str, str] | None = None) -> bytes:
    """Serialise ``graph``; Turtle and JSON-LD use the contract's prefixes (or ``prefixes``,
    for a graph moved to another base IRI) as their context."""
    written = rdf_format(fmt)
    prefixes = PREFIXES if prefixes is None else prefixes
    if written.kind == "dataset" and not isinstance(graph, Dataset):
        graph = named_graphs(graph, Graph())
    bind_prefixes(graph, prefixes)
    if fmt == "nt":
        # N-Triples in a stable order, so that dumps diff and checksum reproducibly.
        lines = sorted(graph.serialize(format="nt").splitlines())
        return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
    if fmt == "jsonld":
        text = graph.serialize(format=written.rdflib, context=dict(prefixes), indent=2)
        return tidy(text).encode("utf-8")
    return graph.serialize(format=written.rdflib).encode("utf-8")


def named_graphs(asserted: Graph, inferred: Graph) -> Dataset:
    """Asserted and inferred triples as two named graphs of one dataset (TriG, N-Quads)."""
    dataset = Dataset()
    bind_prefixes(dataset)
    for name, triples in ((ASSERTED_GRAPH, asserted), (INFERRED_GRAPH, inferred)):
        target = dataset.graph(name)
        target += triples
    return dataset
