"""What a SPARQL text says about itself, read from its tokens without parsing it.

Parsing with rdflib's grammar costs more than answering a query on the cached graph, and
Oxigraph parses the query anyway when it runs it. Strings, IRIs and comments are skipped
whole, so a word inside them is never mistaken for a keyword.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

TOKEN = re.compile(
    r'(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|\#[^\n]*)"
    r"|(?P<word>[?$]?[\w](?:[\w.:%-]|\\.)*)"
    r"|(?P<open>\{)|(?P<close>\})"
    r"|(?P<other>\S)",
)

_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
#: Keywords that reach outside the graph (FROM, SERVICE) or change it (SPARQL Update): a
#: text holding any of them is left to the full parser, which refuses it with its reasons.
_GUARDED = frozenset(
    {"FROM", "SERVICE", "INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE"}
    | {"COPY", "WITH", "USING"}
)


def tokens(text: str) -> Iterator[re.Match[str]]:
    return TOKEN.finditer(text)


def plain_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE when ``text`` is a query that names none of the
    guarded keywords; None when only the full parser can tell (or refuse it)."""
    form = None
    for match in tokens(text):
        if match.lastgroup != "word":
            continue
        word = match.group().upper()
        if word in _GUARDED:
            return None
        if form is None and word in _FORMS:
            form = word
    return form
