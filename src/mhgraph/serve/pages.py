"""The server's own pages: the query page, its script and style, and the error pages.

They are package resources, so an installed wheel serves them with nothing fetched from a
CDN; every value that reaches an error page (a path, an IRI, a message) is HTML-escaped
here, in the one place that writes HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from html import escape
from importlib import resources
from string import Template
from urllib.parse import urlencode

from .resources import Unknown
from .web import HTTPError, Response

#: Files served under ``/-/``, with their media types.
ASSETS = {
    "query.js": "text/javascript; charset=utf-8",
    "serve.css": "text/css; charset=utf-8",
}
HTML_TYPE = "text/html; charset=utf-8"


@cache
def resource(name: str) -> str:
    """A file of the package's ``static/`` folder, read once and kept."""
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def asset(name: str) -> Response:
    """One of the query page's files, by name; nothing outside :data:`ASSETS` is served."""
    if name not in ASSETS:
        raise HTTPError(404, f"no file {name!r} among the query page's files")
    response = Response(200, resource(name).encode("utf-8"), ASSETS[name])
    response.headers.append(("Cache-Control", "public, max-age=300"))
    return response


def query_page() -> Response:
    """The query page: a form that works with the endpoint of the same server."""
    return Response(200, resource("query.html").encode("utf-8"), HTML_TYPE)


def page(status: int, title: str, body_html: str) -> Response:
    """A page in the server's layout; ``body_html`` must already be escaped."""
    text = Template(resource("page.html")).substitute(title=escape(title), body=body_html)
    return Response(status, text.encode("utf-8"), HTML_TYPE)


def error_page(error: HTTPError) -> Response:
    """An error as a person reads it in a browser, with the hint and the ways on."""
    body = f"<p>{escape(error.message)}</p>"
    if error.hint:
        body += f'<p class="hint">{escape(error.hint)}</p>'
    return page(error.status, f"{error.status}: {error.message}", body + _ways_on())


def not_found_page(
    path: str, unknown: Unknown, local_path: Callable[[str], str | None]
) -> Response:
    """404 for a path nothing answers, saying whether the graph knows the IRI at all."""
    iri = escape(unknown.iri)
    if unknown.described:
        body = (
            f"<p>The graph describes <code>{iri}</code>, but the site has no page about it.</p>"
            f'<p>Ask the endpoint instead: <a href="{escape(_query_link(unknown.iri))}">'
            f"DESCRIBE &lt;{iri}&gt;</a>.</p>"
        )
    else:
        body = (
            f"<p>Nothing here answers <code>{escape(path)}</code>, and the graph has no "
            f"resource <code>{iri}</code>.</p>"
        )
    if unknown.suggestions:
        items = "".join(
            f'<li><a href="{escape(local_path(s) or s)}">{escape(s)}</a></li>'
            for s in unknown.suggestions
        )
        body += f"<p>Did you mean:</p><ul>{items}</ul>"
    return page(404, "Not found", body + _ways_on())


def _query_link(iri: str) -> str:
    return "/query?" + urlencode({"query": f"DESCRIBE <{iri}>"})


def _ways_on() -> str:
    return (
        '<p class="ways-on"><a href="/">the publication</a> · '
        '<a href="/query">query the graph</a> · <a href="/api/queries">stored queries</a></p>'
    )
