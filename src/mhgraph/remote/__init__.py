"""The toolchain on an existing SPARQL server, through the standard protocols.

Push the built graph into a named graph (Graph Store Protocol, or SPARQL Update), and run
stored queries, ad-hoc queries and SHACL validation against it. Every server is reached
through :class:`RemoteStore`; :class:`HttpStore` implements it over SPARQLWrapper.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from ..errors import ServerFault

# Eager: the function ``push`` shares its name with its module, which would shadow it.
from .push import PushSummary, push
from .settings import (
    DEFAULT_GRAPH,
    SETTINGS,
    STORES,
    EndpointSettings,
    RemoteSettings,
    endpoint_settings,
    public_url,
    resolve_settings,
)

if TYPE_CHECKING:
    from .client import HttpStore, RemoteStore, connect
    from .reading import fetch_graph, run_sparql, run_stored, run_text
    from .validation import validate_remote

#: Imported on first use, so that the command line reads the settings without SPARQLWrapper.
_LAZY = {
    "HttpStore": "client",
    "RemoteStore": "client",
    "connect": "client",
    "fetch_graph": "reading",
    "run_sparql": "reading",
    "run_stored": "reading",
    "run_text": "reading",
    "validate_remote": "validation",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_GRAPH",
    "SETTINGS",
    "STORES",
    "EndpointSettings",
    "HttpStore",
    "PushSummary",
    "RemoteSettings",
    "RemoteStore",
    "ServerFault",
    "connect",
    "endpoint_settings",
    "fetch_graph",
    "public_url",
    "push",
    "resolve_settings",
    "run_sparql",
    "run_stored",
    "run_text",
    "validate_remote",
]
