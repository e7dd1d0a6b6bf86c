"""HTTP validators and conditional requests: caches and clients ask again cheaply.

Every successful answer to GET or HEAD carries an ``ETag`` made of the graph's content hash
and a hash of the bytes sent, a ``Last-Modified`` that is the edition's date (from the data's
content, :mod:`mhgraph.publish.edition`, never the server's start), and ``Cache-Control``;
a request whose ``If-None-Match`` or ``If-Modified-Since`` shows the client already has it
gets ``304 Not Modified`` without a body.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime
from functools import cached_property

from .web import Request, Response

#: Pages and answers may be kept five minutes, and by shared caches: the graph is public.
CACHE_CONTROL = "public, max-age=300"


@dataclass(frozen=True)
class Validators:
    """What the answers of one server are validated by: the content hash of its graph
    (``sha256:…``) and the date of its edition."""

    content: str
    modified: datetime.date

    @property
    def last_modified(self) -> datetime.datetime:
        return datetime.datetime.combine(self.modified, datetime.time(), datetime.UTC)

    @cached_property
    def last_modified_header(self) -> str:
        """The ``Last-Modified`` of every answer, written once."""
        return format_datetime(self.last_modified, True)

    def etag(self, body: bytes) -> str:
        graph = self.content.removeprefix("sha256:")[:16]
        return f'"{graph}-{hashlib.sha256(body).hexdigest()[:16]}"'

    def apply(self, request: Request, response: Response) -> Response:
        """``response`` with its validators, or 304 when the client's copy is current."""
        if request.method not in ("GET", "HEAD") or response.status != 200:
            return response
        headers = [("Last-Modified", self.last_modified_header)]
        if not any(name == "Cache-Control" for name, _ in response.headers):
            headers.append(("Cache-Control", CACHE_CONTROL))
        if not isinstance(response.body, bytes):
            # Sent as it is made: no hash of its bytes before they are sent, so no ETag and
            # no 304, which would stop a query already under way.
            response.headers += headers
            return response
        etag = self.etag(response.body)
        response.headers += [("ETag", etag), *headers]
        if self._current(request, etag):
            kept = [(n, v) for n, v in response.headers if n not in ("Content-Location",)]
            return Response(304, b"", response.content_type, kept)
        return response

    def _current(self, request: Request, etag: str) -> bool:
        """RFC 9110, 13.2.2: If-None-Match decides when present, else If-Modified-Since."""
        wanted = request.header("If-None-Match")
        if wanted:
            tags = {tag.strip().removeprefix("W/") for tag in wanted.split(",")}
            return "*" in tags or etag in tags
        since = request.header("If-Modified-Since")
        if not since:
            return False
        try:
            date = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False  # an unreadable date is ignored, as the RFC says
        if date.tzinfo is None:
            date = date.replace(tzinfo=datetime.UTC)
        return self.last_modified <= date
