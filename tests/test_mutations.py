"""Every kind of curator mistake is caught on the node that holds it, and nowhere else.

:mod:`mutations` applies one mistake at a time to a copy of the real data; the fast engine
validates the copy, and the findings that the unmutated copy does not have must include the
expected one (on the node, from the rule, with file and line) and concern no other node than
those the mistake involves. The expectations are written by hand in :mod:`mutations`.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from mhgraph import Finding, Project, validate
from mutations import MUTATIONS, Mutation, expand

pytest.importorskip("pyshacl_turbo", reason="the fast engine is not installed")


def key(finding: Finding) -> tuple:
    return (
        finding.focus_node,
        finding.path,
        finding.source_shape,
        finding.severity,
        finding.message("en"),
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, real_project: Project) -> tuple[Path, dict[str, str], set]:
    """A copy of the project, its data files as read, and the findings it has unmutated."""
    root = tmp_path_factory.mktemp("mutated")
    for folder in ("ontology", "data", "shapes"):
        shutil.copytree(real_project.root / folder, root / folder)
    shutil.copy(real_project.root / "mhgraph.toml", root / "mhgraph.toml")
    originals = {
        f"data/{path.name}": path.read_text(encoding="utf-8")
        for path in sorted((root / "data").glob("*.ttl"))
    }
    baseline = {key(f) for f in validate(Project.at(root), engine="fast").findings.items}
    return root, originals, baseline


def test_the_kinds_cover_every_family():
    families = Counter(mutation.family for mutation in MUTATIONS)
    assert len(MUTATIONS) >= 76
    assert len({mutation.kind for mutation in MUTATIONS}) == len(MUTATIONS)
    assert min(families.values()) >= 2, families


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda mutation: mutation.kind)
def test_the_mistake_is_caught_on_its_node_and_nowhere_else(workspace, mutation: Mutation):
    root, originals, baseline = workspace
    mutation.apply(root, originals)
    try:
        outcome = validate(Project.at(root), engine="fast")
    finally:
        for name in mutation.files():
            (root / name).write_text(originals[name], encoding="utf-8")
    new = [f for f in outcome.findings.items if key(f) not in baseline]
    shown = [(f.focus_node, (f.source_shape or "").rsplit("/", 1)[-1], f.message()) for f in new]
    caught = [
        f
        for f in new
        if f.focus_node == expand(mutation.node)
        and (f.source_shape or "").rsplit("/", 1)[-1] == mutation.rule
        and f.severity == mutation.severity
    ]
    assert caught, shown
    assert caught[0].file is not None and caught[0].line is not None, caught[0]
    assert {"nl", "en"} <= set(caught[0].messages)
    assert [f for f in new if f.focus_node not in mutation.nodes] == [], shown
