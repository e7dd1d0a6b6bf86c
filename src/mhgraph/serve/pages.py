"""The server's own pages: the query page, its script and style, and the error pages.

They are package resources, so an installed wheel serves them with nothing fetched from a
CDN; every value that reaches an error page (a path, an IRI, a message) is HTML-escaped
here, in the one place that writes HTML. The query page speaks the publication's two
languages at the publication's places: Dutch at ``/query``, English at ``/en/query``, with
the words of the interface the site's own where it has them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from html import escape
from importlib import resources
from string import Template
from urllib.parse import urlencode

from ..publish.site.i18n import ENGLISH, message
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


#: Where the query page stands in each language.
QUERY_PAGES = {"nl": "/query", "en": "/" + ENGLISH + "query"}

#: The words of the query page that the site's pages do not use.
_QUERY_WORDS = {
    "title": {"nl": "De graaf bevragen", "en": "Query the graph"},
    "intro": {
        "nl": "Schrijf SPARQL, of kies een opgeslagen vraag. De prefixen van het datamodel "
        "zijn al gedeclareerd; het endpoint is alleen-lezen en antwoordt binnen een tijdslimiet.",
        "en": "Write SPARQL, or pick a stored query. The prefixes of the data model are "
        "declared for you; the endpoint is read-only and answers within a time limit.",
    },
    "stored_label": {"nl": "Opgeslagen vraag", "en": "Stored query"},
    "own_query": {"nl": "Schrijf uw eigen vraag", "en": "Write your own query"},
    "parameters": {"nl": "Parameters", "en": "Parameters"},
    "run": {"nl": "Uitvoeren", "en": "Run"},
    "download": {"nl": "Downloaden als", "en": "Download"},
    "no_script": {
        "nl": "Zonder JavaScript gaat de vraag rechtstreeks naar het SPARQL-endpoint en komt "
        "het antwoord als CSV-bestand; de opgeslagen vragen staan op de pagina Vragen.",
        "en": "Without JavaScript the query goes straight to the SPARQL endpoint and the "
        "answer arrives as a CSV file; the stored queries are on the Queries page.",
    },
}
#: The site's words that the query page uses too.
_SITE_WORDS = (
    "other_language",
    "search",
    "search_label",
    "search_placeholder",
    "main_navigation",
    "activities",
    "network",
    "countries",
    "queries",
    "ontology",
    "endpoint",
)


def query_page(language: str) -> Response:
    """The query page in ``language``: a form that works with the endpoint of the same
    server, whose links lead to the publication's pages in the same language."""
    other = "en" if language == "nl" else "nl"
    words = {key: escape(texts[language]) for key, texts in _QUERY_WORDS.items()}
    words |= {key: escape(message(key, language)) for key in _SITE_WORDS}
    text = Template(resource("query.html")).substitute(
        lang=language,
        other=other,
        switch=QUERY_PAGES[other],
        folder="/" + ENGLISH if language == "en" else "/",
        **words,
    )
    return Response(200, text.encode("utf-8"), HTML_TYPE)


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
