"""`mhgraph push`, and `query`, `sparql` and `validate` with --endpoint, on a real server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from mhgraph.cli import main
from mhgraph.namespaces import BASE_IRI
from mhgraph.remote import SETTINGS
from servers import free_port

GRAPH = BASE_IRI + "graph/test-cli"
SECRET = "Zz9-very-secret-pw"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for setting in SETTINGS:
        monkeypatch.delenv(setting.environment, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def remote(server) -> list[str]:
    return ["--endpoint", server.base, "--store", "oxigraph", "--graph", GRAPH]


@pytest.fixture
def pushed(oxigraph_server, fixture_project, capsys) -> str:
    code, out, err = run(
        capsys, "--project", str(fixture_project.root), "push", *remote(oxigraph_server)
    )
    assert (code, err) == (0, "")
    return out


def triples_in(project) -> int:
    """Counted by rdflib from the files, as push must send them: ontology and data."""
    graph = Graph()
    for path in (*project.root.glob("ontology/*.ttl"), *project.root.glob("data/*.ttl")):
        graph.parse(path)
    return len(graph)


def test_push_reports_what_it_did(pushed: str, oxigraph_server, fixture_project) -> None:
    assert pushed.startswith(
        f"pushed {triples_in(fixture_project)} triples into <{GRAPH}> at "
        f"{oxigraph_server.base}/query (Graph Store Protocol, "
    )


def test_query_and_sparql_answer_alike_locally_and_remotely(
    pushed: str, oxigraph_server, fixture_project, capsys
) -> None:
    project = ["--project", str(fixture_project.root)]
    stored = ["query", "activities-of-result", "--param", "result=resultaat:1", "--format", "csv"]
    adhoc = ["sparql", "SELECT ?a WHERE { ?a mh:partOfResult resultaat:1 } ORDER BY ?a"]
    for command in (stored, adhoc):
        local = run(capsys, *project, *command, "--inference", "none")
        away = run(capsys, *project, *command, *remote(oxigraph_server))
        assert away == local
        assert away[0] == 0 and "activiteit" in away[1]


def test_the_environment_points_the_commands_at_the_store(
    pushed: str, oxigraph_server, fixture_project, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("MHGRAPH_ENDPOINT", oxigraph_server.base)
    monkeypatch.setenv("MHGRAPH_STORE", "oxigraph")
    monkeypatch.setenv("MHGRAPH_GRAPH", GRAPH)
    code, out, _ = run(
        capsys, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv"
    )
    assert (code, out) == (0, f"n\r\n{triples_in(fixture_project)}\r\n")


def test_remote_validate_exits_1_on_violations_and_names_no_file(
    oxigraph_server, fixture_project, tmp_path: Path, capsys
) -> None:
    broken = tmp_path / "project"
    for folder in ("ontology", "shapes", "queries"):
        (broken / folder).mkdir(parents=True)
        for path in (fixture_project.root / folder).iterdir():
            (broken / folder / path.name).write_bytes(path.read_bytes())
    (broken / "data").mkdir()
    data = (fixture_project.root / "data" / "programme.ttl").read_text(encoding="utf-8")
    (broken / "data" / "programme.ttl").write_text(
        data.replace("    mh:partOfResult resultaat:1 .", "    .", 1), encoding="utf-8"
    )
    project = ["--project", str(broken)]
    assert run(capsys, *project, "push", *remote(oxigraph_server))[0] == 0
    code, out, err = run(capsys, *project, "validate", "--format", "json", *remote(oxigraph_server))
    assert (code, err) == (1, "")
    report = json.loads(out)
    assert report["counts"]["Violation"] == 1
    assert [f["focusNode"] for f in report["findings"] if f["severity"] == "Violation"] == [
        BASE_IRI + "id/activiteit/1.2"
    ]
    assert {f["file"] for f in report["findings"]} == {None}


def test_an_unreachable_store_is_one_line_and_exit_3(capsys) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    code, out, err = run(capsys, "sparql", "ASK {}", "--endpoint", url, "--timeout", "2")
    assert (code, out) == (3, "")
    assert err == (
        f"mhgraph: error: {url}: connection refused (after 3 attempts) (is the SPARQL server "
        "running at that address and port? check --endpoint)\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["push"], "push needs a store"),
        (["push", "--endpoint", "http://h/q", "--graph", "default"], "writes a named graph"),
        (
            ["query", "activities-of-result", "--inference", "none", "--endpoint", "http://h/q"],
            "--inference none applies to the local graph",
        ),
        (["validate", "x.ttl", "--endpoint", "http://h/q"], "files or --endpoint, not both"),
        (["sparql", "ASK {}", "--endpoint", "http://h/q", "--timeout", "0"], "--timeout"),
    ],
)
def test_usage_mistakes_are_one_line(argv, message, fixture_project, capsys) -> None:
    code, out, err = run(capsys, "--project", str(fixture_project.root), *argv)
    assert (code, out) == (2, "")
    assert err.startswith("mhgraph: error: ") and message in err and err.count("\n") == 1


def test_the_password_never_shows(scripted_server, fixture_project, capsys, monkeypatch) -> None:
    monkeypatch.setenv("MHGRAPH_PASSWORD", SECRET)
    monkeypatch.setenv("MHGRAPH_USER", "ann")
    seen: list[str] = []
    for command in ("push", "query", "sparql", "validate"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        seen.append(capsys.readouterr().out)
    server = scripted_server([(401, "text/plain", b"who are you?")] * 4)
    project = ["--project", str(fixture_project.root)]
    seen.append("".join(run(capsys, *project, "sparql", "ASK {}", "--endpoint", server.url)[1:]))
    seen.append("".join(run(capsys, *project, "push", "--endpoint", server.url)[1:]))
    with_userinfo = server.url.replace("http://", f"http://ann:{SECRET}@")
    seen.append(
        "".join(
            run(
                capsys,
                *project,
                "sparql",
                "ASK {}",
                "--endpoint",
                with_userinfo,
                "--password",
                SECRET,
            )[1:]
        )
    )
    seen.append("".join(run(capsys, "sparql", "ASK {}", "--endpoint", f"ftp://ann:{SECRET}@h")[1:]))
    assert all("HTTP 401" in text for text in seen[4:7])
    assert not [text for text in seen if SECRET in text]
    assert all(
        request.headers.get("Authorization", "").startswith("Basic ") for request in server.requests
    )
