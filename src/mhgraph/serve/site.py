"""The published site on disk, served so that no request can reach outside it.

A URL path becomes a file only segment by segment: ``..``, ``.``, empty segments, dot
files, backslashes and NUL are refused before the file system is touched (WSGI servers
decode ``%2e%2e`` and ``%2f`` first, so the encoded variants arrive as those same
characters), and the resolved file must still lie inside the site's root, which also
catches a symbolic link that points out of it.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..formats import BY_SUFFIX, HTML
from .negotiation import JSONLD, NTRIPLES, RDFXML, TURTLE, Format, choose
from .web import HTTPError, quote_path

#: The representations a page of the site may have, by file suffix, in the order offered.
REPRESENTATIONS: dict[str, Format] = {
    ".html": HTML,
    ".ttl": TURTLE,
    ".jsonld": JSONLD,
    ".nt": NTRIPLES,
    ".rdf": RDFXML,
}
#: Representations converted from a page's Turtle when asked for, not written by publish.
CONVERTED = {".nt": NTRIPLES, ".rdf": RDFXML}
_TYPES = {
    **{suffix: fmt.content_type for suffix, fmt in BY_SUFFIX.items()},
    ".html": HTML.content_type,
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".gz": "application/gzip",
    ".txt": "text/plain; charset=utf-8",
    ".rq": "application/sparql-query; charset=utf-8",
    ".svg": "image/svg+xml",
}


class NotFound(Exception):
    """Nothing in the site answers this path (the caller decides what to say)."""


@dataclass(frozen=True)
class Representation:
    """One file of the site as it is sent: its type, its bytes, and whether it was chosen by
    content negotiation (then the response varies on ``Accept``)."""

    content_type: str
    body: bytes
    #: The path a client could have asked for this representation directly.
    location: str
    negotiated: bool = False


class Site:
    """A folder of published files, and how paths and representations map onto it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def get(self, url_path: str, accept: str = "") -> Representation:
        """The file at ``url_path``, or the representation of a page a client accepts."""
        segments = safe_segments(url_path)
        path = self._inside(segments)
        if path is not None and path.is_dir():
            if not url_path.endswith("/"):
                raise Moved(quote_path(url_path + "/"))
            segments = [*segments, "index.html"]
            path = self._inside(segments)
        if path is not None and path.is_file():
            return Representation(_content_type(path), path.read_bytes(), url_path)
        for suffix, fmt in CONVERTED.items():
            if segments and segments[-1].endswith(suffix):
                stem = segments[-1].removesuffix(suffix)
                turtle = self._inside([*segments[:-1], stem + ".ttl"])
                if turtle is not None and turtle.is_file():
                    return Representation(fmt.content_type, converted(turtle, fmt), url_path)
        return self._negotiate(url_path, segments, accept)

    def has_page(self, relative_path: str) -> bool:
        """Whether the site holds ``relative_path`` (a page path, fragment ignored)."""
        target = relative_path.partition("#")[0]
        try:
            path = self._inside(safe_segments("/" + target))
        except HTTPError:
            return False
        return path is not None and path.is_file()

    def _negotiate(self, url_path: str, segments: list[str], accept: str) -> Representation:
        if not segments:
            raise NotFound
        available: dict[Format, Path] = {}
        for suffix, fmt in REPRESENTATIONS.items():
            source_suffix = ".ttl" if suffix in CONVERTED else suffix
            path = self._inside([*segments[:-1], segments[-1] + source_suffix])
            if path is not None and path.is_file():
                available[fmt] = path
        if not available:
            raise NotFound
        fmt = choose(tuple(available), accept)
        path = available[fmt]
        body = converted(path, fmt) if fmt in CONVERTED.values() else path.read_bytes()
        suffix = next(s for s, f in REPRESENTATIONS.items() if f is fmt)
        return Representation(fmt.content_type, body, quote_path(url_path + suffix), True)

    def _inside(self, segments: list[str]) -> Path | None:
        """The path for ``segments`` if it resolves (links followed) inside the root."""
        candidate = self.root.joinpath(*segments)
        resolved = Path(os.path.realpath(candidate))
        if resolved != self.root and not resolved.is_relative_to(self.root):
            return None
        return resolved


class Moved(Exception):
    """A folder was asked for without its trailing slash; its relative links need one."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


def safe_segments(url_path: str) -> list[str]:
    """The segments of a decoded URL path, or 400 for anything that could climb out."""
    if not url_path.startswith("/"):
        raise _refused()
    segments = url_path[1:].split("/")
    if segments and segments[-1] == "":
        segments.pop()  # a trailing slash names the folder itself
    for segment in segments:
        if (
            not segment
            or segment.startswith(".")
            or any(c in segment for c in "\\\x00:")
            or segment != segment.strip()
        ):
            raise _refused()
    return segments


def _refused() -> HTTPError:
    return HTTPError(
        400,
        "this path is not allowed: it must name a file of the site, without '..', "
        "dot files, backslashes or empty segments",
    )


def _content_type(path: Path) -> str:
    known = _TYPES.get(path.suffix)
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


@lru_cache(maxsize=256)
def _converted(path: Path, modified: float, fmt: str) -> bytes:
    from rdflib import Graph

    from ..export import serialize

    return serialize(Graph().parse(path, format="turtle"), fmt)


def converted(turtle_file: Path, fmt: Format) -> bytes:
    """A Turtle file of the site as N-Triples or RDF/XML (cached until the file changes)."""
    return _converted(turtle_file, turtle_file.stat().st_mtime, fmt.name)
