"""The SPARQL 1.1 Protocol endpoint at ``/sparql``: queries in, results out, nothing else.

A query arrives as ``query=`` in the URL or a form, or as an ``application/sparql-query``
body. Updates are refused whichever way they come, and so are the protocol's
``default-graph-uri`` / ``named-graph-uri``, which would ask the server to fetch graphs;
without a query the endpoint describes itself (SPARQL 1.1 Service Description).
"""

from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID

from ..export import serialize
from ..formats import HTML, W3C_FORMATS
from ..sparql import update_refused
from .evaluation import Job
from .negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose
from .pool import WorkerPool
from .settings import Settings
from .web import HTTPError, Request, Response

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace(W3C_FORMATS)
_FORM = "application/x-www-form-urlencoded"
_QUERY_BODY = "application/sparql-query"
_UPDATE_BODY = "application/sparql-update"
_BLANK = re.compile(r"\s*(#[^\n]*(\n|$)\s*)*")
_HOST = re.compile(r"[A-Za-z0-9.-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


class Endpoint:
    """The SPARQL 1.1 Protocol at ``/sparql``: the query from GET, a form or a direct POST,
    run in a worker, or the service description when no query is given."""

    def __init__(self, pool: WorkerPool, triples: int, settings: Settings) -> None:
        self.pool = pool
        self.triples = triples
        self.settings = settings

    def handle(self, request: Request) -> Response:
        """Answer one request to ``/sparql``; raises :class:`HTTPError` for a request the
        protocol does not allow (an update, two queries, an unknown method)."""
        if request.method not in ("GET", "HEAD", "POST"):
            raise HTTPError(
                405,
                f"{request.method} is not allowed: the endpoint is read-only",
                headers=(("Allow", "GET, HEAD, POST, OPTIONS"),),
            )
        if request.method == "POST" and request.media_type not in (_FORM, _QUERY_BODY):
            if request.media_type == _UPDATE_BODY:
                raise update_refused()
            raise HTTPError(
                415,
                f"a POST body of type {request.media_type or 'unknown'!r} is not understood",
                hint=f"send {_FORM} with query=…, or {_QUERY_BODY}",
            )
        params = request.params()
        if "update" in params:
            raise update_refused()
        for name in ("default-graph-uri", "named-graph-uri"):
            if name in params:
                raise HTTPError(
                    400,
                    f"{name} is not allowed: queries run on this server's graph only",
                    hint="leave the dataset out",
                )
        texts = params.get("query", [])
        if request.method == "POST" and request.media_type == _QUERY_BODY:
            texts = [*texts, request.text_body()]
        if len(texts) > 1:
            raise HTTPError(400, "give one query, not several")
        format_names = tuple(params.get("format", ()))
        if not texts:
            return self.description(request, format_names)
        if _BLANK.fullmatch(texts[0]):
            raise HTTPError(
                400, "the query is empty", hint="give a SELECT, ASK, CONSTRUCT or DESCRIBE"
            )
        job = Job(texts[0], accept=request.header("Accept"), format_names=format_names)
        answer = self.pool.run(job, request.client)
        return Response(200, answer.body, answer.content_type)

    def description(self, request: Request, format_names: tuple[str, ...]) -> Response:
        """The service description; a browser asking for HTML is sent to the query page."""
        fmt = choose((*GRAPH_FORMATS, HTML), request.header("Accept"), format_names)
        if fmt is HTML:
            return Response.redirect("/query")
        graph = self._description_graph(self._own_url(request))
        response = Response(200, serialize(graph, fmt.name), fmt.content_type)
        response.headers.append(("Vary", "Accept"))
        return response

    def _description_graph(self, endpoint_url: str) -> Graph:
        graph = Graph()
        graph.bind("sd", SD)
        graph.bind("formats", FORMATS)
        graph.bind("void", VOID)
        service = URIRef(endpoint_url)
        graph.add((service, RDF.type, SD.Service))
        graph.add((service, SD.endpoint, service))
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
        for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
            graph.add((service, SD.resultFormat, FORMATS[fmt.w3c]))
        dataset, default_graph = BNode(), BNode()
        graph.add((service, SD.defaultDataset, dataset))
        graph.add((dataset, RDF.type, SD.Dataset))
        graph.add((dataset, SD.defaultGraph, default_graph))
        graph.add((default_graph, RDF.type, SD.Graph))
        graph.add((default_graph, VOID.triples, Literal(self.triples)))
        limits = (
            f"Read-only. A query may run {self.settings.time_limit:g} seconds and answer "
            f"{self.settings.max_rows} rows; SERVICE, FROM, FROM NAMED and updates are refused."
        )
        graph.add((service, DCTERMS.description, Literal(limits, lang="en")))
        return graph

    def _own_url(self, request: Request) -> str:
        environ = request.environ
        host = request.header("Host")
        if not _HOST.fullmatch(host):
            host = f"{environ.get('SERVER_NAME', 'localhost')}:{environ.get('SERVER_PORT', '80')}"
        scheme = "https" if environ.get("wsgi.url_scheme") == "https" else "http"
        return f"{scheme}://{host}/sparql"
