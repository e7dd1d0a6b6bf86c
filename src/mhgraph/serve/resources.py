"""Dereferencing: the IRIs the graph names, their pages, and what to say when one is unknown.

``/id/{type}/{ref}`` on this server stands for ``{base}id/{type}/{ref}``; if the site has a
page about that IRI, the answer is 303 See Other to the page without its suffix, so the
client still negotiates HTML, Turtle, JSON-LD or N-Triples there.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..iris import doc_path
from .site import Site
from .web import quote_path


@dataclass(frozen=True)
class Unknown:
    """Why a path has no answer, with IRIs the person may have meant."""

    iri: str
    described: bool
    suggestions: tuple[str, ...]


class Resources:
    """The IRIs the graph describes under the base, so that an unknown ``/id/`` path can be
    answered with the nearest known names instead of a bare 404."""

    def __init__(self, described: Iterable[str], base: str, site: Site) -> None:
        self.base = base
        self.site = site
        self._described = {iri for iri in described if iri.startswith(base)}
        self._by_folder: dict[str, list[str]] = defaultdict(list)
        for iri in sorted(self._described):
            folder, _, name = iri.rpartition("/")
            self._by_folder[folder].append(name)

    def iri_of(self, url_path: str) -> str:
        """The IRI a path of this server stands for, under the base IRI."""
        return self.base + url_path.lstrip("/")

    def location(self, url_path: str) -> str | None:
        """Where the page about the IRI of ``url_path`` is on this server, or None.

        The site decides, not the graph: it also has pages for IRIs of its own metadata
        (the dataset, its distributions) that the queried graph does not hold.
        """
        page = doc_path(self.iri_of(url_path), self.base)
        if page is None or not self.site.has_page(page):
            return None
        target, hash_, fragment = page.partition("#")
        return quote_path("/" + target.removesuffix(".html")) + hash_ + fragment

    def unknown(self, url_path: str) -> Unknown:
        """What a 404 says; a missing page ``/doc/…`` is about the thing ``/id/…`` names."""
        if url_path.startswith("/doc/"):
            url_path = "/id/" + url_path.removeprefix("/doc/")
        iri = self.iri_of(url_path)
        folder, _, name = iri.rpartition("/")
        names = self._by_folder.get(folder, [])
        close = difflib.get_close_matches(name, names, n=5, cutoff=0.5)
        return Unknown(iri, iri in self._described, tuple(f"{folder}/{n}" for n in close))

    def local_path(self, iri: str) -> str | None:
        """The path of ``iri`` on this server, when it lies under the base."""
        if not iri.startswith(self.base):
            return None
        return quote_path("/" + iri[len(self.base) :])
