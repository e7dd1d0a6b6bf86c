"""What an input file may not make the tool do: fetch a URL, read another file, or blow up.

Every RDF file is checked here before a parser sees it, whichever engine parses it:

- JSON-LD names contexts by IRI (``"@context": "https://…"``, ``"@import"``), and rdflib's
  parser fetches them, from the web or from local disk (``file:///…``). A file is data, not a
  licence to make requests, so no context is ever fetched: the context the project publishes
  is put in place from the copy the package holds, and any other reference is refused.
- RDF/XML may declare entities in a DOCTYPE, which expand exponentially ("billion laughs")
  or name external files. RDF needs neither, so a DOCTYPE or ENTITY declaration is refused.
- A base IRI under ``file:`` (``@base <file:///etc/>``) makes the graph's IRIs name files on
  the computer that builds it; it is refused in every syntax that can declare one.

The text checked is the text parsed: the caller hands the parser what this returns.
"""

from __future__ import annotations

import json
import re

from .errors import RDFSyntaxError, UnsafeInputError
from .namespaces import BASE_IRI, PREFIXES

#: Contexts the project ships, by the IRI they are published at, with their content.
SHIPPED_CONTEXTS: dict[str, dict[str, str]] = {BASE_IRI + "context.jsonld": dict(PREFIXES)}

_DECLARATION = re.compile(r"<!(DOCTYPE|ENTITY)\b")
_FILE_BASE = re.compile(r"""(@base|\bBASE|"@base"\s*:|xml:base\s*=)\s*["'<]\s*file:""", re.I)


def checked_text(text: str, rdf_format: str, label: str) -> str:
    """``text`` as it may be parsed, or :class:`UnsafeInputError` naming file and line."""
    _refuse_file_base(text, label)
    if rdf_format == "xml":
        _refuse_declarations(text, label)
    elif rdf_format == "json-ld":
        return _with_local_contexts(text, label)
    return text


def _refuse_file_base(text: str, label: str) -> None:
    found = _FILE_BASE.search(text)
    if found:
        raise UnsafeInputError(
            "a base IRI under file: is refused: the graph's IRIs would name files on this computer",
            file=label,
            line=_line_of(text, found.start()),
            hint="use an http(s) base IRI, or write the IRIs out in full",
        )


def _refuse_declarations(text: str, label: str) -> None:
    found = _DECLARATION.search(text)
    if found:
        raise UnsafeInputError(
            f"RDF/XML with a {found.group(1)} declaration is refused: entities can expand "
            "without bound or read other files",
            file=label,
            line=_line_of(text, found.start()),
            hint="remove the DOCTYPE and write the values out",
        )


def _with_local_contexts(text: str, label: str) -> str:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise RDFSyntaxError(
            f"json-ld syntax error: {err.msg}", file=label, line=err.lineno
        ) from None
    contexts = _Contexts(text, label)
    changed = contexts.walk(document)
    # Unchanged text keeps its lines for the parser's own error messages.
    return json.dumps(changed, ensure_ascii=False, indent=1) if contexts.replaced else text


class _Contexts:
    """Every ``@context`` and ``@import`` in a document, put in place or refused."""

    def __init__(self, text: str, label: str) -> None:
        self.text = text
        self.label = label
        self.replaced = False

    def walk(self, node: object) -> object:
        if isinstance(node, list):
            return [self.walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        return {
            key: self.context(value) if key == "@context" else self.walk(value)
            for key, value in node.items()
        }

    def context(self, value: object) -> object:
        if isinstance(value, list):
            return [self.context(item) for item in value]
        if isinstance(value, str):
            return self.local(value)
        if isinstance(value, dict) and "@import" in value:
            imported = self.local(value["@import"])
            rest = {key: item for key, item in value.items() if key != "@import"}
            return self.walk({**imported, **rest})  # the importing context's terms win
        return self.walk(value)

    def local(self, reference: object) -> dict[str, str]:
        shipped = SHIPPED_CONTEXTS.get(reference) if isinstance(reference, str) else None
        if shipped is None:
            position = self.text.find(json.dumps(reference)[1:-1]) if reference else -1
            raise UnsafeInputError(
                f"the JSON-LD context {reference!r} is not fetched: a file may not make this "
                "tool read a URL or another file",
                file=self.label,
                line=_line_of(self.text, position) if position >= 0 else None,
                hint='put the context in the file itself ("@context": {…})',
            )
        self.replaced = True
        return dict(shipped)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
