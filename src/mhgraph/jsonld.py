"""JSON-LD as every processor reads it, whatever the graph holds.

rdflib writes a blank node that is a type as ``"@type": {"@id": "_:b0"}``. JSON-LD 1.1
allows only strings there (``"_:b0"``), and jsonld.js and pyld reject the whole document,
so :func:`tidy` rewrites such values. The closure no longer types anything with an
anonymous class, but an asserted graph or a CONSTRUCT answer still may.
"""

from __future__ import annotations

import json


def tidy(text: str) -> str:
    """``text`` (rdflib's JSON-LD) with every ``@type`` value a string."""
    document = json.loads(text)
    if not _tidy(document):
        return text
    return json.dumps(document, indent=2, ensure_ascii=False)


def _tidy(node: object) -> bool:
    """Rewrite ``node`` in place; whether anything changed."""
    changed = False
    if isinstance(node, list):
        for item in node:
            changed |= _tidy(item)
    elif isinstance(node, dict):
        if "@type" in node and "@value" not in node:
            types = node["@type"]
            items = types if isinstance(types, list) else [types]
            strings = [_as_string(item) for item in items]
            if strings != items:
                node["@type"] = strings if isinstance(types, list) else strings[0]
                changed = True
        for key, value in node.items():
            if key != "@type":
                changed |= _tidy(value)
    return changed


def _as_string(item: object) -> object:
    if isinstance(item, dict) and set(item) == {"@id"}:
        return item["@id"]
    return item
