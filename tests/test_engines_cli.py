"""The ``--engine`` option: the fastest installed by default, one clear line when missing."""

from __future__ import annotations

import pytest

from mhgraph import engines
from mhgraph.cli import main
from mhgraph.engines import EngineUnavailable, get_engine

COMMANDS = (
    ["validate"],
    ["build", "--out", "OUT"],
    ["export"],
    ["query", "activities-of-result"],
    ["sparql", "ASK { ?s ?p ?o }"],
)


@pytest.fixture
def without_fast(monkeypatch):
    monkeypatch.setattr(engines, "installed", lambda name: name != "fast")


def test_the_default_is_the_fastest_installed():
    assert get_engine(None).name == ("fast" if engines.installed("fast") else "reference")


def test_without_the_fast_libraries_the_default_is_the_reference(without_fast):
    assert get_engine(None).name == "reference"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_asking_for_a_missing_fast_engine_is_one_line_with_the_pip_command(
    command, without_fast, fixture_project, tmp_path, capsys
):
    arguments = [str(tmp_path) if word == "OUT" else word for word in command]
    code = main(["--project", str(fixture_project.root), *arguments, "--engine", "fast"])
    error = capsys.readouterr().err
    assert code == 2
    assert error.count("\n") == 1
    assert "the fast engine is not installed" in error
    assert "pip install 'mhgraph[fast]'" in error
    assert not (tmp_path / "asserted.ttl").exists()


def test_an_unknown_engine_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["validate", "--engine", "turbo"])
    assert exited.value.code == 2
    assert "invalid choice: 'turbo'" in capsys.readouterr().err


def test_get_engine_refuses_an_unknown_name():
    with pytest.raises(engines.MhgraphError, match="unknown engine"):
        get_engine("turbo")


@pytest.mark.parametrize("engine", ["reference", "fast"])
def test_each_engine_runs_the_commands(engine, fixture_project, tmp_path, capsys):
    if not engines.installed(engine):
        pytest.skip(f"the {engine} engine is not installed")
    project = ["--project", str(fixture_project.root)]
    assert main([*project, "build", "--out", str(tmp_path), "--engine", engine]) in (0, 1)
    summary = capsys.readouterr().out
    assert "inferred" in summary and (tmp_path / "graph.trig").is_file()
    assert (
        main([*project, "query", "activities-of-result", "--format", "csv", "--engine", engine])
        == 0
    )
    assert "activiteit/1.1" in capsys.readouterr().out
    assert main([*project, "export", "--format", "nt", "--inferred", "--engine", engine]) == 0
    assert "<https://w3id.org/mhgraph/def/partOf>" in capsys.readouterr().out


def test_progress_stays_quiet_when_the_output_is_not_a_terminal(fixture_project, capsys):
    main(["--project", str(fixture_project.root), "validate", "--engine", "fast"])
    assert capsys.readouterr().err == ""


def test_unavailable_is_a_user_error():
    assert issubclass(EngineUnavailable, engines.MhgraphError)
