"""The stored-query catalogue: headers, parameters, safe binding, `queries check`, the commands
that list, explain and run stored queries, and the catalogue page."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import XSD, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse

from mhgraph import load_graph
from mhgraph.catalogue_page import SAMPLE_END, SAMPLE_START, render_page, without_samples
from mhgraph.cli import main
from mhgraph.errors import ParameterError, QueryError
from mhgraph.queries import Catalogue, check_stored_query, parse_stored_query, sparql_term
from mhgraph.results import QueryResult
from mhgraph.sparql import execute

TESTS = Path(__file__).parent
REPO = TESTS.parent
BROKEN = TESTS / "fixtures" / "queries-broken"
FIXTURE = TESTS / "fixtures" / "project"
ID = "https://w3id.org/mhgraph/id/"
FAMILIES = (
    "status",
    "structure",
    "organisations",
    "products",
    "legal",
    "international",
    "themes",
    "money-and-time",
    "inference",
    "data-quality",
)
#: Values that would change a query if they were pasted into its text.
PAYLOADS = (
    'Training politie" } UNION { ?activity ?p ?o } #',
    "x } UNION { ?activity ?p ?o",
    'Factsheet "zorg" } UNION {',
    "a>b <https://example.org/> .",
    "line one\nline two } #\n",
    'trailing quote"',
    "back\\slash\\",
    '""" triple',
)

CATALOGUE = Catalogue.load(REPO / "queries")
STORED = list(CATALOGUE)


def run(capsys, *argv: str, project: Path = REPO) -> tuple[int, str, str]:
    code = main(["--project", str(project), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def algebra_names(text: str) -> list[str]:
    """The operators a query parses into, to see whether a value turned into a UNION."""
    names: list[str] = []
    traverse(prepareQuery(text).algebra, lambda node: names.append(getattr(node, "name", "")))
    return names


def write_query(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


# --- the real catalogue follows the conventions ---------------------------------------------


def test_catalogue_is_at_least_thirty_queries_across_every_family():
    assert len(CATALOGUE) >= 30
    assert {q.tags[0] for q in CATALOGUE} == set(FAMILIES)


@pytest.mark.parametrize("stored", STORED, ids=lambda q: q.name)
def test_every_query_asks_its_question_in_both_languages(stored):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stored.name)
    assert stored.summary.endswith("?") and stored.summary_nl.endswith("?")
    assert stored.description and stored.description_nl
    assert stored.tags and stored.tags[0] in FAMILIES
    assert "PREFIX" in stored.text  # declares its own, so grlc and YASGUI run it unchanged


# --- headers and parameters -----------------------------------------------------------------


def test_parameters_have_grlc_types_defaults_and_optionality(tmp_path):
    stored = parse_stored_query(
        write_query(
            tmp_path,
            "typed",
            "#+ summary: Typed?\n#+ defaults:\n#+   - org: organisatie:comensha\n"
            "#+   - year: 2022\n#+   - title: Training\n#+   - cause: ''\n"
            "PREFIX mh: <https://w3id.org/mhgraph/def/>\n"
            "SELECT ?a WHERE { ?a mh:involves ?_org_iri ; mh:expectedEndDate ?_year_xsd_gYear ;"
            " mh:title ?_title_en . OPTIONAL { ?a mh:delayCause ?__cause_literal } }\n",
        )
    )
    kinds = {p.name: (p.type_label, p.required, p.default) for p in stored.parameters}
    assert kinds == {
        "org": ("iri", True, "organisatie:comensha"),
        "year": ("xsd:gYear", True, "2022"),
        "title": ("literal@en", True, "Training"),
        "cause": ("literal", False, ""),
    }
    bound = stored.bindings()
    assert bound == {
        Variable("_org_iri"): URIRef(ID + "organisatie/comensha"),
        Variable("_year_xsd_gYear"): Literal("2022", datatype=XSD.gYear),
        Variable("_title_en"): Literal("Training", lang="en"),
    }
    assert stored.bindings({"cause": "Covid"})[Variable("__cause_literal")] == Literal("Covid")


def test_optional_parameter_given_empty_value_stays_unbound():
    stored = CATALOGUE.get("completed-activities")
    assert stored.bindings({"actionline": ""}) == {}
    assert stored.bindings({"actionline": "actielijn:4"}) == {
        Variable("__actionline_iri"): URIRef(ID + "actielijn/4")
    }


@pytest.mark.parametrize(
    ("query", "params", "message"),
    [
        ("expected-to-finish", {"year": "twenty-two"}, "is not a valid xsd:gYear"),
        ("organisation-pairs", {"minimum": "3; DROP"}, "is not a valid xsd:integer"),
        ("activities-in-country", {"country": ""}, "is not an IRI"),
        ("activities-in-country", {"land": "country:NLD"}, "has no parameter land"),
    ],
)
def test_bad_parameter_values_are_refused(query, params, message):
    with pytest.raises(ParameterError, match=message):
        CATALOGUE.get(query).bindings(params)


# --- a parameter value can never change the query -------------------------------------------


@pytest.fixture(scope="module")
def fixture_graph(fixture_project):
    return load_graph(fixture_project, inference="none")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_literal_parameter_is_matched_as_text(fixture_project, fixture_graph, payload):
    stored = Catalogue.load(fixture_project.queries_dir).get("activities-by-label")
    result = execute(fixture_graph.graph, stored.text, stored.bindings({"label": payload}))
    expected = [(URIRef(ID + "activiteit/1.2"),)] if payload == 'Factsheet "zorg" } UNION {' else []
    assert result.rows == expected


@pytest.mark.parametrize("payload", PAYLOADS)
def test_iri_parameter_with_sparql_in_it_is_refused(payload):
    with pytest.raises(ParameterError, match="is not an IRI"):
        CATALOGUE.get("activities-of-organisation").bindings({"organisation": payload})


@pytest.mark.parametrize("payload", PAYLOADS)
def test_written_in_value_stays_one_literal(fixture_project, fixture_graph, payload):
    """The grlc-style text (for --explain and other engines) escapes what it writes in: it
    parses to the same query shape, and finds exactly what pre-binding finds."""
    stored = Catalogue.load(fixture_project.queries_dir).get("activities-by-label")
    bindings = stored.bindings({"label": payload})
    text = stored.bound_text(bindings)
    assert "Union" not in algebra_names(text)
    assert (
        execute(fixture_graph.graph, text).rows
        == execute(fixture_graph.graph, stored.text, bindings).rows
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sparql_term_round_trips(payload):
    for term in (Literal(payload), Literal(payload, lang="nl"), Literal(payload, datatype=XSD.int)):
        text = f"SELECT ?x WHERE {{ BIND({sparql_term(term)} AS ?x) }}"
        assert "Union" not in algebra_names(text)
        assert Graph().query(text).bindings[0][Variable("x")] == term


def test_bound_text_leaves_comments_strings_and_unbound_parameters_alone(tmp_path):
    stored = parse_stored_query(
        write_query(
            tmp_path,
            "mixed",
            "#+ summary: Mixed?\n#+ defaults:\n#+   - result: resultaat:1\n#+   - lang: ''\n"
            "PREFIX mh: <https://w3id.org/mhgraph/def/>\n"
            "# ?_result_iri in a comment\n"
            'SELECT ?a WHERE { ?a mh:partOfResult ?_result_iri ; mh:note "?_result_iri" .'
            " OPTIONAL { ?a mh:lang ?__lang_literal } }\n",
        )
    )
    text = stored.bound_text(stored.bindings())
    assert f"mh:partOfResult <{ID}resultaat/1>" in text
    assert "# ?_result_iri in a comment" in text and '"?_result_iri"' in text
    assert "?__lang_literal" in text


# --- queries check --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("unknown-decorator", "unknown decorator colour"),
        ("untyped-parameter", "parameter ?_result has no type"),
        ("syntax-error", "SPARQL syntax error"),
        ("missing-default", "parameter ?_result_iri has no default"),
        ("parameter-in-projection", "with its defaults written in, the query no longer parses"),
        ("undeclared-prefix", "Unknown namespace prefix"),
        ("reads-elsewhere", "FROM and FROM NAMED are not allowed"),
    ],
)
def test_check_names_each_broken_query(name, message):
    path = BROKEN / f"{name}.rq"
    with pytest.raises(QueryError, match=re.escape(message)) as raised:
        check_stored_query(parse_stored_query(path))
    assert raised.value.file == str(path)


def test_queries_check_command_lists_every_broken_file_and_fails(capsys, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    for path in BROKEN.glob("*.rq"):
        shutil.copy(path, project / "queries" / path.name)
    code, out, err = run(capsys, "queries", "check", project=project)
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == len(list(BROKEN.glob("*.rq")))
    assert all(line.startswith("mhgraph: error: ") for line in lines)
    named = {re.search(r"([\w-]+\.rq)", line).group(1) for line in lines}
    assert named == {path.name for path in BROKEN.glob("*.rq")}


def test_queries_check_command_passes_on_the_real_catalogue(capsys):
    code, out, _ = run(capsys, "queries", "check")
    assert code == 0
    assert out == f"{len(CATALOGUE)} stored queries: headers, parameters and SPARQL are valid\n"


# --- listing, --explain and the output formats ----------------------------------------------


def test_listing_shows_every_query_with_summary_and_parameters(capsys):
    code, out, _ = run(capsys, "queries")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(CATALOGUE)
    for stored, line in zip(CATALOGUE, lines, strict=True):
        assert line.startswith(stored.name) and stored.summary in line
    listed = dict(line.split(None, 1) for line in lines)
    assert listed["expected-to-finish"].endswith("[year:xsd:gYear]")
    assert listed["completed-activities"].endswith("[actionline?:iri]")


def test_explain_prints_the_query_with_its_parameters_written_in(capsys):
    code, out, _ = run(
        capsys,
        "query",
        "activities-citing-instrument",
        "--param",
        "instrument=instrument:kst-35300-25",
        "--explain",
    )
    assert code == 0
    iri = f"<{ID}instrument/kst-35300-25>"
    assert f"# ?_instrument_iri (iri) = {iri}" in out.splitlines()
    assert f"mh:refersTo {iri}" in out and "?_instrument_iri ;" not in out
    prepareQuery(out)  # what --explain prints runs as it stands, e.g. in YASGUI


def test_explain_names_unbound_optional_parameters(capsys):
    _, out, _ = run(capsys, "query", "completed-activities", "--explain")
    assert "# ?__actionline_iri (iri) = unbound (no restriction)" in out.splitlines()
    assert "BIND(?__actionline_iri AS ?wanted)" in out


@pytest.fixture
def graph_of_the_command(monkeypatch, real_graph):
    """`mhgraph query` on the already reasoned real graph, so each format costs no reasoning."""
    monkeypatch.setattr("mhgraph.commands.query.load_graph", lambda *args, **kwargs: real_graph)


NUMBERS_273F = {"9.1", "18.1"}


@pytest.mark.usefixtures("graph_of_the_command")
def test_query_as_table(capsys):
    code, out, _ = run(capsys, "query", "activities-citing-instrument")
    assert code == 0
    assert "activiteit:9.1" in out and "activiteit:18.1" in out and out.endswith("(2 rows)\n")


@pytest.mark.usefixtures("graph_of_the_command")
def test_query_as_csv_parses_back(capsys):
    _, out, _ = run(capsys, "query", "activities-citing-instrument", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["number"] for row in rows} == NUMBERS_273F
    assert {row["activity"] for row in rows} == {f"{ID}activiteit/{n}" for n in NUMBERS_273F}


@pytest.mark.usefixtures("graph_of_the_command")
def test_query_as_tsv_writes_terms(capsys):
    _, out, _ = run(capsys, "query", "activities-citing-instrument", "--format", "tsv")
    header, *rows = out.splitlines()
    assert header.split("\t") == ["?activity", "?number", "?label"]
    assert {row.split("\t")[0] for row in rows} == {f"<{ID}activiteit/{n}>" for n in NUMBERS_273F}


@pytest.mark.usefixtures("graph_of_the_command")
def test_query_as_json_parses_back(capsys):
    _, out, _ = run(capsys, "query", "activities-citing-instrument", "--format", "json")
    document = json.loads(out)
    assert document["head"]["vars"] == ["activity", "number", "label"]
    activities = {b["activity"]["value"] for b in document["results"]["bindings"]}
    assert activities == {f"{ID}activiteit/{n}" for n in NUMBERS_273F}
    assert all(b["label"]["xml:lang"] == "en" for b in document["results"]["bindings"])


@pytest.mark.usefixtures("graph_of_the_command")
def test_query_as_xml_parses_back(capsys, tmp_path):
    target = tmp_path / "answer.srx"
    code, out, _ = run(
        capsys, "query", "activities-citing-instrument", "--format", "xml", "-o", str(target)
    )
    assert code == 0 and out == ""
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    uris = {u.text for u in root.findall(".//r:binding[@name='activity']/r:uri", ns)}
    assert uris == {f"{ID}activiteit/{n}" for n in NUMBERS_273F}


@pytest.mark.usefixtures("graph_of_the_command")
def test_query_with_parameter_and_bad_value(capsys):
    code, out, _ = run(
        capsys, "query", "activities-in-country", "--param=country=country:ITA", "--format=csv"
    )
    assert code == 0
    assert {row["number"] for row in csv.DictReader(io.StringIO(out))} == {"4.7", "6.3"}
    code, _, err = run(capsys, "query", "expected-to-finish", "--param", "year=soon")
    assert code == 2 and "is not a valid xsd:gYear" in err and err.count("\n") == 1


# --- the catalogue page ---------------------------------------------------------------------


def test_committed_page_is_up_to_date_with_the_headers():
    committed = (REPO / "queries" / "README.md").read_text(encoding="utf-8")
    assert without_samples(committed) == without_samples(render_page(CATALOGUE)), (
        "queries/README.md is stale: run 'mhgraph queries page -o queries/README.md'"
    )


def test_page_shows_each_question_its_parameters_and_a_sample():
    stored = CATALOGUE.get("expected-to-finish")
    rows = [(URIRef(f"{ID}activiteit/{n}"),) for n in ("1.1", "3.2", "4.1", "4.5", "4.11", "5.4")]
    page = render_page(CATALOGUE, {stored.name: QueryResult("SELECT", ["activity"], rows)})
    section = page.split("### expected-to-finish")[1].split("### ")[0]
    assert stored.summary in section and stored.summary_nl in section
    assert "| `year` | xsd:gYear | yes | `2022` |" in section
    assert "mhgraph query expected-to-finish --param year=2022" in section
    assert "the first 5 of 6 rows" in section and "activiteit:4.5" in section
    assert "activiteit:5.4" not in section
    assert SAMPLE_START + SAMPLE_END not in section
    assert without_samples(section).count(SAMPLE_START + SAMPLE_END) == 1


def test_page_command_writes_the_page_with_samples(capsys, tmp_path, fixture_project):
    target = tmp_path / "README.md"
    code, out, _ = run(capsys, "queries", "page", "-o", str(target), project=FIXTURE)
    assert code == 0 and out == ""
    page = target.read_text(encoding="utf-8")
    catalogue = Catalogue.load(fixture_project.queries_dir)
    assert without_samples(page) == without_samples(render_page(catalogue))
    section = page.split("### activities-of-result")[1]
    assert "Answer with the defaults (2 rows)." in section and "activiteit:1.1" in section


# The amounts the report names (activities 12.1 and 25.1 to 25.1.3), in euros.
REPORT_AMOUNTS = [2_000_000, 9_900_000, 1_600_000, 2_500_000, 2_200_000, 3_000_000]


def test_funding_amounts_sum_without_counting_twice(real_graph):
    stored = Catalogue.load(REPO / "queries").get("funding-amounts")
    records = stored.ordered(real_graph.query(stored.text, stored.bindings())).records()
    amounts = [r["amount"].toPython() for r in records]
    assert sorted(amounts) == sorted(REPORT_AMOUNTS)
    assert sum(amounts) == 21_200_000
    by_funding = {str(r["funding"]).rpartition("/")[2]: r for r in records}
    # 2.5 million went to UNODC and OHCHR together; 2.2 million to UNODC for Chad and Burkina Faso
    assert set(str(by_funding["25.1.1-2"]["recipients"]).split()) == {
        "https://w3id.org/mhgraph/id/organisatie/ohchr",
        "https://w3id.org/mhgraph/id/organisatie/unodc",
    }
    assert {p.rpartition("/")[2] for p in str(by_funding["25.1.2-1"]["places"]).split()} == {
        "TCD",
        "BFA",
    }


MARKERS = {
    "table": "activiteit:{} ",
    "csv": ID + "activiteit/{},",
    "json": '"' + ID + 'activiteit/{}"',
}


@pytest.mark.parametrize("fmt", list(MARKERS))
def test_identifiers_are_in_natural_order_in_every_renderer(capsys, fmt):
    code, out, _ = run(capsys, "query", "figures", "--format", fmt, "--engine", "reference")
    assert code == 0
    # activities 1.8, 1.9 and 1.10 count figures (kengetal:1.8-1 …); 1.10 comes last
    positions = [out.index(MARKERS[fmt].format(n)) for n in ("1.8", "1.9", "1.10")]
    assert positions == sorted(positions)


def test_natural_order_compares_digit_runs_as_numbers():
    from mhgraph.ordering import natural

    result = QueryResult(
        "SELECT",
        ["id"],
        [(None,), *((Literal(text),) for text in ("19.3", "4.4", "1.7", "25.2", "4.10"))],
    )
    ordered = natural(result, [("id", False)])
    assert [row[0] and str(row[0]) for row in ordered.rows] == [
        None,
        "1.7",
        "4.4",
        "4.10",
        "19.3",
        "25.2",
    ]
    descending = natural(result, [("id", True)])
    assert str(descending.rows[0][0]) == "25.2"


def test_an_unknown_resource_as_parameter_names_the_nearest(capsys):
    code, _, err = run(
        capsys, "query", "activities-of-organisation", "--param", "organisation=organisatie:comensa"
    )
    assert code == 2
    assert err.count("\n") == 1
    assert "organisatie:comensa" in err and "organisatie:comensha" in err


def test_an_unknown_country_is_an_error_not_zero_rows(capsys):
    code, out, err = run(capsys, "query", "activities-in-country", "--param", "country=country:XYZ")
    assert (code, out) == (2, "")
    assert "the graph has no country:XYZ" in err


def test_a_parameter_given_twice_is_an_error(capsys):
    code, out, err = run(
        capsys,
        "query",
        "activities-in-country",
        "--param",
        "country=country:NGA",
        "--param",
        "country=country:NER",
    )
    assert (code, out) == (2, "")
    assert "--param country is given twice" in err


# --- status changes between two reports in one graph ------------------------------------------


def test_status_changes_compares_the_assessments_of_two_reports(real_project):
    """The 2021 data with a made-up 2022 report's assessments beside it: 21.1 finished, 21.2
    still on schedule (tests/fixtures/diff/assessments-2022)."""
    beside = REPO / "tests" / "fixtures" / "diff" / "assessments-2022" / "assessments.ttl"
    kg = load_graph(real_project, files=[*real_project.data_files, beside], inference="none")
    stored = CATALOGUE.get("status-changes")
    result = execute(kg.graph, stored.text, stored.bindings({}), source=stored.name)
    rows = [{k: str(v).rsplit("/", 1)[-1] for k, v in r.items()} for r in result.records()]
    assert [(r["number"], r["before"], r["after"]) for r in rows] == [
        ("21.1", "volgens-planning", "voltooid")
    ]
