"""A query answer in Oxigraph's terms, rendered without rdflib and converted only on demand.

``mhgraph query`` prints an answer and exits: the renderers read the answer's plain terms
(:func:`~.convert.to_plain`), and a graph answer is written by Oxigraph's serialisers. The
rdflib rows and graph that library callers and the server use are made on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..formats import Format, rdf_format
from ..namespaces import PREFIXES
from .convert import to_plain, to_rdflib, to_rdflib_triple

if TYPE_CHECKING:
    from rdflib import Graph

    from ..results import Cells, Row

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def write_triples(
    triples: Iterable[ox.Triple], written: Format, prefixes: Mapping[str, str] = PREFIXES
) -> bytes | None:
    """Triples in a graph format Oxigraph writes as the exports want it (Turtle and RDF/XML
    with the contract's prefixes, or ``prefixes``; N-Triples in a stable order); None for the
    others."""
    if written.kind != "graph" or written.name == "jsonld":
        return None
    ox_format: ox.RdfFormat = getattr(ox.RdfFormat, written.oxigraph)
    data = ox.serialize(
        triples,
        format=ox_format,
        prefixes=dict(prefixes) if written.name in ("ttl", "xml") else None,
    )
    assert data is not None  # bytes whenever no output file is given
    if written.name == "nt":
        # The same stable order as the reference engine's dumps.
        lines = sorted(set(data.decode("utf-8").splitlines()) - {""})
        return ("\n".join(lines) + "\n").encode("utf-8")
    return data


class OxigraphAnswer:
    """The rows of a SELECT answer, or the triples of a graph answer, as Oxigraph gave them."""

    def __init__(
        self,
        rows: Sequence[tuple[OxTerm | None, ...]] = (),
        triples: Sequence[ox.Triple] = (),
    ) -> None:
        self._rows = rows
        self._triples = triples

    def cells(self) -> list[Cells]:
        return [tuple(to_plain(term) for term in row) for row in self._rows]

    def rows(self) -> list[Row]:
        return [tuple(to_rdflib(term) for term in row) for row in self._rows]

    def graph(self) -> Graph:
        from rdflib import Graph

        graph = Graph()
        for triple in self._triples:
            graph.add(to_rdflib_triple(triple))
        return graph

    def serialize(self, fmt: str) -> bytes | None:
        return write_triples(self._triples, rdf_format(fmt))

    def reordered(self, order: list[int]) -> OxigraphAnswer:
        return OxigraphAnswer(rows=[self._rows[i] for i in order], triples=self._triples)
