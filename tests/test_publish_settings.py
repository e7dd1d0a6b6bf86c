"""The publication's settings: defaults, mhgraph.toml, mistakes, and their documentation."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mhgraph.errors import MhgraphError
from mhgraph.publish.settings import SETTINGS, load_settings

REPO = Path(__file__).parent.parent


def test_without_a_file_the_defaults_apply(tmp_path):
    settings = load_settings(tmp_path)
    assert settings.source is None
    assert settings.publisher == "https://identifier.overheid.nl/tooi/id/ministerie/mnre1058"
    assert settings.themes == ["JUST", "SOCI", "GOVE"]


def test_the_file_overrides_what_it_names(tmp_path):
    (tmp_path / "mhgraph.toml").write_text(
        '[publish]\ncontact_email = "mailto:team@example.org"\nthemes = ["JUST"]\n'
        "[serve]\nanything = 1\n",
        encoding="utf-8",
    )
    settings = load_settings(tmp_path)
    assert settings.contact_email == "mailto:team@example.org"
    assert settings.themes == ["JUST"]
    assert settings.licence.endswith("CC_BY_4_0")  # untouched keys keep their default


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("[publish]\npublisher_nam = 'x'\n", "unknown setting publisher_nam"),
        ("[publish]\nthemes = 'JUST'\n", "themes must be a list of strings"),
        ("[publish]\nthemes = [1]\n", "themes must be a list of strings"),
        ("[publish]\nissued = 2021\n", "issued must be a str"),
        ("[publish]\nissued = '28-11-2026'\n", "is not a date"),
        ("[publish]\npublisher = 'ministerie van JenV'\n", "is not an absolute IRI"),
        ("[publish\n", "not valid TOML"),
        ("publish = 3\n", "[publish] must be a table"),
    ],
)
def test_a_mistake_in_the_file_is_one_clear_error(tmp_path, text, complaint):
    (tmp_path / "mhgraph.toml").write_text(text, encoding="utf-8")
    with pytest.raises(MhgraphError) as caught:
        load_settings(tmp_path)
    assert complaint in caught.value.one_line()
    assert "mhgraph.toml" in caught.value.one_line()


def test_every_setting_is_documented():
    documentation = (REPO / "docs" / "publishing.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"| `{s.name}` |" not in documentation]
    assert missing == []


def test_the_repository_file_names_only_known_settings_and_loads():
    document = tomllib.loads((REPO / "mhgraph.toml").read_text(encoding="utf-8"))
    assert set(document["publish"]) <= {s.name for s in SETTINGS}
    assert load_settings(REPO).source == REPO / "mhgraph.toml"
