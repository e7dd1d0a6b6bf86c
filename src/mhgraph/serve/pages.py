"""The server's own pages: the query page, its script and style, and the error pages.

They are package resources, so an installed wheel serves them with nothing fetched from a
CDN; every value that reaches an error page (a path, an IRI, a message) is HTML-escaped
here, in the one place that writes HTML. The pages speak the publication's two languages at
the publication's places: Dutch at ``/query`` and at any path outside ``/en/``, English at
``/en/query`` and under ``/en/``, with the site's header (search, navigation, language
switch) and its words where it has them. An error's own message is the server's, in English,
and is marked so for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from html import escape
from importlib import resources
from string import Template
from types import ModuleType
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


def _i18n() -> ModuleType:
    """The publication's words and language folders, imported with the publisher when a
    page is first made, not at the server's start."""
    from ..publish.site import i18n

    return i18n


def message(key: str, language: str) -> str:
    return str(_i18n().message(key, language))


def _english() -> str:
    return "/" + str(_i18n().ENGLISH)


def query_page_path(language: str) -> str:
    """Where the query page stands in ``language``."""
    return _english() + "query" if language == "en" else "/query"


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
    "not_found": {"nl": "Niet gevonden", "en": "Not found"},
    "no_page": {
        "nl": "De graaf beschrijft {iri}, maar de site heeft er geen pagina over.",
        "en": "The graph describes {iri}, but the site has no page about it.",
    },
    "ask_endpoint": {"nl": "Vraag het endpoint:", "en": "Ask the endpoint instead:"},
    "nothing_here": {
        "nl": "Hier staat niets op {path}, en de graaf heeft geen resource {iri}.",
        "en": "Nothing here answers {path}, and the graph has no resource {iri}.",
    },
    "did_you_mean": {"nl": "Bedoelde u:", "en": "Did you mean:"},
    "stored_queries": {"nl": "opgeslagen vragen (JSON)", "en": "stored queries (JSON)"},
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


def language_of(path: str) -> str:
    """The publication's language at ``path``: English under ``/en/``, else Dutch."""
    return "en" if path == "/en" or path.startswith(_english()) else "nl"


def _other(language: str) -> str:
    return "en" if language == "nl" else "nl"


def _word(key: str, language: str) -> str:
    return _QUERY_WORDS[key][language]


def _chrome(language: str, switch: str) -> dict[str, str]:
    """What every page of the server fills in around its body: the site's header in
    ``language``, whose switch leads to ``switch`` in the other language."""
    other = _other(language)
    words = {key: escape(message(key, language)) for key in _SITE_WORDS}
    header = Template(resource("header.html")).substitute(
        other=other,
        switch=switch,
        folder=_english() if language == "en" else "/",
        **words,
    )
    return {"lang": language, "other": other, "switch": switch, "header": header.rstrip()}


def query_page(language: str) -> Response:
    """The query page in ``language``: a form that works with the endpoint of the same
    server, whose links lead to the publication's pages in the same language."""
    words = {key: escape(texts[language]) for key, texts in _QUERY_WORDS.items()}
    text = Template(resource("query.html")).substitute(
        **_chrome(language, query_page_path(_other(language))), **words
    )
    return Response(200, text.encode("utf-8"), HTML_TYPE)


def page(status: int, title: str, body_html: str, language: str = "nl") -> Response:
    """A page in the server's layout; ``body_html`` must already be escaped. Its language
    switch leads to the home page of the other language, which always exists."""
    text = Template(resource("page.html")).substitute(
        title=escape(title), body=body_html, **_chrome(language, _home(_other(language)))
    )
    return Response(status, text.encode("utf-8"), HTML_TYPE)


def error_page(error: HTTPError, path: str = "/") -> Response:
    """An error as a person reads it in a browser, with the hint and the ways on, in the
    language of the place it happened."""
    language = language_of(path)
    body = f'<p lang="en">{escape(error.message)}</p>'
    if error.hint:
        body += f'<p class="hint" lang="en">{escape(error.hint)}</p>'
    title = f"{error.status}: {error.message}"
    return page(error.status, title, body + _ways_on(language), language)


def not_found_page(
    path: str, unknown: Unknown, local_path: Callable[[str], str | None]
) -> Response:
    """404 for a path nothing answers, saying whether the graph knows the IRI at all."""
    language = language_of(path)
    iri = f"<code>{escape(unknown.iri)}</code>"
    if unknown.described:
        body = (
            f"<p>{_word('no_page', language).format(iri=iri)}</p>"
            f"<p>{_word('ask_endpoint', language)} "
            f'<a href="{escape(_query_link(unknown.iri, language))}">'
            f"DESCRIBE &lt;{escape(unknown.iri)}&gt;</a>.</p>"
        )
    else:
        where = f"<code>{escape(path)}</code>"
        body = f"<p>{_word('nothing_here', language).format(path=where, iri=iri)}</p>"
    if unknown.suggestions:
        items = "".join(
            f'<li><a href="{escape(local_path(s) or s)}">{escape(s)}</a></li>'
            for s in unknown.suggestions
        )
        body += f"<p>{_word('did_you_mean', language)}</p><ul>{items}</ul>"
    return page(404, _word("not_found", language), body + _ways_on(language), language)


def _query_link(iri: str, language: str) -> str:
    return query_page_path(language) + "?" + urlencode({"query": f"DESCRIBE <{iri}>"})


def _home(language: str) -> str:
    return _english() + "index.html" if language == "en" else "/"


def _ways_on(language: str) -> str:
    return (
        f'<p class="ways-on"><a href="{_home(language)}">{escape(message("home", language))}</a> · '
        f'<a href="{query_page_path(language)}">{escape(_word("title", language))}</a> · '
        f'<a href="/api/queries">{escape(_word("stored_queries", language))}</a></p>'
    )
