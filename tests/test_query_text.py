"""The query form read from a query's tokens, and the texts left to the full parser."""

from __future__ import annotations

import pytest

from mhgraph.query_text import plain_form


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT"),
        ("PREFIX ex: <http://example.org/>\nask { ex:a ?p ?o }", "ASK"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://example.org/a>", "DESCRIBE"),
        # The keywords inside strings, IRIs, comments, names and variables are no keywords.
        ('SELECT ?s WHERE { ?s ?p "FROM <x> SERVICE" }', "SELECT"),
        ("# DELETE everything\nSELECT ?from WHERE { ?from <http://e.org/insert> ?o }", "SELECT"),
        ("PREFIX from: <http://e.org/>\nSELECT ?s WHERE { ?s from:load ?o }", "SELECT"),
        ('SELECT ?s WHERE { ?s ?p """a\n"DROP" b""" }', "SELECT"),
    ],
)
def test_form_of_a_plain_query(text: str, form: str) -> None:
    assert plain_form(text) == form


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?s FROM <http://example.org/g> WHERE { ?s ?p ?o }",
        "SELECT ?s FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT ?s WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
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
