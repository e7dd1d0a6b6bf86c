"""Files load into their own named graphs, and every subject knows its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from mhgraph.errors import RDFSyntaxError
from mhgraph.loading import graph_name, load_sources, parse_file

FIXTURES = Path(__file__).parent / "fixtures"
DATA = FIXTURES / "project" / "data" / "programme.ttl"


def test_each_file_gets_its_own_named_graph_and_subject_lines():
    ontology = FIXTURES / "project" / "ontology" / "mini.ttl"
    source = load_sources([ontology, DATA], {ontology: "ontology/mini.ttl", DATA: "data/p.ttl"})
    activity = URIRef("https://w3id.org/mhgraph/id/activiteit/1.2")
    assert (activity, None, None) in source.dataset.graph(graph_name("data/p.ttl"))
    assert (activity, None, None) not in source.dataset.graph(graph_name("ontology/mini.ttl"))
    location = source.locate(activity)
    assert (location.file, location.line) == ("data/p.ttl", 18)
    ministry = source.locate(URIRef("https://w3id.org/mhgraph/def/Ministry"))
    assert (ministry.file, ministry.line) == ("ontology/mini.ttl", 12)


def test_syntax_error_names_file_and_line():
    with pytest.raises(RDFSyntaxError) as error:
        parse_file(FIXTURES / "broken" / "malformed.ttl", "malformed.ttl")
    assert error.value.file == "malformed.ttl"
    assert error.value.line == 5


def test_missing_file():
    with pytest.raises(RDFSyntaxError, match="no such file"):
        parse_file(FIXTURES / "broken" / "absent.ttl")


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.ttl"
    path.write_bytes('<http://a> <http://b> "caf\xe9" .'.encode("latin-1"))
    with pytest.raises(RDFSyntaxError, match="not UTF-8"):
        parse_file(path)


@pytest.mark.parametrize("engine", ["reference", "fast"])
def test_a_relative_subject_does_not_break_the_line_map(engine, tmp_path, capsys):
    """A relative IRI resolves against the file; the line map must not take it as absolute."""
    from mhgraph.cli import main

    data = tmp_path / "relative.ttl"
    data.write_text("@prefix mh: <https://w3id.org/mhgraph/def/> .\n\n<activity> a mh:Activity .\n")
    code = main(["validate", "--engine", engine, str(data)])
    captured = capsys.readouterr()
    assert code == 1, captured.err
    assert "Violation" in captured.out
