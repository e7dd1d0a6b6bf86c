"""The publication's metadata settings: one declarative table, read from `mhgraph.toml`.

A data team changes who publishes, whom to contact and under which licence without touching
code, so every value of the catalogue record that is a choice rather than a fact of the graph
is a setting here. The table below is the single source of the defaults; docs/publishing.md
lists every setting (a test keeps the two in step).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import MhgraphError
from ..namespaces import BASE_IRI

SETTINGS_FILE = "mhgraph.toml"
SECTION = "publish"

_EU = "http://publications.europa.eu/resource/authority/"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    #: ``text``, ``iri`` (absolute, or empty where the default is empty), ``date`` (xsd:date)
    #: or ``edition`` (a list of ``DATE sha256:HASH``).
    kind: str = "text"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "base_iri", BASE_IRI, "IRI the publication is served at; --base-iri overrides it", "iri"
    ),
    Setting("dataset_ref", "mhgraph", "local name of the dataset: {base}id/dataset/{ref}"),
    Setting(
        "title_nl",
        "Samen tegen mensenhandel: programmaresultaten als gekoppelde data",
        "Dutch title of the dataset and the site",
    ),
    Setting(
        "title_en",
        "Together against human trafficking: programme results as linked data",
        "English title of the dataset and the site",
    ),
    Setting(
        "description_nl",
        "De actielijnen, resultaten en activiteiten van het programma Samen tegen mensenhandel, "
        "met hun stand van zaken, de betrokken organisaties, landen, juridische instrumenten, "
        "geld, data en kengetallen, ontleend aan het voortgangsrapport over 2021.",
        "Dutch description of the dataset",
    ),
    Setting(
        "description_en",
        "The action lines, results and activities of the Dutch programme Samen tegen "
        "mensenhandel (Together against human trafficking), with their progress, the "
        "organisations, countries and legal instruments involved, money, dates and figures, "
        "taken from the 2021 progress report.",
        "English description of the dataset",
    ),
    Setting(
        "publisher",
        "https://identifier.overheid.nl/tooi/id/ministerie/mnre1058",
        "IRI of the publishing body (TOOI for a Dutch government body)",
        "iri",
    ),
    Setting(
        "publisher_name_nl", "Ministerie van Justitie en Veiligheid", "Dutch name of the publisher"
    ),
    Setting(
        "publisher_name_en", "Ministry of Justice and Security", "English name of the publisher"
    ),
    Setting(
        "publisher_type",
        "http://purl.org/adms/publishertype/NationalAuthority",
        "ADMS publisher type of the publisher",
        "iri",
    ),
    Setting(
        "creator",
        "",
        "IRI of the body that made the data; empty: the mhgraph project at the base IRI",
        "iri",
    ),
    Setting("creator_name_nl", "mhgraph-projectteam", "Dutch name of the creator"),
    Setting("creator_name_en", "mhgraph project team", "English name of the creator"),
    Setting("contact_name", "Informatie Rijksoverheid", "name of the contact point (vcard:fn)"),
    Setting(
        "contact_url",
        "https://www.rijksoverheid.nl/contact",
        "web page of the contact point (vcard:hasURL)",
        "iri",
    ),
    Setting(
        "contact_email",
        "",
        "e-mail address of the contact point (vcard:hasEmail); set the data team's own",
    ),
    Setting("licence", _EU + "licence/CC_BY_4_0", "licence of the data (EU licence table)", "iri"),
    Setting(
        "access_rights", _EU + "access-right/PUBLIC", "access rights (EU access-right table)", "iri"
    ),
    Setting("themes", ["JUST", "SOCI", "GOVE"], "EU data themes (codes of the data-theme table)"),
    Setting(
        "keywords_nl",
        [
            "mensenhandel",
            "uitbuiting",
            "arbeidsuitbuiting",
            "seksuele uitbuiting",
            "beleid",
            "gekoppelde data",
        ],
        "Dutch keywords",
    ),
    Setting(
        "keywords_en",
        [
            "human trafficking",
            "exploitation",
            "labour exploitation",
            "sexual exploitation",
            "policy",
            "linked data",
        ],
        "English keywords",
    ),
    Setting("spatial", ["NLD"], "spatial coverage (codes of the EU country table)"),
    Setting("languages", ["NLD", "ENG"], "languages of the data (codes of the EU language table)"),
    Setting("temporal_start", "2021-01-01", "start of the period the data covers", "date"),
    Setting("temporal_end", "2021-12-31", "end of the period the data covers", "date"),
    Setting(
        "issued",
        "2026-11-28",
        "date of first publication, when no edition is recorded in editions",
        "date",
    ),
    Setting(
        "modified",
        "",
        "date of this edition; empty: the date editions records for the data's content hash",
        "date",
    ),
    Setting(
        "editions",
        [],
        "the editions made, each 'YYYY-MM-DD sha256:HASH' (the day, and the content hash of "
        "the asserted triples that 'mhgraph publish' prints); the first is dct:issued",
        "edition",
    ),
    Setting("version", "", "version of the dataset; empty: the ontology's owl:versionInfo"),
    Setting(
        "sparql_endpoint",
        "",
        "URL of the SPARQL endpoint; empty: {base}sparql, where "
        "'mhgraph serve' or a triple store answers",
        "iri",
    ),
    Setting(
        "provenance_nl",
        "Met de hand ontleend aan het rapport Programmaresultaten Samen tegen mensenhandel "
        "(2021). De stand van zaken van activiteiten is afgeleid uit de toelichting, omdat de "
        "pictogrammen van het rapport verloren gingen; beschrijvingen zijn in eigen woorden.",
        "Dutch provenance statement",
    ),
    Setting(
        "provenance_en",
        "Curated by hand from the report Programmaresultaten Samen tegen mensenhandel (2021). "
        "The status of activities is derived from the explanatory text, because the report's "
        "icons were lost; descriptions are in the curators' own words.",
        "English provenance statement",
    ),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}
_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
_EDITION = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) sha256:[0-9a-f]{64}")
_IRI = re.compile(r"(https?|mailto):[^\s<>\"{}|\\^`]+")


@dataclass(frozen=True)
class Settings:
    """The resolved values, with where they came from for error messages."""

    values: dict[str, Any]
    source: Path | None = None

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def load_settings(root: Path) -> Settings:
    """Read `[publish]` of `mhgraph.toml` in ``root``; absent file or keys take the defaults."""
    path = root / SETTINGS_FILE
    values = {setting.name: setting.default for setting in SETTINGS}
    if not path.is_file():
        return Settings(values)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise MhgraphError(f"not valid TOML: {err}", file=path) from None
    section = document.get(SECTION, {})
    if not isinstance(section, dict):
        raise MhgraphError(f"[{SECTION}] must be a table", file=path)
    unknown = sorted(set(section) - set(_BY_NAME))
    if unknown:
        raise MhgraphError(
            f"unknown setting {', '.join(unknown)} in [{SECTION}]",
            file=path,
            hint="see docs/publishing.md for the settings",
        )
    for name, value in section.items():
        expected = type(_BY_NAME[name].default)
        if not isinstance(value, expected) or (
            expected is list and not all(isinstance(item, str) for item in value)
        ):
            kind = "a list of strings" if expected is list else f"a {expected.__name__}"
            raise MhgraphError(f"setting {name} must be {kind}", file=path)
        _check_form(_BY_NAME[name], value, path)
        values[name] = value
    return Settings(values, path)


def _check_form(setting: Setting, value: Any, path: Path) -> None:
    """Dates and IRIs go into the record as typed terms: a malformed one must stop here."""
    if value == "" and setting.default == "":
        return
    if setting.kind == "edition":
        for entry in value:
            if not _EDITION.fullmatch(entry):
                raise MhgraphError(
                    f"setting {setting.name}: {entry!r} is not 'YYYY-MM-DD sha256:HASH'",
                    file=path,
                    hint="copy the line 'mhgraph publish' prints for an unrecorded edition",
                )
        return
    if setting.kind == "date" and not _DATE.fullmatch(value):
        raise MhgraphError(
            f"setting {setting.name}: {value!r} is not a date (YYYY-MM-DD)", file=path
        )
    if setting.kind == "iri" and not _IRI.fullmatch(value):
        raise MhgraphError(
            f"setting {setting.name}: {value!r} is not an absolute IRI",
            file=path,
            hint="give a full http(s) address",
        )
