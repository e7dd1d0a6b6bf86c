"""The settings table: every setting is a CLI option, documented, and checked for sense."""

from __future__ import annotations

import re

import pytest

from mhgraph.cli import make_parser
from mhgraph.errors import MhgraphError
from mhgraph.serve import SETTINGS, Settings
from mhgraph.serve.settings import from_options

DOCS = "docs/serving.md"


@pytest.fixture(scope="module")
def documentation(real_project) -> str:
    return (real_project.root / DOCS).read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=[s.name for s in SETTINGS])
def test_every_setting_is_documented_with_its_default(documentation, setting):
    row = re.search(rf"^\| `{setting.option}` \| ([^|]+) \|", documentation, re.MULTILINE)
    assert row, f"{DOCS} has no row for {setting.option}"
    assert row.group(1).strip() == str(setting.default)


def test_every_setting_is_an_option():
    args = make_parser().parse_args(
        ["serve", "--time-limit", "2.5", "--max-rows", "7", "--workers", "3"]
    )
    settings = from_options(args)
    assert (settings.time_limit, settings.max_rows, settings.workers) == (2.5, 7, 3)
    assert settings.max_body == Settings().max_body


@pytest.mark.parametrize("field", ["time_limit", "max_rows", "max_body", "workers", "threads"])
def test_zero_is_refused(field):
    with pytest.raises(MhgraphError, match="must be positive"):
        Settings(**{field: 0})


def test_memory_limit_zero_means_none():
    assert Settings(memory_limit=0).memory_limit == 0
    with pytest.raises(MhgraphError):
        Settings(memory_limit=-1)
