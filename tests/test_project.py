"""Where the graph comes from: a given folder, the checkout, or the copy inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mhgraph.errors import ProjectError
from mhgraph.project import Project

REPO = Path(__file__).parent.parent


def test_default_is_the_checkout_when_no_graph_is_bundled():
    project = Project.default()
    assert project.root == REPO.resolve()
    assert any(p.name == "mhgraph.ttl" for p in project.ontology_files)


def test_reference_files_are_the_model_not_the_facts(real_project):
    names = {p.name for p in real_project.reference_files}
    assert "vocabularies.ttl" in names
    assert not any(name.startswith("actielijn") for name in names)


def test_missing_layout_names_what_is_missing(tmp_path):
    (tmp_path / "ontology").mkdir()
    with pytest.raises(ProjectError, match=r"has no data/, shapes/"):
        Project.at(tmp_path)


def test_wheel_ships_the_graph(tmp_path):
    """`pip install mhgraph` alone must give a working build, so the graph is in the wheel."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"could not build a wheel here: {result.stderr.strip()[-300:]}")
    wheel = next(tmp_path.glob("mhgraph-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("ontology", "data", "shapes", "queries"):
        assert any(n.startswith(f"mhgraph/_graph/{folder}/") for n in names), folder
    assert "mhgraph/_graph/ontology/mhgraph.ttl" in names
    assert "mhgraph/cli.py" in names
