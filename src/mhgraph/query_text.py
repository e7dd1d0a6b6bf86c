"""What a SPARQL text says about itself, read from its tokens without parsing it.

Parsing with rdflib's grammar costs more than answering a query on the cached graph, and
Oxigraph parses the query anyway when it runs it. Strings, IRIs and comments are skipped
whole when the update keywords are looked for, so a word inside them is never mistaken for
one; FROM and SERVICE, which would reach outside the graph, are looked for everywhere.
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
#: Keywords that change the graph (SPARQL Update): a text holding any of them is left to the
#: full parser, which refuses it with its reasons. (Oxigraph would refuse such a text as a
#: query anyway; the full parser only names the refusal.)
_GUARDED = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
    | {"USING"}
)
#: The words that reach outside the graph, FROM (NAMED) and SERVICE, looked for anywhere in
#: the text, inside strings, IRIs, comments and names too, and any codepoint escape that could
#: spell one. Tokens cannot settle it: Oxigraph reads ``<`` as an IRI or as less-than by
#: context (``FILTER(?a<ex:b)SERVICE#>`` hides SERVICE in what looks like an IRI), matches a
#: keyword without a word boundary (``SERVICEex:g``) and takes ``:\'`` as a name, not the
#: start of a string; and Oxigraph calls a SERVICE endpoint itself. A text with either word
#: anywhere goes to the full parser, which refuses it or lets it pass.
_OUTSIDE = re.compile(r"from|service|\\[uU]", re.IGNORECASE)


def tokens(text: str) -> Iterator[re.Match[str]]:
    return TOKEN.finditer(text)


def may_leave_the_graph(text: str) -> bool:
    """Whether ``text`` might name a dataset (FROM, FROM NAMED) or call SERVICE; False only
    when it certainly does neither, whatever it is."""
    return _OUTSIDE.search(text) is not None


def plain_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE when ``text`` is a query that can neither leave the
    graph nor change it; None when only the full parser can tell (or refuse it)."""
    if may_leave_the_graph(text):
        return None
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
