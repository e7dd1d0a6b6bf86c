"""Every command of the CLI on the small fixture project, and every user-error path."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, SH, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from mhgraph import KnowledgeGraph, __version__, errors
from mhgraph.cli import exit_code, main, make_parser
from mhgraph.export import ASSERTED_GRAPH, INFERRED_GRAPH
from mhgraph.remote import ServerFault

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = str(FIXTURES / "project")
BROKEN = FIXTURES / "broken"
ACTIVITY_1_1 = "https://w3id.org/mhgraph/id/activiteit/1.1"
FUNDER = URIRef("https://w3id.org/mhgraph/def/funder")
INVOLVES = URIRef("https://w3id.org/mhgraph/def/involves")
JENV = URIRef("https://w3id.org/mhgraph/id/organisatie/ministerie-jenv")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--project", PROJECT, *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"mhgraph {__version__}"


def _commands() -> list[str]:
    """Every subcommand the parser registers, so a new command is covered without a new line."""
    action = next(a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(action.choices)


def test_the_registry_holds_every_command_the_readme_names():
    expected = {"build", "validate", "export", "queries", "query", "sparql", "push", "serve"}
    assert expected | {"publish"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: mhgraph " + command in capsys.readouterr().out


def test_build_writes_asserted_and_inferred_apart(capsys, tmp_path):
    code, out, _ = run(capsys, "build", "-o", str(tmp_path))
    assert code == 0
    asserted = Graph().parse(tmp_path / "asserted.ttl")
    inferred = Graph().parse(tmp_path / "inferred.nt")
    funder = URIRef("https://w3id.org/mhgraph/def/funder")
    involves = URIRef("https://w3id.org/mhgraph/def/involves")
    jenv = URIRef("https://w3id.org/mhgraph/id/organisatie/ministerie-jenv")
    assert (URIRef(ACTIVITY_1_1), funder, jenv) in asserted
    assert (URIRef(ACTIVITY_1_1), involves, jenv) in inferred
    assert (URIRef(ACTIVITY_1_1), involves, jenv) not in asserted
    assert not set(asserted) & set(inferred)
    for name in ("asserted.nt", "asserted.jsonld"):
        assert set(Graph().parse(tmp_path / name)) == set(asserted), name
    for name in ("inferred.ttl", "inferred.jsonld"):
        assert set(Graph().parse(tmp_path / name)) == set(inferred), name
    dataset = Dataset().parse(tmp_path / "graph.trig", format="trig")
    assert set(dataset.graph(ASSERTED_GRAPH)) == set(asserted)
    assert set(dataset.graph(INFERRED_GRAPH)) == set(inferred)
    report = json.loads((tmp_path / "validation-report.json").read_text(encoding="utf-8"))
    assert report["counts"]["Violation"] == 0 and report["counts"]["Warning"] == 1
    report_graph = Graph().parse(tmp_path / "validation-report.ttl")
    assert len(list(report_graph.subjects(RDF.type, SH.ValidationResult))) == 1
    assert "1 warnings" in out or "0 violations, 1 warnings" in out
    assert "mh:Activity" in out and "asserted" in out


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="the files are written beside the validation only on Linux with two cores or more",
)
def test_build_writes_the_same_files_beside_the_validation_as_after_it(
    capsys, tmp_path, monkeypatch
):
    # a command of its own (one thread): the graph's files are written by a forked process
    subprocess.run(
        [sys.executable, "-m", "mhgraph.cli", "--project", PROJECT, "build", "-o", "beside"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    monkeypatch.setattr("mhgraph.forking.forkable_cores", lambda: 1)  # one after the other
    code, _, _ = run(capsys, "build", "-o", str(tmp_path / "after"))
    assert code == 0
    beside, after = tmp_path / "beside", tmp_path / "after"
    assert sorted(p.name for p in beside.iterdir()) == sorted(p.name for p in after.iterdir())
    for name, fmt in (
        ("asserted.nt", "nt"),
        ("inferred.ttl", "turtle"),
        ("asserted.jsonld", "json-ld"),
    ):
        assert isomorphic(
            Graph().parse(beside / name, format=fmt), Graph().parse(after / name, format=fmt)
        ), name
    report = "validation-report.json"
    assert json.loads((beside / report).read_text()) == json.loads((after / report).read_text())


def test_build_exits_1_on_violations(capsys, tmp_path):
    project = _copy_project(tmp_path, extra=BROKEN / "missing-result.ttl")
    code = main(["--project", str(project), "build", "--output", str(tmp_path / "out")])
    assert code == 1
    assert "1 violations" in capsys.readouterr().out


def _copy_project(tmp_path: Path, extra: Path | None = None) -> Path:
    import shutil

    target = tmp_path / "project"
    shutil.copytree(PROJECT, target)
    if extra is not None:
        shutil.copy(extra, target / "data" / extra.name)
    return target


def test_validate_conforming_project_exits_0(capsys):
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert "0 violations, 1 warning" in out


def test_validate_fail_on_warning_exits_1(capsys):
    code, _, _ = run(capsys, "validate", "--fail-on", "warning")
    assert code == 1


def test_validate_given_file_names_file_and_line(capsys):
    code, out, _ = run(capsys, "validate", str(BROKEN / "missing-result.ttl"))
    assert code == 1
    assert "missing-result.ttl" in out
    assert "activiteit/7.7  (line 5)" in out
    assert "add mh:partOfResult" in out


def test_validate_reports_misspelled_terms(capsys):
    code, out, _ = run(capsys, "validate", str(BROKEN / "misspelled-term.ttl"))
    assert code == 1
    assert "class https://w3id.org/mhgraph/def/Activty is not declared" in out
    assert "property http://www.w3.org/2004/02/skos/core#prefLable is not declared" in out
    assert "refers to organisatie:does-not-exist" in out


def test_validate_writes_reports_while_text_goes_to_terminal(capsys, tmp_path):
    junit = tmp_path / "junit.xml"
    sarif = tmp_path / "out.sarif"
    code, out, _ = run(
        capsys,
        "validate",
        str(BROKEN / "missing-result.ttl"),
        "--report",
        f"junit={junit}",
        "--report",
        f"sarif={sarif}",
    )
    assert code == 1
    assert "Violation:" in out
    assert "<failure" in junit.read_text()
    assert json.loads(sarif.read_text())["runs"][0]["results"][0]["level"] == "error"


def test_validate_dutch_messages(capsys):
    _, out, _ = run(capsys, "validate", "--lang", "nl", str(BROKEN / "missing-result.ttl"))
    assert "Een activiteit hoort bij een resultaat" in out


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "xml", "trig"])
def test_export_every_format_parses_back(capsys, tmp_path, fmt):
    target = tmp_path / f"graph.{fmt}"
    code, _, _ = run(capsys, "export", "--format", fmt, "-o", str(target))
    assert code == 0
    parse_format = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig"}
    if fmt == "trig":
        dataset = Dataset().parse(target, format="trig")
        asserted = dataset.graph(ASSERTED_GRAPH)
        assert (URIRef(ACTIVITY_1_1), FUNDER, JENV) in asserted
        assert not set(dataset.graph(INFERRED_GRAPH))  # without --inference, nothing inferred
    else:
        graph = Graph().parse(target, format=parse_format[fmt])
        assert (URIRef(ACTIVITY_1_1), None, None) in graph


def test_a_failed_export_leaves_the_previous_file_whole(capsys, tmp_path, monkeypatch):
    """The export is streamed into a temporary file, renamed into place only when complete."""
    target = tmp_path / "graph.jsonld"
    target.write_text("the previous export", encoding="utf-8")

    def half_then_full(self, part, fmt, stream):
        stream.write(b'{\n  "@context": {')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(KnowledgeGraph, "export", half_then_full)
    code, _, err = run(capsys, "export", "--format", "jsonld", "-o", str(target))
    assert code == 2
    assert f"{target}: cannot write: No space left on device" in err
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.jsonld"]


def test_export_trig_keeps_asserted_and_inferred_in_their_named_graphs(capsys, tmp_path):
    target = tmp_path / "graph.trig"
    code, _, _ = run(
        capsys, "export", "--format", "trig", "--inference", "owlrl", "-o", str(target)
    )
    assert code == 0
    dataset = Dataset().parse(target, format="trig")
    asserted, inferred = dataset.graph(ASSERTED_GRAPH), dataset.graph(INFERRED_GRAPH)
    assert (URIRef(ACTIVITY_1_1), FUNDER, JENV) in asserted
    assert (URIRef(ACTIVITY_1_1), INVOLVES, JENV) in inferred
    assert (URIRef(ACTIVITY_1_1), INVOLVES, JENV) not in asserted
    assert not set(asserted) & set(inferred)


def test_export_inferred_adds_entailments(capsys):
    _, plain, _ = run(capsys, "export", "--format", "nt")
    _, inferred, _ = run(capsys, "export", "--format", "nt", "--inference", "owlrl")
    triple = (
        f"<{ACTIVITY_1_1}> <https://w3id.org/mhgraph/def/involves> "
        "<https://w3id.org/mhgraph/id/organisatie/ministerie-jenv> ."
    )
    assert triple not in plain.splitlines()
    assert triple in inferred.splitlines()


def test_queries_lists_catalogue(capsys):
    code, out, _ = run(capsys, "queries")
    assert code == 0
    assert "activities-of-result" in out and "[result:iri]" in out


def test_queries_check(capsys):
    code, out, _ = run(capsys, "queries", "check")
    assert code == 0
    assert out.startswith("3 stored queries")


def test_query_table(capsys):
    code, out, _ = run(capsys, "query", "activities-of-result")
    assert code == 0
    assert "activiteit:1.1" in out and "(2 rows)" in out


def test_query_with_param_and_csv(capsys):
    code, out, _ = run(
        capsys,
        "query",
        "activities-of-result",
        "--param",
        "result=resultaat:1",
        "--format",
        "csv",
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["activity", "number"]
    assert [row[1] for row in rows[1:]] == ["1.1", "1.2"]


def test_query_relies_on_closure_unless_switched_off(capsys):
    _, with_closure, _ = run(capsys, "query", "funded-organisations", "--format", "tsv")
    _, without, _ = run(
        capsys, "query", "funded-organisations", "--format", "tsv", "--inference", "none"
    )
    assert "ministerie-jenv" in with_closure
    assert "ministerie-jenv" not in without


def test_sparql_adhoc_with_predeclared_prefixes(capsys):
    code, out, _ = run(
        capsys, "sparql", "SELECT ?l WHERE { activiteit:1.1 skos:prefLabel ?l }", "--format", "json"
    )
    assert code == 0
    labels = {b["l"]["value"] for b in json.loads(out)["results"]["bindings"]}
    assert labels == {"Training politie", "Police training"}


def test_sparql_from_file_xml(capsys, tmp_path):
    query = tmp_path / "ask.rq"
    query.write_text("ASK { activiteit:1.2 a mh:Activity }")
    code, out, _ = run(capsys, "sparql", "--file", str(query), "--format", "xml")
    assert code == 0
    assert "<boolean>true</boolean>" in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["query", "no-such-query"], "no stored query named 'no-such-query'"),
        (["query", "activities-of-result", "--param", "result"], "is not NAME=VALUE"),
        (["query", "activities-of-result", "--param", "colour=red"], "has no parameter colour"),
        (["query", "activities-of-result", "--param", "result=not an iri"], "is not an IRI"),
        (["sparql", "SELECT WHERE {"], "SPARQL syntax error"),
        (["sparql"], "give a query text or --file FILE"),
        (["sparql", "--file", "/no/such/file.rq"], "cannot read the query"),
        (["validate", "--report", "pdf=x.pdf"], "is not FORMAT=PATH"),
    ],
)
def test_user_errors_give_one_line_and_exit_2(capsys, argv, expected):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert expected in err
    assert err.count("\n") == 1 and err.startswith("mhgraph: error: ")
    assert out == ""


def test_malformed_turtle_names_file_and_line(capsys):
    code, _, err = run(capsys, "validate", str(BROKEN / "malformed.ttl"))
    assert code == 2
    assert "malformed.ttl:5: turtle syntax error" in err


def test_unknown_rdf_suffix(capsys):
    code, _, err = run(capsys, "validate", str(BROKEN / "unknown-suffix.txt"))
    assert code == 2
    assert "cannot tell the RDF format" in err


def test_missing_project_folder(capsys, tmp_path):
    code = main(["--project", str(tmp_path / "nowhere"), "build"])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err


def test_project_without_layout(capsys, tmp_path):
    (tmp_path / "data").mkdir()
    code = main(["--project", str(tmp_path), "validate"])
    assert code == 2
    assert "has no ontology/, shapes/" in capsys.readouterr().err


def test_bad_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--project", PROJECT, "export", "--format", "pdf"])
    assert exit_info.value.code == 2


def test_failed_build_leaves_the_previous_build_whole(capsys, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert main(["--project", PROJECT, "build", "-o", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_open = Path.open

    class FullDisk(io.RawIOBase):
        def writable(self):
            return True

        def write(self, data):
            raise OSError(28, "No space left on device")

    def open_on_a_full_disk(path, mode="r", *args, **kwargs):
        if path.name.endswith(".jsonld") and "w" in mode:
            return FullDisk()
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_on_a_full_disk)
    capsys.readouterr()
    code = main(["--project", PROJECT, "build", "-o", str(out)])
    assert code == 2
    assert "asserted.jsonld: cannot write: No space left on device" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left
    Graph().parse(out / "asserted.ttl")


def test_build_writes_files_others_can_read_and_refuses_a_foreign_folder(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["--project", PROJECT, "build", "-o", str(out)]) == 0
    modes = {p.name: p.stat().st_mode & 0o777 for p in out.iterdir() if not p.name.startswith(".")}
    assert len(modes) == 9 and set(modes.values()) == {0o644}
    assert out.stat().st_mode & 0o777 == 0o755
    foreign = tmp_path / "home"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    assert main(["--project", PROJECT, "build", "-o", str(foreign)]) == 2
    assert "holds no earlier build" in capsys.readouterr().err
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]


def test_installed_command_runs_without_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mhgraph.cli", "--project", str(tmp_path / "nowhere"), "validate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("mhgraph: error: ")


@pytest.fixture
def broken_validate(monkeypatch):
    """validate as if a bug of ours (not a user's mistake) raised inside it."""
    from mhgraph import validation

    def fail(*args, **kwargs):
        raise KeyError("a key no check foresaw")

    monkeypatch.setattr(validation, "validate", fail)


def test_an_unexpected_error_is_one_line_and_exit_2(broken_validate, fixture_project, capsys):
    code = main(["--project", str(fixture_project.root), "validate"])
    error = capsys.readouterr().err
    assert code == 2
    assert error.count("\n") == 1
    assert "unexpected KeyError: 'a key no check foresaw'" in error
    assert "--debug" in error
    assert "Traceback" not in error


def test_debug_shows_the_traceback(broken_validate, fixture_project):
    with pytest.raises(KeyError):
        main(["--debug", "--project", str(fixture_project.root), "validate"])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            ["export", "--format", "nt", "--inferred"],
            ["export", "--format", "nt", "--inference", "owlrl"],
        ),
        (
            ["query", "funded-organisations", "--format", "tsv", "--no-inference"],
            ["query", "funded-organisations", "--format", "tsv", "--inference", "none"],
        ),
    ],
)
def test_an_earlier_spelling_still_works_and_says_what_to_write(capsys, old, new):
    code, before, warning = run(capsys, *old)
    assert code == 0
    assert warning.startswith(f"mhgraph: warning: {old[-1]} is deprecated; use ")
    assert " ".join(new[-2:]) in warning
    assert run(capsys, *new)[1] == before


def test_build_out_is_an_earlier_spelling_of_output(capsys, tmp_path):
    code, _, warning = run(capsys, "build", "--out", str(tmp_path))
    assert code == 0
    assert "--out is deprecated; use -o/--output" in warning
    assert (tmp_path / "graph.trig").is_file()


def test_the_earlier_spellings_are_not_in_help(capsys):
    for command in ("build", "export", "query", "push", "publish"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = capsys.readouterr().out
        assert "--inferred" not in text and "--no-inference" not in text
        assert "--out " not in text and "--out\n" not in text


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (errors.MhgraphError("x"), errors.EXIT_USAGE),
        (errors.SettingsError("x"), errors.EXIT_USAGE),
        (errors.ParameterError("x"), errors.EXIT_USAGE),
        (errors.UnsafeInputError("x"), errors.EXIT_USAGE),
        (errors.RemoteError("x"), errors.EXIT_USAGE),
        (ServerFault("http://h/q", "connection refused", "x"), errors.EXIT_UNAVAILABLE),
    ],
)
def test_each_kind_of_error_has_its_exit_code(error, code):
    assert exit_code(error) == code


def test_a_malformed_setting_in_the_environment_exits_2(capsys, monkeypatch):
    monkeypatch.setenv("MHGRAPH_TIMEOUT", "soon")
    monkeypatch.setenv("MHGRAPH_ENDPOINT", "http://127.0.0.1:9/sparql")
    code, out, err = run(capsys, "sparql", "ASK {}")
    assert (code, out) == (errors.EXIT_USAGE, "")
    assert err == "mhgraph: error: MHGRAPH_TIMEOUT 'soon' is not a number\n"
