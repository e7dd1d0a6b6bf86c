"""A SHACL validation report (pySHACL's or pyshacl-turbo's) read as :mod:`mhgraph.findings`.

Both validators, the project's shapes and the DCAT-AP profiles all end in the same kind of
report graph; reading it in one place keeps severities, messages and their languages alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rdflib import SH, BNode, Graph, Literal
from rdflib.term import Node

from .findings import Finding, Findings, Severity
from .loading import Location
from .namespaces import prefixed

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")

Locate = Callable[[Node | None], Location | None]
#: The subject and property that hold a blank node, if any do.
Owner = Callable[[BNode], tuple[Node, Node] | None]


def _nowhere(_node: Node | None) -> Location | None:
    return None


def findings_from_report(
    report: Graph, shapes: Graph, locate: Locate = _nowhere, owner: Owner | None = None
) -> Findings:
    """Every result of ``report`` as a finding, placed in a file and line by ``locate``;
    with ``owner``, a blank focus node is named by the node that holds it (:func:`describe`)."""
    return Findings(
        [_finding(report, result, locate, owner, shapes) for result in _results(report)]
    )


def _results(report: Graph) -> list[Node]:
    """The report's own results (``sh:result``); the ``sh:detail`` results nested under them
    explain a result and are not findings of their own."""
    return list(dict.fromkeys(report.objects(None, SH.result)))


def _finding(
    report: Graph, result: Node, locate: Locate, owner: Owner | None, shapes: Graph
) -> Finding:
    focus = report.value(result, SH.focusNode)
    location = locate(focus)
    named = describe(focus, owner) if focus is not None and owner is not None else _text(focus)
    shape = report.value(result, SH.sourceShape)
    messages: dict[str, str] = {}
    for message in report.objects(result, SH.resultMessage):
        language = _language(message, shape, shapes)
        messages.setdefault(language, str(message))
    return Finding(
        severity=Severity.from_iri(report.value(result, SH.resultSeverity)),
        messages=messages or {"en": "constraint not met"},
        focus_node=named,
        path=_text(report.value(result, SH.resultPath)),
        value=_text(report.value(result, SH.value)),
        source_shape=_text(shape),
        constraint=_text(report.value(result, SH.sourceConstraintComponent)),
        file=location.file if location else None,
        line=location.line if location else None,
    )


def _language(message: Node, shape: Node | None, shapes: Graph) -> str:
    """The language of a message; a template filled in by a SHACL-SPARQL constraint loses its
    tag in both validators, so it is found again by the template the text was made from."""
    if isinstance(message, Literal) and message.language:
        return message.language
    holders = [shape, *shapes.objects(shape, SH.sparql)] if shape is not None else []
    for holder in holders:
        for template in shapes.objects(holder, SH.message):
            if isinstance(template, Literal) and template.language and _fills(template, message):
                return template.language
    return "en"


def _fills(template: Literal, text: Node) -> bool:
    """Whether ``text`` is ``template`` with its {placeholders} filled in."""
    position = 0
    for part in _PLACEHOLDER.split(str(template)):
        found = str(text).find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def describe(node: Node, owner: Owner) -> str:
    """A node as findings name it: an IRI as itself, a blank node by the node and property
    that hold it (``https://…/activiteit/24.7 mh:hasFunding []``), the same in every engine."""
    if not isinstance(node, BNode):
        return str(node)
    holder = owner(node)
    if holder is None:
        return "[]"
    subject, predicate = holder
    return f"{describe(subject, owner)} {prefixed(str(predicate)) or f'<{predicate}>'} []"


def _text(node: Node | None) -> str | None:
    """Blank nodes (anonymous shapes, path expressions) have no name worth printing."""
    return None if node is None or isinstance(node, BNode) else str(node)
