"""Validating a graph in a store finds what validating the same triples in files finds."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rdflib import Graph

from mhgraph import Project
from mhgraph.findings import Severity
from mhgraph.namespaces import BASE_IRI
from mhgraph.remote import HttpStore, push, validate_remote
from mhgraph.validation import validate

# An activity without a result (a violation) and without an English label (a warning).
BROKEN = """\
@prefix mh: <https://w3id.org/mhgraph/def/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix activiteit: <https://w3id.org/mhgraph/id/activiteit/> .

activiteit:9.9 a mh:Activity ;
    skos:prefLabel "Zwevende activiteit"@nl .
"""


def without_place(findings) -> set[tuple]:
    return {
        (f.severity, f.focus_node, f.path, f.value, f.source_shape, f.message())
        for f in findings.items
    }


def broken_file(tmp_path: Path) -> Path:
    path = tmp_path / "broken.ttl"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_remote_findings_match_local_ones_and_name_no_file(
    oxigraph_server, fixture_project: Project, tmp_path: Path
) -> None:
    path = broken_file(tmp_path)
    local = validate(fixture_project, files=[path])
    store = HttpStore(oxigraph_server.settings(graph=BASE_IRI + "graph/test-validate"))
    push(store, Graph().parse(path), store.settings.graph)

    remote = validate_remote(fixture_project, store)

    assert without_place(remote.findings) == without_place(local.findings)
    assert remote.findings.count(Severity.VIOLATION) == 1
    assert remote.findings.count(Severity.WARNING) == 1
    assert not remote.conforms
    assert all(f.file is None and f.line is None for f in remote.findings.items)
    assert any(f.file == "broken.ttl" or f.file == str(path) for f in local.findings.items)


def test_the_default_graph_can_be_validated(oxigraph_server, fixture_project: Project) -> None:
    graph = Graph().parse(fixture_project.root / "data" / "programme.ttl")
    named = HttpStore(oxigraph_server.settings(graph=BASE_IRI + "graph/test-validate-default"))
    push(named, graph, named.settings.graph)
    named.update(f"ADD <{named.settings.graph}> TO DEFAULT")
    default = HttpStore(dataclasses.replace(named.settings, graph=None))
    try:
        outcome = validate_remote(fixture_project, default, inference="none")
    finally:
        default.update(f"CLEAR DEFAULT ; DROP GRAPH <{named.settings.graph}>")
    assert outcome.conforms
    assert {f.focus_node for f in outcome.findings.items} == {
        BASE_IRI + "id/activiteit/1.2"  # no English label: a warning
    }


def test_remote_findings_match_local_ones_on_virtuoso(
    virtuoso_server, fixture_project: Project, tmp_path: Path
) -> None:
    path = broken_file(tmp_path)
    store = HttpStore(virtuoso_server.settings(graph=BASE_IRI + "graph/test-validate"))
    push(store, Graph().parse(path), store.settings.graph)
    remote = validate_remote(fixture_project, store)
    assert without_place(remote.findings) == without_place(
        validate(fixture_project, files=[path]).findings
    )
