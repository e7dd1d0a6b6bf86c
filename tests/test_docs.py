"""The documentation names everything a user can set: every option of every command, and
every setting with its environment variable and its key in mhgraph.toml.

The lists are generated from the parser and the settings' records, so a new option or
setting fails here until it is written down.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from mhgraph.cli import make_parser
from mhgraph.publish.settings import SETTINGS as PUBLISH
from mhgraph.remote.settings import SETTINGS as REMOTE
from mhgraph.serve.settings import SETTINGS as SERVE
from mhgraph.settings import DOCUMENTED_IN, Setting

REPO = Path(__file__).parent.parent
DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
EVERY_SETTING = (*PUBLISH, *SERVE, *REMOTE)


def subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def visible_options(parser: argparse.ArgumentParser) -> list[str]:
    return [
        option
        for action in parser._actions
        if action.help != argparse.SUPPRESS and not isinstance(action, argparse._HelpAction)
        for option in action.option_strings
        if option.startswith("--")
    ]


@pytest.fixture(scope="module")
def all_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in DOCUMENTS)


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, option)
        for name, parser in subcommands().items()
        for option in visible_options(parser)
    ],
)
def test_every_option_of_every_command_is_documented(all_text, command, option):
    assert re.search(rf"`[^`\n]*{re.escape(option)}\b", all_text) or re.search(
        rf"^\s*mhgraph [^\n]*{re.escape(option)}\b", all_text, re.MULTILINE
    ), f"mhgraph {command} {option} is in no README.md or docs/*.md"


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_every_command_is_in_the_readme_table(command):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| `mhgraph {command}\b", readme, re.MULTILINE), command


def _row(page: str, setting: Setting) -> str | None:
    """The table row of ``page`` that starts with the setting's option or key."""
    for line in page.splitlines():
        if any(line.startswith(f"| `{first}` |") for first in (setting.option, setting.name)):
            return line
    return None


@pytest.mark.parametrize("setting", EVERY_SETTING, ids=lambda s: f"{s.section}.{s.name}")
def test_every_setting_has_a_row_with_its_option_variable_and_key(setting):
    page_name = DOCUMENTED_IN[setting.section]
    page = (REPO / page_name).read_text(encoding="utf-8")
    row = _row(page, setting)
    assert row, f"{page_name} has no table row for {setting.option or setting.name}"
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    for spelling in (setting.option, setting.environment):
        if spelling:
            assert f"`{spelling}`" in row, (
                f"{page_name}: the row of {setting.name} lacks {spelling}"
            )
    key_named = f"`{setting.name}`" in cells
    assert key_named == setting.in_file, (
        f"{page_name}: the row of {setting.option} must "
        f"{'name' if setting.in_file else 'not name'} the [{setting.section}] key {setting.name}"
    )


def test_the_order_of_precedence_is_documented():
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "the option, the environment variable, `mhgraph.toml`, the default" in readme
