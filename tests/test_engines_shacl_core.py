"""SHACL Core constraints compiled to one query each give pySHACL's results, result for
result, and what cannot be compiled is left whole to the full validator."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import SH, BNode, Graph, URIRef
from rdflib.term import Node

from mhgraph import Project
from mhgraph.engines import shacl_core, shacl_sets
from mhgraph.validation import load_shapes

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
"""

# Every node breaks something, and most break it in a way a naive query gets wrong: an
# ill-typed date, a blank node where a pattern is asked, a region subtag, a value that
# is reached through two shapes, a literal where a class is asked.
DATA = (
    PREFIXES
    + """
ex:Part rdfs:subClassOf ex:Thing .
ex:Kind rdfs:subClassOf ex:Thing .
ex:a a ex:Thing ; ex:code "AB" , "ab" ;
    ex:label "een"@nl , "drie"@nl , "twee"@nl-BE , "one"@en , "won"@EN ;
    ex:date "2021-02-30"^^xsd:date , "2021"^^xsd:gYear ; ex:flag true ; ex:size 3 ;
    ex:in ex:s1 ; ex:owner ex:b ; ex:other 1 .
ex:b a ex:Part , ex:Kind ; ex:code [ ex:x 1 ] ; ex:label "bee"@fr ;
    ex:date "2021-12"^^xsd:gYearMonth ; ex:flag "yes" ; ex:in ex:s2 ; ex:owner "ex:c" ;
    ex:size "3" ; ex:amount "x"^^xsd:decimal .
ex:c a ex:Thing ; ex:code "C" ; ex:label "C"@EN ; ex:date "x"^^xsd:gYear ;
    ex:flag "true"^^xsd:boolean ; ex:owner ex:d ; ex:in "s1" ; ex:amount "1e5"^^xsd:decimal ;
    ex:size ex:b .
ex:d a ex:Part ; ex:code "this code is far too long" ; ex:owner ex:a ; ex:owner ex:b .
ex:s1 ex:scheme ex:one .
ex:s2 ex:scheme ex:two .
_:n a ex:Thing ; ex:label "blank"@nl .
ex:b ex:child ex:a .
ex:c ex:child ex:a .
"""
)

SHAPES = (
    PREFIXES
    + """
ex:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:message "thing"@en , "ding"@nl ;
    sh:closed true ;
    sh:ignoredProperties ( rdf:type ex:child ) ;
    sh:nodeKind sh:IRI ;
    sh:pattern "^http://example\\\\.org/[a-c]$" ;
    sh:property ex:Code , ex:Label , ex:Dutch , ex:Date , ex:Flag , ex:In , ex:Owner , ex:Size ,
        ex:Other , ex:Children , ex:Amount .

ex:PartShape a sh:NodeShape ;
    sh:targetClass ex:Part ;
    sh:message "part" ;
    sh:xone ( [ sh:path ex:flag ; sh:minCount 1 ] [ sh:path ex:owner ; sh:minCount 1 ] ) ;
    sh:property ex:Code , ex:Owner .

ex:KindShape a sh:NodeShape ;
    sh:targetSubjectsOf ex:in ;
    sh:targetNode ex:d ;
    sh:severity sh:Info ;
    sh:message "kind" ;
    sh:not [ sh:class ex:Kind ] ;
    sh:hasValue ex:a .

ex:Code a sh:PropertyShape ;
    sh:path ex:code ;
    sh:message "code" ;
    sh:minCount 1 ;
    sh:maxCount 1 ;
    sh:pattern "^[a-z]+$" ;
    sh:flags "i" ;
    sh:maxLength 10 .

ex:Label a sh:PropertyShape ;
    sh:path ex:label ;
    sh:severity sh:Warning ;
    sh:message "label"@en ;
    sh:datatype rdf:langString ;
    sh:languageIn ( "nl" "en" ) ;
    sh:uniqueLang true .

ex:Dutch a sh:PropertyShape ;
    sh:path ex:label ;
    sh:message "dutch" ;
    sh:qualifiedValueShape [ sh:languageIn ( "nl" ) ] ;
    sh:qualifiedMinCount 1 ;
    sh:qualifiedMaxCount 1 .

ex:Date a sh:PropertyShape ;
    sh:path ex:date ;
    sh:message "date" ;
    sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYearMonth ] [ sh:datatype xsd:gYear ] ) .

ex:Flag a sh:PropertyShape ;
    sh:path ex:flag ;
    sh:message "flag" ;
    sh:datatype xsd:boolean ;
    sh:in ( true ) .

ex:In a sh:PropertyShape ;
    sh:path ex:in ;
    sh:message "in" ;
    sh:node ex:InOne .

ex:InOne a sh:NodeShape ;
    sh:property [ sh:path ex:scheme ; sh:hasValue ex:one ] .

ex:Owner a sh:PropertyShape ;
    sh:path ex:owner ;
    sh:message "owner" ;
    sh:class ex:Thing ;
    sh:maxCount 1 .

ex:Size a sh:PropertyShape ;
    sh:path ex:size ;
    sh:message "size" ;
    sh:datatype xsd:integer ;
    sh:and ( [ sh:nodeKind sh:Literal ] [ sh:minLength 1 ] ) .

# rdflib reads "1e5" as a decimal, Oxigraph does not: the query's finding is read again.
ex:Amount a sh:PropertyShape ;
    sh:path ex:amount ;
    sh:message "amount" ;
    sh:datatype xsd:decimal .

ex:Other a sh:PropertyShape ;
    sh:path [ sh:alternativePath ( ex:other ex:size ) ] ;
    sh:message "other" ;
    sh:maxCount 1 .

ex:Children a sh:PropertyShape ;
    sh:path [ sh:inversePath ex:child ] ;
    sh:message "children" ;
    sh:minCount 2 .
"""
)


def results(report: Graph) -> Counter:
    """Every result with all it says; paths that are blank nodes by what they hold."""

    def named(node: Node | None) -> Node | str | None:
        return "a blank node" if isinstance(node, BNode) else node

    found: Counter = Counter()
    for result in report.objects(None, SH.result):
        path = report.value(result, SH.resultPath)
        found[
            (
                named(report.value(result, SH.focusNode)),
                written(report, path),
                named(report.value(result, SH.value)),
                report.value(result, SH.sourceShape),
                report.value(result, SH.sourceConstraintComponent),
                report.value(result, SH.resultSeverity),
                frozenset(report.objects(result, SH.resultMessage)),
            )
        ] += 1
    return found


def written(graph: Graph, node: Node | None) -> object:
    """A blank node of a path by what it holds, recursively (pySHACL copies it anew)."""
    if not isinstance(node, BNode):
        return node
    return tuple(sorted((str(p), written(graph, o)) for p, o in graph.predicate_objects(node)))


def store_of(text: str) -> ox.Store:
    store = ox.Store()
    one, two = ox.NamedNode("urn:one"), ox.NamedNode("urn:two")
    store.load(text.encode(), format=ox.RdfFormat.TURTLE, to_graph=one)
    # each triple twice: the union of the graphs must not count it twice
    store.extend([ox.Quad(q.subject, q.predicate, q.object, two) for q in store])
    return store


def compiled(shapes: Graph, data: str) -> tuple[shacl_core.CorePlan, Graph]:
    planned = shacl_core.plan(shapes, shacl_sets.plan(shapes))
    report = Graph()
    shacl_core.run(store_of(data), planned.checks, report, shapes)
    return planned, report


def pyshacl_report(shapes: Graph) -> Graph:
    """pySHACL's report on DATA, the oracle."""
    _conforms, report, _text = pyshacl.validate(
        Graph().parse(data=DATA, format="turtle"),
        shacl_graph=shapes,
        inference="none",
        allow_warnings=True,
        allow_infos=True,
    )
    return report


def test_every_result_is_pyshacls():
    shapes = Graph().parse(data=SHAPES, format="turtle")
    planned, report = compiled(shapes, DATA)
    assert planned.leaves_nothing
    expected = pyshacl_report(shapes)
    found = results(report)
    assert found == results(expected)
    components = {key[4].split("#")[1] for key in found}
    # written by hand: each component of the shapes above has a result on this data
    assert components == {
        f"{name}ConstraintComponent"
        for name in [
            *("Closed", "NodeKind", "Pattern", "MinCount", "MaxCount", "MaxLength", "Datatype"),
            *("LanguageIn", "UniqueLang", "QualifiedMinCount", "QualifiedMaxCount", "Or", "In"),
            *("Node", "Class", "And", "Xone", "Not", "HasValue"),
        ]
    }
    # ex:b and ex:d are Things and Parts, so two shapes reach their codes: ex:d's too long
    # code and ex:b's blank node (which has no length) each fail twice
    ex = "http://example.org/"
    by_focus = Counter(
        key[0] for key in found.elements() if key[4] == SH.MaxLengthConstraintComponent
    )
    assert by_focus == {URIRef(ex + "d"): 2, URIRef(ex + "b"): 2}


@pytest.mark.parametrize(
    "extra",
    [
        "ex:S sh:deactivated true .",
        "ex:S sh:target [ a ex:Target ] .",  # a SPARQL-based target
        "ex:P sh:lessThan ex:other .",  # a component not compiled here
        # a path form not compiled here
        'ex:S sh:property ex:Q . ex:Q sh:path [ sh:zeroOrMorePath ex:code ] ; sh:message "q" .',
        "ex:P sh:qualifiedValueShape [ sh:class ex:Thing ] ; sh:qualifiedMinCount 1 ; "
        "sh:qualifiedValueShapesDisjoint true .",
        "ex:P sh:node ex:S .",  # recursive: pySHACL warns and skips it
        "ex:P sh:datatype xsd:duration .",  # a form rdflib checks and Oxigraph reads otherwise
    ],
)
def test_a_shape_with_an_unplanned_feature_is_left_whole_to_the_validator(extra):
    shapes = Graph().parse(
        data=PREFIXES
        + """
ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:message "s" ; sh:property ex:P .
ex:P sh:path ex:code ; sh:message "p" ; sh:minCount 1 .
"""
        + extra,
        format="turtle",
    )
    planned = shacl_core.plan(shapes, shacl_sets.plan(shapes))
    assert planned.checks == []
    assert not planned.leaves_nothing
    assert set(planned.rest.objects(URIRef("http://example.org/S"), SH.targetClass))


def test_a_shape_without_messages_is_left_to_the_validator():
    shapes = Graph().parse(
        data=PREFIXES + "ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:nodeKind sh:IRI .",
        format="turtle",
    )
    planned = shacl_core.plan(shapes, shacl_sets.plan(shapes))
    assert planned.checks == [] and not planned.leaves_nothing


def test_every_shape_of_the_project_compiles(real_project: Project):
    shapes = load_shapes(real_project).union()
    planned = shacl_core.plan(shapes, shacl_sets.plan(shapes))
    assert planned.leaves_nothing
    targeted = {s for p in (SH.targetClass, SH.targetSubjectsOf) for s in shapes.subjects(p)}
    assert set(planned.planned) == targeted


def test_what_does_not_compile_is_validated_beside_what_does(tmp_path):
    """The fast engine's validation: the compiled shapes on the store, pyshacl-turbo on the
    rest, one report; the findings are pySHACL's."""
    pytest.importorskip("pyshacl_turbo", reason="the fast engine is not installed")
    from mhgraph.engines.fast import FastEngine
    from mhgraph.shacl_report import findings_from_report

    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    shapes = Graph().parse(
        data=SHAPES
        + """
ex:Equal a sh:NodeShape ; sh:targetClass ex:Part ; sh:message "equal" ;
    sh:property [ sh:path ex:owner ; sh:equals ex:flag ] .
""",
        format="turtle",
    )
    planned = shacl_core.plan(shapes, shacl_sets.plan(shapes))
    assert URIRef("http://example.org/Equal") not in planned.planned
    assert not planned.leaves_nothing
    store = FastEngine().load([data], {data: "data.ttl"}, lambda _message: None)
    found = store.shacl(shapes)
    expected = pyshacl_report(shapes)

    def keys(items) -> Counter:
        return Counter(
            (f.focus_node, f.path, f.value, f.source_shape, f.constraint, f.severity) for f in items
        )

    # blank nodes held by nothing are named "[]" by the engine, so here too
    reference = findings_from_report(expected, shapes, owner=lambda _node: None)
    assert keys(found.items) == keys(reference.items)
    assert any(f.constraint == str(SH.EqualsConstraintComponent) for f in found.items)


def test_every_result_is_pyshacls_after_owlrl_reasoned():
    """owlrl leaves its converters of the calendar types in rdflib when it has reasoned (as
    in the reference engine), and pySHACL then finds "x"^^xsd:gYear ill-typed: so do we."""
    from owlrl import DatatypeHandling
    from rdflib import term

    kept = dict(term._toPythonMapping)
    try:
        DatatypeHandling.use_Alt_lexical_conversions()
        DatatypeHandling.use_RDFLib_lexical_conversions()
        test_every_result_is_pyshacls()
    finally:
        term._toPythonMapping.clear()
        term._toPythonMapping.update(kept)
