"""What changed between two editions of the graph, for `mhgraph diff OLD NEW`.

The programme reports once a year. An edition is the curated data of one or more reports:
a project folder (its data/), any folder of RDF files, or one file. Editions are compared on
their asserted triples, so no reasoning is needed and a draft edition that does not validate
yet can still be compared. What is compared is what a reader of two reports looks for:
activities added or removed, changed statuses, new or dropped organisations, fundings and
their amounts, and the dates of activities and fundings.

An activity's status in an edition is that of its most recent assessment (mh:StatusAssessment,
by dcterms:date), so a folder that holds the assessments of a later report beside the
earlier ones shows the later status; without assessments the mh:status shortcut counts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD
from rdflib.term import Node

from .errors import ProjectError
from .formats import DIFF_FORMATS
from .loading import parse_file
from .namespaces import ID, MH, PREFIXES, bind_prefixes
from .project import RDF_SUFFIXES

#: What picks the nodes of one kind (activities, fundings, …) out of an edition.
Members = Callable[[Graph], set[Node]]

#: The kinds of change, in the order the text report lists them.
KINDS: tuple[str, ...] = (
    "activity-added",
    "activity-removed",
    "status-changed",
    "organisation-added",
    "organisation-removed",
    "funding-added",
    "funding-removed",
    "amount-changed",
    "date-changed",
)
HEADINGS = {
    "activity-added": "Activities added",
    "activity-removed": "Activities removed",
    "status-changed": "Status changes",
    "organisation-added": "Organisations added",
    "organisation-removed": "Organisations removed",
    "funding-added": "Fundings added",
    "funding-removed": "Fundings removed",
    "amount-changed": "Amounts changed",
    "date-changed": "Dates changed",
}
#: Formats `mhgraph diff --format` writes: two tabular ones and RDF (rdflib's names).
FORMATS = DIFF_FORMATS
ACTIVITY_DATES = (MH.startDate, MH.endDate, MH.expectedEndDate, MH.expectedEndPeriod)
FUNDING_DATES = (MH.startYear, MH.endYear)
ORGANISATION_NS = str(ID["organisatie/"])
NUMERIC = {XSD.decimal, XSD.integer, XSD.double, XSD.float}


@dataclass(frozen=True)
class Change:
    """One difference between the old and the new edition."""

    kind: str
    subject: Node
    property: URIRef | None = None
    old: Node | None = None
    new: Node | None = None

    def sort_key(self) -> tuple:
        return (KINDS.index(self.kind), _natural(self.subject), str(self.property or ""))


@dataclass(frozen=True)
class Comparison:
    """Two editions and what changed from the first to the second."""

    old: Graph
    new: Graph
    changes: tuple[Change, ...]

    def label(self, node: Node) -> str:
        """The English title (or the Dutch one) from whichever edition still has the node."""
        for graph in (self.new, self.old):
            labels = {
                lit.language: str(lit)
                for lit in graph.objects(node, SKOS.prefLabel)
                if isinstance(lit, Literal)
            }
            if labels:
                return labels.get("en") or labels.get("nl") or next(iter(labels.values()))
        return ""


def read_edition(path: Path) -> Graph:
    """The asserted triples of one edition: a project folder's data/, a folder, or a file."""
    if not path.exists():
        raise ProjectError(f"edition {path} does not exist", hint="give a folder or an RDF file")
    if path.is_dir() and (path / "data").is_dir() and (path / "ontology").is_dir():
        path = path / "data"
    files = (
        sorted(p for p in path.rglob("*") if p.suffix in RDF_SUFFIXES and p.is_file())
        if path.is_dir()
        else [path]
    )
    if not files:
        raise ProjectError(f"edition {path} holds no RDF files", hint="e.g. data/*.ttl")
    graph = Graph()
    for file in files:
        graph += parse_file(file)
    return bind_prefixes(graph)


def compare(old: Graph, new: Graph) -> Comparison:
    """Every change from ``old`` to ``new``, in report order."""
    changes = [
        *_added_and_removed(old, new, _activities, "activity"),
        *_status_changes(old, new),
        *_added_and_removed(old, new, _organisations, "organisation"),
        *_added_and_removed(old, new, _fundings, "funding"),
        *_amount_changes(old, new),
        *_date_changes(old, new, _activities, ACTIVITY_DATES),
        *_date_changes(old, new, _fundings, FUNDING_DATES),
    ]
    return Comparison(old, new, tuple(sorted(changes, key=Change.sort_key)))


def diff_paths(old: Path, new: Path) -> Comparison:
    return compare(read_edition(old), read_edition(new))


def current_status(graph: Graph, activity: Node) -> Node | None:
    """The status of the latest assessment of ``activity``, else its mh:status."""
    dated = [
        (_date_key(graph.value(assessment, DCTERMS.date)), str(assessment), status)
        for assessment in graph.subjects(MH.assessmentOf, activity)
        if (status := graph.value(assessment, MH.assessedStatus)) is not None
    ]
    if dated:
        return max(dated, key=lambda item: (item[0], item[1]))[2]
    return graph.value(activity, MH.status)


# --- writing -------------------------------------------------------------------------


def to_text(comparison: Comparison) -> str:
    """A report for a terminal: one section per kind of change, empty kinds left out."""
    if not comparison.changes:
        return "No changes.\n"
    lines: list[str] = []
    for kind in KINDS:
        group = [c for c in comparison.changes if c.kind == kind]
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(f"{HEADINGS[kind]} ({len(group)})")
        lines.extend(_text_line(comparison, change) for change in group)
    return "\n".join(lines) + "\n"


def to_csv(comparison: Comparison) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["change", "subject", "label", "property", "old", "new"])
    for change in comparison.changes:
        writer.writerow(
            [
                change.kind,
                _name(change.subject),
                comparison.label(change.subject),
                _name(change.property),
                _name(change.old),
                _name(change.new),
            ]
        )
    return out.getvalue()


def to_graph(comparison: Comparison) -> Graph:
    """Each change as an mh:Change node (see the ontology), for loading beside the graph."""
    graph = bind_prefixes(Graph())
    for change in comparison.changes:
        node = BNode()
        graph.add((node, RDF.type, MH.Change))
        graph.add((node, MH.changeKind, Literal(change.kind)))
        graph.add((node, MH.changedResource, change.subject))
        if change.property is not None:
            graph.add((node, MH.changedProperty, change.property))
        if change.old is not None:
            graph.add((node, MH.oldValue, change.old))
        if change.new is not None:
            graph.add((node, MH.newValue, change.new))
    return graph


def render(comparison: Comparison, fmt: str) -> str:
    if fmt == "text":
        return to_text(comparison)
    if fmt == "csv":
        return to_csv(comparison)
    if fmt in FORMATS:
        return to_graph(comparison).serialize(format=fmt)
    raise ValueError(f"unknown diff format {fmt}")


# --- what is compared ---------------------------------------------------------------


def _activities(graph: Graph) -> set[Node]:
    return set(graph.subjects(RDF.type, MH.Activity))


def _fundings(graph: Graph) -> set[Node]:
    return set(graph.subjects(RDF.type, MH.Funding))


def _organisations(graph: Graph) -> set[Node]:
    """Typed nodes in the organisation namespace: no class hierarchy needed."""
    return {s for s in graph.subjects(RDF.type, None) if str(s).startswith(ORGANISATION_NS)}


def _added_and_removed(old: Graph, new: Graph, members: Members, noun: str) -> Iterator[Change]:
    before, after = members(old), members(new)
    for node in after - before:
        yield Change(f"{noun}-added", node)
    for node in before - after:
        yield Change(f"{noun}-removed", node)


def _status_changes(old: Graph, new: Graph) -> Iterator[Change]:
    for activity in _activities(old) & _activities(new):
        before, after = current_status(old, activity), current_status(new, activity)
        if before != after:
            yield Change("status-changed", activity, MH.status, before, after)


def _amount_changes(old: Graph, new: Graph) -> Iterator[Change]:
    for funding in _fundings(old) & _fundings(new):
        before, after = old.value(funding, MH.amount), new.value(funding, MH.amount)
        if _amount(before) != _amount(after):
            yield Change("amount-changed", funding, MH.amount, before, after)


def _date_changes(
    old: Graph, new: Graph, members: Members, properties: Iterable[URIRef]
) -> Iterator[Change]:
    for node in members(old) & members(new):
        for prop in properties:
            before, after = old.value(node, prop), new.value(node, prop)
            if _lexical(before) != _lexical(after):
                yield Change("date-changed", node, prop, before, after)


def _amount(value: Node | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _lexical(value: Node | None) -> str | None:
    return None if value is None else str(value)


def _date_key(value: Node | None) -> str:
    """Dates of any precision sort on their lexical form ("2021-11" < "2022")."""
    return "" if value is None else str(value)


def _natural(node: Node) -> tuple:
    """activiteit:2.10 after activiteit:2.9: numbers compare as numbers."""
    parts = str(node).replace("/", ".").split(".")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def _name(node: Node | None) -> str:
    """A prefixed name where the contract has a prefix, else the literal's text."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            if text.startswith(namespace) and text != namespace:
                return f"{prefix}:{text[len(namespace) :]}"
        return text
    if isinstance(node, Literal) and node.datatype in NUMERIC:
        amount = _amount(node)
        return str(node) if amount is None else format(amount.normalize(), "f")
    return str(node)


def _text_line(comparison: Comparison, change: Change) -> str:
    title = comparison.label(change.subject)
    head = f"  {_name(change.subject)}" + (f"  {title}" if title else "")
    if change.kind.endswith("-added"):
        return "+" + head[1:]
    if change.kind.endswith("-removed"):
        return "-" + head[1:]
    what = f"{_name(change.property)}: " if change.kind == "date-changed" else ""
    before = _name(change.old) or "(none)"
    after = _name(change.new) or "(none)"
    return f"{head}: {what}{before} -> {after}"


__all__ = [
    "FORMATS",
    "KINDS",
    "Change",
    "Comparison",
    "compare",
    "current_status",
    "diff_paths",
    "read_edition",
    "render",
    "to_csv",
    "to_graph",
    "to_text",
]
