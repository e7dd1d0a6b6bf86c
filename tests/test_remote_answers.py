"""SPARQL JSON results and graphs become the terms the embedded engine would give."""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, XSD, BNode, Literal, URIRef

from mhgraph.remote import ServerFault
from mhgraph.remote.answers import graph_answer, tabular_answer

SERVER = "http://store/sparql"


def document(variables: list[str], *bindings: dict) -> bytes:
    answer = {"head": {"vars": variables}, "results": {"bindings": list(bindings)}}
    return json.dumps(answer).encode()


def test_every_kind_of_term_keeps_its_type_datatype_and_language() -> None:
    body = document(
        ["iri", "blank", "plain", "tagged", "typed", "legacy", "lang_string"],
        {
            "iri": {"type": "uri", "value": "https://w3id.org/mhgraph/id/activiteit/1.1"},
            "blank": {"type": "bnode", "value": "b0"},
            "plain": {"type": "literal", "value": "31.a"},
            "tagged": {"type": "literal", "value": "Training", "xml:lang": "nl"},
            "typed": {"type": "literal", "value": "2021", "datatype": str(XSD.gYear)},
            "legacy": {"type": "typed-literal", "value": "1.5", "datatype": str(XSD.decimal)},
            "lang_string": {
                "type": "literal",
                "value": "x",
                "xml:lang": "en",
                "datatype": str(RDF.langString),
            },
        },
    )
    result = tabular_answer(body, "SELECT", SERVER)
    assert result.rows == [
        (
            URIRef("https://w3id.org/mhgraph/id/activiteit/1.1"),
            BNode("b0"),
            Literal("31.a"),
            Literal("Training", lang="nl"),
            Literal("2021", datatype=XSD.gYear),
            Literal("1.5", datatype=XSD.decimal),
            Literal("x", lang="en"),
        )
    ]


def test_unbound_variables_are_none_and_columns_follow_the_projection() -> None:
    body = document(["b", "a"], {"a": {"type": "literal", "value": "1"}}, {})
    result = tabular_answer(body, "SELECT", SERVER, ["a", "b"])
    assert result.variables == ["a", "b"]
    assert result.rows == [(Literal("1"), None), (None, None)]


def test_a_server_with_other_variables_keeps_its_own_columns() -> None:
    body = document(["x"], {"x": {"type": "literal", "value": "1"}})
    assert tabular_answer(body, "SELECT", SERVER, ["a"]).variables == ["x"]


def test_ask_answers() -> None:
    assert tabular_answer(b'{"head": {}, "boolean": false}', "ASK", SERVER).boolean is False


@pytest.mark.parametrize(
    ("body", "kind", "why"),
    [
        (b"<html>", "SELECT", "not SPARQL JSON results"),
        (b"\xff\xfe", "SELECT", "not SPARQL JSON results"),
        (b"[1, 2]", "SELECT", "not an object"),
        (b'{"head": {}}', "ASK", "an ASK answer without a boolean"),
        (b'{"head": {"vars": ["s"]}}', "SELECT", "unexpected JSON results"),
        (document(["s"], {"s": {"type": "uri"}}), "SELECT", "unexpected JSON results"),
        (document(["s"], {"s": {"type": "triple", "value": "x"}}), "SELECT", "unknown term type"),
        (document(["s"], {"s": {"type": "uri", "value": 3}}), "SELECT", "must be a string"),
    ],
)
def test_a_malformed_answer_is_one_clear_fault(body: bytes, kind: str, why: str) -> None:
    with pytest.raises(ServerFault) as caught:
        tabular_answer(body, kind, SERVER)
    line = caught.value.one_line()
    assert line.startswith(f"{SERVER}: malformed answer: ")
    assert why in line
    assert not caught.value.retryable


def test_graph_answers_parse_turtle_and_refuse_garbage() -> None:
    result = graph_answer(
        b'<urn:a> <urn:b> "c"@nl .\n_:x <urn:b> 1.50 .', "text/turtle", "CONSTRUCT", SERVER
    )
    assert result.kind == "CONSTRUCT" and len(result.graph) == 2
    assert (URIRef("urn:a"), URIRef("urn:b"), Literal("c", lang="nl")) in result.graph
    with pytest.raises(ServerFault, match="the graph does not parse"):
        graph_answer(b"<urn:a> <urn:b", "text/turtle", "DESCRIBE", SERVER)
