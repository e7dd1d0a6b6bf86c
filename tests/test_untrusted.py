"""No input file can make the tool read a URL or a file it was not given, or blow up its memory.

A trap server on loopback answers every request with a usable JSON-LD context and counts the
requests; whatever the engine or the command, it must see none, and the command must end in
one line and exit 2.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from mhgraph.cli import main
from mhgraph.errors import UnsafeInputError
from mhgraph.loading import parse_file
from mhgraph.untrusted import checked_text

FIXTURES = Path(__file__).parent / "fixtures"
UNTRUSTED = FIXTURES / "untrusted"
ACTIVITY = URIRef("https://w3id.org/mhgraph/id/activiteit/9.9")
JSONLD_TRAPS = (
    "remote-context.jsonld",
    "imported-context.jsonld",
    "scoped-context.jsonld",
    "local-file-context.jsonld",
)
XML_TRAPS = ("billion-laughs.rdf", "external-entity.rdf")
ENGINES = ("reference", "fast")


class Trap:
    """A loopback server that hands out a context to whoever asks, and remembers who did."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        trap = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                trap.requests.append(self.path)
                body = json.dumps(
                    {"@context": {"label": str(SKOS.prefLabel), "related": str(SKOS.related)}}
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def trap() -> Iterator[Trap]:
    trap = Trap()
    yield trap
    trap.server.shutdown()
    trap.server.server_close()


def placed(name: str, trap: Trap, folder: Path) -> Path:
    """The fixture ``name`` with its URLs pointing at the trap (or at a real local file)."""
    local = folder / "context.jsonld"
    local.write_text(json.dumps({"@context": {"label": str(SKOS.prefLabel)}}))
    text = (UNTRUSTED / name).read_text()
    text = text.replace("TRAP", trap.address).replace("file:///LOCAL", local.as_uri())
    path = folder / name
    path.write_text(text)
    return path


def refused(capsys, code: int) -> str:
    error = capsys.readouterr().err
    assert code == 2, error
    assert error.count("\n") == 1, error
    return error


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", JSONLD_TRAPS)
def test_validate_fetches_no_context(engine, name, trap, tmp_path, capsys):
    path = placed(name, trap, tmp_path)
    code = main(["validate", "--engine", engine, str(path)])
    error = refused(capsys, code)
    assert name in error
    assert "is not fetched" in error
    assert trap.requests == []


@pytest.fixture
def trapped_project(tmp_path, trap) -> Path:
    """The serve fixture project with one more data file, whose context is on the trap."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "serve", root)
    placed("remote-context.jsonld", trap, root / "data")
    return root


@pytest.mark.parametrize(
    "command",
    [
        ["build", "--engine", "reference", "-o", "OUT"],
        ["build", "--engine", "fast", "-o", "OUT"],
        ["validate", "--engine", "reference"],
        ["validate", "--engine", "fast"],
        ["publish", "-o", "OUT"],
        ["push", "--endpoint", "http://TRAP/store", "--store", "oxigraph"],
    ],
    ids=["build-reference", "build-fast", "validate-reference", "validate-fast", "publish", "push"],
)
def test_no_command_fetches_a_context_of_a_project_file(
    command, trapped_project, trap, tmp_path, capsys
):
    out = tmp_path / "out"
    arguments = [word.replace("OUT", str(out)).replace("TRAP", trap.address) for word in command]
    code = main(["--project", str(trapped_project), *arguments])
    error = refused(capsys, code)
    assert "data/remote-context.jsonld:2:" in error
    assert trap.requests == []
    assert not out.exists()


@pytest.mark.parametrize("engine", ENGINES)
def test_the_projects_own_context_is_read_from_the_package(engine, trap, tmp_path, capsys):
    path = placed("shipped-context.jsonld", trap, tmp_path)
    code = main(["validate", "--engine", engine, "--format", "json", str(path)])
    capsys.readouterr()
    assert code in (0, 1)  # it parses: findings or none, but no refusal
    assert trap.requests == []


def test_the_projects_own_context_gives_its_prefixes(trap, tmp_path):
    graph = parse_file(placed("shipped-context.jsonld", trap, tmp_path))
    label = Literal("an activity in the project's own context", lang="en")
    assert (ACTIVITY, SKOS.prefLabel, label) in graph


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", XML_TRAPS)
def test_rdfxml_with_entity_declarations_is_refused_before_parsing(engine, name):
    """In a process of its own: without the refusal, the parse runs for minutes."""
    finished = subprocess.run(
        [sys.executable, "-m", "mhgraph.cli", "validate", "--engine", engine, UNTRUSTED / name],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 2, finished.stderr
    assert finished.stderr.count("\n") == 1
    assert "declaration is refused" in finished.stderr
    assert f"{name}:" in finished.stderr


@pytest.mark.parametrize(
    "text, line",
    [
        ('{\n  "@context": "https://example.org/c"\n}', 2),
        ('{"@context": [{"a": "https://x/"}, "file:///etc/passwd"]}', 1),
        ('{"@context": {"p": {"@id": "https://x/p", "@context": "https://x/s"}}}', 1),
        ('{"@context": {"@import": "https://x/i"}}', 1),
        ('{"@graph": [{"@context": "https://x/nested"}]}', 1),
    ],
)
def test_every_context_reference_is_refused(text, line):
    with pytest.raises(UnsafeInputError) as error:
        checked_text(text, "json-ld", "f.jsonld")
    assert error.value.line == line


def test_inline_contexts_pass_unchanged():
    text = '{\n"@context": {"label": "http://www.w3.org/2004/02/skos/core#prefLabel"}\n}'
    assert checked_text(text, "json-ld", "f.jsonld") == text


def test_a_declaration_is_refused_at_its_line():
    with pytest.raises(UnsafeInputError) as error:
        checked_text((UNTRUSTED / "billion-laughs.rdf").read_text(), "xml", "f.rdf")
    assert error.value.line == 2


def test_a_remote_answer_with_a_doctype_is_refused():
    from mhgraph.remote.answers import graph_answer
    from mhgraph.remote.faults import ServerFault

    body = (UNTRUSTED / "billion-laughs.rdf").read_bytes()
    with pytest.raises(ServerFault) as fault:
        graph_answer(body, "application/rdf+xml", "CONSTRUCT", "http://127.0.0.1:1/")
    assert "declaration is refused" in str(fault.value)


def test_turtle_is_not_touched():
    text = "@prefix : <https://x/> .\n:a :b :c .\n"
    assert checked_text(text, "turtle", "f.ttl") == text
    assert len(Graph().parse(data=text, format="turtle")) == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_a_file_base_iri_is_a_clear_error(engine, capsys):
    code = main(["validate", "--engine", engine, str(UNTRUSTED / "file-base.ttl")])
    error = refused(capsys, code)
    assert "file-base.ttl:3: a base IRI under file: is refused" in error
