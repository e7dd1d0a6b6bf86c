"""The publication's settings: defaults, mhgraph.toml, mistakes, and their documentation."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mhgraph.errors import SettingsError
from mhgraph.publish.settings import SETTINGS, load_settings

REPO = Path(__file__).parent.parent


def test_without_a_file_the_defaults_apply(tmp_path):
    settings = load_settings(tmp_path)
    assert settings.publisher == "https://identifier.overheid.nl/tooi/id/ministerie/mnre1058"
    assert settings.themes == ("JUST", "SOCI", "GOVE")


def test_the_file_overrides_what_it_names(tmp_path):
    (tmp_path / "mhgraph.toml").write_text(
        '[publish]\ncontact_email = "mailto:team@example.org"\nthemes = ["JUST"]\n'
        "[serve]\nworkers = 1\n",
        encoding="utf-8",
    )
    settings = load_settings(tmp_path)
    assert settings.contact_email == "mailto:team@example.org"
    assert settings.themes == ("JUST",)
    assert settings.licence.endswith("CC_BY_4_0")  # untouched keys keep their default


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        (
            "[publish]\npublisher_nam = 'x'\n",
            "unknown setting publisher_nam in [publish] (did you mean publisher_name_nl",
        ),
        ("[publish]\nthemes = 'JUST'\n", "themes must be a list of strings"),
        ("[publish]\nthemes = [1]\n", "themes must be a list of strings"),
        ("[publish]\nissued = 2021\n", "issued must be a string"),
        ("[publish]\nissued = '28-11-2026'\n", "is not a date"),
        ("[publish]\npublisher = 'ministerie van JenV'\n", "is not an absolute IRI"),
        ("[publish]\ncontact_email = 'https://example.org/contact'\n", "not an e-mail address"),
        ("[publish]\ncontact_email = 'team at example.org'\n", "not an e-mail address"),
        ("[publish\n", "not valid TOML"),
        ("publish = 3\n", "[publish] must be a table"),
        ("[publsh]\nissued = '2021-01-01'\n", "unknown section [publsh]"),
    ],
)
def test_a_mistake_in_the_file_is_one_clear_error(tmp_path, text, complaint):
    (tmp_path / "mhgraph.toml").write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path)
    assert complaint in caught.value.one_line()
    assert "mhgraph.toml" in caught.value.one_line()


def test_the_option_overrides_the_file(tmp_path):
    (tmp_path / "mhgraph.toml").write_text(
        "[publish]\nbase_iri = 'https://file.example.org/'\n", encoding="utf-8"
    )
    assert load_settings(tmp_path).base_iri == "https://file.example.org/"
    chosen = load_settings(tmp_path, base_iri="https://option.example.org/")
    assert chosen.base_iri == "https://option.example.org/"


def test_a_malformed_option_names_the_option(tmp_path):
    expected = r"--base-iri: 'w3id\.org/x' is not an absolute http\(s\) IRI"
    with pytest.raises(SettingsError, match=expected):
        load_settings(tmp_path, base_iri="w3id.org/x")


def test_the_repository_file_names_only_known_settings_and_loads():
    document = tomllib.loads((REPO / "mhgraph.toml").read_text(encoding="utf-8"))
    assert set(document["publish"]) <= {s.name for s in SETTINGS}
    assert load_settings(REPO).issued == document["publish"]["issued"]
