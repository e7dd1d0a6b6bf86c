"""``bench/scale.py``: the repository's graph copied up to a size, valid except for exactly
the violations it says it injected."""

from __future__ import annotations

import argparse

import pytest

from mhgraph import Project, load_graph
from mhgraph.findings import Severity
from mhgraph.validation import validate

pytest.importorskip("pyshacl_turbo", reason="the fast engine is not installed")

SIZE = 30_000


@pytest.fixture(scope="module")
def scaled_graph(scaled_project):
    return load_graph(Project.at(scaled_project.root), engine="fast")


@pytest.mark.parametrize(
    ("text", "size"), [("10k", 10_000), ("100K", 100_000), ("1M", 1_000_000), ("2.5k", 2_500)]
)
def test_sizes_are_read_with_their_unit(scale_module, text, size):
    assert scale_module.parse_size(text) == size


def test_a_size_without_a_number_is_refused(scale_module):
    with pytest.raises(argparse.ArgumentTypeError, match="not a size"):
        scale_module.parse_size("big")


def test_a_graph_smaller_than_the_repository_cannot_be_made(scale_module, tmp_path, real_project):
    with pytest.raises(ValueError, match="smaller than"):
        scale_module.scale(real_project, 1_000, tmp_path / "tiny")


def test_the_scaled_graph_has_the_requested_size(scaled_project, scaled_graph):
    assert abs(scaled_project.triples - SIZE) <= 0.05 * SIZE
    assert scaled_graph.count("asserted") == scaled_project.triples
    assert scaled_project.replicas >= 2


def test_the_manifest_lists_what_was_injected(scale_module, scaled_project):
    again = scale_module.load_manifest(scaled_project.root)
    assert again.injected == scaled_project.injected
    assert {i.kind for i in scaled_project.injected} == set(scale_module.KINDS)
    assert len(scaled_project.injected) == 12


def test_copies_get_fresh_numbers_that_follow_the_numbering_rules(scaled_graph):
    query = """
        SELECT ?number WHERE {
            ?activity a mh:Activity ; dcterms:identifier ?number ; mh:partOfResult ?result .
            ?result dcterms:identifier ?resultNumber .
            FILTER (STRSTARTS(?number, CONCAT(?resultNumber, ".")))
            FILTER (STRENDS(STR(?activity), CONCAT("/id/activiteit/", ?number)))
        }"""
    numbers = {str(row[0]) for row in scaled_graph.query(query).rows}
    assert {"1.1", "101.1", "201.1"} <= numbers


def test_the_scaled_graph_is_valid_except_the_injected_violations(scaled_project, scaled_graph):
    outcome = validate(Project.at(scaled_project.root), knowledge_graph=scaled_graph)
    injected = {(i.focus_node, i.path, i.source_shape) for i in scaled_project.injected}
    violations = outcome.findings.at_least(Severity.VIOLATION)
    assert {(f.focus_node, f.path, f.source_shape) for f in violations} == injected
    assert all(f.file == "data/replicas.ttl" and f.line for f in violations)
