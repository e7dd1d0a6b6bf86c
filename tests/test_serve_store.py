"""The served store of a cached graph: kept beside it, read back whole, never trusted when
damaged."""

from __future__ import annotations

import pytest

from mhgraph import load_graph
from mhgraph.cache import GraphCache
from mhgraph.iris import Rebase
from mhgraph.serve.service import graph_sizes, served_store

ASSERTED = "https://w3id.org/mhgraph/graph/asserted"
INFERRED = "https://w3id.org/mhgraph/graph/inferred"
ELSEWHERE = "https://data.example.org/mh/"


@pytest.fixture
def cached(serve_project, tmp_path):
    return load_graph(serve_project, engine="fast", cache=GraphCache(tmp_path / "cache"))


def kept_files(kg):
    return sorted(kg.cache.folder.glob("served-*.nq"))


def test_the_served_quads_are_kept_and_read_back(cached):
    first = served_store(cached, Rebase())
    sizes = graph_sizes(first)
    assert sorted(sizes) == [ASSERTED, INFERRED]
    assert all(count > 0 for count in sizes.values())
    (kept,) = kept_files(cached)
    assert kept.read_bytes().startswith(b"# sha256 ")
    assert graph_sizes(served_store(cached, Rebase())) == sizes


def test_each_base_iri_has_its_own(cached):
    ours = graph_sizes(served_store(cached, Rebase()))
    theirs = graph_sizes(served_store(cached, Rebase(new=ELSEWHERE)))
    assert sorted(theirs) == [ELSEWHERE + "graph/asserted", ELSEWHERE + "graph/inferred"]
    assert sorted(theirs.values()) == sorted(ours.values())
    assert len(kept_files(cached)) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short at a line's end or in the middle
        lambda data: data.replace(b"activiteit", b"activiteiT", 1),  # one byte changed
        lambda data: data.split(b"\n", 1)[1],  # the checksum line lost
        lambda data: b"",
    ],
    ids=["truncated", "changed", "no-checksum", "empty"],
)
def test_a_damaged_file_is_made_anew(cached, damage):
    sizes = graph_sizes(served_store(cached, Rebase()))
    (kept,) = kept_files(cached)
    whole = kept.read_bytes()
    damaged = damage(whole)
    assert damaged != whole
    kept.write_bytes(damaged)
    assert graph_sizes(served_store(cached, Rebase())) == sizes
    assert kept.read_bytes().startswith(b"# sha256 ")
    assert len(kept.read_bytes()) == len(whole)


START = """
import sys
from mhgraph import Project
from mhgraph.cache import GraphCache
from mhgraph.serve import Settings
from mhgraph.serve.service import open_application

with open_application(Project.at(sys.argv[1]), Settings(workers=1), cache=GraphCache()):
    print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in ("rdflib", "jinja2")
                          or m.startswith("mhgraph.publish"))))
"""


def test_a_start_from_the_cache_imports_neither_rdflib_nor_the_publisher(serve_project, tmp_path):
    """They are imported when a query, a page or a stored query first needs them."""
    import os
    import subprocess
    import sys

    environment = {**os.environ, "MHGRAPH_CACHE_DIR": str(tmp_path)}
    command = [sys.executable, "-c", START, str(serve_project.root)]
    first = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    assert "mhgraph.publish" in first.stdout  # the first start publishes the site
    again = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    assert again.stdout.split() == []
