"""The query form read from a query's tokens, and the texts left to the full parser."""

from __future__ import annotations

import pytest

from mhgraph.query_text import may_leave_the_graph, plain_form


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT"),
        ("PREFIX ex: <http://example.org/>\nask { ex:a ?p ?o }", "ASK"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://example.org/a>", "DESCRIBE"),
        # The update keywords inside strings, IRIs, comments, names and variables are none.
        ('SELECT ?s WHERE { ?s ?p "INSERT <x> DROP" }', "SELECT"),
        ("# DELETE everything\nSELECT ?drop WHERE { ?drop <http://e.org/insert> ?o }", "SELECT"),
        ("PREFIX load: <http://e.org/>\nSELECT ?s WHERE { ?s load:clear ?o }", "SELECT"),
        ('SELECT ?s WHERE { ?s ?p """a\n"DROP" b""" }', "SELECT"),
    ],
)
def test_form_of_a_plain_query(text: str, form: str) -> None:
    assert plain_form(text) == form
    assert not may_leave_the_graph(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?s FROM <http://example.org/g> WHERE { ?s ?p ?o }",
        "SELECT ?s FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT ?s WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select ?s where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
        "INSERT DATA { <http://e.org/a> <http://e.org/b> 1 }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "DROP ALL",
        "WITH <http://e.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "not a query at all",
    ],
)
def test_guarded_or_unknown_texts_go_to_the_full_parser(text: str) -> None:
    assert plain_form(text) is None


#: Texts in which Oxigraph reads FROM or SERVICE where a tokenizer would not: each was
#: parsed by Oxigraph as a query that names the dataset or calls the endpoint.
HIDDEN = {
    "in-a-name-after-a-dot": "SELECT * WHERE { ?s ?p ?x.SERVICE <http://e.org/> { ?a ?b ?c } }",
    "after-an-escaped-quote": (
        "SELECT * WHERE { ?s <http://e.org/p> :\\' . SERVICE <http://e.org/> { ?a ?b ?c } "
        "FILTER(?s != 'a') }"
    ),
    "in-what-looks-like-an-iri": "SELECT(1<2AS?b)FROM#>\n<http://e.org/g> WHERE{?s ?p ?o}",
    "without-a-word-boundary": "SELECT * WHERE { ?s ?p ?o SERVICEex:x { ?a ?b ?c } }",
    "codepoint-escape": "SELECT * WHERE { SERVI\\u0043E <http://e.org/> { ?a ?b ?c } }",
    "long-codepoint-escape": "SELECT * \\U00000046ROM <http://e.org/g> WHERE { ?s ?p ?o }",
    "mixed-case": "SELECT * WHERE { sErViCe <http://e.org/> { ?a ?b ?c } }",
}


@pytest.mark.parametrize("text", HIDDEN.values(), ids=list(HIDDEN))
def test_a_keyword_hidden_from_tokens_still_goes_to_the_full_parser(text: str) -> None:
    assert may_leave_the_graph(text)
    assert plain_form(text) is None


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?s WHERE { ?s ?p "FROM <x> SERVICE" }',
        "# a SERVICE call would go here\nSELECT ?s WHERE { ?s ?p ?o }",
        "SELECT ?from WHERE { ?from <http://e.org/service> ?o }",
    ],
)
def test_the_words_anywhere_go_to_the_full_parser_which_may_let_them_pass(text: str) -> None:
    """Strings, comments and names that hold the words are decided by the full parser (the
    endpoint's tests show it answering them)."""
    assert plain_form(text) is None
