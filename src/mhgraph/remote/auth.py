"""HTTP Digest authentication that works for large request bodies.

urllib answers a Digest challenge by sending the request again, so the first attempt goes
out without credentials, body and all. A server such as Virtuoso rejects it at once and
closes the connection while a megabyte upload is still being written, which ends in a broken
pipe. Asking for the challenge with an empty request first lets the real request carry its
``Authorization`` header from the start.
"""

from __future__ import annotations

import urllib.error
import urllib.request

from .faults import ServerFault


def digest_authorization(
    url: str, method: str, user: str, password: str, *, timeout: float, server: str
) -> str | None:
    """The ``Authorization`` value for ``method url``; None when the server asks for none."""
    probe = urllib.request.Request(url, data=b"", method=method)
    try:
        with urllib.request.build_opener().open(probe, timeout=timeout) as response:
            response.read()
        return None
    except urllib.error.HTTPError as err:
        if err.code != 401:
            return None
        challenge = err.headers.get("WWW-Authenticate", "")
    scheme, _, parameters = challenge.partition(" ")
    if scheme.lower() != "digest":
        raise ServerFault(
            server,
            f"the server asks for {scheme or 'no known'} authentication, not digest",
            "use --auth basic (MHGRAPH_AUTH)",
        )
    fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(parameters))
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, password)
    handler = urllib.request.HTTPDigestAuthHandler(passwords)
    answer = handler.get_authorization(urllib.request.Request(url, method=method), fields)
    if answer is None:
        raise ServerFault(server, "cannot answer the digest challenge", "check --user")
    return f"Digest {answer}"
