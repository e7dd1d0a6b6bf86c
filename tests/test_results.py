"""The renderers print the same bytes whether the answer is in Oxigraph's terms or rdflib's.

The fast engine keeps a query's answer in Oxigraph's terms and renders them directly (the
query command then never imports rdflib); the reference engine's answers are rdflib terms.
Rows compare by value in tests/test_engines.py; here the rendered text itself is compared:
the fast engine's answer against the same answer in rdflib terms (always byte-equal), and
against the reference engine's where both engines write the same lexical forms.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from rdflib import XSD, BNode, Graph, Literal, URIRef

from graphs import canonical
from mhgraph import Catalogue, KnowledgeGraph, Project, load_graph
from mhgraph.engines.convert import to_plain, to_rdflib
from mhgraph.results import QueryResult, render
from mhgraph.values import Term

TABULAR = ("table", "csv", "tsv", "json", "xml")
XSD_NS = str(XSD)


@pytest.fixture(scope="module")
def engines(real_project: Project, real_graph: KnowledgeGraph) -> dict[str, KnowledgeGraph]:
    return {"reference": real_graph, "fast": load_graph(real_project, engine="fast")}


def stored_names() -> list[str]:
    return sorted(q.name for q in Catalogue.load(Project.resolve(None).queries_dir))


def in_rdflib_terms(result: QueryResult) -> QueryResult:
    """The same answer as the rdflib rows it converts to: what the renderers read before."""
    return QueryResult(result.kind, result.variables, list(result.rows), result.boolean)


@pytest.mark.parametrize("name", stored_names())
def test_every_stored_answer_renders_the_same_bytes_on_both_engines(name, engines):
    stored = Catalogue.find(Project.resolve(None).queries_dir, name)
    answers = {
        engine: kg.query(stored.text, stored.terms(), source=str(stored.path))
        for engine, kg in engines.items()
    }
    fast, reference = answers["fast"], answers["reference"]
    if fast.is_graph:
        for fmt in ("ttl", "nt", "xml"):
            found = Graph().parse(data=render(fast, fmt), format="turtle" if fmt == "ttl" else fmt)
            assert canonical(found, found) == canonical(reference.graph, reference.graph)
        return
    # Oxigraph writes a decimal by value (9900000.0 as 9900000): there only the values agree.
    decimals = any(
        isinstance(t, Literal) and t.datatype == XSD.decimal for row in reference.rows for t in row
    )
    for fmt in TABULAR:
        text = render(fast, fmt)
        assert text == render(in_rdflib_terms(fast), fmt)
        if not decimals:
            assert text == render(reference, fmt)


# Literals whose lexical form rdflib rewrites (doubles, zoned dates, fractions of a second)
# and ones it keeps; the plain term must be what the rdflib term says, whichever it is.
LITERALS = [
    ox.Literal("plain"),
    ox.Literal("tekst", language="nl"),
    ox.Literal("5", datatype=ox.NamedNode(XSD_NS + "integer")),
    ox.Literal("1.5", datatype=ox.NamedNode(XSD_NS + "decimal")),
    ox.Literal("true", datatype=ox.NamedNode(XSD_NS + "boolean")),
    ox.Literal("2021-05", datatype=ox.NamedNode(XSD_NS + "gYearMonth")),
    ox.Literal("2021-01-01", datatype=ox.NamedNode(XSD_NS + "date")),
    ox.Literal("2021-01-01Z", datatype=ox.NamedNode(XSD_NS + "date")),
    ox.Literal("2021-01-01T10:00:00Z", datatype=ox.NamedNode(XSD_NS + "dateTime")),
    ox.Literal("2021-01-01T10:00:00.5", datatype=ox.NamedNode(XSD_NS + "dateTime")),
    ox.Literal("1E3", datatype=ox.NamedNode(XSD_NS + "double")),
    ox.Literal("x", datatype=ox.NamedNode("https://example.org/own-type")),
    ox.NamedNode("https://w3id.org/mhgraph/id/activiteit/1.2"),
    ox.BlankNode("b0"),
]


@pytest.mark.parametrize("term", LITERALS, ids=str)
def test_a_plain_term_is_what_rdflib_would_make_of_it(term):
    rdflib_term = to_rdflib(term)
    assert rdflib_term is not None
    assert to_plain(term) == Term.from_rdflib(rdflib_term)


AWKWARD = QueryResult(
    "SELECT",
    ["s", "text", "n"],
    [
        (URIRef("https://w3id.org/mhgraph/id/activiteit/1.2"), Literal('a "b"\tc\nd'), None),
        (BNode("b1"), Literal("<x> & y", lang="en"), Literal("7", datatype=XSD.integer)),
    ],
)


def test_tsv_keeps_one_line_per_row_whatever_the_literal_holds():
    lines = render(AWKWARD, "tsv").splitlines()
    assert lines[0] == "?s\t?text\t?n"
    assert lines[1] == ('<https://w3id.org/mhgraph/id/activiteit/1.2>\t"a \\"b\\"\\tc\\nd"\t')
    assert lines[2] == '_:b1\t"<x> & y"@en\t"7"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert len(lines) == 3


def test_csv_json_and_xml_read_back_to_the_same_values():
    rows = list(csv.reader(io.StringIO(render(AWKWARD, "csv"), newline="")))
    assert rows[1] == ["https://w3id.org/mhgraph/id/activiteit/1.2", 'a "b"\tc\nd', ""]
    assert rows[2] == ["_:b1", "<x> & y", "7"]
    bindings = json.loads(render(AWKWARD, "json"))["results"]["bindings"]
    assert bindings[1]["text"] == {"type": "literal", "value": "<x> & y", "xml:lang": "en"}
    assert bindings[1]["n"]["datatype"] == str(XSD.integer)
    assert "n" not in bindings[0]
    root = ET.fromstring(render(AWKWARD, "xml"))
    literals = root.iter("{http://www.w3.org/2005/sparql-results#}literal")
    assert [element.text for element in literals] == ['a "b"\tc\nd', "<x> & y", "7"]
