"""What can go wrong between us and a store, said in one line, and when to try again.

Every failure of the network or the server becomes a :class:`ServerFault`: which server
(its URL without credentials), what happened, and what to try. Reads are idempotent, so
:func:`retrying` repeats them with exponential backoff when the fault may pass (refused or
dropped connections, overload, 5xx); writes are never repeated blindly.
"""

from __future__ import annotations

import ast
import http.client
import socket
import ssl
import time
import urllib.error
from collections.abc import Callable
from typing import TypeVar

from SPARQLWrapper import SPARQLExceptions

from ..errors import ServerFault

T = TypeVar("T")

# SPARQLWrapper turns these statuses into its own exceptions and keeps only the body.
_WRAPPER_STATUS = {
    SPARQLExceptions.QueryBadFormed: 400,
    SPARQLExceptions.Unauthorized: 401,
    SPARQLExceptions.EndPointNotFound: 404,
    SPARQLExceptions.URITooLong: 414,
    SPARQLExceptions.EndPointInternalError: 500,
}
_RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
_STATUS_HINTS = {
    400: "the server refused the request as malformed; its message says why",
    401: "check --user and --password, or --token (MHGRAPH_USER, MHGRAPH_PASSWORD, MHGRAPH_TOKEN)",
    403: "the account may not do this; check its rights on the server",
    404: "check the URL; --store fills in the paths each kind of server expects",
    405: "this URL does not take this operation; check --update-endpoint or --gsp-endpoint",
    413: "the request is too large for the server; push with a smaller --chunk-size",
    414: "the query is too long for a GET request",
    415: "the server does not accept this content type here",
    429: "the server is rate-limiting; try again later",
}
_BODY_EXCERPT = 200


def fault_from(err: BaseException, server: str, timeout: float) -> ServerFault:
    """Describe an exception raised while talking to ``server``."""
    status = _status(err)
    if status is not None:
        return _http_fault(server, status, _reason(err), _body(err))
    reason = err.reason if isinstance(err, urllib.error.URLError) else err
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return ServerFault(
            server,
            f"no answer within {timeout:g} s",
            "the server may be overloaded or the query too heavy; raise --timeout "
            "(MHGRAPH_TIMEOUT) or try again later",
        )
    if isinstance(reason, ConnectionRefusedError):
        return ServerFault(
            server,
            "connection refused",
            "is the SPARQL server running at that address and port? check --endpoint",
            retryable=True,
        )
    if isinstance(reason, socket.gaierror):
        return ServerFault(
            server, "unknown host", "check the host name in --endpoint", retryable=True
        )
    if isinstance(reason, ssl.SSLError):
        return ServerFault(
            server, f"TLS failed ({reason.reason or reason})", "check the https URL and certificate"
        )
    if isinstance(reason, (ConnectionError, http.client.HTTPException, EOFError)):
        return ServerFault(
            server,
            f"the connection broke off ({type(reason).__name__})",
            "the server or a proxy dropped the connection; try again, and check the server's log",
            retryable=True,
        )
    if isinstance(reason, OSError):
        return ServerFault(
            server,
            f"network error: {reason.strerror or reason}",
            "check the URL and the network",
            retryable=True,
        )
    return ServerFault(server, f"request failed: {err}", "check the URL and the server")


def malformed(server: str, what: str) -> ServerFault:
    """The server answered, but not with what the protocol promises."""
    return ServerFault(
        server,
        f"malformed answer: {what}",
        "is this URL a SPARQL endpoint? check --endpoint, or --store for the paths "
        "your server expects",
    )


def retrying(
    call: Callable[[], T],
    *,
    attempts: int,
    backoff: float,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run an idempotent ``call``, waiting ``backoff``, 2×, 4×… between failed attempts."""
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except ServerFault as fault:
            if not fault.retryable or attempt == attempts:
                if attempt > 1:
                    fault.message += f" (after {attempt} attempts)"
                raise
            sleep(backoff * 2 ** (attempt - 1))
    raise AssertionError("attempts must be at least 1")


def _http_fault(server: str, status: int, reason: str, body: str) -> ServerFault:
    what = f"HTTP {status}" + (f" {reason}" if reason else "")
    if body:
        what += f": {body}"
    if status >= 500:
        hint = "the server failed; check its log, or try again later"
    else:
        hint = _STATUS_HINTS.get(status, "the server refused the request")
    return ServerFault(server, what, hint, retryable=status in _RETRYABLE_STATUS, status=status)


def _status(err: BaseException) -> int | None:
    if isinstance(err, urllib.error.HTTPError):
        return err.code
    for kind, status in _WRAPPER_STATUS.items():
        if isinstance(err, kind):
            return status
    return None


def _reason(err: BaseException) -> str:
    if isinstance(err, urllib.error.HTTPError):
        return str(err.reason or http.client.responses.get(err.code, ""))
    status = _status(err)
    return http.client.responses.get(status, "") if status else ""


def _body(err: BaseException) -> str:
    """The first words of the server's own message, on one line."""
    if isinstance(err, urllib.error.HTTPError):
        try:
            raw = err.read()
        except OSError:
            raw = b""
    else:
        raw = _wrapper_body(err)
    text = " ".join(raw.decode("utf-8", "replace").split())
    return text if len(text) <= _BODY_EXCERPT else text[: _BODY_EXCERPT - 1] + "…"


def _wrapper_body(err: BaseException) -> bytes:
    """SPARQLWrapper keeps the body only inside its message, as the ``repr`` of the bytes."""
    _, marker, response = str(err).partition("Response:\n")
    try:
        body = ast.literal_eval(response.strip()) if marker else b""
    except (ValueError, SyntaxError):
        return response.encode("utf-8")
    return body if isinstance(body, bytes) else str(body).encode("utf-8")
