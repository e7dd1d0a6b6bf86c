"""Real servers for the remote-store tests, all on 127.0.0.1 and a free port.

- ``oxigraph_server``: the `oxigraph` server from PyPI (the `test` extra), once per session.
- ``virtuoso_server``: Virtuoso from Debian's `virtuoso-opensource`, once per session; the
  tests that use it skip with the reason when `virtuoso-t` is missing or does not start.
- ``scripted_server``: a tiny HTTP server that gives the answers a test scripts (a 500, then
  garbage, or nothing at all), for the fault paths.
- ``cutting_proxy``: a TCP proxy in front of a server that cuts a connection after it has
  carried K bytes of a request, for a push that fails half-way.
- ``mhgraph_serve``: `mhgraph serve` as a user runs it, on the serve fixture project.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from mhgraph.remote import EndpointSettings, resolve_settings

LOOPBACK = "127.0.0.1"
STARTUP_SECONDS = 60
SERVE_PROJECT = str(Path(__file__).parent / "fixtures" / "serve")


@contextlib.contextmanager
def mhgraph_serve(site: Path, *options: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """`mhgraph serve` on any free port with ``site`` and ``options``, once it says where it
    listens: the process and that address. Killed when the block ends, if still running."""
    argv = ["--project", SERVE_PROJECT, "serve", "--port", "0", "--site", str(site), *options]
    process = subprocess.Popen(
        [sys.executable, "-m", "mhgraph.cli", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"serving on (http://127\.0\.0\.1:\d+/)", line)
        assert match, line + process.stderr.read()
        yield process, match.group(1)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A running server: its base URL and how to reach it with mhgraph's settings."""

    base: str
    store: str
    process: subprocess.Popen | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    def settings(self, **changes: object) -> EndpointSettings:
        options = {
            "endpoint": self.base,
            "store": self.store,
            "user": self.user,
            "password": self.password,
        }
        settings = resolve_settings(options, environ={})
        assert settings is not None
        return dataclasses.replace(settings, **{"backoff": 0.05, "timeout": 120.0, **changes})


def _launch(argv: list[str], folder: Path, ready_url: str) -> tuple[subprocess.Popen, str | None]:
    """Start a server in ``folder``, its output in a log there; the problem if it never answers."""
    log = folder / "console.log"
    with log.open("wb") as stream:
        process = subprocess.Popen(argv, cwd=folder, stdout=stream, stderr=subprocess.STDOUT)
    problem = _wait_until_ready(ready_url, process, log)
    if problem:
        _stop(process)
    return process, problem


def _wait_until_ready(url: str, process: subprocess.Popen, log: Path) -> str | None:
    """None when ``url`` answers; otherwise why the server never came up."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"exited with {process.returncode}: {_tail(log)}"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return None
        except OSError:
            time.sleep(0.2)
    return f"not answering after {STARTUP_SECONDS} s: {_tail(log)}"


def _tail(log: Path) -> str:
    text = log.read_text(errors="replace") if log.exists() else ""
    return " ".join(text.split()[-40:])


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "oxigraph"
    return str(beside_python) if beside_python.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    binary = _oxigraph_binary()
    if binary is None:
        pytest.fail("the oxigraph server is missing: pip install -e '.[test]' installs it")
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    process, problem = _launch(
        [binary, "serve", "--location", str(folder / "store"), "--bind", f"{LOOPBACK}:{port}"],
        folder,
        f"{base}/query?query=ASK%7B%7D",
    )
    if problem:
        pytest.fail(f"oxigraph server {problem}")
    yield Server(base, "oxigraph", process)
    _stop(process)


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = {loopback}:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CaseMode = 2

[HTTPServer]
ServerPort = {loopback}:{http_port}
ServerRoot = {folder}
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@pytest.fixture(scope="session")
def virtuoso_server() -> Iterator[Server]:
    """Virtuoso with its factory account (dba/dba), for /sparql-auth and the Graph Store."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip(
            "virtuoso-t is not installed (Debian package virtuoso-opensource; "
            "scripts/install-services installs it where it may)"
        )
    folder = Path(tempfile.mkdtemp(prefix="mhgraph-virtuoso-"))
    http_port, sql_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(
        _VIRTUOSO_INI.format(
            folder=folder, loopback=LOOPBACK, sql_port=sql_port, http_port=http_port
        )
    )
    base = f"http://{LOOPBACK}:{http_port}"
    process, problem = _launch(
        [binary, "-f", "-c", str(folder / "virtuoso.ini")], folder, f"{base}/sparql?query=ASK%7B%7D"
    )
    if problem:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"virtuoso-t did not start: {problem}")
    yield Server(base, "virtuoso", process, user="dba", password="dba")
    _stop(process)
    shutil.rmtree(folder, ignore_errors=True)


Answer = tuple[int, str, bytes]  # status, content type, body


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes
    headers: dict[str, str]


class ScriptedServer:
    """Answers requests from a script, one answer per request; ``None`` never answers."""

    def __init__(self, answers: list[Answer | None]) -> None:
        self.answers = list(answers)
        self.requests: list[Request] = []
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                server.requests.append(Request(self.command, self.path, body, dict(self.headers)))
                answer = server.answers.pop(0) if server.answers else (500, "text/plain", b"")
                if answer is None:
                    server.release.wait(30)
                    return
                status, content_type, body = answer
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, *args: object) -> None:
                return None

        self.httpd = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{LOOPBACK}:{self.httpd.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def settings(self, **changes: object) -> EndpointSettings:
        return EndpointSettings(query_url=self.url, update_url=self.url, backoff=0.01, **changes)

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def scripted_server() -> Iterator[Callable[[list[Answer | None]], ScriptedServer]]:
    started: list[ScriptedServer] = []

    def start(answers: list[Answer | None]) -> ScriptedServer:
        started.append(ScriptedServer(answers))
        return started[-1]

    yield start
    for server in started:
        server.stop()


class CuttingProxy:
    """Forwards TCP to ``upstream``; cuts a connection once a request passes ``limit`` bytes."""

    def __init__(self, upstream: tuple[str, int], limit: int) -> None:
        self.upstream = upstream
        self.limit = limit
        self.cuts = 0
        self.listener = socket.create_server((LOOPBACK, 0))
        self.port = self.listener.getsockname()[1]
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream = socket.create_connection(self.upstream)
        threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()
        carried = 0
        try:
            while data := client.recv(65536):
                carried += len(data)
                if carried > self.limit:
                    self.cuts += 1
                    upstream.sendall(data[: len(data) - (carried - self.limit)])
                    break
                upstream.sendall(data)
        except OSError:
            pass
        finally:
            for end in (client, upstream):
                _close(end)

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            _close(target)

    def stop(self) -> None:
        self.running = False
        self.listener.close()


def _close(end: socket.socket) -> None:
    with contextlib.suppress(OSError):
        end.shutdown(socket.SHUT_RDWR)
    end.close()


@pytest.fixture
def cutting_proxy() -> Iterator[Callable[[str, int], CuttingProxy]]:
    """``cutting_proxy(base_url, limit)`` starts a proxy in front of the server at base_url."""
    started: list[CuttingProxy] = []

    def start(base: str, limit: int) -> CuttingProxy:
        host, _, port = base.removeprefix("http://").partition(":")
        started.append(CuttingProxy((host, int(port)), limit))
        return started[-1]

    yield start
    for proxy in started:
        proxy.stop()


__all__ = [
    "cutting_proxy",
    "free_port",
    "oxigraph_server",
    "scripted_server",
    "virtuoso_server",
]
