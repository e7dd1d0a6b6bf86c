"""JSON-LD as every processor reads it, whatever the graph holds.

:func:`write_jsonld` writes a graph from Oxigraph's terms a subject at a time, straight to a
stream, without a document in memory: the contract's prefixes (or a publication's) as the
``@context``, then a flat ``@graph`` with one node object per subject. The node objects are
compacted as rdflib compacts them with the same context: ``@id`` and ``@type`` as prefixed
names, a plain string as a JSON string, an integer or a boolean in its canonical form as a
JSON number or boolean, a language-tagged string as ``{"@language", "@value"}``, any other
literal as ``{"@type", "@value"}``, an IRI or a blank node as ``{"@id"}``, a property with
several values as an array. Two things are simpler than rdflib's document, so that nothing
needs to be held back: the ``@graph`` array is there even for a single node, and an RDF list
stays the ``rdf:first``/``rdf:rest`` nodes it is in the graph, not an ``@list``. A double is
written with its datatype rather than as a JSON number, which processors would read back as
an integer when it has no fraction. jsonld.js and pyld read every document as the graph it
was written from (``tests/test_jsonld.py``).

rdflib, which still writes JSON-LD for the reference engine and for rdflib graphs, writes a
blank node that is a type as ``"@type": {"@id": "_:b0"}``. JSON-LD 1.1 allows only strings
there (``"_:b0"``), and jsonld.js and pyld reject the whole document, so :func:`tidy` rewrites
such values; :func:`write_jsonld` writes the string from the start.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from json.encoder import encode_basestring as _quoted
from typing import BinaryIO

import pyoxigraph as ox

from .engines.subjects import Graph, Group, by_subject, grouped
from .errors import FormatError

__all__ = ["jsonld_bytes", "tidy", "write_jsonld"]

#: A store (every graph, or the named ones), or triples or quads (their graphs ignored).
Source = ox.Store | Iterable[ox.Triple | ox.Quad]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#: Integers a JSON number holds exactly in every processor (JavaScript's doubles: 2**53).
_NATIVE_INTEGER = re.compile(r"-?(?:0|[1-9]\d{0,14})")
_NATIVE_BOOLEAN = {"true", "false"}
#: The characters a JSON-LD 1.1 prefix may end with (gen-delims), so that it compacts.
_GEN_DELIMS = tuple(":/?#[]@")


def write_jsonld(
    source: Source,
    context: Mapping[str, str],
    stream: BinaryIO,
    *,
    graphs: Sequence[Graph] | None = None,
) -> None:
    """Write ``source`` to ``stream`` as one JSON-LD document with ``context`` (prefix →
    namespace) as its ``@context``.

    ``source`` is an Oxigraph store, read a subject at a time (``graphs``: the union of these
    graphs only, not every graph of the store), or triples or quads, whose graph names are
    ignored. A triple stated twice is written once. Raises
    :class:`~mhgraph.errors.FormatError` for a triple term (RDF 1.2), which JSON-LD 1.1
    cannot hold.
    """
    groups = by_subject(source, graphs) if isinstance(source, ox.Store) else grouped(source)
    writer = _NodeWriter(context)
    head = json.dumps({"@context": dict(context)}, indent=2, sort_keys=True, ensure_ascii=False)
    stream.write(head[:-2].encode("utf-8") + b',\n  "@graph": [')
    separator = "\n"
    for group in groups:
        stream.write((separator + writer.node(group)).encode("utf-8"))
        separator = ",\n"
    stream.write(b"\n  ]\n}\n" if separator != "\n" else b"]\n}\n")


def jsonld_bytes(
    source: Source, context: Mapping[str, str], *, graphs: Sequence[Graph] | None = None
) -> bytes:
    """:func:`write_jsonld` into bytes: a page, an answer, anything small."""
    buffer = io.BytesIO()
    write_jsonld(source, context, buffer, graphs=graphs)
    return buffer.getvalue()


class _NodeWriter:
    """Node objects as text, compacted with one context."""

    def __init__(self, context: Mapping[str, str]) -> None:
        self._namespaces = {
            namespace: prefix
            for prefix, namespace in context.items()
            if namespace.endswith(_GEN_DELIMS) and prefix != "_" and not prefix.startswith("@")
        }
        self._delimiters = sorted({namespace[-1] for namespace in self._namespaces})
        #: Predicates, types and datatypes are few and repeat: compacted once each.
        self._compacted: dict[str, str] = {}
        #: Objects repeat too (classes, organisations, statuses): the latest ones are kept.
        self._referenced = lru_cache(maxsize=1 << 16)(self._compact)

    def node(self, group: Group) -> str:
        subject, pairs = group
        types: list[str] = []
        properties: dict[str, list[str]] = {}
        for predicate, obj in pairs:
            if predicate.value == _RDF_TYPE and not isinstance(obj, ox.Literal):
                types.append(self._reference(obj))
                continue
            key = self._quoted_name(predicate.value)
            properties.setdefault(key, []).append(self._value(obj))
        lines = [f'      "@id": {_quoted(self._reference(subject))}']
        if len(types) == 1:
            lines.append(f'      "@type": {_quoted(types[0])}')
        elif types:
            lines.append(f'      "@type": [{", ".join(_quoted(t) for t in types)}]')
        for key in sorted(properties):
            values = properties[key]
            if len(values) == 1:
                lines.append(f"      {key}: {values[0]}")
            else:
                inner = ",\n        ".join(values)
                lines.append(f"      {key}: [\n        {inner}\n      ]")
        return "    {\n" + ",\n".join(lines) + "\n    }"

    def _value(self, term: object) -> str:
        if isinstance(term, ox.Literal):
            text = term.value
            if term.language:
                return f'{{"@language": {_quoted(term.language)}, "@value": {_quoted(text)}}}'
            datatype = term.datatype.value
            if datatype == _XSD + "string":
                return _quoted(text)
            if datatype == _XSD + "integer" and _NATIVE_INTEGER.fullmatch(text):
                return text
            if datatype == _XSD + "boolean" and text in _NATIVE_BOOLEAN:
                return text
            return f'{{"@type": {self._quoted_name(datatype)}, "@value": {_quoted(text)}}}'
        return f'{{"@id": {_quoted(self._reference(term))}}}'

    def _reference(self, term: object) -> str:
        """What ``@id`` and ``@type`` hold: a prefixed name or IRI, or ``_:label``."""
        if isinstance(term, ox.NamedNode):
            return self._referenced(term.value)
        if isinstance(term, ox.BlankNode):
            return "_:" + term.value
        raise FormatError(
            f"JSON-LD cannot hold the triple term {term}",
            hint="write the graph as Turtle, TriG or N-Triples",
        )

    def _quoted_name(self, iri: str) -> str:
        found = self._compacted.get(iri)
        if found is None:
            found = self._compacted[iri] = _quoted(self._compact(iri))
        return found

    def _compact(self, iri: str) -> str:
        """``prefix:local`` for the longest namespace of the context that ``iri`` starts
        with, else the IRI itself; never a local part that starts with ``//``, which
        processors read as an IRI of the scheme ``prefix``."""
        end = len(iri)
        while end > 0:
            cut = max(iri.rfind(delimiter, 0, end) for delimiter in self._delimiters) + 1
            if cut <= 0:
                break
            prefix = self._namespaces.get(iri[:cut])
            if prefix is not None and not iri.startswith("//", cut):
                return f"{prefix}:{iri[cut:]}"
            end = cut - 1
        return iri


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
