"""Where a remote SPARQL store answers and how to sign in, from options or the environment.

Every setting has a command-line option and an environment variable, listed once in
:data:`SETTINGS` so the CLI, the docs and the tests read the same table. Credentials stay
out of every string this module makes: ``repr`` hides them and :func:`public_url` strips
user-info, the values of query parameters and the fragment from any URL that is shown to
people; a URL that does not parse is not shown at all.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from ..errors import RemoteError
from ..namespaces import BASE_IRI

#: Triples per upload request of `mhgraph push`.
DEFAULT_CHUNK = 10_000

#: The named graph `push` writes and the reading commands read when no --graph is given.
DEFAULT_GRAPH = BASE_IRI + "graph"
#: Given as --graph, the reading commands read the store's own default graph instead.
STORE_DEFAULT_GRAPH = "default"

AUTH_SCHEMES = ("basic", "digest")
#: Query parameters whose values are shown; every other value may be a signature or a key
#: (``sig=``, ``X-Amz-Signature=``, ``auth=``, ``pw=``, …) and is masked.
SHOWN_PARAMETERS = frozenset({"graph", "default-graph-uri", "named-graph-uri", "format"})
MASK = "***"
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")


@dataclass(frozen=True)
class Setting:
    """One endpoint setting: its option, its environment variable and what it is for."""

    name: str
    option: str
    environment: str
    metavar: str
    help: str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "endpoint",
        "--endpoint",
        "MHGRAPH_ENDPOINT",
        "URL",
        "SPARQL query URL of the store (with --store: the store's base URL)",
    ),
    Setting(
        "store",
        "--store",
        "MHGRAPH_STORE",
        "KIND",
        "fill the query, update and Graph Store URLs from --endpoint for a known server: "
        "oxigraph, fuseki, graphdb, virtuoso or qlever",
    ),
    Setting(
        "update_endpoint",
        "--update-endpoint",
        "MHGRAPH_UPDATE_ENDPOINT",
        "URL",
        "SPARQL Update URL (default: the query URL)",
    ),
    Setting(
        "gsp_endpoint",
        "--gsp-endpoint",
        "MHGRAPH_GSP_ENDPOINT",
        "URL",
        "Graph Store Protocol URL (default: none, push uses SPARQL Update)",
    ),
    Setting(
        "graph",
        "--graph",
        "MHGRAPH_GRAPH",
        "IRI",
        f"named graph to write and read (default: {DEFAULT_GRAPH}; "
        f"'{STORE_DEFAULT_GRAPH}' reads the store's default graph)",
    ),
    Setting("user", "--user", "MHGRAPH_USER", "NAME", "user name for HTTP authentication"),
    Setting(
        "password",
        "--password",
        "MHGRAPH_PASSWORD",
        "SECRET",
        "password for HTTP authentication (prefer the environment variable: options "
        "are visible to other users of the machine)",
        secret=True,
    ),
    Setting(
        "token",
        "--token",
        "MHGRAPH_TOKEN",
        "SECRET",
        "bearer token, instead of a user and password",
        secret=True,
    ),
    Setting(
        "auth",
        "--auth",
        "MHGRAPH_AUTH",
        "SCHEME",
        "HTTP authentication scheme: basic or digest (default: basic; digest for virtuoso)",
    ),
    Setting(
        "timeout",
        "--timeout",
        "MHGRAPH_TIMEOUT",
        "SECONDS",
        "seconds to wait for each answer (default: 60)",
    ),
)


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


@dataclass(frozen=True)
class EndpointSettings:
    """How to reach one store; secrets are left out of ``repr``."""

    query_url: str
    update_url: str
    gsp_url: str | None = None
    graph: str | None = DEFAULT_GRAPH
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    auth: str = "basic"
    timeout: float = 60.0
    attempts: int = 3
    backoff: float = 0.5

    @property
    def label(self) -> str:
        """The store as people see it in messages: the query URL without credentials."""
        return public_url(self.query_url)


def public_url(url: str) -> str:
    """``url`` as it may be shown: no user-info, no fragment, parameter values masked."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode(
            [(k, v if k.lower() in SHOWN_PARAMETERS else MASK) for k, v in pairs], safe="*:/"
        )
    return urlunsplit((parts.scheme, host, parts.path, query, ""))


def resolve_settings(
    options: Mapping[str, object], environ: Mapping[str, str] | None = None
) -> EndpointSettings | None:
    """Settings from options, falling back to the environment; None when no endpoint is set."""
    environ = os.environ if environ is None else environ
    values: dict[str, str | None] = {}
    for setting in SETTINGS:
        given = options.get(setting.name)
        if given is None or given == "":
            values[setting.name] = environ.get(setting.environment) or None
        else:
            values[setting.name] = str(given)
    endpoint = values["endpoint"]
    if endpoint is None:
        return None
    endpoint, url_user, url_password = _split_credentials(endpoint)
    user = values["user"] or url_user
    password = values["password"] or url_password
    token = values["token"]
    if password and token:
        raise RemoteError(
            "give a password or a token, not both",
            hint="unset MHGRAPH_PASSWORD or MHGRAPH_TOKEN",
        )
    if password and not user:
        raise RemoteError("a password needs a user name", hint="add --user NAME")
    layout = _layout(values["store"])
    if layout is not None:
        base = endpoint.rstrip("/")
        query_url = base + layout.query if layout.query else endpoint
        update_url = base + layout.update if layout.update else endpoint
        gsp_url = base + layout.gsp if layout.gsp else None
    else:
        query_url, update_url, gsp_url = endpoint, endpoint, None
    gsp = values["gsp_endpoint"] or gsp_url
    auth = values["auth"] or (layout.auth if layout else "basic")
    if auth not in AUTH_SCHEMES:
        raise RemoteError(f"unknown authentication scheme {auth!r}", hint="use basic or digest")
    return EndpointSettings(
        query_url=_checked_url(query_url, "--endpoint"),
        update_url=_checked_url(values["update_endpoint"] or update_url, "--update-endpoint"),
        gsp_url=_checked_url(gsp, "--gsp-endpoint") if gsp else None,
        graph=_graph(values["graph"]),
        user=user,
        password=password,
        token=token,
        auth=auth,
        timeout=_timeout(values["timeout"]),
    )


def _split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """Move ``user:password@`` out of a URL: urllib cannot send it and it must not be shown."""
    try:
        parts = urlsplit(url)
    except ValueError:  # refused, unshown, by _checked_url
        return url, None, None
    if "@" not in parts.netloc:
        return url, None, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    clean = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return clean, unquote(user) or None, unquote(password) or None


def _layout(store: str | None) -> StoreLayout | None:
    if store is None:
        return None
    layout = STORES.get(store.lower())
    if layout is None:
        raise RemoteError(f"unknown store kind {store!r}", hint="use one of " + ", ".join(STORES))
    return layout


def _checked_url(url: str, option: str) -> str:
    try:
        parts = urlsplit(url)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a malformed host or port
        usable = False
    if not usable:
        # Not echoed: a mistyped URL ("http//user:secret@host") keeps its password in it.
        raise RemoteError(
            f"{option} is not an http(s) URL (not shown: it may hold a password)",
            hint="give a URL such as http://localhost:7878/query",
        )
    return url


def _graph(value: str | None) -> str | None:
    if value is None:
        return DEFAULT_GRAPH
    if value == STORE_DEFAULT_GRAPH:
        return None
    if not _IRI.fullmatch(value):
        raise RemoteError(
            f"--graph {value!r} is not an IRI",
            hint=f"give an absolute IRI such as {DEFAULT_GRAPH}",
        )
    return value


def _timeout(value: str | None) -> float:
    if value is None:
        return 60.0
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise RemoteError(f"--timeout {value!r} is not a positive number of seconds")
    return seconds
