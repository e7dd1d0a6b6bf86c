"""The server's settings: every one an option, a variable and a key, and checked for sense."""

from __future__ import annotations

import re

import pytest

from mhgraph.cli import make_parser
from mhgraph.commands._common import options_of
from mhgraph.errors import SettingsError
from mhgraph.serve import SETTINGS, Settings
from mhgraph.settings import Config, resolve

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
        ["serve", "--time-limit", "2.5", "--max-rows", "7", "--workers", "3", "--port", "0"]
    )
    settings = resolve(Settings, options_of(args, SETTINGS), environ={})
    assert (settings.time_limit, settings.max_rows, settings.workers) == (2.5, 7, 3)
    assert settings.port == 0
    assert settings.max_body == Settings().max_body


def test_the_option_wins_over_the_variable_and_the_variable_over_the_file():
    config = Config({"serve": {"workers": 2, "threads": 5, "host": "0.0.0.0"}})
    environ = {"MHGRAPH_SERVE_WORKERS": "3", "MHGRAPH_SERVE_THREADS": "6"}
    settings = resolve(Settings, {"workers": "7"}, environ=environ, config=config)
    assert (settings.workers, settings.threads, settings.host) == (7, 6, "0.0.0.0")


@pytest.mark.parametrize("field", ["time_limit", "max_rows", "max_body", "workers", "threads"])
def test_zero_is_refused(field):
    with pytest.raises(SettingsError, match="must be positive"):
        Settings(**{field: 0})


def test_memory_limit_zero_means_none():
    assert Settings(memory_limit=0).memory_limit == 0
    with pytest.raises(SettingsError):
        Settings(memory_limit=-1)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"MHGRAPH_SERVE_WORKERS": "many"}, "MHGRAPH_SERVE_WORKERS 'many' is not a whole number"),
        ({"MHGRAPH_SERVE_TIME_LIMIT": "inf"}, "MHGRAPH_SERVE_TIME_LIMIT 'inf' is not a number"),
        ({"MHGRAPH_SERVE_WORKERS": "2.5"}, "is not a whole number"),
    ],
)
def test_a_malformed_variable_names_itself(environ, message):
    with pytest.raises(SettingsError, match=message):
        resolve(Settings, environ=environ)
