"""The built graph is kept and reused while its sources are unchanged, and never trusted when
the kept copy is broken, half-written or from another version (tests/fixtures/cache)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import URIRef

from mhgraph import Project, load_graph, validate
from mhgraph.cache import ENVIRONMENT, GraphCache, code_fingerprint, default_root
from mhgraph.cli import main

BROKEN = Path(__file__).parent / "fixtures" / "cache"
PART_OF = URIRef("https://w3id.org/mhgraph/def/partOf")
ACTIVITY = URIRef("https://w3id.org/mhgraph/id/activiteit/1.1")
RESULT = URIRef("https://w3id.org/mhgraph/id/resultaat/1")


@pytest.fixture
def project(tmp_path, fixture_project) -> Project:
    """A copy of the fixture project that a test may change."""
    root = tmp_path / "project"
    shutil.copytree(fixture_project.root, root)
    return Project.at(root)


@pytest.fixture
def cache(tmp_path) -> GraphCache:
    return GraphCache(tmp_path / "cache")


def entry_folder(cache: GraphCache) -> Path:
    (folder,) = [p for p in cache.root.iterdir() if not p.name.startswith(".")]
    return folder


@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_a_second_load_reads_the_kept_graph_with_the_same_triples(project, cache, engine):
    built = load_graph(project, engine=engine, cache=cache)
    kept = load_graph(project, engine=engine, cache=cache)
    assert (built.cached, kept.cached) == (False, True)
    assert kept.engine.name == engine
    assert kept.count("asserted") == built.count("asserted")
    assert kept.count("inferred") == built.count("inferred") > 0
    assert (ACTIVITY, PART_OF, RESULT) in kept.inferred
    assert set(kept.sources.files.values()) == set(built.sources.files.values())


def test_the_kept_graph_still_places_findings_in_files_and_lines(project, cache):
    fresh = validate(project, cache=cache)  # builds, validates, keeps graph and findings
    kept = validate(project, cache=cache)  # both read back
    for findings in entry_folder(cache).glob("findings-*.json"):
        findings.unlink()
    recomputed = validate(project, cache=cache)  # the graph read back, findings made on it
    assert (fresh.graph.cached, kept.graph.cached, recomputed.graph.cached) == (False, True, True)
    assert "validate (cached)" in kept.timings and "validate" in recomputed.timings
    keys = {(f.focus_node, f.message(), f.file, f.line) for f in fresh.findings.items}
    assert any(line for *_, line in keys), "the fixture project has findings to place"
    for outcome in (kept, recomputed):
        assert {(f.focus_node, f.message(), f.file, f.line) for f in outcome.findings.items} == keys


def test_a_changed_file_is_noticed_without_being_asked(project, cache):
    load_graph(project, cache=cache)
    data = sorted(project.data_files)[0]
    data.write_text(
        data.read_text(encoding="utf-8")
        + '\n<https://w3id.org/mhgraph/id/activiteit/1.1> <http://www.w3.org/2000/01/rdf-schema#comment> "changed" .\n',  # noqa: E501
        encoding="utf-8",
    )
    changed = load_graph(project, cache=cache)
    assert changed.cached is False
    assert any(str(o) == "changed" for o in changed.asserted.objects(ACTIVITY, None))


def test_engine_and_inference_are_part_of_the_key(project, cache):
    load_graph(project, cache=cache, engine="fast")
    assert load_graph(project, cache=cache, engine="reference").cached is False
    assert load_graph(project, cache=cache, inference="none").cached is False
    assert load_graph(project, cache=cache, inference="none").count("inferred") == 0


def test_a_change_to_the_code_gives_another_key(tmp_path):
    package = tmp_path / "package"
    (package / "engines").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "engines" / "closure.py").write_text("RULES = 1\n", encoding="utf-8")
    before = code_fingerprint(package)
    (package / "engines" / "closure.py").write_text("RULES = 2\n", encoding="utf-8")
    code_fingerprint.cache_clear()
    assert code_fingerprint(package) != before


def test_a_value_derived_from_the_graph_is_made_once_and_kept(project, cache):
    entry = load_graph(project, cache=cache).cache
    assert entry is not None
    made: list[str] = []
    make = lambda: made.append("made") or "sha256:abc"  # noqa: E731
    assert entry.kept("content-hash", make) == entry.kept("content-hash", make) == "sha256:abc"
    assert made == ["made"]
    (entry.folder / "content-hash.json").write_text('{"version": "0", "key": "other"}')
    assert entry.kept("content-hash", make) == "sha256:abc"
    assert made == ["made", "made"]  # another build's value is made again, never trusted


def test_rebuild_builds_anew(project, cache):
    load_graph(project, cache=cache)
    assert load_graph(project, cache=cache, rebuild=True).cached is False
    assert load_graph(project, cache=cache).cached is True


@pytest.mark.parametrize(
    "broken, replaces",
    [
        ("truncated.nq", "graph.nq"),
        ("other-version.json", "manifest.json"),
        ("not-json.json", "manifest.json"),
    ],
)
def test_a_broken_entry_is_rebuilt_never_trusted(project, cache, broken, replaces):
    built = load_graph(project, cache=cache)
    folder = entry_folder(cache)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    text = (BROKEN / broken).read_text(encoding="utf-8")
    text = text.replace("KEY", manifest["key"]).replace("SHA", manifest["sha256"])
    (folder / replaces).write_text(text, encoding="utf-8")
    again = load_graph(project, cache=cache)
    assert again.cached is False
    assert again.count() == built.count()
    assert load_graph(project, cache=cache).cached is True  # the entry was written anew


def test_a_half_written_entry_is_rebuilt(project, cache):
    load_graph(project, cache=cache)
    folder = entry_folder(cache)
    (folder / "graph.nq").unlink()  # as if the save stopped before the graph was written
    assert load_graph(project, cache=cache).cached is False


def test_broken_kept_findings_are_computed_again(project, cache):
    first = validate(project, cache=cache)
    folder = entry_folder(cache)
    (kept,) = folder.glob("findings-*.json")
    kept.write_text((BROKEN / "findings-not-json.json").read_text(encoding="utf-8"))
    again = validate(project, cache=cache)
    assert "validate" in again.timings and "validate (cached)" not in again.timings
    assert len(again.findings.items) == len(first.findings.items)
    assert "validate (cached)" in validate(project, cache=cache).timings


def test_changed_shapes_validate_again(project, cache):
    validate(project, cache=cache)
    shape = sorted(project.shape_files)[0]
    shape.write_text(shape.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert "validate" in validate(project, cache=cache).timings


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "here"))
    assert default_root() == tmp_path / "here"
    monkeypatch.delenv(ENVIRONMENT)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_root() == tmp_path / "xdg" / "mhgraph"


def test_commands_reuse_the_build_and_say_so(project, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "cli-cache"))
    root = ["--project", str(project.root)]
    main([*root, "build", "-o", str(tmp_path / "dist")])
    assert "engine: fast" in capsys.readouterr().out
    main([*root, "validate"])
    assert "(fast engine; graph built before, sources unchanged)" in capsys.readouterr().out
    main([*root, "validate", "--rebuild"])
    out = capsys.readouterr().out
    assert "(fast engine)" in out and "built before" not in out
    main([*root, "validate", "--engine", "reference"])
    assert "(reference engine)" in capsys.readouterr().out
