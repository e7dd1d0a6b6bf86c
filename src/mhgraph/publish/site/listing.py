"""The activities list with its facets, and the search index, both built at publish time.

The list is a plain table that reads without script; each row carries its facet values as
``data-`` attributes, which ``assets/site.js`` filters on, counts, and writes into the URL.
The search index is JSON (wrapped in one assignment, so that a page opened from disk can
load it with a script element): for each activity, result, action line, organisation,
legal instrument, country and region its number, labels in both languages, short names and
descriptions, searched in the browser.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from rdflib import DCTERMS, RDF, SKOS, Literal, URIRef
from rdflib.term import Node

from .document import Badge, Reader
from .i18n import LANGUAGES

#: The facets of the list: URL parameter, interface word, and the property that gives values.
FACETS = (
    ("status", "status"),
    ("line", "action_line"),
    ("result", "result"),
    ("org", "organisation"),
    ("role", "role"),
    ("place", "country_region"),
    ("exploitation", "exploitation"),
    ("target", "target_group"),
    ("type", "activity_type"),
)


@dataclass
class Choice:
    key: str
    label: str
    count: int
    badge: Badge | None = None


@dataclass
class Facet:
    name: str
    label: str
    choices: list[Choice]


@dataclass
class Entry:
    number: str
    title: str
    href: str | None
    status: Badge | None
    line: str
    result: str
    data: dict[str, str] = field(default_factory=dict)


def key_of(node: Node) -> str:
    """A value's key in the URL: the last segment of its IRI (unique within a facet)."""
    return str(node).rstrip("/").rsplit("/", 1)[-1]


def activities(reader: Reader, page: str) -> tuple[list[Entry], list[Facet]]:
    """Every activity as a row of the list, and the facets with their overall counts."""
    mh = reader.mh
    g = reader.g
    labels: dict[str, dict[str, str]] = {name: {} for name, _ in FACETS}
    badges: dict[str, Badge] = {}
    counts: dict[str, Counter] = {name: Counter() for name, _ in FACETS}
    order: dict[str, dict[str, tuple]] = {name: {} for name, _ in FACETS}
    entries = []
    for activity in sorted(g.subjects(RDF.type, mh.Activity), key=reader.sort):
        values: dict[str, set[str]] = {name: set() for name, _ in FACETS}

        def add(
            facet: str,
            node: Node,
            key: str | None = None,
            label: str | None = None,
            values: dict[str, set[str]] = values,
        ) -> None:
            key = key or key_of(node)
            values[facet].add(key)
            labels[facet].setdefault(key, label or reader.label(node))
            order[facet].setdefault(key, reader.sort(node))

        status = g.value(activity, mh.status)
        badge = reader.badge(activity, page)
        if status is not None and badge is not None:
            add("status", status, key=badge.notation)
            badges[badge.notation] = badge
        lines = set(g.objects(activity, mh.partOf)) if (activity, mh.partOf, None) in g else set()
        line = result = ""
        for container in lines:
            if (container, RDF.type, mh.ActionLine) in g:
                line = reader.number(container)
                add("line", container, key=line, label=f"{line}. {reader.label(container)}")
            elif (container, RDF.type, mh.Result) in g:
                result = reader.number(container)
                add("result", container, key=result, label=f"{result}. {reader.label(container)}")
        pairs = set()
        for role in reader.roles:
            for organisation in g.objects(activity, role):
                add("org", organisation)
                add("role", role)
                pairs.add(f"{key_of(organisation)}@{key_of(role)}")
        for organisation in reader.graph.asserted.objects(activity, mh.involves):
            add("org", organisation)
            add("role", mh.involves)
            pairs.add(f"{key_of(organisation)}@{key_of(mh.involves)}")
        for predicate in (mh.country, mh.region):
            for place in g.objects(activity, predicate):
                add("place", place)
                for region in g.objects(place, mh.inRegion):
                    add("place", region)
        for facet, predicate in (
            ("exploitation", mh.exploitationForm),
            ("target", mh.targetGroup),
            ("type", mh.activityType),
        ):
            for concept in g.objects(activity, predicate):
                add(facet, concept)
        for facet, found in values.items():
            counts[facet].update(found)
        # Organisations with their roles as pairs ("ind@executor"): the facets of both read them.
        data = {
            facet: " ".join(sorted(found))
            for facet, found in values.items()
            if facet not in ("org", "role")
        }
        data["org"] = " ".join(sorted(pairs))
        entries.append(
            Entry(
                reader.number(activity),
                reader.label(activity),
                reader.graph.href(activity, page),
                badge,
                line,
                result,
                data,
            )
        )
    facets = []
    for name, word in FACETS:
        choices = [
            Choice(
                key,
                labels[name][key],
                counts[name][key],
                badges.get(key) if name == "status" else None,
            )
            for key in labels[name]
        ]
        if name in ("org", "place", "target", "type", "exploitation"):
            choices.sort(key=lambda c: (-c.count, c.label.lower()))
        elif name == "status":
            choices.sort(key=lambda c: reader.status_order(c.key))
        else:
            choices.sort(key=lambda c: order[name][c.key])
        facets.append(Facet(name, reader.t(word), choices))
    return entries, facets


def search_index(reader: Reader) -> bytes:
    """The search index as a script: ``window.mhgraphSearch = {…}``, paths from the root."""
    mh = reader.mh
    g = reader.g
    graph = reader.graph
    kinds = (
        mh.ActionLine,
        mh.Result,
        mh.Activity,
        mh.Organisation,
        mh.LegalInstrument,
        mh.Country,
        mh.Region,
    )
    items = []
    seen: set[Node] = set()
    for kind in kinds:
        members = [m for m in g.subjects(RDF.type, kind) if isinstance(m, URIRef)]
        for node in sorted(members, key=reader.sort):
            path = graph.pages.get(node)
            if node in seen or path is None:
                continue
            seen.add(node)
            labels = graph.labels(node)
            words = [str(v) for v in g.objects(node, SKOS.altLabel)]
            words += [
                str(v)
                for p in (DCTERMS.description, SKOS.definition)
                for v in g.objects(node, p)
                if isinstance(v, Literal)
            ]
            words += [
                str(v)
                for p in (DCTERMS.identifier, mh.isoAlpha2, mh.dossierNumber)
                for v in g.objects(node, p)
            ]
            status = g.value(node, mh.status)
            items.append(
                {
                    "n": reader.number(node),
                    "l": {lang: graph.label(node, lang) for lang in LANGUAGES},
                    "k": {
                        lang: graph.label(reader.kind_class(node) or kind, lang)
                        for lang in LANGUAGES
                    },
                    "a": sorted({str(v) for v in g.objects(node, SKOS.altLabel)}),
                    "s": key_of(status) if status is not None else "",
                    "u": path,
                    "w": " ".join([*labels.values(), *words]),
                }
            )
    body = json.dumps({"items": items}, ensure_ascii=False, separators=(",", ":"))
    return f"window.mhgraphSearch = {body};\n".encode()
