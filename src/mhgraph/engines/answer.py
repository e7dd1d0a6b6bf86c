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
from ..jsonld import jsonld_bytes
from ..namespaces import PREFIXES
from .convert import to_plain, to_rdflib, to_rdflib_triple

if TYPE_CHECKING:
    from rdflib import Graph

    from ..results import Cells, Row

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def write_triples(
    triples: Iterable[ox.Triple], written: Format, prefixes: Mapping[str, str] = PREFIXES
) -> bytes | None:
    """Triples in a graph format as the exports write it (Turtle, RDF/XML and JSON-LD with
    the contract's prefixes, or ``prefixes``; N-Triples sorted); None for a dataset format."""
    if written.kind != "graph":
        return None
    if written.name == "nt":
        return sorted_ntriples(triples)
    if written.name == "jsonld":
        return jsonld_bytes(triples, prefixes)
    ox_format: ox.RdfFormat = getattr(ox.RdfFormat, written.oxigraph)
    data = ox.serialize(triples, format=ox_format, prefixes=dict(prefixes))
    assert data is not None  # bytes whenever no output file is given
    return data


def sorted_ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """N-Triples, each triple once, the lines in code point order (as the reference
    engine's): a dump diffs line by line, and unchanged triples give the same bytes. Sorted
    as UTF-8 bytes, which is the same order and needs no decoding. A query's triples are
    written by Oxigraph as they come, without a Python object per triple."""
    if isinstance(triples, ox.QueryTriples):
        data = triples.serialize(format=ox.RdfFormat.N_TRIPLES)
    else:
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    lines = sorted(set(data.split(b"\n")) - {b""})
    return b"\n".join(lines) + b"\n"


class OxigraphAnswer:
    """The rows of a SELECT answer, or the triples of a graph answer, as Oxigraph gave them."""

    def __init__(
        self,
        rows: Sequence[tuple[OxTerm | None, ...]] = (),
        triples: Sequence[ox.Triple] = (),
    ) -> None:
        self._rows = rows
        self._triples = triples
        self._cells: list[Cells] | None = None

    def cells(self) -> list[Cells]:
        """Made once: sorting the rows into natural order and rendering them both read them."""
        if self._cells is None:
            self._cells = [tuple(to_plain(term) for term in row) for row in self._rows]
        return self._cells

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
        answer = OxigraphAnswer(rows=[self._rows[i] for i in order], triples=self._triples)
        if self._cells is not None:
            answer._cells = [self._cells[i] for i in order]
        return answer
