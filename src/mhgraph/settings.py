"""Settings: one typed record per setting, and one order of precedence for all of them.

Every value a user may choose lives in the frozen dataclass of its section, declared below
(:class:`PublishSettings`, :class:`ServeSettings`, :class:`RemoteSettings`), each field
declared with :func:`setting`.
From that one declaration come the setting's command-line option (generated in
:mod:`mhgraph.commands`, the only place that knows argparse), its environment variable, its key
in ``mhgraph.toml``, its default and its help — and the documentation test checks that each of
them is written down (tests/test_docs.py).

A value is taken from the first of these that gives one: the command-line option, the
environment variable, the section's table in the project's ``mhgraph.toml``, the default.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal, Protocol, TypeVar

from .errors import SettingsError
from .namespaces import BASE_IRI

CONFIG_FILE = "mhgraph.toml"
#: The tables ``mhgraph.toml`` may hold; any other is a typing mistake worth a clear error.
SECTIONS = ("publish", "serve", "remote")

#: How a value is written and checked: ``words`` is a list of strings (comma-separated in an
#: option or variable), ``iri`` an absolute IRI, ``url`` an http(s) IRI, ``date`` an xsd:date
#: ``email`` an e-mail address (``mailto:`` optional) and ``editions`` a list of
#: ``YYYY-MM-DD sha256:HASH`` entries.
Kind = Literal["text", "iri", "url", "date", "email", "words", "editions", "int", "float"]

_SETTING = "mhgraph.setting"
_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
_EDITION = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) sha256:[0-9a-f]{64}")
_IRI = re.compile(r"(https?|mailto):[^\s<>\"{}|\\^`]+")
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
_EMAIL = re.compile(r"(mailto:)?[^\s@<>\"{}|\\^`:]+@[^\s@<>\"{}|\\^`]+\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class Setting:
    """One setting as the CLI, the environment, ``mhgraph.toml`` and the docs know it.

    ``option`` and ``environment`` are None where the setting has no such spelling (the
    publication's metadata lives in the file only); ``in_file`` is False for secrets, which
    must not end up in a file that is committed.
    """

    section: str
    name: str
    default: Any
    help: str
    kind: Kind
    option: str | None
    environment: str | None
    in_file: bool
    metavar: str
    zero_means: str | None = None

    @property
    def toml_key(self) -> str | None:
        """The key in dotted TOML form, ``publish.base_iri``; None when not in the file."""
        return f"{self.section}.{self.name}" if self.in_file else None

    @property
    def described(self) -> str:
        """The help with its default, as ``--help`` shows it."""
        zero = f"; 0: {self.zero_means}" if self.zero_means else ""
        default = ", ".join(self.default) if isinstance(self.default, tuple) else self.default
        shown = f" (default: {default})" if default not in (None, "") else ""
        return f"{self.help}{zero}{shown}"


@dataclass(frozen=True)
class _Spec:
    help: str
    kind: Kind
    option: bool
    environment: bool
    in_file: bool
    metavar: str | None
    zero_means: str | None


class Section(Protocol):
    """A frozen dataclass of settings: what :func:`settings_of` and :func:`resolve` take."""

    SECTION: ClassVar[str]
    ENV_PREFIX: ClassVar[str | None]
    __dataclass_fields__: ClassVar[dict[str, Any]]


S = TypeVar("S", bound=Section)


def setting(
    default: Any,
    help: str,
    *,
    kind: Kind | None = None,
    option: bool = False,
    environment: bool = False,
    in_file: bool = True,
    metavar: str | None = None,
    zero_means: str | None = None,
) -> Any:
    """Declare a field of a settings section; ``kind`` defaults to what ``default`` is."""
    if kind is None:
        kind = (
            "int" if isinstance(default, int) else "float" if isinstance(default, float) else "text"
        )
        if isinstance(default, tuple):
            kind = "words"
    spec = _Spec(help, kind, option, environment, in_file, metavar, zero_means)
    return dataclasses.field(default=default, metadata={_SETTING: spec})


def settings_of(section: type[Section]) -> tuple[Setting, ...]:
    """The records of ``section``, in the order its fields are declared."""
    records = []
    for field in dataclasses.fields(section):
        spec: _Spec = field.metadata[_SETTING]
        prefix = section.ENV_PREFIX
        records.append(
            Setting(
                section=section.SECTION,
                name=field.name,
                default=field.default,
                help=spec.help,
                kind=spec.kind,
                option="--" + field.name.replace("_", "-") if spec.option else None,
                environment=prefix + field.name.upper()
                if spec.environment and prefix is not None
                else None,
                in_file=spec.in_file,
                metavar=spec.metavar or _METAVARS[spec.kind],
                zero_means=spec.zero_means,
            )
        )
    return tuple(records)


_METAVARS: dict[Kind, str] = {
    "text": "TEXT",
    "iri": "IRI",
    "url": "IRI",
    "date": "DATE",
    "email": "ADDRESS",
    "words": "A,B",
    "editions": "DATE sha256:HASH,...",
    "int": "N",
    "float": "N",
}


@dataclass(frozen=True)
class Config:
    """The tables of a project's ``mhgraph.toml``; empty when the project has none."""

    tables: Mapping[str, Mapping[str, Any]]
    path: Path | None = None

    def table(self, section: str) -> Mapping[str, Any]:
        """The keys of ``[section]``; empty when the file has no such table."""
        return self.tables.get(section, {})


def load_config(root: Path) -> Config:
    """Read ``mhgraph.toml`` in the project folder ``root``.

    Raises :class:`SettingsError` (naming the file) when it is not TOML, holds a table
    other than those in :data:`SECTIONS`, or a section that is not a table.
    """
    path = root / CONFIG_FILE
    if not path.is_file():
        return Config({})
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"not valid TOML: {err}", file=path) from None
    for name, table in document.items():
        if name not in SECTIONS:
            raise SettingsError(
                f"unknown section [{name}]", file=path, hint="use " + ", ".join(SECTIONS)
            )
        if not isinstance(table, dict):
            raise SettingsError(f"[{name}] must be a table", file=path)
    return Config(document, path)


def resolve(
    section: type[S],
    options: Mapping[str, object] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    config: Config | None = None,
) -> S:
    """The section's values: option, else environment variable, else ``mhgraph.toml``, else
    the default.

    ``options`` maps setting names to what the command line gave (None: not given);
    ``environ`` defaults to the process environment. Raises :class:`SettingsError` naming
    the option, variable or file a malformed value came from.
    """
    options = options or {}
    environ = os.environ if environ is None else environ
    config = config or Config({})
    records = settings_of(section)
    table = config.table(section.SECTION)
    known = {record.name for record in records if record.in_file}
    unknown = sorted(set(table) - known)
    if unknown:
        close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
        raise SettingsError(
            f"unknown setting {', '.join(unknown)} in [{section.SECTION}]",
            file=config.path,
            hint=f"did you mean {close[0]}?"
            if close
            else f"see {DOCUMENTED_IN[section.SECTION]} for the settings",
        )
    values: dict[str, Any] = {}
    for record in records:
        given = options.get(record.name)
        if given is not None and given != "":
            values[record.name] = _from_text(record, given, record.option or record.name)
        elif record.environment and environ.get(record.environment):
            values[record.name] = _from_text(
                record, environ[record.environment], record.environment
            )
        elif record.name in table and record.in_file:
            values[record.name] = _from_file(record, table[record.name], config.path)
    return section(**values)


#: The page that documents each section's settings.
DOCUMENTED_IN = {
    "publish": "docs/publishing.md",
    "serve": "docs/serving.md",
    "remote": "docs/remote-stores.md",
}


def _from_text(record: Setting, value: object, where: str) -> Any:
    """A value given as text (an option or a variable), converted to the setting's type."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if record.kind in ("words", "editions"):
        words = tuple(word.strip() for word in text.split(",") if word.strip())
        _check_editions(record, words, where, None)
        return words
    if record.kind in ("int", "float"):
        number: float
        try:
            number = int(text) if record.kind == "int" else float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            wanted = "a whole number" if record.kind == "int" else "a number"
            raise SettingsError(f"{where} {value!r} is not {wanted}")
        return number
    _check_form(record, text, where, None)
    return text


def _from_file(record: Setting, value: object, path: Path | None) -> Any:
    """A value from ``mhgraph.toml``, whose TOML type must already be the setting's."""
    where = f"setting {record.name}"
    if record.kind in ("words", "editions"):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise SettingsError(f"{where} must be a list of strings", file=path)
        _check_editions(record, value, where, path)
        return tuple(value)
    if record.kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise SettingsError(f"{where} must be a whole number", file=path)
        return value
    if record.kind == "float":
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise SettingsError(f"{where} must be a number", file=path)
        return float(value)
    if not isinstance(value, str):
        raise SettingsError(f"{where} must be a string", file=path)
    _check_form(record, value, where, path)
    return value


def _check_editions(record: Setting, entries: Sequence[str], where: str, path: Path | None) -> None:
    """An edition's day and hash decide dct:issued and dct:modified: a mistyped one must stop
    here rather than leave the dates silently unrecorded."""
    if record.kind != "editions":
        return
    for entry in entries:
        if not _EDITION.fullmatch(entry):
            raise SettingsError(
                f"{where}: {entry!r} is not 'YYYY-MM-DD sha256:HASH'",
                file=path,
                hint="copy the line 'mhgraph publish' prints for an unrecorded edition",
            )


def _check_form(record: Setting, value: str, where: str, path: Path | None) -> None:
    """Dates and IRIs go into the record as typed terms: a malformed one must stop here."""
    if value == "" and not record.default:
        return
    if record.kind == "date" and not _DATE.fullmatch(value):
        raise SettingsError(f"{where}: {value!r} is not a date (YYYY-MM-DD)", file=path)
    if record.kind == "iri" and not _IRI.fullmatch(value):
        raise SettingsError(
            f"{where}: {value!r} is not an absolute IRI",
            file=path,
            hint="give a full http(s) address",
        )
    if record.kind == "email" and not _EMAIL.fullmatch(value):
        raise SettingsError(
            f"{where}: {value!r} is not an e-mail address",
            file=path,
            hint="give the data team's address, such as opendata@example.org",
        )
    if record.kind == "url" and not _URL.fullmatch(value):
        raise SettingsError(
            f"{where}: {value!r} is not an absolute http(s) IRI",
            file=path,
            hint="give the address the publication is served at, such as https://example.org/",
        )


# --- the sections ----------------------------------------------------------------------------
# Declared here, apart from the packages that use them, so that the command line can list every
# option without importing the publisher, the server or a store client.

_EU = "http://publications.europa.eu/resource/authority/"


@dataclass(frozen=True)
class PublishSettings:
    """The publication's metadata (``[publish]``): every value of the catalogue record that is a
    choice rather than a fact of the graph, so a data team changes who publishes, whom to
    contact and under which licence without touching code. Only ``base_iri`` also has an
    option; the rest describes the dataset and belongs in the committed file."""

    SECTION: ClassVar[str] = "publish"
    ENV_PREFIX: ClassVar[str | None] = None

    base_iri: str = setting(
        BASE_IRI,
        "the IRI the publication is served at; every project IRI is moved under it",
        kind="url",
        option=True,
    )
    dataset_ref: str = setting("mhgraph", "local name of the dataset: {base}id/dataset/{ref}")
    title_nl: str = setting(
        "Samen tegen mensenhandel: programmaresultaten als gekoppelde data",
        "Dutch title of the dataset and the site",
    )
    title_en: str = setting(
        "Together against human trafficking: programme results as linked data",
        "English title of the dataset and the site",
    )
    description_nl: str = setting(
        "De actielijnen, resultaten en activiteiten van het programma Samen tegen mensenhandel, "
        "met hun stand van zaken, de betrokken organisaties, landen, juridische instrumenten, "
        "geld, data en kengetallen, ontleend aan het voortgangsrapport over 2021.",
        "Dutch description of the dataset",
    )
    description_en: str = setting(
        "The action lines, results and activities of the Dutch programme Samen tegen mensenhandel "
        "(Together against human trafficking), with their progress, the organisations, countries "
        "and legal instruments involved, money, dates and figures, taken from the 2021 progress "
        "report.",
        "English description of the dataset",
    )
    publisher: str = setting(
        "https://identifier.overheid.nl/tooi/id/ministerie/mnre1058",
        "IRI of the publishing body (TOOI for a Dutch government body)",
        kind="iri",
    )
    publisher_name_nl: str = setting(
        "Ministerie van Justitie en Veiligheid", "Dutch name of the publisher"
    )
    publisher_name_en: str = setting(
        "Ministry of Justice and Security", "English name of the publisher"
    )
    publisher_type: str = setting(
        "http://purl.org/adms/publishertype/NationalAuthority",
        "ADMS publisher type of the publisher",
        kind="iri",
    )
    creator: str = setting(
        "",
        "IRI of the body that made the data; empty: the mhgraph project at the base IRI",
        kind="iri",
    )
    creator_name_nl: str = setting("mhgraph-projectteam", "Dutch name of the creator")
    creator_name_en: str = setting("mhgraph project team", "English name of the creator")
    contact_name: str = setting("Informatie Rijksoverheid", "name of the contact point (vcard:fn)")
    contact_url: str = setting(
        "https://www.rijksoverheid.nl/contact",
        "web page of the contact point (vcard:hasURL)",
        kind="iri",
    )
    contact_email: str = setting(
        "",
        "e-mail address of the contact point (vcard:hasEmail); set the data team's own, "
        "empty: the catalogue names the contact page only",
        kind="email",
    )
    licence: str = setting(
        _EU + "licence/CC_BY_4_0", "licence of the data (EU licence table)", kind="iri"
    )
    access_rights: str = setting(
        _EU + "access-right/PUBLIC", "access rights (EU access-right table)", kind="iri"
    )
    themes: tuple[str, ...] = setting(
        ("JUST", "SOCI", "GOVE"), "EU data themes (codes of the data-theme table)"
    )
    keywords_nl: tuple[str, ...] = setting(
        (
            "mensenhandel",
            "uitbuiting",
            "arbeidsuitbuiting",
            "seksuele uitbuiting",
            "beleid",
            "gekoppelde data",
        ),
        "Dutch keywords",
    )
    keywords_en: tuple[str, ...] = setting(
        (
            "human trafficking",
            "exploitation",
            "labour exploitation",
            "sexual exploitation",
            "policy",
            "linked data",
        ),
        "English keywords",
    )
    spatial: tuple[str, ...] = setting(("NLD",), "spatial coverage (codes of the EU country table)")
    languages: tuple[str, ...] = setting(
        ("NLD", "ENG"), "languages of the data (codes of the EU language table)"
    )
    temporal_start: str = setting("2021-01-01", "start of the period the data covers", kind="date")
    temporal_end: str = setting("2021-12-31", "end of the period the data covers", kind="date")
    issued: str = setting(
        "2026-11-28",
        "date of first publication, when no edition is recorded in editions",
        kind="date",
    )
    modified: str = setting(
        "",
        "date of this edition; empty: the date editions records for the data's content hash",
        kind="date",
    )
    editions: tuple[str, ...] = setting(
        (),
        "the editions made, each 'YYYY-MM-DD sha256:HASH' (the day, and the content hash of "
        "the asserted triples that 'mhgraph publish' prints); the first is dct:issued",
        kind="editions",
    )
    version: str = setting("", "version of the dataset; empty: the ontology's owl:versionInfo")
    sparql_endpoint: str = setting(
        "",
        "URL of the SPARQL endpoint; empty: {base}sparql, where 'mhgraph serve' or a triple store "
        "answers",
        kind="iri",
    )
    provenance_nl: str = setting(
        "Met de hand ontleend aan het rapport Programmaresultaten Samen tegen mensenhandel (2021)."
        " De stand van zaken van activiteiten is afgeleid uit de toelichting, omdat de "
        "pictogrammen van het rapport verloren gingen; beschrijvingen zijn in eigen woorden.",
        "Dutch provenance statement",
    )
    provenance_en: str = setting(
        "Curated by hand from the report Programmaresultaten Samen tegen mensenhandel (2021). The "
        "status of activities is derived from the explanatory text, because the report's icons "
        "were lost; descriptions are in the curators' own words.",
        "English provenance statement",
    )


def _serve(
    default: int | float | str,
    help: str,
    metavar: str = "N",
    *,
    zero_means: str | None = None,
) -> Any:
    return setting(
        default, help, option=True, environment=True, metavar=metavar, zero_means=zero_means
    )


@dataclass(frozen=True)
class ServeSettings:
    """What a server listens on and the limits that keep a public endpoint answering
    (``[serve]``); a value that makes no sense raises :class:`~mhgraph.errors.SettingsError`
    on construction."""

    SECTION: ClassVar[str] = "serve"
    ENV_PREFIX: ClassVar[str | None] = "MHGRAPH_SERVE_"

    host: str = _serve("127.0.0.1", "address to listen on; 0.0.0.0 for every interface", "ADDRESS")
    port: int = _serve(8000, "port to listen on", zero_means="any free port")
    time_limit: float = _serve(
        10.0, "seconds a query may run before its worker is stopped", "SECONDS"
    )
    max_rows: int = _serve(
        10_000, "rows (SELECT) or triples (CONSTRUCT, DESCRIBE) an answer may have"
    )
    max_body: int = _serve(
        65_536, "bytes a request body, or the query string of a GET request, may have"
    )
    workers: int = _serve(4, "query worker processes; a slow query occupies one of them")
    threads: int = _serve(
        8, "HTTP threads for pages and files, apart from those that wait on query workers"
    )
    queue: int = _serve(
        8, "queries that may wait for a busy worker; more get 503 at once", zero_means="none wait"
    )
    queue_wait: float = _serve(
        0.5, "seconds a query waits for a worker before it gets 503", "SECONDS"
    )
    per_client: int = _serve(
        2, "queries one client address may have running or waiting", zero_means="no limit"
    )
    memory_limit: int = _serve(
        1024, "MiB of memory a worker may add to the loaded graph", "MIB", zero_means="no limit"
    )
    processes: int = _serve(
        2,
        "server processes answering on the port, each with the workers, threads and queue "
        "above; up to one per core",
    )

    def __post_init__(self) -> None:
        for record in SERVE_SETTINGS:
            value = getattr(self, record.name)
            if isinstance(value, str):
                continue
            if value < 0 or (value == 0 and record.zero_means is None):
                raise SettingsError(
                    f"{record.option} must be positive, not {value}", hint=record.help
                )


#: The named graph `push` writes and the reading commands read when no --graph is given.
DEFAULT_GRAPH = BASE_IRI + "graph"
#: Given as --graph, the reading commands read the store's own default graph instead.
STORE_DEFAULT_GRAPH = "default"


@dataclass(frozen=True)
class StoreLayout:
    """The paths a kind of server answers on, relative to the base URL people know it by."""

    query: str
    update: str
    gsp: str | None
    auth: str = "basic"


#: Known layouts; docs/remote-stores.md gives the base URL each one expects.
STORES: dict[str, StoreLayout] = {
    "oxigraph": StoreLayout("/query", "/update", "/store"),
    "fuseki": StoreLayout("/sparql", "/update", "/data"),
    "graphdb": StoreLayout("", "/statements", "/rdf-graphs/service"),
    "virtuoso": StoreLayout("/sparql", "/sparql-auth", "/sparql-graph-crud-auth", auth="digest"),
    "qlever": StoreLayout("", "", None),
}


def _remote(default: str | float | None, help: str, metavar: str, in_file: bool = True) -> Any:
    return setting(default, help, option=True, environment=True, in_file=in_file, metavar=metavar)


@dataclass(frozen=True)
class RemoteSettings:
    """The store settings as given (:mod:`mhgraph.settings`); :func:`endpoint_settings`
    turns them into the URLs and credentials to use.

    Where the server is and how to sign in come from options or the environment only, never
    from ``mhgraph.toml``: a committed project file must not switch every command to a server
    or hold a password.
    """

    SECTION: ClassVar[str] = "remote"
    ENV_PREFIX: ClassVar[str | None] = "MHGRAPH_"

    endpoint: str | None = _remote(
        None, "SPARQL query URL of the store (with --store: the store's base URL)", "URL", False
    )
    store: str | None = _remote(
        None,
        "fill the query, update and Graph Store URLs from --endpoint for a known server: "
        + ", ".join(STORES),
        "KIND",
    )
    update_endpoint: str | None = _remote(
        None, "SPARQL Update URL (default: the query URL)", "URL", False
    )
    gsp_endpoint: str | None = _remote(
        None, "Graph Store Protocol URL (default: none, push uses SPARQL Update)", "URL", False
    )
    graph: str | None = _remote(
        None,
        f"named graph to write and read (default: {DEFAULT_GRAPH}; "
        f"'{STORE_DEFAULT_GRAPH}' reads the store's default graph)",
        "IRI",
    )
    user: str | None = _remote(None, "user name for HTTP authentication", "NAME", False)
    password: str | None = _remote(
        None,
        "password for HTTP authentication (prefer the environment variable: options "
        "are visible to other users of the machine)",
        "SECRET",
        False,
    )
    token: str | None = _remote(
        None, "bearer token, instead of a user and password", "SECRET", False
    )
    auth: str | None = _remote(
        None,
        "HTTP authentication scheme: basic or digest (default: basic; digest for virtuoso)",
        "SCHEME",
    )
    timeout: float = _remote(60.0, "seconds to wait for each answer", "SECONDS")


PUBLISH_SETTINGS = settings_of(PublishSettings)
SERVE_SETTINGS = settings_of(ServeSettings)
REMOTE_SETTINGS = settings_of(RemoteSettings)
