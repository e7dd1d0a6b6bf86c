"""`mhgraph diff` on a small first edition and a hand-made second one (tests/fixtures/diff).

The expected text, CSV and Turtle in the fixture folder were written by hand from the two
fixture files, not produced by the code under test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic

from mhgraph.cli import main
from mhgraph.diff import compare, current_status, read_edition
from mhgraph.namespaces import ID, MH

FIXTURES = Path(__file__).parent / "fixtures" / "diff"
OLD, NEW = FIXTURES / "edition-2021", FIXTURES / "edition-2022"
ACTIVITY_21_1 = URIRef(ID["activiteit/21.1"])


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["diff", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_lists_every_kind_of_change(capsys):
    code, out, err = run(capsys, str(OLD), str(NEW))
    assert code == 1, err
    assert out == (FIXTURES / "expected.txt").read_text(encoding="utf-8")


def test_csv_has_one_row_per_change(capsys):
    code, out, _ = run(capsys, str(OLD), str(NEW), "--format", "csv")
    assert code == 1
    assert out == (FIXTURES / "expected.csv").read_text(encoding="utf-8")


def test_rdf_states_each_change_as_a_node(capsys, tmp_path):
    target = tmp_path / "changes.ttl"
    code, out, _ = run(capsys, str(OLD), str(NEW), "--format", "ttl", "-o", str(target))
    assert code == 1 and out == ""
    written = Graph().parse(target, format="turtle")
    expected = Graph().parse(FIXTURES / "expected.ttl", format="turtle")
    assert isomorphic(written, expected)


def test_same_edition_twice_has_no_changes(capsys):
    code, out, _ = run(capsys, str(OLD), str(OLD))
    assert (code, out) == (0, "No changes.\n")


def test_reversed_editions_swap_added_and_removed():
    changes = compare(read_edition(NEW), read_edition(OLD)).changes
    kinds = {(c.kind, str(c.subject).rsplit("/", 1)[-1]) for c in changes}
    assert ("activity-removed", "34.5") in kinds
    assert ("activity-added", "33.7") in kinds
    assert ("organisation-removed", "regioplan") in kinds


def test_assessments_of_a_later_report_beside_the_first(capsys, tmp_path):
    """A folder of 2022 assessments laid beside the 2021 data changes only the status."""
    beside = tmp_path / "data"
    shutil.copytree(OLD, beside / "2021")
    shutil.copytree(FIXTURES / "assessments-2022", beside / "2022")
    code, out, _ = run(capsys, str(OLD), str(beside), "--format", "csv")
    assert code == 1
    assert out.splitlines()[1:] == [
        "status-changed,activiteit:21.1,CKM study of the profile and sentencing of clients,"
        "mh:status,status:volgens-planning,status:voltooid"
    ]


def test_latest_assessment_wins_over_the_shortcut():
    graph = read_edition(NEW)
    assert graph.value(ACTIVITY_21_1, MH.status) == URIRef(ID["status/volgens-planning"])
    assert current_status(graph, ACTIVITY_21_1) == URIRef(ID["status/voltooid"])


def test_a_project_folder_is_read_through_its_data_folder(tmp_path):
    project = tmp_path / "project"
    (project / "ontology").mkdir(parents=True)
    shutil.copytree(OLD, project / "data")
    assert len(read_edition(project)) == len(read_edition(OLD))


def test_missing_edition_is_named(capsys, tmp_path):
    code, out, err = run(capsys, str(OLD), str(tmp_path / "nowhere"))
    assert code == 2 and out == ""
    assert "nowhere does not exist" in err


def test_folder_without_rdf_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, str(tmp_path), str(OLD))
    assert code == 2
    assert "holds no RDF files" in err


def test_broken_file_is_reported_with_its_line(capsys):
    code, out, err = run(capsys, str(OLD), str(FIXTURES / "broken"))
    assert code == 2 and out == ""
    assert "broken/data.ttl:2" in err or "broken/data.ttl:3" in err


def test_bad_output_leaves_nothing_half_written(capsys, tmp_path):
    target = tmp_path / "out.csv"
    broken = str(FIXTURES / "broken")
    code, _, _ = run(capsys, str(OLD), broken, "--format", "csv", "-o", str(target))
    assert code == 2
    assert not target.exists()


@pytest.mark.parametrize("fmt", ["nt", "json-ld"])
def test_other_rdf_formats_parse_back(capsys, fmt):
    code, out, _ = run(capsys, str(OLD), str(NEW), "--format", fmt)
    assert code == 1
    parsed = Graph().parse(data=out, format=fmt)
    assert len(set(parsed.subjects(RDF.type, MH.Change))) == 8
    assert len(set(parsed.objects(None, MH.changeKind))) == 7
