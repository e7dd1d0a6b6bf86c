"""The WSGI application: routes, CORS, safety headers, and errors as a client can read them.

Every answer passes through :meth:`Application.__call__`, so the headers a public endpoint
needs (CORS for browser tools such as YASGUI, ``nosniff``, a content security policy on
HTML) and the mapping of errors to statuses are decided here once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from wsgiref.types import StartResponse, WSGIEnvironment

from ..errors import MhgraphError
from . import pages
from .caching import Validators
from .endpoint import Endpoint
from .resources import Resources
from .settings import Settings
from .site import Moved, NotFound, Site
from .stored import StoredQueries, json_response
from .web import HTTPError, Request, Response

logger = logging.getLogger(__name__)

_CORS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS"),
    ("Access-Control-Allow-Headers", "Accept, Content-Type"),
    ("Access-Control-Max-Age", "86400"),
)
#: The site's own pages may style inline; nothing may be loaded from elsewhere or framed.
_HTML_POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@dataclass
class Application:
    """Everything a request may need, and the routes that use it."""

    settings: Settings
    site: Site
    resources: Resources
    endpoint: Endpoint
    stored: StoredQueries
    prefixes: dict[str, str]
    validators: Validators | None = None

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        try:
            request = Request(environ, self.settings.max_body)
            response = self.route(request)
            if self.validators is not None:
                response = self.validators.apply(request, response)
        except HTTPError as err:
            response = self.error(path, err)
        except MhgraphError as err:
            response = self.error(path, HTTPError(400, err.message, hint=err.hint))
        except Exception:
            logger.exception("error answering %s %s", environ.get("REQUEST_METHOD"), path)
            response = self.error(path, HTTPError(500, "the server failed to answer"))
        if response.status >= 400:
            response.headers.append(("Cache-Control", "no-store"))
        body = response.body
        headers = [
            ("Content-Type", response.content_type),
            *([("Content-Length", str(len(body)))] if isinstance(body, bytes) else []),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            *_CORS,
            *response.headers,
        ]
        if response.content_type.startswith("text/html"):
            headers.append(("Content-Security-Policy", _HTML_POLICY))
        start_response(response.status_line(), headers)
        if environ.get("REQUEST_METHOD") == "HEAD":
            if not isinstance(body, bytes):
                body.close()
            return [b""]
        # A streamed body is sent chunked as the worker writes it; the server closes it.
        return [body] if isinstance(body, bytes) else body

    def route(self, request: Request) -> Response:
        """The one place that decides which part of the server answers a path."""
        path = request.path
        if request.method == "OPTIONS":
            return Response(204, b"", "text/plain")
        if path == "/sparql":
            return self.endpoint.handle(request)
        if request.method not in ("GET", "HEAD"):
            raise HTTPError(
                405,
                f"{request.method} is not allowed here",
                headers=(("Allow", "GET, HEAD, OPTIONS"),),
            )
        if path == "/query":
            return pages.query_page("nl")
        if path == "/en/query":
            return pages.query_page("en")
        if path.startswith("/-/"):
            return pages.asset(path[3:])
        if path == "/api/queries":
            return self.stored.listing(request)
        if path.startswith("/api/queries/"):
            return self.stored.run(request, path.removeprefix("/api/queries/"))
        if path == "/api/prefixes":
            return json_response(200, {"base": self.resources.base, "prefixes": self.prefixes})
        return self.from_site(request)

    def from_site(self, request: Request) -> Response:
        """A file of the published site, a redirect from an ``/id/`` IRI to its page, or the
        not-found page that names the nearest known IRIs."""
        try:
            found = self.site.get(request.path, request.header("Accept"))
        except Moved as moved:
            return Response.redirect(moved.location, 301)
        except NotFound:
            location = self.resources.location(request.path)
            if location is not None:
                return Response.redirect(location)
            unknown = self.resources.unknown(request.path)
            return pages.not_found_page(request.path, unknown, self.resources.local_path)
        response = Response(200, found.body, found.content_type)
        if found.negotiated:
            response.headers += [("Vary", "Accept"), ("Content-Location", found.location)]
        return response

    def error(self, path: str, err: HTTPError) -> Response:
        """Errors in the dialect of the route: JSON for the API, text for SPARQL, else HTML."""
        if path.startswith("/api/"):
            response = json_response(err.status, {"error": err.message, "hint": err.hint})
        elif path == "/sparql":
            response = Response.text(err.status, err.text() + "\n")
        else:
            response = pages.error_page(err, path)
        response.headers += list(err.headers)
        return response
