"""SHACL-SPARQL constraints run once over all their focus nodes give pySHACL's results, and
what cannot be planned that way is left to the full validator, never run in a weaker form."""

from __future__ import annotations

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import SH, Graph

from mhgraph import Project
from mhgraph.engines import shacl_sets
from mhgraph.shacl_report import findings_from_report
from mhgraph.validation import load_shapes

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
"""

DATA = (
    PREFIXES
    + """
ex:Part rdfs:subClassOf ex:Thing .
ex:a a ex:Thing ; ex:amount -3 , 4 ; ex:label "a" .
ex:b a ex:Part ; ex:amount -1 ; ex:label "a" .
ex:c a ex:Thing ; ex:amount 2 .
ex:d ex:amount -7 .
ex:e a ex:Place .
ex:f a ex:Place .
ex:c ex:near ex:e .
"""
)

SHAPES = (
    PREFIXES
    + """
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/" ] .

ex:NegativeShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:sparql [
        sh:message "{?value} of {$this} is negative"@en , "{?value} van {$this} is negatief"@nl ;
        sh:prefixes ex:prefixes ;
        sh:select '''SELECT $this ?path ?value WHERE {
            $this ex:amount ?value . BIND (ex:amount AS ?path) FILTER (?value < 0) }'''
    ] .

ex:SameLabelShape a sh:NodeShape ;
    sh:targetSubjectsOf ex:label ;
    sh:severity sh:Warning ;
    sh:sparql [
        sh:message "shares {?value} with {?other}" ;
        sh:prefixes ex:prefixes ;
        sh:select '''SELECT $this ?value ?other WHERE {
            { $this ex:label ?value . ?other ex:label ?value }
            UNION { $this ex:nothing ?value . ?other ex:nothing ?value }
            FILTER (?other != $this) }'''
    ] .

ex:UnusedShape a sh:NodeShape ;
    sh:targetClass ex:Place ;
    sh:sparql [
        sh:message "{$this} is not near anything" ;
        sh:prefixes ex:prefixes ;
        sh:select "SELECT $this WHERE { FILTER NOT EXISTS { ?user ex:near $this } }"
    ] .
"""
)


def findings(report: Graph, shapes: Graph) -> set[tuple]:
    return {
        (
            f.focus_node,
            f.path,
            f.value,
            f.source_shape,
            f.severity,
            tuple(sorted(f.messages.items())),
        )
        for f in findings_from_report(report, shapes).items
    }


def store_of(text: str) -> ox.Store:
    store = ox.Store()
    store.load(text.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:file"))
    return store


def shape_selecting(select: str, target: str) -> Graph:
    """A shapes graph of one shape ``ex:S`` with ``target`` and one SPARQL constraint."""
    return Graph().parse(
        data=PREFIXES
        + f"""
ex:S a sh:NodeShape ; {target} ;
    sh:sparql [ sh:prefixes ex:prefixes ; sh:select "{select}" ] .
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/" ] .
""",
        format="turtle",
    )


def test_the_results_are_pyshacls():
    shapes = Graph().parse(data=SHAPES, format="turtle")
    planned = shacl_sets.plan(shapes)
    assert len(planned.checks) == 3
    assert set(planned.rest.subject_objects(SH.sparql)) == set()
    report = Graph()
    shacl_sets.run(store_of(DATA), planned.checks, report)
    _conforms, expected, _text = pyshacl.validate(
        Graph().parse(data=DATA, format="turtle"), shacl_graph=shapes, inference="none"
    )
    found = findings(report, shapes)
    assert found == findings(expected, shapes)
    # written by hand: ex:a and ex:b (a Part, so a Thing) have negative amounts, ex:d is no Thing
    assert {(f[0], f[2]) for f in found if f[3].endswith("NegativeShape")} == {
        ("http://example.org/a", "-3"),
        ("http://example.org/b", "-1"),
    }
    assert {f[0] for f in found if f[3].endswith("UnusedShape")} == {"http://example.org/f"}
    assert ("en", "-3 of http://example.org/a is negative") in next(
        f[5] for f in found if f[2] == "-3"
    )


@pytest.mark.parametrize(
    "select",
    [
        # a union branch reads $this that it does not bind itself
        "SELECT $this WHERE { { ?x ex:p ?y FILTER (?x != $this) } UNION { $this ex:q ?y } }",
        "SELECT $this WHERE { { SELECT $this WHERE { $this ex:p ?y } } }",
        "SELECT $this WHERE { $this ex:p ?y OPTIONAL { $this ex:q ?z } }",
        "SELECT $this WHERE { $this ex:p ?y MINUS { $this ex:q ?y } }",
        "SELECT $this WHERE { VALUES ?y { 1 } $this ex:p ?y }",
        "SELECT $this WHERE { { ?x ex:p ?y FILTER NOT EXISTS { $this ex:q ?y } } }",
    ],
)
def test_a_query_that_a_join_would_change_is_left_to_the_validator(select):
    planned = shacl_sets.plan(shape_selecting(select, "sh:targetClass ex:Thing"))
    assert planned.checks == []
    assert len(set(planned.rest.subject_objects(SH.sparql))) == 1


@pytest.mark.parametrize(
    "extra",
    [
        "ex:S sh:deactivated false .",  # on the shape: not planned
        "ex:T a sh:NodeShape ; sh:targetNode ex:a ; sh:node ex:S .",  # another shape uses it
        "ex:S sh:target [ a ex:Target ] .",  # a SPARQL-based target
        "ex:S sh:path ex:amount .",  # a property shape
        'ex:S sh:message "a message of the shape" .',  # pySHACL adds it to every result
    ],
)
def test_a_shape_with_an_unplanned_feature_is_left_to_the_validator(extra):
    shapes = Graph().parse(
        data=PREFIXES
        + """
ex:S a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:sparql [ sh:select "SELECT $this WHERE { $this <http://example.org/p> ?o }" ] .
"""
        + extra,
        format="turtle",
    )
    planned = shacl_sets.plan(shapes)
    assert planned.checks == []
    assert len(set(planned.rest.subject_objects(SH.sparql))) == 1


def test_every_constraint_of_the_project_runs_once_over_all_its_nodes(real_project: Project):
    shapes = load_shapes(real_project).union()
    planned = shacl_sets.plan(shapes)
    assert len(planned.checks) == len(set(shapes.subject_objects(SH.sparql))) > 20
    assert set(planned.rest.subject_objects(SH.sparql)) == set()


CYCLES = (
    PREFIXES
    + """
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/" ] .

ex:CycleShape a sh:NodeShape ;
    sh:targetSubjectsOf ex:in , ex:under ;
    sh:sparql [
        sh:message "{$this} is part of itself" ;
        sh:prefixes ex:prefixes ;
        sh:select '''SELECT $this ?path WHERE {
            $this (ex:in|^ex:holds|ex:under)+ $this . BIND (ex:in AS ?path) }'''
    ] .
"""
)


def test_a_check_along_a_transitive_path_reads_only_its_predicates():
    shapes = Graph().parse(data=CYCLES, format="turtle")
    (check,) = shacl_sets.plan(shapes).checks
    assert check.reads == {
        "http://example.org/in",
        "http://example.org/holds",
        "http://example.org/under",
    }
    # written by hand: a → b → c → a is a cycle (b → c stated backwards, as c holds b);
    # d → a leads into it without being on it; e is under itself; f → g is no cycle
    data = (
        PREFIXES
        + """
ex:a ex:in ex:b ; ex:label "a" .
ex:c ex:holds ex:b .
ex:c ex:under ex:a .
ex:d ex:in ex:a .
ex:e ex:under ex:e .
ex:f ex:in ex:g ; ex:other ex:f .
"""
    )
    report = Graph()
    shacl_sets.run(store_of(data), [check], report)
    found = findings(report, shapes)
    _conforms, expected, _text = pyshacl.validate(
        Graph().parse(data=data, format="turtle"), shacl_graph=shapes, inference="none"
    )
    assert found == findings(expected, shapes)
    assert {f[0] for f in found} == {
        "http://example.org/a",
        "http://example.org/c",
        "http://example.org/e",
    }


@pytest.mark.parametrize(
    "select",
    [
        "SELECT $this WHERE { $this ex:in $this }",  # no path to follow: the store answers
        "SELECT $this WHERE { $this ex:in* ?x . ?x ex:label ?l }",  # a zero-length step
        "SELECT $this WHERE { $this (ex:in?|ex:label)/ex:in? ?x }",  # none needed either
        "SELECT $this WHERE { $this ex:in+ ?x . ?x ?p $this }",  # a predicate variable
        "SELECT $this WHERE { $this ex:in+ ?x . ?x !ex:in $this }",  # a negated set
        "SELECT $this WHERE { $this ex:in+ ?x FILTER EXISTS { ?x ?p ?o } }",
    ],
)
def test_a_check_that_may_read_any_predicate_is_answered_on_the_whole_store(select):
    (check,) = shacl_sets.plan(shape_selecting(select, "sh:targetSubjectsOf ex:in")).checks
    assert check.reads is None


def test_optional_steps_in_a_path_that_takes_at_least_one_read_only_its_predicates():
    select = "SELECT $this ?l WHERE { $this ex:in?/ex:under?/ex:label ?l FILTER (?l != 1) }"
    (check,) = shacl_sets.plan(shape_selecting(select, "sh:targetSubjectsOf ex:in")).checks
    assert check.reads == {f"http://example.org/{name}" for name in ("in", "under", "label")}
