"""Serialising graphs, and writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from .errors import OutputError
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


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename it into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as err:
        raise OutputError(f"cannot write here: {err.strerror}", file=path) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as err:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write: {err.strerror}", file=path) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
