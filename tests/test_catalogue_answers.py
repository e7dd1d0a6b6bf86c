"""Every stored query against the answer the report gives (`tests/cases/queries/NAME.json`).

The expectations were written by reading the report and the data model, never by running the
query: exact rows, rows that must or must not appear, a count, the first row. Answers are
compared as sets of strings (IRIs in prefixed form, numbers normalised), projected on the
variables the expectation names. Where an answer hangs on a curators' judgement (a status, a
role), the case names that triple; a separate test says whether the data still holds it, so a
changed judgement is told apart from a broken query.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import XSD, Literal, URIRef

from mhgraph import KnowledgeGraph, Project, load_graph
from mhgraph.namespaces import PREFIXES
from mhgraph.queries import Catalogue
from mhgraph.results import QueryResult
from mhgraph.sparql import execute

CASES = Path(__file__).parent / "cases" / "queries"
REPO = Path(__file__).parents[1]
CASE_KEYS = {
    "comment",
    "params",
    "where",
    "rows",
    "contains",
    "excludes",
    "count",
    "first",
    "judgements",
    "xfail",
}
NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long}
ENTAILMENTS = ("sub-property", "sub-class", "transitiv", "inverse", "symmetr")
Row = dict[str, str | None]

CATALOGUE = Catalogue.load(REPO / "queries")
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def _documents() -> Iterator[tuple[str, dict]]:
    for path in sorted(CASES.glob("*.json")):
        yield path.stem, json.loads(path.read_text(encoding="utf-8"))


def _cases():
    for name, document in _documents():
        for index, case in enumerate(document["cases"]):
            marks = []
            if "xfail" in case:
                marks.append(pytest.mark.xfail(reason=case["xfail"], strict=True))
            yield pytest.param(name, case, id=f"{name}[{index}]", marks=marks)


def _judgements():
    for name, document in _documents():
        for case in document["cases"]:
            for judgement in case.get("judgements", []):
                yield pytest.param(judgement, id=f"{name}: {judgement}")


def _compact(iri: str) -> str:
    for prefix, namespace in _NAMESPACES:
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _expand(name: str) -> URIRef:
    prefix, _, local = name.partition(":")
    return URIRef(PREFIXES[prefix] + local)


def _number(value: object) -> str:
    return format(Decimal(str(value)).normalize(), "f")


def _actual(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return _compact(str(term))
    if isinstance(term, Literal) and term.datatype in NUMERIC:
        return _number(term)
    return str(term)


def _expected(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"expected values are strings, numbers or null, not {value!r}")
    return _number(value) if isinstance(value, int | float) else _compact(value)


def _matches(row: Row, expected: dict) -> bool:
    return all(row.get(key) == _expected(value) for key, value in expected.items())


_answers: dict[tuple[str, str], QueryResult] = {}


def answer(kg: KnowledgeGraph, name: str, params: dict[str, str]) -> QueryResult:
    """Each query runs once per graph and parameter set, however many cases look at it."""
    key = (f"{id(kg)}:{name}", json.dumps(params, sort_keys=True))
    if key not in _answers:
        stored = CATALOGUE.get(name)
        _answers[key] = execute(kg.graph, stored.text, stored.bindings(params), source=name)
    return _answers[key]


@pytest.fixture(scope="module")
def asserted_graph(real_project: Project) -> KnowledgeGraph:
    return load_graph(real_project, inference="none")


def test_every_stored_query_has_expectations():
    assert {name for name, _ in _documents()} == set(CATALOGUE.queries)


@pytest.mark.parametrize(("name", "case"), list(_cases()))
def test_answer_matches_the_report(real_graph, name, case):
    assert set(case) <= CASE_KEYS, f"unknown keys {set(case) - CASE_KEYS}"
    result = answer(real_graph, name, case.get("params", {}))
    named = {variable for part in ("where", "first") for variable in case.get(part, {})}
    for key in ("rows", "contains", "excludes"):
        named |= {variable for row in case.get(key, []) for variable in row}
    assert named <= set(result.variables), f"no variables {named - set(result.variables)}"

    rows: list[Row] = [
        {v: _actual(t) for v, t in zip(result.variables, row, strict=True)} for row in result.rows
    ]
    rows = [row for row in rows if _matches(row, case.get("where", {}))]
    if "rows" in case:
        keys = sorted({key for row in case["rows"] for key in row})
        assert all(set(row) == set(keys) for row in case["rows"]), "rows name different variables"
        expected = {tuple(_expected(row[k]) for k in keys) for row in case["rows"]}
        actual = {tuple(row[k] for k in keys) for row in rows}
        assert actual == expected, (
            f"{keys}\nmissing: {sorted(expected - actual, key=str)}\n"
            f"unexpected: {sorted(actual - expected, key=str)}"
        )
    missing = [row for row in case.get("contains", []) if not any(_matches(r, row) for r in rows)]
    assert not missing, f"missing rows: {missing}"
    present = [row for row in case.get("excludes", []) if any(_matches(r, row) for r in rows)]
    assert not present, f"rows that must not be there: {present}"
    if "count" in case:
        assert len(rows) == case["count"]
    if "first" in case:
        assert rows and _matches(rows[0], case["first"]), f"first row: {rows[:1]}"


@pytest.mark.parametrize("judgement", list(_judgements()))
def test_curators_judgement_is_still_in_the_data(real_graph, judgement):
    subject, predicate, value = (_expand(part) for part in judgement.split())
    where = real_graph.sources.locate(subject)
    assert (subject, predicate, value) in real_graph.asserted, (
        f"{where.file if where else 'the data'}:{where.line if where else '?'} no longer says "
        f"{judgement}: the curators changed their reading; revisit the expectation"
    )


@pytest.mark.parametrize("stored", list(CATALOGUE), ids=lambda stored: stored.name)
def test_inference_tag_tells_which_queries_need_the_closure(real_graph, asserted_graph, stored):
    """A query tagged `inference` answers differently without the OWL RL closure in at least one
    case; any other query answers the same."""
    params = [
        case.get("params", {})
        for case in json.loads((CASES / f"{stored.name}.json").read_text(encoding="utf-8"))["cases"]
    ]
    differs = [
        p
        for p in params
        if answer(real_graph, stored.name, p).row_set()
        != answer(asserted_graph, stored.name, p).row_set()
    ]
    if "inference" in stored.tags:
        assert differs, "tagged inference, but the asserted triples give the same answers"
        assert any(word in stored.description for word in ENTAILMENTS)
    else:
        assert not differs, f"needs the closure for {differs}: tag it inference and say why"


DEFECTS = Path(__file__).parent / "fixtures" / "queries-broken" / "defective-data.ttl"


@pytest.fixture(scope="module")
def defective_graph(real_project: Project) -> KnowledgeGraph:
    """The planted defects, read with the project's ontology and vocabularies."""
    return load_graph(real_project, files=[DEFECTS])


@pytest.mark.parametrize(
    ("name", "variable", "found"),
    [
        ("activities-without-organisation", "activity", {"activiteit:99.1"}),
        ("resources-without-english-label", "resource", {"activiteit:99.2"}),
        ("dangling-references", "target", {"instrument:sr-273ff"}),
    ],
)
def test_data_quality_query_finds_its_planted_defect(defective_graph, name, variable, found):
    """The real graph should give these queries nothing to report, so each is shown a defect."""
    result = answer(defective_graph, name, {})
    assert {_actual(record[variable]) for record in result.records()} == found
