"""The check that every term the project uses is declared somewhere a reader can look it up.

SHACL sees instance data, not vocabulary, so a misspelled class or property in a file is
invisible to shapes that never target it. This check compares every class, property and
linked resource used in the data and the shapes against the ontology, the project's own
resources and the term lists of the W3C and other standard vocabularies that rdflib ships.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import OWL, RDF, RDFS, Graph, URIRef
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

from .findings import Finding, Severity
from .loading import SourceGraph
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
_DECLARING_TYPES = {
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
_WEB_LINKS = {FOAF.page, FOAF.homepage, SDO.sameAs, SDO.url, RDFS.seeAlso, OWL.sameAs}
RULE = MHSH.DeclaredTermsCheck


def _known(term: URIRef) -> bool:
    return any(term in vocabulary for vocabulary in KNOWN_VOCABULARIES)


def _is_project_resource(term: URIRef) -> bool:
    """Things the project names (``/id/…``) and countries must be described in the graph."""
    return str(term).startswith((BASE_IRI + "id/", str(COUNTRY)))


def undeclared_terms(
    model: Graph, checked: SourceGraph, shapes: Graph | None = None
) -> list[Finding]:
    """Findings for terms used in ``checked`` (and ``shapes``) that nothing declares.

    ``model`` is everything that counts as a declaration: ontology, vocabularies and data.
    """
    declared = {s for s, o in model.subject_objects(RDF.type) if o in _DECLARING_TYPES}
    described = set(model.subjects())
    findings: list[Finding] = []
    seen: set[tuple[str, URIRef]] = set()

    def report(kind: str, term: URIRef, where: Iterable[URIRef], file: str | None) -> None:
        if (kind, term) in seen:
            return
        seen.add((kind, term))
        focus = next(iter(where), term)
        location = checked.locate(focus)
        findings.append(
            Finding(
                severity=Severity.VIOLATION,
                messages={
                    "en": f"{kind} {term} is not declared in the ontology or a known vocabulary; "
                    "check its spelling or declare it in ontology/",
                    "nl": f"{_NL_KIND[kind]} {term} is niet gedeclareerd in de ontologie of een "
                    "bekende woordenlijst; controleer de spelling of declareer het in ontology/",
                },
                focus_node=str(focus),
                value=str(term),
                source_shape=str(RULE),
                constraint=str(RULE),
                file=location.file if location else file,
                line=location.line if location else None,
            )
        )

    def is_declared(term: URIRef) -> bool:
        return term in declared or _known(term)

    for name, label in checked.files.items():
        graph = checked.dataset.graph(name)
        for subject, predicate, obj in graph:
            if not is_declared(predicate):
                report("property", predicate, [subject], label)
            if predicate == RDF.type and isinstance(obj, URIRef) and not is_declared(obj):
                report("class", obj, [subject], label)
            elif (
                isinstance(obj, URIRef)
                and predicate not in _WEB_LINKS
                and _is_project_resource(obj)
                and obj not in described
            ):
                report("resource", obj, [subject], label)
    if shapes is not None:
        findings.extend(_undeclared_in_shapes(shapes, is_declared, described))
    return findings


def _undeclared_in_shapes(shapes: Graph, is_declared, described: set) -> list[Finding]:
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
            if not isinstance(term, URIRef) or is_declared(term) or term in described:
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
