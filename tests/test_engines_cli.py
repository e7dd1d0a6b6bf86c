"""The ``--engine`` option: fast by default in the library and the CLI, reference on request."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

from mhgraph import api, build, load_graph, validate
from mhgraph.cli import main
from mhgraph.engines import DEFAULT_ENGINE, EngineUnavailable, MhgraphError, get_engine
from mhgraph.publish import publish
from mhgraph.serve.service import prepare_application

COMMANDS = (
    ["validate"],
    ["build", "-o", "OUT"],
    ["export"],
    ["query", "activities-of-result"],
    ["sparql", "ASK { ?s ?p ?o }"],
    ["queries", "page"],  # `queries` takes it for its page
    ["publish", "-o", "OUT"],
    ["serve"],
    ["push"],
)


def test_the_default_is_the_fast_engine():
    assert DEFAULT_ENGINE == "fast"
    assert get_engine().name == "fast"


@pytest.mark.parametrize(
    "entry",
    [load_graph, validate, build, publish, prepare_application, api.run_query, api.run_sparql],
    ids=lambda f: f.__name__,
)
def test_every_library_entry_point_takes_the_engine_with_the_same_default(entry):
    assert inspect.signature(entry).parameters["engine"].default == DEFAULT_ENGINE


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_command_that_loads_the_graph_takes_the_engine(command, capsys):
    with pytest.raises(SystemExit):
        main([command[0], "--help"])
    assert "--engine {fast,reference}" in capsys.readouterr().out


def test_an_unknown_engine_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["validate", "--engine", "turbo"])
    assert exited.value.code == 2
    assert "invalid choice: 'turbo'" in capsys.readouterr().err


def test_get_engine_refuses_an_unknown_name():
    with pytest.raises(MhgraphError, match="unknown engine"):
        get_engine("turbo")


@pytest.mark.parametrize("engine", ["reference", "fast"])
def test_each_engine_runs_the_commands(engine, fixture_project, tmp_path, capsys):
    project = ["--project", str(fixture_project.root)]
    assert main([*project, "build", "-o", str(tmp_path), "--engine", engine]) == 0
    summary = capsys.readouterr().out
    assert f"engine: {engine}\n" in summary and (tmp_path / "graph.trig").is_file()
    assert (
        main([*project, "query", "activities-of-result", "--format", "csv", "--engine", engine])
        == 0
    )
    assert "activiteit/1.1" in capsys.readouterr().out
    export = [*project, "export", "--format", "nt", "--inference", "owlrl", "--engine", engine]
    assert main(export) == 0
    assert "<https://w3id.org/mhgraph/def/partOf>" in capsys.readouterr().out


def test_progress_stays_quiet_when_the_output_is_not_a_terminal(fixture_project, capsys):
    main(["--project", str(fixture_project.root), "validate"])
    assert capsys.readouterr().err == ""


def test_unavailable_is_a_user_error():
    assert issubclass(EngineUnavailable, MhgraphError)


# `serve --help` and `publish --help` list their settings' options from the records alone.
@pytest.mark.parametrize("argv", [["--help"], ["serve", "--help"], ["publish", "--help"]])
def test_help_imports_neither_the_server_nor_the_publisher(argv):
    script = (
        "import sys\n"
        "from mhgraph.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    loaded = set(done.stdout.split())
    assert "mhgraph.cli" in loaded  # the script did run the command line
    heavy = {
        "cheroot",
        "jinja2",
        "mhgraph.serve.server",
        "mhgraph.serve.service",
        "mhgraph.publish",
        "mhgraph.engines.fast",
        "mhgraph.engines.reference",
        "pyshacl",
        "owlrl",
    }
    assert loaded & heavy == set()


#: What the query path after a build must not load: its start-up is the whole of its cost.
REFERENCE_STACK = {"rdflib", "owlrl", "pyshacl", "jinja2", "mhgraph.serve", "mhgraph.publish"}


@pytest.mark.parametrize(
    "argv",
    [
        ["query", "activities-of-result", "--format", fmt]
        for fmt in ("table", "csv", "tsv", "json", "xml")
    ]
    + [
        ["query", "activities-of-result", "--param", "result=resultaat:2", "--explain"],
        ["sparql", "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3", "--format", "ttl"],
        ["sparql", "DESCRIBE organisatie:comensha", "--format", "nt"],
        ["sparql", "ASK { ?s ?p ?o }", "--format", "xml"],
    ],
    ids=" ".join,
)
def test_a_query_after_a_build_imports_no_rdflib(argv, fixture_project, tmp_path):
    project = ["--project", str(fixture_project.root)]
    main([*project, "build", "--quiet", "-o", str(tmp_path / "out")])  # the graph is kept
    script = (
        "import sys\n"
        "from mhgraph.cli import main\n"
        f"code = main({[*project, *argv]!r})\n"
        "print(code, ' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    code, *loaded = done.stderr.split()
    assert code == "0"
    assert done.stdout  # an answer was printed
    assert "mhgraph.cli" in loaded  # the script did run the command line
    assert "--explain" in argv or "pyoxigraph" in loaded  # and read the kept graph
    assert not {n for n in loaded if n.split(".")[0] in REFERENCE_STACK or n in REFERENCE_STACK}
