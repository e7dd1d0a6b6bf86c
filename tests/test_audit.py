"""The curated data against the audit: the report read again, activity by activity.

``cases/audit/activities.csv`` holds one row per activity as the reading found it: where it
stands in the report (line of the text extraction in ``../shared/source``), each target-group
and exploitation-form tag under its basis, the qualified roles, the organisations only
mentioned, the products, the outcome, the expected end and the dates of its events as the text
states them, and what the reading changed. ``cases/audit/products.csv`` holds every product
with its types, the activities that made it, the results it serves, its makers and its dates.
A change to the data that the audit does not record fails here: re-read the report, then
change both.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from mhgraph import KnowledgeGraph
from mhgraph.namespaces import ID, MH, SCHEMA

AUDIT = Path(__file__).parent / "cases" / "audit"
AUDIT_DOC = Path(__file__).parents[1] / "docs" / "audit.md"
PROV = Namespace("http://www.w3.org/ns/prov#")


def read(name: str) -> list[dict[str, str]]:
    with (AUDIT / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ACTIVITIES = read("activities.csv")
PRODUCTS = read("products.csv")


def slug(node) -> str:
    return str(node).rsplit("/", 1)[-1]


def words(values: Iterable[str]) -> str:
    return " ".join(sorted(values))


def objects(prop: URIRef) -> Callable[[Graph, URIRef], str]:
    return lambda graph, node: words(slug(o) for o in graph.objects(node, prop))


def value(prop: URIRef) -> Callable[[Graph, URIRef], str]:
    return lambda graph, node: str(graph.value(node, prop) or "")


def roles(graph: Graph, node: URIRef) -> str:
    def one(association) -> str:
        posted = graph.value(association, MH.stationedIn)
        role = f"{slug(graph.value(association, PROV.agent))}:"
        role += slug(graph.value(association, PROV.hadRole))
        accredited = "".join(
            f"+{c}" for c in sorted(map(slug, graph.objects(association, MH.accreditedTo)))
        )
        return role + (f"@{slug(posted)}" if posted else "") + accredited

    return words(one(a) for a in graph.objects(node, PROV.qualifiedAssociation))


def products(graph: Graph, node: URIRef) -> str:
    return words(slug(p) for p in graph.subjects(PROV.wasGeneratedBy, node))


def event_periods(graph: Graph, node: URIRef) -> str:
    stated = (
        graph.value(event, MH.period) or graph.value(event, MH.expectedPeriod)
        for event in graph.objects(node, MH.hasEvent)
    )
    return words(str(period) for period in stated if period)


ACTIVITY_COLUMNS: dict[str, Callable[[Graph, URIRef], str]] = {
    "groups_aimed_at": objects(MH.targetGroupAimedAt),
    "groups_concerned": objects(MH.targetGroupConcerned),
    "groups_inferred": objects(MH.targetGroupInferred),
    "forms_aimed_at": objects(MH.exploitationFormAimedAt),
    "forms_concerned": objects(MH.exploitationFormConcerned),
    "forms_inferred": objects(MH.exploitationFormInferred),
    "roles": roles,
    "mentions": objects(MH.mentions),
    "products": products,
    "outcome": lambda graph, node: slug(graph.value(node, MH.outcome) or ""),
    "expected_end": value(MH.expectedEndPeriod),
    "event_periods": event_periods,
}

PRODUCT_COLUMNS: dict[str, Callable[[Graph, URIRef], str]] = {
    "title_nl": lambda graph, node: str(
        next(label for label in graph.objects(node, SKOS.prefLabel) if label.language == "nl")
    ),
    "types": objects(MH.productType),
    "activities": lambda graph, node: words(
        str(graph.value(a, DCTERMS.identifier)) for a in graph.objects(node, PROV.wasGeneratedBy)
    ),
    "results": lambda graph, node: words(
        str(graph.value(r, DCTERMS.identifier)) for r in graph.objects(node, MH.servesResult)
    ),
    "makers": objects(MH.madeBy),
    "period": value(MH.period),
    "expected_period": value(MH.expectedPeriod),
    "languages": lambda graph, node: words(str(v) for v in graph.objects(node, SCHEMA.inLanguage)),
}


def by_identifier(graph: Graph) -> dict[str, URIRef]:
    return {
        str(graph.value(a, DCTERMS.identifier)): a for a in graph.subjects(RDF.type, MH.Activity)
    }


def test_the_audit_reads_every_activity_once(real_graph: KnowledgeGraph):
    numbers = [row["activity"] for row in ACTIVITIES]
    assert len(numbers) == len(set(numbers)) == 128
    assert set(numbers) == set(by_identifier(real_graph.asserted))
    lines = [int(row["line"]) for row in ACTIVITIES]
    assert lines == sorted(lines), "rows follow the report"
    assert all(row["reading"].strip() for row in ACTIVITIES)


def same(column: str, audited: str, found: str) -> bool:
    """A title is compared as written; a cell of slugs as a set, so the table keeps its order."""
    if column == "title_nl":
        return audited == found
    return sorted(audited.split()) == sorted(found.split())


def disagreements(
    rows: list[dict[str, str]],
    key: str,
    nodes: dict[str, URIRef],
    column: str,
    found: Callable[[URIRef], str],
) -> dict[str, tuple[str, str]]:
    differ = {}
    for row in rows:
        data = found(nodes[row[key]])
        if not same(column, row[column], data):
            differ[row[key]] = (row[column], data)
    return differ


@pytest.mark.parametrize("column", sorted(ACTIVITY_COLUMNS))
def test_activities_hold_what_the_audit_read(real_graph: KnowledgeGraph, column: str):
    graph = real_graph.asserted
    nodes = by_identifier(graph)
    differ = disagreements(
        ACTIVITIES, "activity", nodes, column, lambda n: ACTIVITY_COLUMNS[column](graph, n)
    )
    assert not differ, f"{column}: activity -> (audit, data)"


def test_the_audit_lists_every_product_once(real_graph: KnowledgeGraph):
    graph = real_graph.asserted
    listed = [row["product"] for row in PRODUCTS]
    assert len(listed) == len(set(listed))
    assert set(listed) == {slug(p) for p in graph.subjects(RDF.type, MH.Product)}


@pytest.mark.parametrize("column", sorted(PRODUCT_COLUMNS))
def test_products_hold_what_the_audit_read(real_graph: KnowledgeGraph, column: str):
    graph = real_graph.asserted
    nodes = {row["product"]: ID["product/" + row["product"]] for row in PRODUCTS}
    differ = disagreements(
        PRODUCTS, "product", nodes, column, lambda n: PRODUCT_COLUMNS[column](graph, n)
    )
    assert not differ, f"{column}: product -> (audit, data)"


def audit_counts() -> dict[str, int]:
    """What docs/audit.md says the audit counts, computed from the two tables."""

    def tags(column: str) -> int:
        return sum(len(row[column].split()) for row in ACTIVITIES)

    def cells(column: str) -> int:
        return sum(bool(row[column]) for row in ACTIVITIES)

    return {
        "activities read": len(ACTIVITIES),
        "target-group tags aimed at": tags("groups_aimed_at"),
        "target-group tags concerned": tags("groups_concerned"),
        "target-group tags inferred": tags("groups_inferred"),
        "exploitation-form tags aimed at": tags("forms_aimed_at"),
        "exploitation-form tags concerned": tags("forms_concerned"),
        "exploitation-form tags inferred": tags("forms_inferred"),
        "qualified roles": tags("roles"),
        "organisations only mentioned": tags("mentions"),
        "products": len(PRODUCTS),
        "products serving more than one result": sum(
            len(row["results"].split()) > 1 for row in PRODUCTS
        ),
        "products with a date": sum(
            bool(row["period"] or row["expected_period"]) for row in PRODUCTS
        ),
        "outcomes": cells("outcome"),
        "expected ends as stated": cells("expected_end"),
        "event dates as stated": tags("event_periods"),
        "activities the reading changed": sum(
            row["reading"] != "as it stood" for row in ACTIVITIES
        ),
    }


def test_the_counts_in_the_docs_are_the_audits():
    stated = {
        name.strip(): int(number)
        for name, number in re.findall(
            r"^\| ([a-z][^|]+?) \| (\d+) \|$", AUDIT_DOC.read_text(encoding="utf-8"), re.MULTILINE
        )
    }
    assert stated == audit_counts()
