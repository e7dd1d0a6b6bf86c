"""Query answers in one shape, whichever engine or server gave them, and their renderings.

SELECT and ASK answers render in the SPARQL 1.1 results formats (JSON, XML, CSV, TSV) and
as an aligned table for people; CONSTRUCT and DESCRIBE answers are graphs.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from itertools import islice
from typing import cast
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result, ResultRow
from rdflib.term import Node

from .errors import FormatError
from .export import serialize
from .formats import RESULT_FORMATS, WRITABLE_RDF
from .namespaces import prefixed

#: SELECT and ASK answers: an aligned table for people, and the SPARQL results formats.
TABULAR_FORMATS = ("table", *RESULT_FORMATS)
#: CONSTRUCT and DESCRIBE answers: any RDF format an export writes, with the same prefixes.
GRAPH_FORMATS = tuple(WRITABLE_RDF)
Row = tuple[Node | None, ...]


def select_rows(result: Result, limit: int | None = None) -> tuple[list[str], list[Row]]:
    """The variables and (at most ``limit``) rows of an rdflib SELECT result; unbound is None.

    The limit stops the reading early: rdflib evaluates lazily, so a capped answer costs no
    more than its cap.
    """
    variables = [str(v) for v in result.vars or ()]
    rows: list[Row] = []
    for row in islice(result, limit):
        rows.append(tuple(cast(ResultRow, row)))
    return variables, rows


@dataclass
class QueryResult:
    """The answer to one query, whichever engine or store gave it.

    ``kind`` is the query form ("SELECT", "ASK", "CONSTRUCT" or "DESCRIBE") and says which of
    the other fields is filled: ``variables`` and ``rows`` (unbound as None), ``boolean``, or
    ``graph``. One shape for every source is what lets the same renderers, tests and web
    answers serve the local engines and remote stores alike.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    @classmethod
    def from_rdflib(cls, result: Result) -> QueryResult:
        """Read the whole of an rdflib result into a :class:`QueryResult`."""
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
    if result.graph is not None:
        name = "ttl" if fmt == "table" else fmt
        if name not in GRAPH_FORMATS:
            raise FormatError(
                f"a {result.kind} answer is a graph; format {fmt!r} does not fit",
                hint="use one of " + ", ".join(GRAPH_FORMATS),
            )
        return serialize(result.graph, name).decode("utf-8")
    if compact and fmt == "json":
        return _json(result, indent=None)
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise FormatError(
            f"unknown format {fmt!r}", hint="use one of " + ", ".join(TABULAR_FORMATS)
        )
    return renderer(result)


def short_name(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return prefixed(term) or str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _table(result: QueryResult) -> str:
    if result.kind == "ASK":
        return "yes\n" if result.boolean else "no\n"
    header = result.variables
    body = [[short_name(t) for t in row] for row in result.rows]
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
    for row in result.rows:
        writer.writerow(
            ["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row]
        )
    return buffer.getvalue()


def _tsv(result: QueryResult) -> str:
    if result.kind == "ASK":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else t.n3() for t in row))
    return "\n".join(lines) + "\n"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    value: dict[str, str] = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = str(term.datatype)
    return value


def _json(result: QueryResult, indent: int | None = 2) -> str:
    if result.kind == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=indent) + "\n"
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    attributes = ""
    if term.language:
        attributes = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype:
        attributes = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attributes}>{escape(str(term))}</literal>"


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ASK":
        out += ["  <head/>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append("  <head>")
        out += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
        out += ["  </head>", "  <results>"]
        for row in result.rows:
            out.append("    <result>")
            for variable, term in zip(result.variables, row, strict=True):
                if term is not None:
                    out.append(
                        f"      <binding name={quoteattr(variable)}>{_xml_term(term)}</binding>"
                    )
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


_RENDERERS = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}
