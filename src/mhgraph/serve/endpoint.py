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

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
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
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")
OWL_RL = URIRef("http://www.w3.org/ns/owl-profile/RL")
_DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
#: rdflib's name for "the service's own default graph", which its Dataset over a SPARQLStore
#: sends as default-graph-uri: the request keeps the whole dataset.
_OWN_DEFAULT = str(DATASET_DEFAULT_GRAPH_ID)


class Endpoint:
    """The SPARQL 1.1 Protocol at ``/sparql``: the query from GET, a form or a direct POST,
    run in a worker, or the service description when no query is given."""

    def __init__(
        self, pool: WorkerPool, graphs: Mapping[str, int], settings: Settings, iri: URIRef
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
                raise update_refused()
            raise HTTPError(
                415,
                f"a POST body of type {request.media_type or 'unknown'!r} is not understood",
                hint=f"send {_FORM} with query=…, or {_QUERY_BODY}",
            )
        params = request.params()
        if "update" in params:
            raise update_refused()
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
        graph = self._description_graph(str(self.iri))
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
        # The default graph holds the OWL RL closure, materialised: querying it is querying
        # under the RDF-based semantics, as far as the OWL 2 RL profile goes.
        if self.graphs:
            graph.add((service, SD.feature, SD.UnionDefaultGraph))
        graph.add((service, SD.defaultEntailmentRegime, ENTAILMENT["OWL-RDF-Based"]))
        graph.add((service, SD.defaultSupportedEntailmentProfile, OWL_RL))
        regimes = {"asserted": ENTAILMENT.Simple, "inferred": ENTAILMENT["OWL-RDF-Based"]}
        for name, triples in self.graphs.items():
            named, described = BNode(), BNode()
            graph.add((dataset, SD.namedGraph, named))
            graph.add((named, RDF.type, SD.NamedGraph))
            graph.add((named, SD.name, URIRef(name)))
            graph.add((named, SD.graph, described))
            graph.add((described, RDF.type, SD.Graph))
            graph.add((described, VOID.triples, Literal(triples)))
            regime = regimes.get(name.rstrip("/").rpartition("/")[2])
            if regime is not None:
                graph.add((named, SD.entailmentRegime, regime))
        limits = (
            f"Read-only. A query may run {self.settings.time_limit:g} seconds and answer "
            f"{self.settings.max_rows} rows; SERVICE, FROM, FROM NAMED and updates are "
            "refused. default-graph-uri and named-graph-uri may name the graphs listed here."
        )
        graph.add((service, DCTERMS.description, Literal(limits, lang="en")))
        return graph
