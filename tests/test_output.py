"""A publication is replaced whole or not at all, and never replaces anything else."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import mhgraph.output as output
import mhgraph.publish as publishing
from mhgraph.cli import main
from mhgraph.errors import MhgraphError
from mhgraph.publish import publish
from mhgraph.publish.site.pages import Site


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def previous(tmp_path, publish_project) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "site"
    publish(publish_project, out)
    (out / "index.html").write_text("the previous publication", encoding="utf-8")
    return out, snapshot(out)


def boom(*_args, **_kwargs):
    raise RuntimeError("disk on fire")


@pytest.mark.parametrize(
    "break_it",
    [
        lambda mp: mp.setattr(publishing, "write_dumps", boom),  # at the start
        lambda mp: mp.setattr(Site, "network", boom),  # half-way through the pages
        lambda mp: mp.setattr(Site, "sitemap", boom),  # at the very end
    ],
    ids=["dumps", "pages", "sitemap"],
)
def test_a_failure_leaves_the_previous_publication_and_no_temporary_folder(
    previous, monkeypatch, break_it, publish_project
):
    out, before = previous
    break_it(monkeypatch)
    with pytest.raises(RuntimeError, match="disk on fire"):
        publish(publish_project, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_a_failed_swap_puts_the_previous_publication_back(previous, monkeypatch, publish_project):
    out, before = previous
    real_rename = os.rename

    def rename(source, target):
        if ".publishing-" in str(source):
            raise OSError("rename refused")
        real_rename(source, target)

    monkeypatch.setattr(output.os, "rename", rename)
    with pytest.raises(OSError, match="rename refused"):
        publish(publish_project, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_a_new_publication_replaces_the_previous_one(previous, publish_project):
    out, _before = previous
    publish(publish_project, out)
    assert "the previous publication" not in (out / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]
    assert oct((out).stat().st_mode & 0o777) == oct(0o755)


def test_a_folder_of_something_else_is_never_replaced(tmp_path, publish_project):
    keep = tmp_path / "documents"
    keep.mkdir()
    (keep / "thesis.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(MhgraphError, match="holds no earlier publication"):
        publish(publish_project, keep)
    assert (keep / "thesis.txt").read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents"]


def test_a_file_is_not_a_publication_folder(tmp_path, publish_project):
    target = tmp_path / "site"
    target.write_text("a file", encoding="utf-8")
    with pytest.raises(MhgraphError, match="is a file"):
        publish(publish_project, target)


def test_the_command_publishes_and_summarises(tmp_path, capsys, publish_project):
    out = tmp_path / "site"
    code = main(["--project", str(publish_project.root), "publish", "-o", str(out)])
    assert code == 0
    captured = capsys.readouterr()
    assert "pages" in captured.out and "base IRI: https://w3id.org/mhgraph/" in captured.out
    assert (tmp_path / "site" / "index.html").is_file()
    assert captured.err == ""  # the fixture sets everything a publisher should


def test_the_command_says_when_the_contact_has_no_address(tmp_path, capsys, publish_project):
    project = tmp_path / "project"
    shutil.copytree(publish_project.root, project)
    (project / "mhgraph.toml").write_text("[publish]\n", encoding="utf-8")
    code = main(["--project", str(project), "publish", "-o", str(tmp_path / "site")])
    error = capsys.readouterr().err
    assert code == 0
    assert error.count("\n") == 1 and "set contact_email in [publish]" in error


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (["--base-iri", "ftp://example.org/"], "is not an absolute http(s) IRI"),
        (["--check-dcat", "/nonexistent"], "no dcat-ap/3.0.1/shacl/dcat-ap-SHACL.ttl"),
    ],
)
def test_a_usage_mistake_is_one_line_and_exit_2(
    tmp_path, capsys, publish_project, arguments, complaint
):
    out = tmp_path / "site"
    code = main(["--project", str(publish_project.root), "publish", "-o", str(out), *arguments])
    error = capsys.readouterr().err
    assert code == 2
    assert complaint in error
    assert "Traceback" not in error and error.count("\n") == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_streamed_file_replaces_the_previous_one_only_when_complete(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"the previous graph")
    with pytest.raises(RuntimeError), output.atomic_file(target) as stream:
        stream.write(b"half of the new")
        raise RuntimeError("the writer failed")
    assert target.read_bytes() == b"the previous graph"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
    with output.atomic_file(target) as stream:
        stream.write(b"the new graph")
    assert target.read_bytes() == b"the new graph"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_a_written_file_is_readable_by_others_or_keeps_the_mode_it_had(tmp_path):
    new, kept = tmp_path / "graph.nt", tmp_path / "private.nt"
    kept.write_bytes(b"")
    kept.chmod(0o600)
    for target in (new, kept):
        with output.atomic_file(target) as stream:
            stream.write(b"<a> <b> <c> .\n")
    assert (new.stat().st_mode & 0o777, kept.stat().st_mode & 0o777) == (0o644, 0o600)


def test_a_write_that_fails_half_way_names_the_file(tmp_path):
    staging = output.Staging(tmp_path)
    with (
        pytest.raises(MhgraphError, match="cannot write: No space left") as failed,
        staging.open("dumps/asserted.jsonld") as stream,
    ):
        stream.write(b"{")
        raise OSError(28, "No space left on device")
    assert failed.value.file == "dumps/asserted.jsonld"
    assert "dumps/asserted.jsonld" not in staging.files
    staging.write("dumps/asserted.nt", b"<a> <b> <c> .\n")
    assert staging.files == {"dumps/asserted.nt": 14}
