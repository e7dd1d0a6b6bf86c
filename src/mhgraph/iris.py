"""The IRI strategy of the publication, and moving the graph to another base IRI.

Following the Dutch government's URI strategy (NL-URI), ``{base}id/{type}/{ref}`` names a
thing, ``{base}doc/{type}/{ref}`` the page about it and ``{base}def/…`` the ontology. The same
graph must deploy on any domain, so every IRI under the project's base (the ontology's own
included) is rewritten when the base changes, and so are literals that spell such an IRI
(``vann:preferredNamespaceUri``): no trace of the old base may be left in a published file.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .errors import SettingsError
from .namespaces import BASE_IRI, PREFIXES
from .values import Term

if TYPE_CHECKING:  # rdflib is imported where terms are made: a server starts without it
    from rdflib import Graph, URIRef
    from rdflib.term import Node

#: A type or ref that can be a file name on every server: no slashes, no dot files.
_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")

#: Resources outside the project's base that the graph describes and the site gives a page.
EXTERNAL_DOC_TYPES = {PREFIXES["country"]: "country"}


def normalise_base(iri: str) -> str:
    """A base must be an absolute http(s) IRI ending in ``/`` (one is added if missing)."""
    iri = iri.strip()
    parts = urlsplit(iri)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError(
            f"base IRI {iri!r} is not an absolute http(s) IRI",
            hint="give one such as https://data.example.org/mensenhandel/",
        )
    if parts.query or parts.fragment or any(c in iri for c in ' <>"{}|\\^`'):
        raise SettingsError(f"base IRI {iri!r} may not hold a query, fragment or spaces")
    return iri if iri.endswith("/") else iri + "/"


@dataclass(frozen=True)
class Rebase:
    """Rewrites every IRI under ``old`` to the same path under ``new``; reversible."""

    old: str = BASE_IRI
    new: str = BASE_IRI

    @property
    def identity(self) -> bool:
        return self.old == self.new

    def reverse(self) -> Rebase:
        return Rebase(self.new, self.old)

    def text(self, value: str) -> str:
        return self.new + value[len(self.old) :] if value.startswith(self.old) else value

    def term(self, node: Node) -> Node:
        if self.identity:
            return node
        from rdflib import Literal, URIRef

        if isinstance(node, URIRef):
            return URIRef(self.text(str(node)))
        if isinstance(node, Literal) and str(node).startswith(self.old):
            return Literal(self.text(str(node)), lang=node.language, datatype=node.datatype)
        return node

    def plain(self, term: Term) -> Term:
        """:meth:`term` for a plain term: the server binds the stored queries' parameters
        without rdflib."""
        moved = term.kind == "uri" or (term.kind == "literal" and term.value.startswith(self.old))
        if self.identity or not moved:
            return term
        return Term(term.kind, self.text(term.value), term.language, term.datatype)

    def graph(self, graph: Graph) -> Graph:
        """A copy of ``graph`` under the new base (blank nodes kept as they are)."""
        from rdflib import Graph

        rebased = Graph()
        for prefix, namespace in graph.namespaces():
            rebased.bind(prefix, self.text(str(namespace)), override=True, replace=True)
        if self.identity:
            rebased += graph
            return rebased
        for s, p, o in graph:
            rebased.add((self.term(s), self.term(p), self.term(o)))
        return rebased

    def document(self, text: str) -> str:
        """Free text (a stored query) with the base replaced wherever it appears."""
        return text if self.identity else text.replace(self.old, self.new)


def prefixes(base: str) -> dict[str, str]:
    """The data model's prefixes with the project's namespaces moved to ``base``."""
    rebase = Rebase(BASE_IRI, base)
    return {prefix: rebase.text(namespace) for prefix, namespace in PREFIXES.items()}


def id_iri(base: str, kind: str, ref: str) -> URIRef:
    """The IRI of a thing the publication itself names (the dataset, a distribution)."""
    from rdflib import URIRef

    return URIRef(f"{base}id/{kind}/{ref}")


def doc_path(iri: str, base: str) -> str | None:
    """The relative path of the page about ``iri`` in a publication at ``base``.

    ``{base}id/{type}/{ref}`` maps to ``doc/{type}/{ref}.html``; ontology terms to an anchor
    of ``def/index.html`` (shapes: ``def/shapes.html``); the base itself to the home page;
    countries of the EU authority table to ``doc/country/{code}.html``. Anything else, or a
    name that could not be a file name, has no page: ``None``.
    """
    iri = str(iri)
    for namespace, kind in EXTERNAL_DOC_TYPES.items():
        if iri.startswith(namespace):
            code = iri[len(namespace) :]
            return f"doc/{kind}/{code}.html" if _SEGMENT.fullmatch(code) else None
    if not iri.startswith(base):
        return None
    rest = iri[len(base) :]
    if rest == "":
        return "index.html"
    if rest.startswith("id/"):
        kind, _, ref = rest[3:].partition("/")
        if _SEGMENT.fullmatch(kind) and _SEGMENT.fullmatch(ref):
            return f"doc/{kind}/{ref}.html"
        return None
    if rest.startswith("def/"):
        local = rest[4:]
        if local.startswith("shapes/"):
            name = local[len("shapes/") :]
            return "def/shapes.html" + (f"#{name}" if _SEGMENT.fullmatch(name) else "")
        if _SEGMENT.fullmatch(local):
            return f"def/index.html#{local}"
        return "def/index.html"
    return None


def relative(from_page: str, to_path: str) -> str:
    """The link from one page of the site to another path of it, so no server is needed."""
    target, hash_, fragment = to_path.partition("#")
    link = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return link + hash_ + fragment
