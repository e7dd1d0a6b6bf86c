"""Renderers of findings: one model, a format for each kind of reader.

``text`` for people at a terminal, ``turtle`` for RDF tools (a standard
``sh:ValidationReport``), ``json`` for scripts, ``junit`` for CI dashboards, ``github`` for
annotations on a pull request, ``sarif`` for code-scanning dashboards.
"""

from __future__ import annotations

import json
from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from rdflib import RDF, SH, XSD, BNode, Graph, Literal, URIRef

from .errors import FormatError
from .findings import Finding, Findings, Severity
from .formats import REPORT_FORMATS
from .version import __version__


def render_findings(findings: Findings, fmt: str, *, language: str = "en") -> str:
    """The findings as one of :data:`REPORT_FORMATS`, messages in ``language``; raises
    :class:`~mhgraph.errors.FormatError` for another format."""
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise FormatError(
            f"unknown report format {fmt!r}", hint="use one of " + ", ".join(REPORT_FORMATS)
        )
    return renderer(findings, language)


def _where(finding: Finding) -> str:
    if not finding.file:
        return "(no file)"
    return f"{finding.file}:{finding.line}" if finding.line else finding.file


def _text(findings: Findings, language: str) -> str:
    grouped: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in findings.sorted():
        grouped[finding.file or "(no file)"][finding.focus_node or "(graph)"].append(finding)
    lines: list[str] = []
    for file, nodes in grouped.items():
        lines.append(file)
        for node, items in nodes.items():
            line = items[0].line
            lines.append(f"  {node}" + (f"  (line {line})" if line else ""))
            for finding in items:
                detail = []
                if finding.path:
                    detail.append(f"path {finding.path}")
                if finding.value:
                    detail.append(f"value {finding.value}")
                suffix = f" [{'; '.join(detail)}]" if detail else ""
                lines.append(f"    {finding.severity.label}: {finding.message(language)}{suffix}")
        lines.append("")
    lines.append(_summary_line(findings))
    return "\n".join(lines) + "\n"


def _summary_line(findings: Findings) -> str:
    counts = [
        f"{findings.count(s)} {s.label.lower()}{'s' if findings.count(s) != 1 else ''}"
        for s in (Severity.VIOLATION, Severity.WARNING, Severity.INFO)
    ]
    verdict = "conforms" if findings.conforms else "does not conform"
    return f"{', '.join(counts)}: the graph {verdict}"


def report_graph(findings: Findings) -> Graph:
    """The findings as a standard SHACL validation report."""
    graph = Graph()
    graph.bind("sh", SH)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(findings.conforms, datatype=XSD.boolean)))
    for finding in findings.sorted():
        result = BNode()
        graph.add((report, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.resultSeverity, finding.severity.iri))
        for language, message in sorted(finding.messages.items()):
            graph.add((result, SH.resultMessage, Literal(message, lang=language)))
        if finding.focus_node:
            graph.add((result, SH.focusNode, _focus(finding.focus_node)))
        for predicate, value in (
            (SH.resultPath, finding.path),
            (SH.sourceShape, finding.source_shape),
            (SH.sourceConstraintComponent, finding.constraint),
        ):
            if value:
                graph.add((result, predicate, URIRef(value)))
        if finding.value is not None:
            graph.add((result, SH.value, Literal(finding.value)))
    return graph


def _focus(focus_node: str) -> URIRef | BNode:
    """A blank node's focus is named by the node that holds it (``… mh:hasFunding []``), which
    is no IRI: in the report graph it is a blank node again."""
    return BNode() if focus_node.endswith("[]") else URIRef(focus_node)


def _turtle(findings: Findings, _language: str) -> str:
    return report_graph(findings).serialize(format="turtle")


def _as_dict(finding: Finding) -> dict:
    return {
        "severity": finding.severity.label,
        "message": finding.messages,
        "focusNode": finding.focus_node,
        "path": finding.path,
        "value": finding.value,
        "sourceShape": finding.source_shape,
        "constraint": finding.constraint,
        "file": finding.file,
        "line": finding.line,
    }


def _json(findings: Findings, _language: str) -> str:
    document = {
        "conforms": findings.conforms,
        "counts": {s.label: findings.count(s) for s in Severity},
        "findings": [_as_dict(f) for f in findings.sorted()],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _junit(findings: Findings, language: str) -> str:
    """One test case per shape; a shape with violations fails, the others pass or are skipped."""
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings.sorted():
        by_rule[finding.rule].append(finding)
    failures = sum(1 for items in by_rule.values() if _fails(items))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="mhgraph validate" tests="{len(by_rule)}" failures="{failures}">',
        f'  <testsuite name="shacl" tests="{len(by_rule)}" failures="{failures}">',
    ]
    for rule, items in sorted(by_rule.items()):
        out.append(f'    <testcase classname="shacl" name={quoteattr(rule)}>')
        body = "\n".join(
            f"{_where(f)} {f.focus_node or ''}: {f.severity.label}: {f.message(language)}"
            for f in items
        )
        if _fails(items):
            summary = f"{len(items)} finding(s)"
            out.append(f"      <failure message={quoteattr(summary)}>{escape(body)}</failure>")
        else:
            out.append(f"      <system-out>{escape(body)}</system-out>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"


def _fails(items: list[Finding]) -> bool:
    return any(f.severity == Severity.VIOLATION for f in items)


_GITHUB_LEVEL = {Severity.VIOLATION: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github(findings: Findings, language: str) -> str:
    lines = []
    for finding in findings.sorted():
        properties = []
        if finding.file:
            properties.append(f"file={_github_escape(finding.file, property_value=True)}")
        if finding.line:
            properties.append(f"line={finding.line}")
        title = (finding.source_shape or "mhgraph").rsplit("/", 1)[-1]
        properties.append(f"title={_github_escape(title, property_value=True)}")
        message = f"{finding.focus_node or ''}: {finding.message(language)}"
        if finding.path:
            message += f" (path {finding.path})"
        level = _GITHUB_LEVEL[finding.severity]
        lines.append(f"::{level} {','.join(properties)}::{_github_escape(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


_SARIF_LEVEL = {Severity.VIOLATION: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif(findings: Findings, language: str) -> str:
    rules = sorted({f.rule for f in findings.items})
    results = []
    for finding in findings.sorted():
        result: dict = {
            "ruleId": finding.rule,
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": f"{finding.focus_node or ''}: {finding.message(language)}"},
        }
        if finding.file:
            location: dict = {"artifactLocation": {"uri": finding.file}}
            if finding.line:
                location["region"] = {"startLine": finding.line}
            result["locations"] = [{"physicalLocation": location}]
        results.append(result)
    document = {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mhgraph",
                        "version": __version__,
                        "informationUri": "https://w3id.org/mhgraph/",
                        "rules": [{"id": rule} for rule in rules],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


_RENDERERS = {
    "text": _text,
    "turtle": _turtle,
    "json": _json,
    "junit": _junit,
    "github": _github,
    "sarif": _sarif,
}
