"""The toolchain on an existing SPARQL server, through the standard protocols.

Push the built graph into a named graph (Graph Store Protocol, or SPARQL Update), and run
stored queries, ad-hoc queries and SHACL validation against it. Every server is reached
through :class:`RemoteStore`; :class:`HttpStore` implements it over SPARQLWrapper.
"""

from __future__ import annotations

from .client import HttpStore, RemoteStore
from .faults import ServerFault
from .push import PushSummary, push
from .reading import fetch_graph, run_sparql, run_stored, run_text
from .settings import (
    DEFAULT_GRAPH,
    SETTINGS,
    STORES,
    EndpointSettings,
    Setting,
    public_url,
    resolve_settings,
)
from .validation import validate_remote

__all__ = [
    "DEFAULT_GRAPH",
    "SETTINGS",
    "STORES",
    "EndpointSettings",
    "HttpStore",
    "PushSummary",
    "RemoteStore",
    "ServerFault",
    "Setting",
    "fetch_graph",
    "public_url",
    "push",
    "resolve_settings",
    "run_sparql",
    "run_stored",
    "run_text",
    "validate_remote",
]
