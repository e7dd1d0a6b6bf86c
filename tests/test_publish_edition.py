"""The edition's dates come from the data's content: unchanged data, unchanged dates."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from rdflib import Graph

from mhgraph.errors import MhgraphError
from mhgraph.publish.edition import Edition, content_hash
from mhgraph.publish.settings import load_settings

DATA = """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p ex:b ; ex:q "1" .
ex:C owl:equivalentClass [ owl:unionOf ( ex:D ex:E ) ] .
"""
#: The same triples, laid out otherwise, with other prefixes and blank-node labels.
RELAID = """
@prefix e: <http://example.org/> .
# a comment
e:C <http://www.w3.org/2002/07/owl#equivalentClass> _:u .
_:u <http://www.w3.org/2002/07/owl#unionOf> ( e:D e:E ) .
e:a e:q "1" .
e:a e:p e:b .
"""


def graph(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def settings_with(tmp_path: Path, body: str):
    (tmp_path / "mhgraph.toml").write_text("[publish]\n" + body, encoding="utf-8")
    return load_settings(tmp_path)


def test_the_content_hash_reads_a_decimal_by_its_value():
    decimals = "ex:a ex:amount {}, {} ."
    written = graph(DATA + decimals.format('"2000000.0"^^xsd:decimal', '"1.50"^^xsd:decimal'))
    stored = graph(DATA + decimals.format('"2000000"^^xsd:decimal', '"1.5"^^xsd:decimal'))
    other = graph(DATA + decimals.format('"2000000.1"^^xsd:decimal', '"1.5"^^xsd:decimal'))
    assert content_hash(written) == content_hash(stored) != content_hash(other)


def test_the_content_hash_is_of_the_triples_only():
    assert content_hash(graph(DATA)) == content_hash(graph(RELAID))
    assert content_hash(graph(DATA)) != content_hash(graph(DATA + 'ex:a ex:q "2" .'))


def test_a_recorded_edition_keeps_its_dates(tmp_path):
    digest = content_hash(graph(DATA))
    settings = settings_with(
        tmp_path,
        f'editions = ["2026-01-10 sha256:{"0" * 64}", "2026-03-01 {digest}"]\n',
    )
    edition = Edition.of("https://example.org/", settings, Graph(), graph(RELAID))
    assert (edition.issued, edition.modified, edition.recorded) == (
        "2026-01-10",
        "2026-03-01",
        True,
    )


def test_changed_data_is_dated_today_until_recorded(tmp_path):
    digest = content_hash(graph(DATA))
    settings = settings_with(tmp_path, f'editions = ["2026-03-01 {digest}"]\n')
    changed = graph(DATA + 'ex:a ex:q "2" .')
    edition = Edition.of("https://example.org/", settings, Graph(), changed)
    assert edition.modified == datetime.date.today().isoformat()
    assert edition.issued == "2026-03-01"
    assert not edition.recorded


def test_a_malformed_edition_is_an_error_naming_the_file(tmp_path):
    with pytest.raises(MhgraphError, match="YYYY-MM-DD sha256:HASH") as error:
        settings_with(tmp_path, 'editions = ["yesterday abc"]\n')
    assert "mhgraph.toml" in str(error.value.file)


def test_the_repository_data_is_a_recorded_edition(real_project, real_graph):
    """Changed data without its line in ``editions`` would be published as modified on every
    day it is published; the line is what ``mhgraph publish`` prints."""
    settings = load_settings(real_project.root)
    digest = content_hash(real_graph.asserted)
    assert any(entry.endswith(" " + digest) for entry in settings.editions), (
        f"add a line for {digest} to editions in mhgraph.toml"
    )
