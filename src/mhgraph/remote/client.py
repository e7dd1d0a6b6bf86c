"""The small interface the toolchain needs from a store, and its HTTP implementation.

Queries and updates go through SPARQLWrapper (the SPARQL 1.1 Protocol); uploads use the
SPARQL 1.1 Graph Store HTTP Protocol, which SPARQLWrapper does not speak, with the standard
library. Reads are retried, writes are not (see :mod:`mhgraph.remote.faults`).
"""

from __future__ import annotations

import base64
import http.client
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Protocol
from urllib.parse import quote

from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from ..formats import RDF_FORMATS
from ..results import QueryResult
from ..version import __version__
from .answers import graph_answer, tabular_answer
from .auth import digest_authorization
from .faults import ServerFault, fault_from, retrying
from .settings import EndpointSettings, public_url

_NETWORK_ERRORS = (
    SPARQLWrapperException,
    urllib.error.URLError,
    OSError,
    http.client.HTTPException,
)
_AGENT = f"mhgraph/{__version__}"


class RemoteStore(Protocol):
    """What push, remote queries and remote validation ask of a store."""

    settings: EndpointSettings

    @property
    def has_graph_store(self) -> bool:
        """Whether uploads can use the Graph Store Protocol rather than SPARQL Update."""
        ...

    def query(self, text: str, kind: str, variables: Sequence[str] = ()) -> QueryResult:
        """Run a query form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``) on the graph."""
        ...

    def update(self, text: str) -> None:
        """Run SPARQL Update; never retried, as a write may have half happened."""
        ...

    def upload(self, graph: str, data: bytes, *, replace: bool) -> None:
        """Send N-Triples into ``graph``: replacing it (PUT) or adding to it (POST)."""
        ...


class HttpStore:
    """A store over HTTP: SPARQLWrapper for the SPARQL protocol, urllib for the Graph Store."""

    def __init__(self, settings: EndpointSettings) -> None:
        self.settings = settings

    def __repr__(self) -> str:
        return f"HttpStore({self.settings.label})"

    @property
    def has_graph_store(self) -> bool:
        """Whether a Graph Store URL is set (by ``--gsp-endpoint`` or ``--store``)."""
        return self.settings.gsp_url is not None

    def query(self, text: str, kind: str, variables: Sequence[str] = ()) -> QueryResult:
        """Run a query on the configured graph, retried while the fault may pass; raises
        :class:`~mhgraph.remote.ServerFault` when the store fails for good."""
        server = self.settings.label

        def once() -> QueryResult:
            try:
                wrapper = self._wrapper(self.settings.query_url)
                wrapper.setQuery(text)
                # SPARQLWrapper guesses the form with a regular expression that comments can
                # fool (a header mentioning "clear" made it an update); the parse knows it.
                wrapper.queryType = kind
                wrapper.setReturnFormat(JSON if kind in ("SELECT", "ASK") else TURTLE)
                if self.settings.graph is not None:
                    wrapper.addParameter("default-graph-uri", self.settings.graph)
                response = wrapper.query().response
                body = response.read()
                content_type = response.headers.get("Content-Type", "")
            except _NETWORK_ERRORS as err:
                raise self._fault(err, self.settings.query_url) from None
            if kind in ("SELECT", "ASK"):
                return tabular_answer(body, kind, server, variables)
            return graph_answer(body, content_type, kind, server)

        return retrying(once, attempts=self.settings.attempts, backoff=self.settings.backoff)

    def update(self, text: str) -> None:
        """Run SPARQL Update once; raises :class:`~mhgraph.remote.ServerFault` on failure."""
        try:
            wrapper = self._wrapper(self.settings.update_url)
            wrapper.setQuery(text)
            wrapper.query().response.read()
        except _NETWORK_ERRORS as err:
            raise self._fault(err, self.settings.update_url) from None

    def upload(self, graph: str, data: bytes, *, replace: bool) -> None:
        """Send N-Triples into ``graph`` by the Graph Store Protocol (PUT replaces, POST adds),
        once; raises :class:`~mhgraph.remote.ServerFault` on failure or without a URL."""
        if self.settings.gsp_url is None:
            raise ServerFault(
                self.settings.label, "no Graph Store Protocol URL", "set --gsp-endpoint"
            )
        separator = "&" if "?" in self.settings.gsp_url else "?"
        url = f"{self.settings.gsp_url}{separator}graph={quote(graph, safe='')}"
        method = "PUT" if replace else "POST"
        headers = {"Content-Type": RDF_FORMATS["nt"].media_type, "User-Agent": _AGENT}
        try:
            authorization = self._authorization(url, method)
            if authorization:
                headers["Authorization"] = authorization
            request = urllib.request.Request(url, data=data, method=method, headers=headers)
            with urllib.request.build_opener().open(
                request, timeout=self.settings.timeout
            ) as response:
                response.read()
        except _NETWORK_ERRORS as err:
            raise self._fault(err, self.settings.gsp_url) from None

    def _fault(self, err: BaseException, url: str) -> ServerFault:
        return fault_from(err, public_url(url), self.settings.timeout)

    def _wrapper(self, url: str) -> SPARQLWrapper:
        """A SPARQLWrapper for one request: POST, content negotiation only, our timeout."""
        wrapper = SPARQLWrapper(url, updateEndpoint=url, agent=_AGENT)
        wrapper.setMethod(POST)
        wrapper.setOnlyConneg(True)
        # setTimeout() truncates to whole seconds; urllib takes the float as it is.
        wrapper.timeout = self.settings.timeout  # type: ignore[assignment]
        authorization = self._authorization(url, "POST")
        if authorization:
            wrapper.addCustomHttpHeader("Authorization", authorization)
        return wrapper

    def _authorization(self, url: str, method: str) -> str | None:
        """One header for every scheme, sent with the first request (see :mod:`.auth`)."""
        settings = self.settings
        if settings.token:
            return f"Bearer {settings.token}"
        if not (settings.user and settings.password):
            return None
        if settings.auth == "digest":
            return digest_authorization(
                url,
                method,
                settings.user,
                settings.password,
                timeout=settings.timeout,
                server=public_url(url),
            )
        pair = f"{settings.user}:{settings.password}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")


def connect(settings: EndpointSettings) -> RemoteStore:
    """The store ``settings`` describe: the one place the CLI and the API get a store from,
    so a store reached some other way than HTTP needs one change here (ARCHITECTURE.md)."""
    return HttpStore(settings)
