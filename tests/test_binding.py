"""Parameters reach a server as a VALUES block inside the outermost WHERE group."""

from __future__ import annotations

import pytest
from rdflib import XSD, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery

from mhgraph.binding import bind_values, values_block, where_group_start
from mhgraph.errors import ParameterError

X = Variable("_x_literal")
BOUND = {X: Literal("v")}


@pytest.mark.parametrize(
    ("query", "rest"),
    [
        ("SELECT * WHERE { ?s ?p ?_x_literal }", " ?s ?p ?_x_literal }"),
        ("select * { ?s ?p ?_x_literal }", " ?s ?p ?_x_literal }"),
        ("ASK { ?s ?p ?_x_literal }", " ?s ?p ?_x_literal }"),
        (
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . FILTER(?o = ?_x_literal) }",
            " ?s ?p ?o . FILTER(?o = ?_x_literal) }",
        ),
        (
            "CONSTRUCT { ?s ?p ?o } { ?s ?p ?o . FILTER(?o = ?_x_literal) }",
            " ?s ?p ?o . FILTER(?o = ?_x_literal) }",
        ),
        (
            "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?_x_literal } } }",
            " { SELECT ?s WHERE { ?s ?p ?_x_literal } } }",
        ),
        (
            'SELECT * WHERE { FILTER("{ WHERE {" != ?_x_literal) }',
            ' FILTER("{ WHERE {" != ?_x_literal) }',
        ),
        (
            "PREFIX where: <urn:where#> SELECT ?where WHERE { ?where where:p ?_x_literal }",
            " ?where where:p ?_x_literal }",
        ),
        ("# WHERE { in a comment\nSELECT * WHERE { ?s ?p ?_x_literal }", " ?s ?p ?_x_literal }"),
        ("SELECT * WHERE { ?s <urn:a> '''WHERE {\n{''' }", " ?s <urn:a> '''WHERE {\n{''' }"),
    ],
)
def test_the_group_is_found_past_strings_iris_and_comments(query: str, rest: str) -> None:
    position = where_group_start(query)
    assert position is not None
    assert query[position:] == rest
    prepareQuery(bind_values(query, BOUND))


def test_short_construct_and_describe_get_a_trailing_values_clause() -> None:
    for query in (
        "CONSTRUCT WHERE { ?s ?p ?_x_literal }",
        "DESCRIBE ?_x_literal",
    ):
        assert where_group_start(query) is None
        bound = bind_values(query, BOUND)
        assert bound.rstrip().endswith('VALUES (?_x_literal) { ("v") }')
        prepareQuery(bound)


def test_the_values_block_goes_first_in_the_group() -> None:
    bound = bind_values("SELECT ?s WHERE { ?s ?p ?_x_literal }", BOUND)
    assert bound == 'SELECT ?s WHERE { VALUES (?_x_literal) { ("v") } ?s ?p ?_x_literal }'


def test_each_value_comes_back_as_the_term_it_was() -> None:
    bindings = {
        Variable("b"): Literal('say "} UNION {" \\ \n"'),
        Variable("a"): URIRef("https://w3id.org/mhgraph/id/activiteit/1.1"),
        Variable("c"): Literal("2021", datatype=XSD.gYear),
        Variable("d"): Literal("hallo", lang="nl"),
        Variable("e"): Literal("\"\"\"'''"),
    }
    block = values_block(bindings)
    assert block.startswith("VALUES (?a ?b ?c ?d ?e) { (")
    rows = list(Graph().query(f"SELECT ?a ?b ?c ?d ?e WHERE {{ {block} }}"))
    assert rows == [tuple(bindings[Variable(name)] for name in "abcde")]


def test_an_iri_that_cannot_be_one_token_is_refused() -> None:
    with pytest.raises(ParameterError, match="cannot be written as an RDF term"):
        values_block({Variable("x"): URIRef("urn:a> } UNION { <urn:b")})


@pytest.mark.parametrize(
    "value", ['"', "}", "} UNION {", '" } UNION { ?s ?p ?o } #', "'''", '"""', "\\"]
)
def test_a_hostile_value_gives_the_answer_of_a_bound_term(value: str) -> None:
    graph = Graph()
    for number, label in enumerate(["plain", value]):
        graph.add((URIRef(f"urn:s{number}"), URIRef("urn:label"), Literal(label)))
    query = "SELECT ?s WHERE { ?s <urn:label> ?label FILTER(?label = ?_x_literal) }"
    bindings = {X: Literal(value)}
    rewritten = graph.query(bind_values(query, bindings))
    pre_bound = graph.query(query, initBindings=bindings)
    assert {row[0] for row in rewritten} == {row[0] for row in pre_bound} == {URIRef("urn:s1")}


def test_no_bindings_leave_the_text_alone() -> None:
    query = "SELECT * WHERE { ?s ?p ?o }"
    assert bind_values(query, {}) is query
