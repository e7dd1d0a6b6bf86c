"""The stored queries as a small web API: ``/api/queries`` and ``/api/queries/NAME``.

Parameters come from the URL and are bound as RDF terms by the catalogue, exactly as on the
command line; they never become query text. Answers are SPARQL JSON or CSV (JSON-LD or
Turtle for a CONSTRUCT), answered with the same guard, row cap and admission as the
endpoint's, but in the server itself rather than in a worker (see :meth:`WorkerPool.run_here`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from ..iris import Rebase
from ..queries import Catalogue, StoredQuery
from ..values import Term
from .evaluation import Job
from .negotiation import CSV, JSONLD, SPARQL_JSON, TURTLE
from .pool import WorkerPool
from .web import HTTPError, Request, Response

#: The query-string parameter that picks the format; every other one binds a variable.
FORMAT_PARAMETER = "format"
#: A stored query ready to run: its text and its parameters, by variable name.
ReadyQuery = tuple[str, Mapping[str, Term]]


class StoredQueries:
    """The catalogue as a web API; the queries run with the endpoint's guard, row cap and
    admission, and with the server's base IRI written in."""

    def __init__(
        self, catalogue: Catalogue, pool: WorkerPool, rebase: Rebase, known: Iterable[str] = ()
    ) -> None:
        self.catalogue = catalogue
        self.pool = pool
        self.rebase = rebase
        #: The resources the served graph describes, which parameters are checked against.
        self.known = frozenset(known)
        #: A refused parameter raises, so only what runs is remembered.
        self._prepared = lru_cache(maxsize=256)(self._prepare)

    def listing(self, request: Request) -> Response:
        """Every stored query with its question, parameters and text, as JSON."""
        document = {"queries": [self._describe(stored) for stored in self.catalogue]}
        return json_response(200, document)

    def run(self, request: Request, name: str) -> Response:
        """Run one stored query with the request's parameters bound as terms; the answer is
        SPARQL JSON or CSV (JSON-LD or Turtle for a graph) as the client asks."""
        stored = self.catalogue.queries.get(name)
        if stored is None:
            raise HTTPError(404, f"no stored query named {name!r}", hint="see /api/queries")
        params = request.params()
        format_names = tuple(params.pop(FORMAT_PARAMETER, ()))
        repeated = sorted(key for key, values in params.items() if len(values) > 1)
        if repeated:
            raise HTTPError(400, f"parameter {', '.join(repeated)} is given more than once")
        text, bindings = self._prepared(name, tuple((k, v[0]) for k, v in params.items()))
        job = Job(
            text,
            bindings,
            accept=request.header("Accept"),
            format_names=format_names,
            result_formats=(SPARQL_JSON, CSV),
            graph_formats=(JSONLD, TURTLE),
            order=stored.order,
        )
        answer = self.pool.run_here(job, request.client)
        return Response(200, answer.body, answer.content_type)

    def _prepare(self, name: str, values: tuple[tuple[str, str], ...]) -> ReadyQuery:
        """The query's text under the server's base, and its parameters as plain terms under
        it too, checked against the graph; remembered per query and values (:meth:`__init__`),
        since the same few requests come back again and again."""
        stored = self.catalogue.queries[name]
        terms = stored.terms(dict(values))
        bindings = {variable: self.rebase.plain(term) for variable, term in terms.items()}
        if self.known:
            stored.check_known(bindings, self.known)
        return self.rebase.document(stored.text), MappingProxyType(bindings)

    def _describe(self, stored: StoredQuery) -> dict:
        return {
            "name": stored.name,
            "summary": stored.summary,
            "summary_nl": stored.summary_nl,
            "description": stored.description,
            "description_nl": stored.description_nl,
            "tags": stored.tags,
            "parameters": [
                {
                    "name": p.name,
                    "type": p.type_label,
                    "required": p.required,
                    "default": None if p.default is None else self.rebase.text(p.default),
                    "choices": list(p.choices),
                }
                for p in stored.parameters
            ],
            "text": self.rebase.document(stored.text),
            "url": f"/api/queries/{stored.name}",
        }


def json_response(status: int, document: object) -> Response:
    """``document`` as readable, UTF-8 JSON."""
    body = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    return Response(status, body, "application/json")
