"""Literals whose text does not fit their datatype, such as ``"1600000,00"^^xsd:decimal``.

A curator's typing slip (a decimal comma, month 13) must come back as a finding at its file
and line, as every other mistake does. Left in, such a literal also breaks owlrl, which
turns every literal into its value and fails on the first that has none; so the reasoner is
given the graph without them (:func:`well_typed`), and they are reported here instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rdflib import Graph, Literal
from rdflib.term import Node

from .findings import Finding, Severity
from .loading import Location
from .namespaces import MHSH

RULE = MHSH.WellTypedLiteralsCheck
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
#: How a value of each common datatype is written, for the message.
_EXAMPLES = {
    "decimal": "1600000.00",
    "integer": "12",
    "date": "2021-12-01",
    "dateTime": "2021-12-01T09:00:00",
    "gYear": "2021",
    "gYearMonth": "2021-12",
    "boolean": "true",
}

Triple = tuple[Node, Node, Node]


def is_ill_typed(term: Node) -> bool:
    """Whether ``term`` is a literal whose lexical form its (known) datatype rejects."""
    return isinstance(term, Literal) and bool(term.ill_typed)


def well_typed(graph: Graph) -> Graph:
    """``graph`` without the triples whose object is an ill-typed literal (the same graph
    when there are none)."""
    if not any(is_ill_typed(o) for o in graph.objects()):
        return graph
    kept = Graph()
    kept += (triple for triple in graph if not is_ill_typed(triple[2]))
    return kept


def ill_typed(triples: Iterable[Triple]) -> Iterator[Triple]:
    return (triple for triple in triples if is_ill_typed(triple[2]))


def check_literals(
    triples: Iterable[Triple], locate: Callable[[Node], Location | None]
) -> list[Finding]:
    """One violation for each ill-typed literal, where its subject stands."""
    findings = []
    for subject, predicate, literal in sorted(ill_typed(triples)):
        assert isinstance(literal, Literal) and literal.datatype is not None
        location = locate(subject)
        name = str(literal.datatype).replace(XSD_NS, "xsd:")
        example = _EXAMPLES.get(name.removeprefix("xsd:"))
        en = f'"{literal}" is not a valid {name} (on {predicate})'
        nl = f'"{literal}" is geen geldige {name} (bij {predicate})'
        findings.append(
            Finding(
                severity=Severity.VIOLATION,
                messages={
                    "en": en + (f"; write it as, e.g., {example}" if example else ""),
                    "nl": nl + (f"; schrijf het bijvoorbeeld als {example}" if example else ""),
                },
                focus_node=str(subject),
                path=str(predicate),
                value=str(literal),
                source_shape=str(RULE),
                constraint=str(RULE),
                file=location.file if location else None,
                line=location.line if location else None,
            )
        )
    return findings
