"""The toolchain on an existing SPARQL server, through the standard protocols.

Push the built graph into a named graph (Graph Store Protocol, or SPARQL Update), and run
stored queries, ad-hoc queries and SHACL validation against it. Every server is reached
through :class:`RemoteStore`; :class:`HttpStore` implements it over SPARQLWrapper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ServerFault
from ..lazy import lazy_exports
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
    from .pushing import PushSummary, push
    from .reading import fetch_graph, run_sparql, run_stored, run_text
    from .validation import validate_remote

#: Imported on first use, so that the command line reads the settings without SPARQLWrapper
#: or rdflib.
_LAZY = {
    "PushSummary": "pushing",
    "push": "pushing",
    "HttpStore": "client",
    "RemoteStore": "client",
    "connect": "client",
    "fetch_graph": "reading",
    "run_sparql": "reading",
    "run_stored": "reading",
    "run_text": "reading",
    "validate_remote": "validation",
}


__getattr__ = lazy_exports(__name__, _LAZY)


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
