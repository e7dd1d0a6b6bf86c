"""Parse RDF files into one named graph per file, and remember where each subject stands.

Findings and errors must name a file and a line, so every file keeps its own named graph
and a map from each subject to the line where its block starts.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.term import Node

from .engines.base import FILE_GRAPH_PREFIX
from .errors import RDFSyntaxError
from .formats import BY_SUFFIX, LINE_MAPPED_SUFFIXES, Format
from .untrusted import checked_text

__all__ = ["FILE_GRAPH_PREFIX", "Location", "SourceGraph", "graph_name", "load_sources"]

_PREFIX_LINE = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# A subject at the start of a line in tidy Turtle: an IRI in angle brackets or a prefixed name.
_SUBJECT_AT_LINE_START = re.compile(r"^(<[^>\s]*>|[A-Za-z][\w.-]*:[^\s;,]*|:[^\s;,]*)")


@dataclass(frozen=True)
class Location:
    """Where a node is written: the file as the project names it, and the line when the
    format has lines worth pointing at (Turtle, N-Triples, TriG)."""

    file: str
    line: int | None = None


@dataclass
class SourceGraph:
    """The asserted triples, one named graph per source file."""

    dataset: Dataset = field(default_factory=lambda: Dataset(default_union=False))
    files: dict[URIRef, str] = field(default_factory=dict)
    locations: dict[Node, Location] = field(default_factory=dict)

    def union(self) -> Graph:
        """All files' triples in one graph, for the engines that reason over a single graph."""
        merged = Graph()
        for name in self.files:
            merged += self.dataset.graph(name)
        return merged

    def file_graph(self, name: URIRef) -> Graph:
        """The triples of one file."""
        return self.dataset.graph(name)

    def locate(self, node: Node | None) -> Location | None:
        """Where ``node`` is first written as a subject, so a finding can name file and line;
        a blank node stands where the node that holds it does."""
        if isinstance(node, BNode):
            holder = self.owner(node)
            return self.locate(holder[0]) if holder else None
        return self.locations.get(node) if node is not None else None

    def owner(self, node: BNode) -> tuple[Node, Node] | None:
        """The subject and property that hold a blank node (the smallest, if several do)."""
        holders = [
            (subject, predicate)
            for name in self.files
            for subject, predicate in self.dataset.graph(name).subject_predicates(node)
        ]
        return min(holders, key=lambda pair: (str(pair[0]), str(pair[1]))) if holders else None


def graph_name(label: str) -> URIRef:
    """The named graph that holds the triples of the file ``label``."""
    return URIRef(FILE_GRAPH_PREFIX + label)


def format_of(path: Path, label: str) -> Format:
    """The RDF format a file's suffix names."""
    rdf_format = BY_SUFFIX.get(path.suffix.lower())
    if rdf_format is None:
        raise RDFSyntaxError(
            f"cannot tell the RDF format of {path.name}",
            file=label,
            hint=f"use one of {', '.join(sorted(BY_SUFFIX))}",
        )
    return rdf_format


def read_source(path: Path, label: str) -> tuple[Format, str]:
    """A file's RDF format and its text as a parser may see it (see :mod:`mhgraph.untrusted`)."""
    rdf_format = format_of(path, label)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RDFSyntaxError("no such file", file=label) from None
    except UnicodeDecodeError as err:
        raise RDFSyntaxError(f"not UTF-8 text ({err.reason})", file=label) from None
    return rdf_format, checked_text(text, rdf_format.rdflib, label)


def parse_file(path: Path, label: str | None = None) -> Graph:
    """Parse one file; a syntax error becomes one line naming the file and the line."""
    label = label or str(path)
    rdf_format, text = read_source(path, label)
    graph = Graph()
    try:
        graph.parse(data=text, format=rdf_format.rdflib, publicID=path.resolve().as_uri())
    except Exception as err:  # every parser has its own exception types
        raise syntax_error(err, rdf_format.rdflib, label) from None
    return graph


def syntax_error(err: Exception, rdf_format: str, label: str) -> RDFSyntaxError:
    """Any parser's exception (rdflib's or Oxigraph's) as one line with file and line."""
    line, why = _describe_parse_error(err)
    return RDFSyntaxError(
        f"{rdf_format} syntax error: {why}",
        file=label,
        line=line,
        hint="fix the file and run again",
    )


def _describe_parse_error(err: Exception) -> tuple[int | None, str]:
    lines = getattr(err, "lines", None)
    why = getattr(err, "_why", None) or getattr(err, "msg", None) or str(err)
    line = lines + 1 if isinstance(lines, int) else getattr(err, "lineno", None)
    if line is None:
        match = re.search(r"line (\d+)", str(err))
        line = int(match.group(1)) if match else None
    return line, " ".join(str(why).split())


def subject_lines(path: Path, graph: Graph) -> dict[Node, int]:
    """Where each subject's block starts, for Turtle-like files written one block per subject."""
    if path.suffix.lower() not in LINE_MAPPED_SUFFIXES:
        return {}
    text = path.read_text(encoding="utf-8")
    return lines_of_subjects(text, declared_prefixes(text), set(graph.subjects()))


def declared_prefixes(text: str) -> dict[str, str]:
    """The ``@prefix`` and ``PREFIX`` lines of a Turtle-like text, read without parsing it."""
    return {
        m.group(1): m.group(2) for m in map(_PREFIX_LINE.match, text.splitlines()) if m is not None
    }


def lines_of_subjects(
    text: str, namespaces: Mapping[str, str], subjects: Container[Node]
) -> dict[Node, int]:
    """The first line where each of ``subjects`` stands at the start of a line."""
    found: dict[Node, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _SUBJECT_AT_LINE_START.match(line)
        if not match or line.startswith(("@", "PREFIX", "BASE", "prefix", "base")):
            continue
        node = _resolve(match.group(1), namespaces)
        if node is not None and node not in found and node in subjects:
            found[node] = number
    return found


def _resolve(token: str, namespaces: Mapping[str, str]) -> URIRef | None:
    if token.startswith("<"):
        iri = token[1:-1]
        # A relative IRI stands for one resolved against a base this scan does not know.
        return URIRef(iri) if _ABSOLUTE_IRI.match(iri) else None
    prefix, _, local = token.partition(":")
    base = namespaces.get(prefix)
    if base is None:
        return None
    return URIRef(base + local.replace("\\", ""))


def load_sources(paths: Iterable[Path], labels: Mapping[Path, str] | None = None) -> SourceGraph:
    """Load files into a :class:`SourceGraph`; the first syntax error stops the load."""
    source = SourceGraph()
    for path in paths:
        label = (labels or {}).get(path, str(path))
        parsed = parse_file(path, label)
        name = graph_name(label)
        target = source.dataset.graph(name)
        for prefix, namespace in parsed.namespaces():
            source.dataset.bind(prefix, namespace, override=False)
        target += parsed
        source.files[name] = label
        add_locations(source, path, label, parsed)
    return source


def add_locations(source: SourceGraph, path: Path, label: str, graph: Graph) -> None:
    """Remember the file of every subject of ``graph``, and its line where the text shows it."""
    for node, line in subject_lines(path, graph).items():
        source.locations.setdefault(node, Location(label, line))
    for node in graph.subjects():
        if not isinstance(node, BNode):
            source.locations.setdefault(node, Location(label))
