"""The SPARQL 1.1 Protocol endpoint at ``/sparql``: queries in, results out, nothing else.

A query arrives as ``query=`` in the URL or a form, or as an ``application/sparql-query``
body. Updates are refused whichever way they come. The dataset is the asserted and the
inferred graph as named graphs, their union the default graph; the protocol's
``default-graph-uri`` / ``named-graph-uri`` may choose among those two, and any other IRI is
refused, never fetched. Without a query the endpoint describes itself (SPARQL 1.1 Service
Description), under its public IRI (``--base-iri`` or the settings), whatever the Host
header says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import QueryError
from ..formats import HTML
from .evaluation import Job
from .negotiation import GRAPH_FORMATS, choose
from .pool import WorkerPool
from .settings import Settings
from .web import HTTPError, Request, Response

_FORM = "application/x-www-form-urlencoded"
_QUERY_BODY = "application/sparql-query"
_UPDATE_BODY = "application/sparql-update"
_BLANK = re.compile(r"\s*(#[^\n]*(\n|$)\s*)*")
_DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
#: rdflib's name for "the service's own default graph", which its Dataset over a SPARQLStore
#: sends as default-graph-uri: the request keeps the whole dataset.
_OWN_DEFAULT = "urn:x-rdflib:default"


class Endpoint:
    """The SPARQL 1.1 Protocol at ``/sparql``: the query from GET, a form or a direct POST,
    run in a worker, or the service description when no query is given."""

    def __init__(
        self, pool: WorkerPool, graphs: Mapping[str, int], settings: Settings, iri: str
    ) -> None:
        self.pool = pool
        self.settings = settings
        self.iri = iri
        #: Each named graph with its number of triples, in the order described; their union
        #: is the default graph.
        self.graphs = dict(graphs)
        self.triples = sum(self.graphs.values())

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
                raise _update_refused()
            raise HTTPError(
                415,
                f"a POST body of type {request.media_type or 'unknown'!r} is not understood",
                hint=f"send {_FORM} with query=…, or {_QUERY_BODY}",
            )
        params = request.params()
        if "update" in params:
            raise _update_refused()
        if params.get("default-graph-uri") == [_OWN_DEFAULT] and "named-graph-uri" not in params:
            del params["default-graph-uri"]
        for name in _DATASET_PARAMETERS:
            for iri in params.get(name, ()):
                if iri not in self.graphs:
                    raise HTTPError(
                        400,
                        f"{name} {iri!r} is not a graph of this server, which reads no other",
                        hint="use " + (" or ".join(self.graphs) or "no dataset parameter"),
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
        job = Job(
            texts[0],
            accept=request.header("Accept"),
            format_names=format_names,
            default_graphs=tuple(dict.fromkeys(params.get("default-graph-uri", ()))),
            named_graphs=tuple(dict.fromkeys(params.get("named-graph-uri", ()))),
        )
        answer = self.pool.run(job, request.client)
        return Response(200, answer.body, answer.content_type)

    def description(self, request: Request, format_names: tuple[str, ...]) -> Response:
        """The service description; a browser asking for HTML is sent to the query page."""
        fmt = choose((*GRAPH_FORMATS, HTML), request.header("Accept"), format_names)
        if fmt is HTML:
            return Response.redirect("/query")
        from ..export import serialize
        from .description import description_graph

        graph = description_graph(self.iri, self.graphs, self.settings)
        response = Response(200, serialize(graph, fmt.name), fmt.content_type)
        response.headers.append(("Vary", "Accept"))
        return response


def _update_refused() -> QueryError:
    """The refusal of an update; rdflib's SPARQL parser, which the error lives beside, is
    imported only when one arrives."""
    from ..sparql import update_refused

    return update_refused()
