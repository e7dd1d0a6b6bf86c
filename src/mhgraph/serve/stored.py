"""The stored queries as a small web API: ``/api/queries`` and ``/api/queries/NAME``.

Parameters come from the URL and are bound as RDF terms by the catalogue, exactly as on the
command line; they never become query text. Answers are SPARQL JSON or CSV (JSON-LD or
Turtle for a CONSTRUCT), answered with the same guard, row cap and admission as the
endpoint's, but in the server itself rather than in a worker (see :meth:`WorkerPool.run_here`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..iris import Rebase
from ..queries import Catalogue, StoredQuery
from .evaluation import Job
from .negotiation import CSV, JSONLD, SPARQL_JSON, TURTLE
from .pool import WorkerPool
from .web import HTTPError, Request, Response

#: The query-string parameter that picks the format; every other one binds a variable.
FORMAT_PARAMETER = "format"


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
        bindings = stored.bindings({key: values[0] for key, values in params.items()})
        bindings = {variable: self.rebase.term(term) for variable, term in bindings.items()}
        if self.known:
            stored.check_known(bindings, self.known)
        job = Job(
            self.rebase.document(stored.text),
            bindings,
            accept=request.header("Accept"),
            format_names=format_names,
            result_formats=(SPARQL_JSON, CSV),
            graph_formats=(JSONLD, TURTLE),
            order=stored.order,
        )
        answer = self.pool.run_here(job, request.client)
        return Response(200, answer.body, answer.content_type)

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
