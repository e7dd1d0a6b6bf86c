"""Shared fixtures: the small fixture project, and the real graph loaded once per session."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mhgraph import KnowledgeGraph, Project, load_graph
from mhgraph.cache import ENVIRONMENT as CACHE_ENVIRONMENT

# Session fixtures that start real SPARQL servers (oxigraph, Virtuoso) and faulty ones, and
# the browser (Chromium) with axe-core for the browser tests.
pytest_plugins = ("servers", "browsers")

TESTS = Path(__file__).parent
REPO = TESTS.parent
SHARED = Path(os.environ.get("MHGRAPH_SHARED", REPO.parent / "shared"))
REPORT_TEXT = SHARED / "source" / "programmaresultaten-samen-tegen-mensenhandel-2021.txt"


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory) -> Path:
    """Every run keeps its built graphs in a folder of its own, never the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ[CACHE_ENVIRONMENT] = str(folder)
    return folder


@pytest.fixture(scope="session")
def fixture_project() -> Project:
    return Project.at(TESTS / "fixtures" / "project")


@pytest.fixture(scope="session")
def real_project() -> Project:
    return Project.at(REPO)


@pytest.fixture(scope="session")
def real_graph(real_project: Project) -> KnowledgeGraph:
    """The repository's graph with its OWL RL closure, reasoned once for the whole run."""
    return load_graph(real_project)


@pytest.fixture(scope="session")
def publish_project() -> Project:
    """Statuses, places, organisations, and labels full of markup for the publication."""
    return Project.at(TESTS / "fixtures" / "publish")


@pytest.fixture(scope="session")
def fixture_publication(publish_project: Project, tmp_path_factory) -> Path:
    """The publish fixture project published once, at the default base IRI."""
    from mhgraph.publish import publish

    out = tmp_path_factory.mktemp("fixture-publication") / "site"
    publish(publish_project, out)
    return out


@pytest.fixture(scope="session")
def real_publication(real_project: Project, real_graph: KnowledgeGraph, tmp_path_factory) -> Path:
    """The real graph published once (``mhgraph publish``) for every test that inspects it."""
    from mhgraph.publish import publish

    out = tmp_path_factory.mktemp("real-publication") / "site"
    publish(real_project, out, knowledge_graph=real_graph)
    return out


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(
            f"{SHARED} is absent: the shared material (report, conformance shapes) "
            "is only next to a project checkout"
        )
    return SHARED


@pytest.fixture(scope="session")
def serve_project() -> Project:
    """The server's fixture project: a few activities, one label full of markup, four queries."""
    return Project.at(TESTS / "fixtures" / "serve")


@dataclass
class HTTPReply:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)


def _http(url: str, method: str = "GET", *, headers=None, body: bytes | None = None) -> HTTPReply:
    parts = urlsplit(url)
    connection = HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        return HTTPReply(response.status, response.headers, response.read())
    finally:
        connection.close()


@pytest.fixture(scope="session")
def http():
    """A client that sends the request as written: the path is not normalised, nor a
    redirect followed, so tests see exactly what the server answered."""
    return _http


def _bench_module(name: str):
    """A script of bench/ as a module: the benchmarks are scripts, not part of the package."""
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def scale_module():
    return _bench_module("scale")


@pytest.fixture(scope="session")
def scaled_project(tmp_path_factory, real_project: Project, scale_module):
    """The repository's graph scaled to about 30 000 triples (two whole copies of the programme
    and part of a third), with 12 injected violations."""
    return scale_module.scale(real_project, 30_000, tmp_path_factory.mktemp("scaled") / "graph")
