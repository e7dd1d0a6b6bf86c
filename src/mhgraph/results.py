"""Query answers in one shape, whichever engine or server gave them, and their renderings.

SELECT and ASK answers render in the SPARQL 1.1 results formats (JSON, XML, CSV, TSV) and
as an aligned table for people; CONSTRUCT and DESCRIBE answers are graphs. The renderers
read plain :class:`~mhgraph.values.Term` values, so an answer the fast engine gives in
Oxigraph's terms is printed without importing rdflib, and both engines print the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from html import escape
from itertools import islice
from typing import TYPE_CHECKING, Protocol, cast

from .errors import FormatError
from .formats import RESULT_FORMATS, WRITABLE_RDF
from .namespaces import prefixed
from .values import Term, plain

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.query import Result
    from rdflib.term import Node

#: SELECT and ASK answers: an aligned table for people, and the SPARQL results formats.
TABULAR_FORMATS = ("table", *RESULT_FORMATS)
#: CONSTRUCT and DESCRIBE answers: any RDF format an export writes, with the same prefixes.
GRAPH_FORMATS = tuple(WRITABLE_RDF)
Row = tuple["Node | None", ...]
Cells = tuple[Term | None, ...]


def select_rows(result: Result, limit: int | None = None) -> tuple[list[str], list[Row]]:
    """The variables and (at most ``limit``) rows of an rdflib SELECT result; unbound is None.

    The limit stops the reading early: rdflib evaluates lazily, so a capped answer costs no
    more than its cap.
    """
    from rdflib.query import ResultRow

    variables = [str(v) for v in result.vars or ()]
    rows: list[Row] = []
    for row in islice(result, limit):
        rows.append(tuple(cast(ResultRow, row)))
    return variables, rows


class NativeAnswer(Protocol):
    """An answer kept in an engine's own terms until someone asks for rdflib's."""

    def cells(self) -> list[Cells]:
        """The rows of a SELECT answer as plain terms, for the renderers."""

    def rows(self) -> list[Row]:
        """The same rows in rdflib terms."""

    def graph(self) -> Graph:
        """A graph answer as an rdflib graph."""

    def serialize(self, fmt: str) -> bytes | None:
        """A graph answer in the RDF format ``fmt``, or None where only rdflib writes it."""

    def reordered(self, order: list[int]) -> NativeAnswer:
        """The same rows in ``order`` (indices into them)."""


class QueryResult:
    """The answer to one query, whichever engine or store gave it.

    ``kind`` is the query form ("SELECT", "ASK", "CONSTRUCT" or "DESCRIBE") and says which of
    the other fields is filled: ``variables`` and ``rows`` (unbound as None), ``boolean``, or
    ``graph``. One shape for every source is what lets the same renderers, tests and web
    answers serve the local engines and remote stores alike. An answer built from ``native``
    terms makes its rdflib ``rows`` and ``graph`` on first use only.
    """

    def __init__(
        self,
        kind: str,
        variables: list[str] | None = None,
        rows: list[Row] | None = None,
        boolean: bool | None = None,
        graph: Graph | None = None,
        *,
        native: NativeAnswer | None = None,
    ) -> None:
        self.kind = kind
        self.variables = variables if variables is not None else []
        self.boolean = boolean
        self._rows = rows
        self._graph = graph
        self._native = native

    def __repr__(self) -> str:
        return f"QueryResult({self.kind!r}, {self.variables!r}, boolean={self.boolean!r})"

    @property
    def rows(self) -> list[Row]:
        if self._rows is None:
            self._rows = self._native.rows() if self._native and self.kind == "SELECT" else []
        return self._rows

    @property
    def graph(self) -> Graph | None:
        if self._graph is None and self._native is not None and self.is_graph:
            self._graph = self._native.graph()
        return self._graph

    @property
    def is_graph(self) -> bool:
        """Whether the answer is a graph (CONSTRUCT, DESCRIBE) rather than rows or a boolean."""
        native_graph = self._native is not None and self.kind in ("CONSTRUCT", "DESCRIBE")
        return self._graph is not None or native_graph

    def serialize(self, fmt: str) -> bytes:
        """A graph answer in the RDF format ``fmt``, written from the engine's own terms
        where it can be."""
        if self._native is not None and self._graph is None:
            written = self._native.serialize(fmt)
            if written is not None:
                return written
        from .export import serialize

        graph = self.graph
        assert graph is not None
        return serialize(graph, fmt)

    def reordered(self, order: list[int]) -> QueryResult:
        """The same answer with its rows in ``order`` (indices into the rows), in the terms
        it has."""
        if self._native is not None and self._rows is None:
            native = self._native.reordered(order)
            return QueryResult(self.kind, self.variables, boolean=self.boolean, native=native)
        rows = self.rows
        return QueryResult(self.kind, self.variables, [rows[i] for i in order], self.boolean)

    def cells(self) -> list[Cells]:
        """The rows as plain terms, as the renderers write them."""
        if self._native is not None and self._rows is None:
            return self._native.cells()
        return [tuple(None if t is None else Term.from_rdflib(t) for t in row) for row in self.rows]

    @classmethod
    def from_rdflib(cls, result: Result) -> QueryResult:
        """Read the whole of an rdflib result into a :class:`QueryResult`."""
        from rdflib import Graph

        if result.type == "SELECT":
            return cls("SELECT", *select_rows(result))
        if result.type == "ASK":
            return cls("ASK", boolean=bool(result.askAnswer))
        graph = Graph()
        for triple in result.graph or ():
            graph.add(triple)
        return cls(result.type, graph=graph)

    def row_set(self) -> set[Row]:
        """Rows as a set, blank nodes ignored, for comparing answers from different engines."""
        from rdflib import BNode

        return {tuple(None if isinstance(t, BNode) else t for t in row) for row in self.rows}

    def records(self) -> list[dict[str, Node]]:
        """The rows as dictionaries by variable name, unbound variables left out."""
        return [
            {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]


def render(result: QueryResult, fmt: str, *, compact: bool = False) -> str:
    """Render a result; tabular formats for SELECT/ASK, RDF formats for graphs.

    ``compact`` JSON is on one line: a server's clients read it, not people, and Python's
    JSON encoder is many times faster without indentation.
    """
    if result.is_graph:
        name = "ttl" if fmt == "table" else fmt
        if name not in GRAPH_FORMATS:
            raise FormatError(
                f"a {result.kind} answer is a graph; format {fmt!r} does not fit",
                hint="use one of " + ", ".join(GRAPH_FORMATS),
            )
        return result.serialize(name).decode("utf-8")
    if compact and fmt == "json":
        return _json(result, indent=None)
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise FormatError(
            f"unknown format {fmt!r}", hint="use one of " + ", ".join(TABULAR_FORMATS)
        )
    return renderer(result)


def short_name(term: Term | Node | None) -> str:
    """A term as a person reads it: a prefixed name where the contract has a prefix."""
    if term is None:
        return ""
    term = plain(term)
    if term.kind == "uri":
        return prefixed(term.value) or term.value
    if term.kind == "bnode":
        return f"_:{term.value}"
    return term.value


def _table(result: QueryResult) -> str:
    if result.kind == "ASK":
        return "yes\n" if result.boolean else "no\n"
    header = result.variables
    body = [[short_name(t) for t in row] for row in result.cells()]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "ASK":
        writer.writerow(["_askResult"])
        writer.writerow(["true" if result.boolean else "false"])
        return buffer.getvalue()
    writer.writerow(result.variables)
    for row in result.cells():
        writer.writerow(
            ["" if t is None else (f"_:{t.value}" if t.kind == "bnode" else t.value) for t in row]
        )
    return buffer.getvalue()


def _tsv(result: QueryResult) -> str:
    if result.kind == "ASK":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.cells():
        lines.append("\t".join("" if t is None else t.n3() for t in row))
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    value: dict[str, str] = {"type": term.kind, "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = term.datatype
    return value


def _json(result: QueryResult, indent: int | None = 2) -> str:
    if result.kind == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=indent) + "\n"
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.cells()
    ]
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"


def _quoteattr(value: str) -> str:
    return f'"{escape(value)}"'


def _xml_term(term: Term) -> str:
    # html.escape, not xml.sax.saxutils: that module imports urllib.request, and with it ssl.
    if term.kind != "literal":
        return f"<{term.kind}>{escape(term.value, quote=False)}</{term.kind}>"
    attributes = ""
    if term.language:
        attributes = f" xml:lang={_quoteattr(term.language)}"
    elif term.datatype:
        attributes = f" datatype={_quoteattr(term.datatype)}"
    return f"<literal{attributes}>{escape(term.value, quote=False)}</literal>"


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ASK":
        out += ["  <head/>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append("  <head>")
        out += [f"    <variable name={_quoteattr(v)}/>" for v in result.variables]
        out += ["  </head>", "  <results>"]
        for row in result.cells():
            out.append("    <result>")
            for variable, term in zip(result.variables, row, strict=True):
                if term is not None:
                    out.append(
                        f"      <binding name={_quoteattr(variable)}>{_xml_term(term)}</binding>"
                    )
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


_RENDERERS = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}
