"""SHACL-SPARQL constraints evaluated set-at-a-time: one query per constraint over all its
focus nodes, on the Oxigraph store the closure wrote.

A SHACL-SPARQL validator runs a constraint's SELECT once per focus node with ``$this``
bound beforehand; over tens of thousands of nodes that is tens of thousands of queries. Here
the focus nodes of the shape's targets are joined into the query instead (``$this`` is the
same variable as ``?this``), so the store answers each constraint once. A join gives the
rows pre-binding gives only when every expression that reads ``$this`` sees it bound by the
patterns beneath it and no sub-query mentions it; :func:`_joinable` checks that on the
query's algebra, and a constraint that fails the check (or uses a feature this module does
not plan: SPARQL targets, property shapes, deactivation, a shape other shapes refer to) is
left in the shapes graph for the full validator, never evaluated here in a weaker form.

Results are written as a SHACL validation report, as pySHACL writes them (value ``?value``
or else the focus node, path ``?path``, messages with ``{?var}`` and ``{$this}`` filled in),
so :mod:`mhgraph.shacl_report` reads both validators' results alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SH, BNode, Graph, Literal, URIRef
from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
from rdflib.term import Node

from ..query_text import tokens
from .convert import to_rdflib_node

#: Where a shape's focus nodes come from, as a pattern binding ``?this`` (``{}``: the term).
_TARGETS = {
    SH.targetClass: "?this <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/"
    "<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {}",
    SH.targetSubjectsOf: "?this {} []",
    SH.targetObjectsOf: "[] {} ?this",
}
#: What a shape may say for its constraints to be planned here.
_PLANNED = {RDF.type, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode}
_PLANNED |= {SH.sparql, SH.severity, SH.name, SH.description, RDFS.comment}
_PLANNED |= {RDFS.label}
_CLASSES = {RDFS.Class, OWL.Class}


@dataclass(frozen=True)
class Check:
    """One SPARQL constraint of one shape, as a single query over all focus nodes."""

    shape: Node
    constraint: Node
    severity: Node
    messages: tuple[Literal, ...]
    query: str
    #: For a query that follows a path of variable length: every predicate it can read, so
    #: that it can be answered on a store holding only their statements (see :func:`run`).
    reads: frozenset[str] | None = None


@dataclass
class Plan:
    """The checks run here, and the shapes graph left for the full validator."""

    checks: list[Check]
    shapes: Graph
    #: The statements of ``shapes`` that the checks stand for.
    taken: set[tuple[Node, Node, Node]]

    @cached_property
    def rest(self) -> Graph:
        """``shapes`` without what the checks stand for (built only when asked: when every
        shape is run here, nothing needs it)."""
        rest = Graph()
        for triple in self.shapes:
            if triple not in self.taken:
                rest.add(triple)
        return rest


def plan(shapes: Graph) -> Plan:
    """Split ``shapes`` into the SPARQL constraints run set-at-a-time and the rest."""
    referred = {o for _, p, o in shapes if p != SH.sparql}
    checks = []
    taken: set[tuple[Node, Node, Node]] = set()
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        check = _check(shapes, shape, constraint, referred)
        if check is not None:
            checks.append(check)
            taken.add((shape, SH.sparql, constraint))
    return Plan(checks, shapes, taken)


def _check(shapes: Graph, shape: Node, constraint: Node, referred: set[Node]) -> Check | None:
    if shape in referred or isinstance(shape, Literal):
        return None
    if any(p not in _PLANNED for p in shapes.predicates(shape)):
        return None
    if set(shapes.objects(shape, RDF.type)) - {SH.NodeShape} or SH.path in set(
        shapes.predicates(shape)
    ):
        return None
    if set(shapes.predicates(constraint)) - {
        RDF.type,
        SH.select,
        SH.prefixes,
        SH.message,
        RDFS.comment,
    }:
        return None  # sh:deactivated, sh:ask, … are left to the full validator
    selects = list(shapes.objects(constraint, SH.select))
    if len(selects) != 1 or not isinstance(selects[0], Literal):
        return None
    targets = _targets(shapes, shape)
    if targets is None:
        return None
    prologue = "".join(
        f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in _prefixes(shapes, constraint)
    )
    text = prologue + str(selects[0])
    if not _joinable(text):
        return None
    query = _with_focus(text, targets)
    if query is None:
        return None
    severity = shapes.value(shape, SH.severity) or SH.Violation
    messages = tuple(m for m in shapes.objects(constraint, SH.message) if isinstance(m, Literal))
    # Worth a store of its own when the constraint (not its targets) follows a path of
    # variable length; telling that from the text spares most queries a parse.
    reads = _path_reads(query) if _VARIABLE_LENGTH.search(text) else None
    return Check(shape, constraint, severity, messages, query, reads)


def _path_reads(query: str) -> frozenset[str] | None:
    """The predicates ``query`` reads, when it reads nothing but the statements of constant
    predicates: every predicate an IRI or a path of IRIs that takes at least one step (a
    path that may take none matches any node of the graph, not only the nodes of its
    statements). None for any other query, or one rdflib cannot parse.

    Oxigraph follows a path from one node in time that grows with the size of the whole
    store (about 0.8 ms per node at a million triples, 0.1 ms at a hundred thousand): a
    cycle check over all the parts of a large graph took minutes, and takes a fraction of a
    second on a store holding only the path's statements. Only the statements with these
    predicates can match such a query, so the answers are the same.
    """
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        algebra = prepareQuery(query).algebra
    except Exception:  # pyparsing and rdflib raise many kinds; Oxigraph answers it as it is
        return None
    reads: set[str] = set()

    def steps(path: object) -> int | None:
        """The fewest statements ``path`` takes; None for a variable or a negated set."""
        if isinstance(path, URIRef):
            reads.add(str(path))
            return 1
        if isinstance(path, MulPath):
            inner = steps(path.path)
            return None if inner is None else inner if path.mod == "+" else 0
        if isinstance(path, InvPath):
            return steps(path.arg)
        if isinstance(path, (SequencePath, AlternativePath)):
            counts = [steps(step) for step in path.args]
            if any(count is None for count in counts):
                return None
            known = [count for count in counts if count is not None]
            return sum(known) if isinstance(path, SequencePath) else min(known)
        return None

    pending: list[object] = [algebra]
    while pending:
        node = pending.pop()
        if isinstance(node, CompValue):
            # "triples": a BGP's, or an EXISTS's block, which rdflib leaves untranslated:
            # each a run of subject, predicate, object, subject, …
            for run in node.get("triples") or ():
                if not all(steps(run[i]) for i in range(1, len(run), 3)):
                    return None
            pending.extend(node.values())
        elif isinstance(node, (list, tuple)):
            pending.extend(node)
    return frozenset(reads)


def _targets(shapes: Graph, shape: Node) -> str | None:
    """A group pattern binding ``?this`` to every focus node of ``shape`` (each once)."""
    union = target_pattern(shapes, shape)
    if union is None:
        return None
    return "{ SELECT DISTINCT ?this WHERE { " + union + " } }"


def target_pattern(shapes: Graph, shape: Node) -> str | None:
    """A pattern binding ``?this`` to the focus nodes of ``shape`` (a node may come more
    than once); None when a target is of a kind not planned here."""
    branches = []
    for predicate, pattern in _TARGETS.items():
        for term in shapes.objects(shape, predicate):
            if not isinstance(term, URIRef):
                return None
            branches.append(pattern.format(term.n3()))
    if set(shapes.objects(shape, RDF.type)) & _CLASSES:
        branches.append(_TARGETS[SH.targetClass].format(shape.n3()))
    nodes = list(shapes.objects(shape, SH.targetNode))
    if any(isinstance(node, BNode) for node in nodes):
        return None
    if nodes:
        branches.append("VALUES ?this { " + " ".join(node.n3() for node in nodes) + " }")
    if not branches:
        return None
    return " UNION ".join("{ " + branch + " }" for branch in branches)


def _prefixes(shapes: Graph, constraint: Node) -> Iterator[tuple[str, str]]:
    for holder in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                yield str(prefix), str(namespace)


def _with_focus(text: str, targets: str) -> str | None:
    """``text`` with the focus nodes joined at the head of its outermost group."""
    for match in tokens(text):
        if match.lastgroup == "open":
            return text[: match.end()] + " " + targets + " " + text[match.end() :]
    return None


#: Words after which a query is not planned here: sub-queries, inline data, MINUS, named
#: graphs, services, optional parts, grouping and slicing change what pre-binding ``$this``
#: means, or are not allowed in a SPARQL constraint at all.
_UNPLANNED = frozenset(
    {"SELECT", "VALUES", "MINUS", "GRAPH", "SERVICE", "OPTIONAL", "GROUP", "HAVING", "LIMIT"}
    | {"OFFSET", "FROM", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}
)
_THIS = frozenset({"$this", "?this"})
#: A modifier right after an IRI, a prefixed name or a group: a path of variable length.
_VARIABLE_LENGTH = re.compile(r"[)>\w][+*?]")


def _joinable(text: str) -> bool:
    """Whether joining the focus nodes into ``text`` gives the rows pre-binding ``$this``
    gives, read from the query's tokens (parsing it would cost more than running it).

    The outermost group is joined with the focus nodes, so ``$this`` is bound for all of it.
    A nested group (a branch of a UNION) is evaluated on its own: it may mention ``$this``
    only when its first pattern binds it (starts with ``$this``). An EXISTS sees the
    bindings of the solution it filters.
    """
    words = [m for m in tokens(text) if m.lastgroup in ("word", "open", "close")]
    selects = [i for i, m in enumerate(words) if m.group().upper() == "SELECT"]
    if len(selects) != 1 or any(m.group().upper() in ("ASK", "CONSTRUCT") for m in words):
        return False
    bound: list[bool] = []  # per open group: whether $this is bound in it
    for index, match in enumerate(words[selects[0] + 1 :], start=selects[0] + 1):
        word = match.group()
        if match.lastgroup == "open":
            before = words[index - 1].group().upper()
            after = words[index + 1].group() if index + 1 < len(words) else ""
            if not bound:
                bound.append(True)  # the outermost group: the focus nodes are joined in
            elif before == "EXISTS":
                bound.append(bound[-1])  # filters the solutions of the group it stands in
            else:
                bound.append(after in _THIS)
        elif match.lastgroup == "close":
            if not bound:
                return False
            bound.pop()
        elif word.upper() in _UNPLANNED or (word in _THIS and bound and not bound[-1]):
            return False
    return not bound


def run(store: ox.Store, checks: Iterable[Check], report: Graph) -> None:
    """Add the results of ``checks`` on ``store`` (the union of its graphs) to ``report``;
    a check that follows a path of variable length on a store of just the statements it
    reads, in their graphs."""
    root = report_root(report)
    parts: dict[frozenset[str], ox.Store] = {}
    for check in checks:
        answered = store
        if check.reads is not None:
            if check.reads not in parts:
                parts[check.reads] = _holding(store, check.reads)
            answered = parts[check.reads]
        for row in solutions(answered, check.query):
            if {"this", "path", "value"} & row.keys():
                report.add((root, SH.result, _result(report, check, row)))


def _holding(store: ox.Store, predicates: Iterable[str]) -> ox.Store:
    """A store with the quads of ``store`` whose predicate is one of ``predicates``."""
    part = ox.Store()
    for predicate in predicates:
        part.extend(store.quads_for_pattern(None, ox.NamedNode(predicate), None, None))
    return part


def report_root(report: Graph) -> Node:
    """The validation report node of ``report``, made when there is none yet."""
    root = next(report.subjects(RDF.type, SH.ValidationReport), None) or BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    return root


def solutions(store: ox.Store, query: str) -> Iterator[dict[str, Node]]:
    """The distinct answers of ``query`` over the union of the store's graphs, as rdflib
    terms by variable: the same triple in two graphs would otherwise answer twice."""
    answer = store.query(query, use_default_graph_as_union=True)
    assert isinstance(answer, ox.QuerySolutions)
    names = [variable.value for variable in answer.variables]
    seen = set()
    for solution in answer:
        row = tuple(solution[name] for name in names)
        if row not in seen:
            seen.add(row)
            yield {
                name: to_rdflib_node(term)
                for name, term in zip(names, row, strict=True)
                if term is not None
            }


def _result(report: Graph, check: Check, row: dict[str, Node]) -> BNode:
    result = BNode()
    focus = row["this"]
    report.add((result, RDF.type, SH.ValidationResult))
    report.add((result, SH.focusNode, focus))
    report.add((result, SH.value, row.get("value", focus)))
    if "path" in row:
        report.add((result, SH.resultPath, row["path"]))
    report.add((result, SH.sourceShape, check.shape))
    report.add((result, SH.sourceConstraint, check.constraint))
    report.add((result, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
    report.add((result, SH.resultSeverity, check.severity))
    for message in check.messages:
        report.add((result, SH.resultMessage, Literal(_filled(str(message), row))))
    return result


def _filled(template: str, row: dict[str, Node]) -> str:
    """A message with ``{?name}`` and ``{$name}`` replaced by the row's values, as
    pySHACL fills them (the lexical form or IRI; unbound ones stay as they are)."""
    for name, value in row.items():
        placeholder = re.compile(r"\{[?$]" + re.escape(name) + r"\}")
        template = placeholder.sub(str(value).replace("\\", "\\\\"), template)
    return template
