"""The little HTTP the server needs on top of WSGI: a request, a response, an HTTP error.

Kept apart from the routes so that every handler is a plain function of a request, testable
without a socket, and so that the size limits are enforced in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Protocol
from urllib.parse import parse_qs, quote


def quote_path(path: str) -> str:
    """A decoded URL path as it may stand in a header (``Location``), percent-encoded."""
    return quote(path, safe="/:@!$&'()*+,;=-._~")


class HTTPError(Exception):
    """An answer other than success, with a message a person can act on."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        hint: str | None = None,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.hint = hint
        self.headers = headers

    def text(self) -> str:
        """The message with its hint, as a plain-text error body."""
        return self.message + (f" ({self.hint})" if self.hint else "")


class Body(Protocol):
    """A body sent as it is made: its chunks, and what to do when it is done or abandoned."""

    def __iter__(self) -> Iterator[bytes]: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Streamed:
    """An answer whose body is sent as it is made, with no length known beforehand."""

    content_type: str
    body: Body


@dataclass
class Response:
    """A whole response, built before anything is sent, so an error found late still gets a
    proper status instead of a half-sent page."""

    status: int
    body: bytes | Body
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def text(cls, status: int, text: str, content_type: str = "text/plain") -> Response:
        """A text response in UTF-8, with the charset said so no browser guesses."""
        return cls(status, text.encode("utf-8"), f"{content_type}; charset=utf-8")

    @classmethod
    def redirect(cls, location: str, status: int = 303) -> Response:
        """A redirect; 303 by default, as the URI strategy has a thing's IRI see its page."""
        response = cls.text(status, f"See {location}\n")
        response.headers.append(("Location", location))
        return response

    def status_line(self) -> str:
        """``200 OK``, as WSGI wants it."""
        return f"{self.status} {HTTPStatus(self.status).phrase}"


class Request:
    """One request, with its body read at most once and never beyond ``max_body`` bytes."""

    def __init__(self, environ: dict, max_body: int) -> None:
        self.environ = environ
        self.max_body = max_body
        self.method = environ.get("REQUEST_METHOD", "GET").upper()
        # WSGI hands the decoded path over as latin-1 text; the URL itself is UTF-8.
        raw = environ.get("PATH_INFO", "") or "/"
        self.path = raw.encode("latin-1").decode("utf-8", "replace")
        query_string = environ.get("QUERY_STRING", "")
        if len(environ.get("REQUEST_URI") or raw + query_string) > max_body:
            raise HTTPError(
                414,
                f"the URL is longer than {max_body} bytes",
                hint="send a long query with POST",
            )
        self.query = parse_qs(query_string, keep_blank_values=True)
        self._body: bytes | None = None

    @property
    def client(self) -> str:
        """The client's address, which the limit on concurrent queries is counted by."""
        return str(self.environ.get("REMOTE_ADDR", ""))

    def header(self, name: str, default: str = "") -> str:
        """A request header by its HTTP name (``Content-Type``), from the WSGI environment."""
        key = name.upper().replace("-", "_")
        if key not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            key = "HTTP_" + key
        return str(self.environ.get(key, default))

    @property
    def media_type(self) -> str:
        """The body's media type without parameters, lower case."""
        return self.header("Content-Type").split(";")[0].strip().lower()

    @property
    def charset(self) -> str:
        """The body's charset; UTF-8 when the client does not say, as SPARQL requires."""
        for part in self.header("Content-Type").split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset":
                return value.strip('"') or "utf-8"
        return "utf-8"

    def body(self) -> bytes:
        """The body, read once; raises a 413 :class:`HTTPError` beyond ``max_body`` bytes."""
        if self._body is None:
            self._body = self._read_body()
        return self._body

    def _read_body(self) -> bytes:
        length_text = self.header("Content-Length")
        try:
            length = int(length_text) if length_text else None
        except ValueError:
            raise HTTPError(400, "the Content-Length header is not a number") from None
        stream = self.environ["wsgi.input"]
        if length is not None and length > self.max_body:
            # Read what the client sends before answering: one that sends its whole body
            # before it reads would otherwise get a reset instead of the 413. The server
            # refuses, unread, a body beyond its own far larger limit.
            while length > 0 and (block := stream.read(min(length, 1 << 16))):
                length -= len(block)
            raise self._too_large()
        data: bytes = stream.read(length if length is not None else self.max_body + 1)
        if len(data) > self.max_body:
            raise self._too_large()
        return data

    def _too_large(self) -> HTTPError:
        return HTTPError(413, f"the request body is larger than {self.max_body} bytes")

    def text_body(self) -> str:
        """The body as text; raises a 400 :class:`HTTPError` when it does not decode."""
        try:
            return self.body().decode(self.charset)
        except (UnicodeDecodeError, LookupError):
            raise HTTPError(400, f"the request body is not valid {self.charset}") from None

    def params(self) -> dict[str, list[str]]:
        """The query-string parameters, plus those of a URL-encoded form body."""
        merged = {name: list(values) for name, values in self.query.items()}
        if self.method == "POST" and self.media_type == "application/x-www-form-urlencoded":
            for name, values in parse_qs(self.text_body(), keep_blank_values=True).items():
                merged.setdefault(name, []).extend(values)
        return merged
