"""Where a remote SPARQL store answers and how to sign in, from options or the environment.

Every setting is declared once in :class:`RemoteSettings` (:mod:`mhgraph.settings`), so the
CLI, the docs and the tests read the same records. Credentials stay
out of every string this module makes: ``repr`` hides them and :func:`public_url` strips
user-info and token parameters from any URL that is shown to people.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from ..errors import SettingsError
from ..settings import (
    DEFAULT_GRAPH,
    REMOTE_SETTINGS,
    STORE_DEFAULT_GRAPH,
    STORES,
    Config,
    RemoteSettings,
    StoreLayout,
    resolve,
)

#: The records of the store settings (declared with the other sections in mhgraph.settings).
SETTINGS = REMOTE_SETTINGS
#: Triples per upload request of `mhgraph push`.
DEFAULT_CHUNK = 10_000

AUTH_SCHEMES = ("basic", "digest")
_SECRET_PARAMETER = re.compile(r"token|password|passwd|secret|key", re.IGNORECASE)
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")


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
    """``url`` without user-info and with the values of token-like parameters masked."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode(
            [(k, "***" if _SECRET_PARAMETER.search(k) else v) for k, v in pairs], safe="*:/"
        )
    return urlunsplit((parts.scheme, host, parts.path, query, parts.fragment))


def resolve_settings(
    options: Mapping[str, object] | None = None,
    environ: Mapping[str, str] | None = None,
    config: Config | None = None,
) -> EndpointSettings | None:
    """The store to work on, from options over the environment over ``mhgraph.toml``; None
    when no endpoint is set (work on the local graph). Raises
    :class:`~mhgraph.errors.SettingsError` when the settings do not make a usable store."""
    return endpoint_settings(resolve(RemoteSettings, options, environ=environ, config=config))


def endpoint_settings(given: RemoteSettings) -> EndpointSettings | None:
    """The URLs, credentials and scheme to reach the store ``given`` describes."""
    if given.endpoint is None:
        return None
    endpoint, url_user, url_password = _split_credentials(given.endpoint)
    user = given.user or url_user
    password = given.password or url_password
    token = given.token
    if password and token:
        raise SettingsError(
            "give a password or a token, not both",
            hint="unset MHGRAPH_PASSWORD or MHGRAPH_TOKEN",
        )
    if password and not user:
        raise SettingsError("a password needs a user name", hint="add --user NAME")
    layout = _layout(given.store)
    if layout is not None:
        base = endpoint.rstrip("/")
        query_url = base + layout.query if layout.query else endpoint
        update_url = base + layout.update if layout.update else endpoint
        gsp_url = base + layout.gsp if layout.gsp else None
    else:
        query_url, update_url, gsp_url = endpoint, endpoint, None
    gsp = given.gsp_endpoint or gsp_url
    auth = given.auth or (layout.auth if layout else "basic")
    if auth not in AUTH_SCHEMES:
        raise SettingsError(f"unknown authentication scheme {auth!r}", hint="use basic or digest")
    if given.timeout <= 0:
        raise SettingsError(f"--timeout {given.timeout:g} is not a positive number of seconds")
    return EndpointSettings(
        query_url=_checked_url(query_url, "--endpoint"),
        update_url=_checked_url(given.update_endpoint or update_url, "--update-endpoint"),
        gsp_url=_checked_url(gsp, "--gsp-endpoint") if gsp else None,
        graph=_graph(given.graph),
        user=user,
        password=password,
        token=token,
        auth=auth,
        timeout=given.timeout,
    )


def _split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """Move ``user:password@`` out of a URL: urllib cannot send it and it must not be shown."""
    parts = urlsplit(url)
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
        raise SettingsError(f"unknown store kind {store!r}", hint="use one of " + ", ".join(STORES))
    return layout


def _checked_url(url: str, option: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(
            f"{option} {public_url(url)!r} is not an http(s) URL",
            hint="give a URL such as http://localhost:7878/query",
        )
    return url


def _graph(value: str | None) -> str | None:
    if value is None:
        return DEFAULT_GRAPH
    if value == STORE_DEFAULT_GRAPH:
        return None
    if not _IRI.fullmatch(value):
        raise SettingsError(
            f"--graph {value!r} is not an IRI",
            hint=f"give an absolute IRI such as {DEFAULT_GRAPH}",
        )
    return value
