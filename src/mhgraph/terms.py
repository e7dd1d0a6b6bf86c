"""The check that every term the project uses is declared somewhere a reader can look it up.

SHACL sees instance data, not vocabulary, so a misspelled class or property in a file is
invisible to shapes that never target it. This check compares every class, property and
linked resource used in the data and the shapes against the ontology, the project's own
resources and the term lists of the W3C and other standard vocabularies that rdflib ships.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, cast

from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    PROV,
    SDO,
    SH,
    SKOS,
    VANN,
    VOID,
    XSD,
    DefinedNamespaceMeta,
)
from rdflib.term import Node

from .findings import Finding, Severity
from .loading import Location, SourceGraph
from .namespaces import BASE_IRI, COUNTRY, MHSH

KNOWN_VOCABULARIES: tuple[DefinedNamespaceMeta, ...] = (
    RDF,
    RDFS,
    OWL,
    XSD,
    SH,
    SKOS,
    DCTERMS,
    PROV,
    ORG,
    FOAF,
    SDO,
    VANN,
    DCAT,
    VOID,
)
DECLARING_TYPES = {
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
    OWL.Ontology,
    RDFS.Datatype,
    SKOS.Concept,
    SKOS.ConceptScheme,
}
# Links whose objects are addresses on the web, not resources the graph must describe.
WEB_LINKS = {FOAF.page, FOAF.homepage, SDO.sameAs, SDO.url, RDFS.seeAlso, OWL.sameAs}
RULE = MHSH.DeclaredTermsCheck


def is_known(term: URIRef) -> bool:
    return any(term in vocabulary for vocabulary in KNOWN_VOCABULARIES)


def is_project_resource(term: URIRef) -> bool:
    """Things the project names (``/id/…``) and countries must be described in the graph."""
    return str(term).startswith((BASE_IRI + "id/", str(COUNTRY)))


@dataclass(frozen=True)
class TermUse:
    """A term a file uses, with the smallest subject that uses it there as the example."""

    file: str
    kind: str  # "property", "class" or "resource"
    term: URIRef
    example: Node


class TermIndex(Protocol):
    """What the check needs to know about a graph; each engine gathers it its own way."""

    def uses(self) -> list[TermUse]:
        """Every property and class the checked files use, and every project resource they
        link to that the graph does not describe, in the order of the files."""

    def is_declared(self, term: URIRef) -> bool: ...

    def is_described(self, term: URIRef) -> bool: ...


def example_order(node: Node) -> tuple[int, str]:
    """SPARQL's order of terms (blank nodes first), so that every engine picks the same example."""
    return (0 if isinstance(node, BNode) else 1, str(node))


class GraphTerms:
    """The index of rdflib graphs, read triple by triple."""

    def __init__(self, model: Graph, checked: SourceGraph) -> None:
        self.checked = checked
        self.declared = {s for s, o in model.subject_objects(RDF.type) if o in DECLARING_TYPES}
        self.described = set(model.subjects())

    def is_declared(self, term: URIRef) -> bool:
        return term in self.declared or is_known(term)

    def is_described(self, term: URIRef) -> bool:
        return term in self.described

    def uses(self) -> list[TermUse]:
        found: list[TermUse] = []
        for name, label in self.checked.files.items():
            examples: dict[tuple[str, URIRef], Node] = {}
            for subject, predicate, obj in self.checked.dataset.graph(name):
                # A predicate is always an IRI; rdflib types it as any node.
                kinds: list[tuple[str, URIRef]] = [("property", cast(URIRef, predicate))]
                if predicate == RDF.type and isinstance(obj, URIRef):
                    kinds.append(("class", obj))
                if (
                    isinstance(obj, URIRef)
                    and predicate not in WEB_LINKS
                    and is_project_resource(obj)
                    and obj not in self.described
                ):
                    kinds.append(("resource", obj))
                for key in kinds:
                    known = examples.get(key)
                    if known is None or example_order(subject) < example_order(known):
                        examples[key] = subject
            found += [TermUse(label, k, t, e) for (k, t), e in examples.items()]
        return found


def check_terms(
    index: TermIndex, locate: Callable[[Node], Location | None], shapes: Graph | None = None
) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[str, URIRef]] = set()
    for use in index.uses():
        if (use.kind, use.term) in seen:
            continue
        if use.kind != "resource" and index.is_declared(use.term):
            continue
        seen.add((use.kind, use.term))
        kind, term = use.kind, use.term
        location = locate(use.example)
        findings.append(
            Finding(
                severity=Severity.VIOLATION,
                messages={
                    "en": f"{kind} {term} is not declared in the ontology or a known vocabulary; "
                    "check its spelling or declare it in ontology/",
                    "nl": f"{_NL_KIND[kind]} {term} is niet gedeclareerd in de ontologie of een "
                    "bekende woordenlijst; controleer de spelling of declareer het in ontology/",
                },
                focus_node=str(use.example),
                value=str(term),
                source_shape=str(RULE),
                constraint=str(RULE),
                file=location.file if location else use.file,
                line=location.line if location else None,
            )
        )
    if shapes is not None:
        findings.extend(_undeclared_in_shapes(shapes, index.is_declared, index.is_described))
    return findings


def _undeclared_in_shapes(
    shapes: Graph,
    is_declared: Callable[[URIRef], bool],
    is_described: Callable[[URIRef], bool],
) -> list[Finding]:
    """Terms the shapes constrain (paths, classes, values) must exist as well."""
    findings = []
    for predicate in (
        SH.path,
        SH.targetClass,
        SH["class"],
        SH.targetSubjectsOf,
        SH.targetObjectsOf,
    ):
        for shape, term in shapes.subject_objects(predicate):
            if not isinstance(term, URIRef) or is_declared(term) or is_described(term):
                continue
            findings.append(
                Finding(
                    severity=Severity.VIOLATION,
                    messages={
                        "en": f"shape {shape} uses {term}, which the ontology does not declare",
                        "nl": f"shape {shape} gebruikt {term}, dat de ontologie niet declareert",
                    },
                    focus_node=str(shape),
                    value=str(term),
                    path=str(predicate),
                    source_shape=str(RULE),
                    constraint=str(RULE),
                )
            )
    return findings


_NL_KIND = {"property": "eigenschap", "class": "klasse", "resource": "resource"}
