"""Literals whose text does not fit their datatype are findings at their file and line, in both
engines, and never stop the reasoner (owlrl fails on the first literal without a value)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from mhgraph.asserted import ILL_TYPED as RULE
from mhgraph.cli import main
from mhgraph.reasoning import infer

FIXTURE = Path(__file__).parent / "fixtures" / "broken" / "ill-typed-literals.ttl"
FUNDING = "https://w3id.org/mhgraph/id/financiering/"
MH = Namespace("https://w3id.org/mhgraph/def/")


@pytest.mark.parametrize("engine", ["reference", "fast"])
def test_ill_typed_literals_are_findings_with_file_and_line(engine, capsys):
    code = main(["validate", "--engine", engine, "--format", "json", str(FIXTURE)])
    captured = capsys.readouterr()
    assert code == 1, captured.err
    assert "Traceback" not in captured.err
    findings = [f for f in json.loads(captured.out)["findings"] if f["sourceShape"] == str(RULE)]
    found = {(f["focusNode"], f["value"], f["line"]) for f in findings}
    assert found == {(FUNDING + "komma", "1600000,00", 7), (FUNDING + "maand", "2021-13-01", 12)}
    assert all(f["file"].endswith("broken/ill-typed-literals.ttl") for f in findings)
    messages = {f["message"]["en"] for f in findings}
    assert any("1600000,00" in m and "not a valid xsd:decimal" in m for m in messages)
    assert any("2021-13-01" in m and "not a valid xsd:date" in m for m in messages)


def test_the_reasoner_skips_ill_typed_literals_and_still_infers():
    graph = Graph()
    thing = URIRef(FUNDING + "komma")
    graph.add((MH.amount, RDFS.domain, MH.Funding))
    graph.add((thing, MH.amount, Literal("1600000,00", datatype=XSD.decimal)))
    graph.add((thing, MH.startDate, Literal("2021-12-01", datatype=XSD.date)))
    graph.add((MH.startDate, RDFS.domain, MH.Dated))
    inferred = infer(graph, "owlrl")
    assert (thing, RDF.type, MH.Dated) in inferred
