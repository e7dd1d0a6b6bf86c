"""Shared fixtures: the small fixture project, and the real graph loaded once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mhgraph import KnowledgeGraph, Project, load_graph

TESTS = Path(__file__).parent
REPO = TESTS.parent
SHARED = Path(os.environ.get("MHGRAPH_SHARED", REPO.parent / "shared"))
REPORT_TEXT = SHARED / "source" / "programmaresultaten-samen-tegen-mensenhandel-2021.txt"


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
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(
            f"{SHARED} is absent: the shared material (report, conformance shapes) "
            "is only next to a project checkout"
        )
    return SHARED
