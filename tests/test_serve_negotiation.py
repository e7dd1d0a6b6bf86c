"""Content negotiation: names over Accept, q-values, the most specific range, 406."""

from __future__ import annotations

import pytest

from mhgraph.serve.negotiation import (
    CSV,
    GRAPH_FORMATS,
    JSONLD,
    NTRIPLES,
    RESULT_FORMATS,
    SPARQL_JSON,
    SPARQL_XML,
    TSV,
    TURTLE,
    choose,
    parse_accept,
)
from mhgraph.serve.web import HTTPError


def test_parse_accept():
    assert parse_accept("text/html;level=1;q=0.5, */*;q=0.1, junk, text/csv") == [
        ("text/html", 0.5),
        ("*/*", 0.1),
        ("text/csv", 1.0),
    ]


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("", SPARQL_JSON),
        ("*/*", SPARQL_JSON),
        ("text/csv", CSV),
        ("application/json", SPARQL_JSON),
        ("text/xml", SPARQL_XML),
        ("text/*", CSV),
        ("text/*;q=0.2, text/tab-separated-values", TSV),
        ("text/*, text/csv;q=0", TSV),
        ("text/csv;q=0.4, application/sparql-results+xml;q=0.6", SPARQL_XML),
        ("image/png, */*;q=0.1", SPARQL_JSON),
    ],
)
def test_accept(accept, expected):
    assert choose(RESULT_FORMATS, accept) is expected


@pytest.mark.parametrize(
    "names, expected",
    [
        (["csv"], CSV),
        (["json"], SPARQL_JSON),
        (["TSV"], TSV),
        (["text/csv"], CSV),
        (["png", "csv"], CSV),
        (["application/x-foo,application/sparql-results+xml"], SPARQL_XML),
    ],
)
def test_a_name_wins_over_accept(names, expected):
    assert choose(RESULT_FORMATS, "application/sparql-results+json", names) is expected


@pytest.mark.parametrize(
    "names, expected",
    [(["turtle"], TURTLE), (["n3"], TURTLE), (["nt"], NTRIPLES), (["json"], JSONLD)],
)
def test_graph_names(names, expected):
    assert choose(GRAPH_FORMATS, "", names) is expected


@pytest.mark.parametrize(
    "accept, names",
    [("image/png", ()), ("text/csv;q=0", ()), ("", ("png",)), ("*/*", ("ttl",))],
)
def test_nothing_acceptable_is_406(accept, names):
    with pytest.raises(HTTPError) as error:
        choose(RESULT_FORMATS, accept, names)
    assert error.value.status == 406
    assert "csv (text/csv)" in error.value.hint
