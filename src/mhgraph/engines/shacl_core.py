"""SHACL Core constraints compiled to SPARQL: one query per constraint over all the focus
nodes of the shapes that use it, on the Oxigraph store the closure wrote.

pyshacl-turbo validates a copy of the store, focus node by focus node. Here each node shape
with targets is compiled as a whole, with its property shapes: a constraint becomes a query
that joins the focus nodes of every shape that uses it (each shape's nodes once, with the
shape as ``?parent``, so a node reached through two shapes has two results, as pySHACL
gives) with the value nodes of its path, and selects the value nodes (or focus nodes) that
break it. Shapes nested through ``sh:node``, ``sh:or``, ``sh:not``, ``sh:xone`` and
``sh:qualifiedValueShape`` become a boolean expression on the value node.

A shape with anything this module does not plan (another target kind, a SPARQL constraint
:mod:`.shacl_sets` left behind, a parameter or path form not listed here, a missing
message) stays whole in the shapes graph for the full validator; it is never evaluated in
a weaker form. Results are written as pySHACL writes them: the value node as ``sh:value``
(none for counts, ``sh:hasValue`` and ``sh:uniqueLang``), the focus node as value of a node
shape's own constraints, the shape's path as ``sh:resultPath`` (the predicate for
``sh:closed``), the shape's messages with their languages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cached_property
from itertools import count

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SH, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from . import shacl_sets
from .shacl_sets import target_pattern

#: What a node or property shape may say besides its constraints: these change no result.
_DESCRIPTIVE = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.message}
_DESCRIPTIVE |= {SH.severity, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf}
_DESCRIPTIVE |= {SH.targetNode, SH.property, SH.closed, SH.ignoredProperties, SH.path}
_DESCRIPTIVE |= {SH.sparql}  # run by :mod:`.shacl_sets`; a shape with one left over is refused
#: Datatypes whose literals pySHACL also wants well formed, as rdflib reads them: the query
#: asks Oxigraph's cast, and a literal the cast refuses is read again with rdflib before it
#: becomes a result. rdflib takes a few more forms (such as "1e5" as a decimal), and checks
#: the calendar types only once owlrl has installed its converters in the process, as it
#: has whenever the reference engine reasoned: reading the literal again in this process
#: gives what pySHACL would give in it.
_CHECKED_TYPES = {XSD.integer, XSD.decimal, XSD.float, XSD.double, XSD.boolean, XSD.date}
_CHECKED_TYPES |= {XSD.dateTime, XSD.time, XSD.gYear, XSD.gYearMonth}
#: XML Schema datatypes whose forms are not checked: the datatype alone decides.
_UNCHECKED_TYPES = {XSD.string}
_PYTHON_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.integer: int,
    XSD.decimal: Decimal,
    XSD.float: float,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}
_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}
_TYPE = RDF.type.n3()
_SUBCLASS = RDFS.subClassOf.n3()


class Unplanned(Exception):
    """A shape uses something this module does not compile."""


@dataclass(frozen=True)
class CoreCheck:
    """One constraint of one shape, as one query over the focus nodes of its parents.

    The query selects ``?parent`` and ``?this`` and, where the result has them,
    ``?value`` and ``?path``."""

    shape: Node
    component: URIRef
    severity: Node
    messages: tuple[Literal, ...]
    path: Node | None
    query: str
    #: Datatypes whose literals, when rdflib reads them as well formed, meet the constraint
    #: although Oxigraph's cast refused them.
    rescue: tuple[URIRef, ...] = ()


@dataclass
class CorePlan:
    """The checks run here, and the shapes graph left for the full validator."""

    checks: list[CoreCheck]
    shapes: Graph
    #: The statements of ``shapes`` that these checks and the SPARQL ones stand for: the
    #: SPARQL constraints run apart and the targets of the node shapes compiled here.
    taken: set[tuple[Node, Node, Node]]
    planned: list[Node] = field(default_factory=list)

    @cached_property
    def rest(self) -> Graph:
        """``shapes`` without what the checks stand for."""
        return shacl_sets.Plan([], self.shapes, self.taken).rest

    @property
    def leaves_nothing(self) -> bool:
        """Whether no shape of the rest has focus nodes, so the full validator need not run."""
        for predicate in (*_TARGETS, SH.target):
            for triple in self.shapes.triples((None, predicate, None)):
                if triple not in self.taken:
                    return False
        graph = self.shapes
        classes = set(graph.subjects(RDF.type, RDFS.Class)) | set(
            graph.subjects(RDF.type, OWL.Class)
        )
        shapes = set(graph.subjects(RDF.type, SH.NodeShape))
        return not (classes & (shapes | set(graph.subjects(RDF.type, SH.PropertyShape))))


def plan(shapes: Graph, sparql: shacl_sets.Plan) -> CorePlan:
    """The node shapes of ``shapes`` that compile whole, with what :mod:`.shacl_sets`
    planned of their SPARQL constraints (``sparql``), as checks; their targets are taken
    out of the rest."""
    compiler = _Compiler(shapes, sparql.taken)
    by_key: dict[tuple, tuple[_Constraint, list[Node]]] = {}
    planned = []
    for top in sorted(_targeted(shapes), key=str):
        try:
            constraints = compiler.shape(top)
        except Unplanned:
            continue
        planned.append(top)
        for constraint in constraints:
            by_key.setdefault(constraint.key, (constraint, []))[1].append(top)
    taken = set(sparql.taken)
    for top in planned:
        for predicate in _TARGETS:
            taken |= set(shapes.triples((top, predicate, None)))
    checks = [constraint.check(parents, compiler.focus) for constraint, parents in by_key.values()]
    return CorePlan(checks, shapes, taken, planned)


def _targeted(shapes: Graph) -> set[Node]:
    return {s for p in _TARGETS for s in shapes.subjects(p, None)}


@dataclass
class _Constraint:
    """One constraint of a shape, before the parents' focus nodes are joined in."""

    shape: Node
    component: URIRef
    severity: Node
    messages: tuple[Literal, ...]
    path: Node | None
    #: The query's pattern and projection (``{focus}``: the focus nodes), and its tail.
    select: str
    body: str
    tail: str = ""
    rescue: tuple[URIRef, ...] = ()

    @property
    def key(self) -> tuple:
        return (self.shape, self.component, self.body, self.tail)

    def check(self, parents: list[Node], focus: dict[Node, str]) -> CoreCheck:
        branches = []
        for parent in parents:
            pattern = focus[parent]
            branches.append(
                f"{{ SELECT DISTINCT ?this ({parent.n3()} AS ?parent) WHERE {{ {pattern} }} }}"
            )
        union = " UNION ".join(branches)
        query = f"SELECT {self.select} WHERE {{ {union} {self.body} }} {self.tail}"
        return CoreCheck(
            self.shape,
            self.component,
            self.severity,
            self.messages,
            self.path,
            query,
            self.rescue,
        )


class _Index:
    """The shapes graph by subject and predicate: compiling asks it thousands of small
    questions, which rdflib's store answers a hundred times slower."""

    def __init__(self, graph: Graph) -> None:
        self.by: dict[Node, dict[Node, list[Node]]] = {}
        for subject, predicate, value in graph:
            self.by.setdefault(subject, {}).setdefault(predicate, []).append(value)

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        return list(self.by.get(subject, {}).get(predicate, ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        found = self.by.get(subject, {}).get(predicate)
        return found[0] if found else None

    def predicates(self, subject: Node) -> list[Node]:
        return list(self.by.get(subject, {}))

    def __contains__(self, triple: tuple[Node, Node, Node | None]) -> bool:
        subject, predicate, value = triple
        found = self.by.get(subject, {}).get(predicate, [])
        return bool(found) if value is None else value in found

    def items(self, node: Node) -> list[Node]:
        """The members of an RDF list."""
        found: list[Node] = []
        while node != RDF.nil:
            first = self.value(node, RDF.first)
            rest = self.value(node, RDF.rest)
            if first is None or rest is None or len(found) > 10_000:
                raise Unplanned(node)
            found.append(first)
            node = rest
        return found


class _Compiler:
    def __init__(self, shapes: Graph, taken: set[tuple[Node, Node, Node]]) -> None:
        self.shapes = _Index(shapes)
        self.graph = shapes
        self.taken = taken
        #: The focus nodes of each node shape compiled, as a pattern binding ``?this``.
        self.focus: dict[Node, str] = {}
        self.names = count()
        self.stack: list[Node] = []
        #: Property shapes compiled once, so the shapes that share one share its queries.
        self.compiled: dict[Node, list[_Constraint]] = {}

    def var(self) -> str:
        return f"?v{next(self.names)}"

    def shape(self, top: Node) -> list[_Constraint]:
        """Every constraint of the node shape ``top`` and of its property shapes."""
        graph = self.shapes
        if isinstance(top, Literal) or (top, SH.path, None) in graph:
            raise Unplanned(top)
        for constraint in graph.objects(top, SH.sparql):
            if (top, SH.sparql, constraint) not in self.taken:
                raise Unplanned(top)  # left to the full validator, and so is the shape
        pattern = target_pattern(self.graph, top)
        if pattern is None:
            raise Unplanned(top)
        self.focus[top] = pattern
        found = self.constraints(top, None)
        for prop in graph.objects(top, SH.property):
            path = graph.value(prop, SH.path)
            if path is None:
                raise Unplanned(prop)
            if prop not in self.compiled:
                self.compiled[prop] = self.constraints(prop, path)
            found += self.compiled[prop]
        return found

    def constraints(self, shape: Node, path: Node | None) -> list[_Constraint]:
        """The constraints of a node shape (``path`` None: the value is the focus node) or
        of one of its property shapes."""
        graph = self.shapes
        _check_known(graph, shape)
        if path is not None and (shape, SH.property, None) in graph:
            raise Unplanned(shape)
        severity = graph.value(shape, SH.severity) or SH.Violation
        messages = tuple(m for m in graph.objects(shape, SH.message) if isinstance(m, Literal))
        found: list[_Constraint] = []

        def add(
            component: URIRef,
            select: str,
            body: str,
            tail: str = "",
            rescue: tuple[URIRef, ...] = (),
        ) -> None:
            if not messages:
                raise Unplanned(shape)  # pySHACL's own messages are not written here
            found.append(
                _Constraint(shape, component, severity, messages, path, select, body, tail, rescue)
            )

        if path is None:
            values = "BIND (?this AS ?value)"
            counted = (SH.minCount, SH.maxCount, SH.uniqueLang, SH.qualifiedValueShape)
            if any((shape, p, None) in graph for p in counted):
                raise Unplanned(shape)
            for term in graph.objects(shape, SH.hasValue):
                add(
                    SH.HasValueConstraintComponent,
                    "?parent ?this",
                    f"FILTER (!sameTerm(?this, {term.n3()}))",
                )
        else:
            values = f"?this {_path(graph, path)} ?value"
            self.counts(shape, path, add)
        each = "?parent ?this ?value"
        for component, test in self.value_tests(shape):
            if component != SH.ClassConstraintComponent:
                add(component, each, f"{values} FILTER (!{test('?value')})")
        for term in graph.objects(shape, SH["class"]):
            # MINUS: one anti-join, where a FILTER NOT EXISTS walks the path once per value
            instances = f"?value {_TYPE}/{_SUBCLASS}* {term.n3()}"
            add(SH.ClassConstraintComponent, each, f"{values} MINUS {{ {instances} }}")
        for members in graph.objects(shape, SH["or"]):
            tests, rescue = self.alternatives(members)
            test = _joined(tests, " || ", "false")
            add(SH.OrConstraintComponent, each, f"{values} FILTER (!{test('?value')})", "", rescue)
        for datatype in graph.objects(shape, SH.datatype):
            add(
                SH.DatatypeConstraintComponent,
                each,
                f"{values} FILTER (!{_datatype(datatype, '?value')})",
                "",
                (datatype,) if isinstance(datatype, URIRef) and datatype in _CHECKED_TYPES else (),
            )
        closed = graph.value(shape, SH.closed)
        if isinstance(closed, Literal) and closed.toPython() is True:
            if path is not None:
                raise Unplanned(shape)
            add(SH.ClosedConstraintComponent, "?parent ?this ?path ?value", self.closed(shape))
        elif closed is not None or (shape, SH.ignoredProperties, None) in graph:
            raise Unplanned(shape)
        return found

    def closed(self, shape: Node) -> str:
        """The statements of a focus node whose property the closed ``shape`` does not list
        (pySHACL also lets ``rdf:type rdfs:Resource`` pass)."""
        graph = self.shapes
        allowed = set()
        for prop in graph.objects(shape, SH.property):
            path = graph.value(prop, SH.path)
            if isinstance(path, URIRef):
                allowed.add(path)
        for holder in graph.objects(shape, SH.ignoredProperties):
            allowed |= {p for p in graph.items(holder) if isinstance(p, URIRef)}
        listed = ", ".join(p.n3() for p in sorted(allowed))
        test = f"FILTER (?path NOT IN ({listed}))" if listed else ""
        # As an OPTIONAL, Oxigraph reads each focus node's statements; as a plain pattern it
        # read every statement of the store and joined them with the focus nodes after.
        return (
            f"OPTIONAL {{ ?this ?path ?value }} FILTER (BOUND(?path)) {test} "
            f"FILTER (!(sameTerm(?path, {_TYPE}) && sameTerm(?value, {RDFS.Resource.n3()})))"
        )

    def counts(self, shape: Node, path: Node, add: Callable[..., None]) -> None:
        """The constraints on how many value nodes a focus node has (of a kind, for the
        qualified ones), and on their language tags."""
        graph = self.shapes
        walk = _path(graph, path)
        v = self.var()
        per_focus = "GROUP BY ?parent ?this HAVING"
        for term in graph.objects(shape, SH.minCount):
            n = _integer(term, shape)
            if n == 1:
                add(
                    SH.MinCountConstraintComponent, "?parent ?this", f"MINUS {{ ?this {walk} {v} }}"
                )
            elif n > 1:
                add(
                    SH.MinCountConstraintComponent,
                    "?parent ?this",
                    f"OPTIONAL {{ ?this {walk} {v} }}",
                    f"{per_focus} (COUNT(DISTINCT {v}) < {n})",
                )
        # Counted over the whole store before the focus nodes are joined: the values of a
        # node do not depend on the shape that reached it, and Oxigraph groups faster so.
        for term in graph.objects(shape, SH.maxCount):
            n = _integer(term, shape)
            add(
                SH.MaxCountConstraintComponent,
                "?parent ?this",
                f"{{ SELECT ?this WHERE {{ ?this {walk} {v} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT {v}) > {n}) }}",
            )
        for term in graph.objects(shape, SH.hasValue):
            add(
                SH.HasValueConstraintComponent,
                "?parent ?this",
                f"MINUS {{ ?this {walk} {term.n3()} }}",
            )
        unique = graph.value(shape, SH.uniqueLang)
        if isinstance(unique, Literal) and unique.toPython() is True:
            add(
                SH.UniqueLangConstraintComponent,
                "?parent ?this ?lang",  # a result for each language used twice
                f"{{ SELECT ?this ?lang WHERE {{ ?this {walk} {v} "
                f'FILTER (isLiteral({v}) && LANG({v}) != "") BIND (LCASE(LANG({v})) AS ?lang) }} '
                f"GROUP BY ?this ?lang HAVING (COUNT(DISTINCT {v}) > 1) }}",
            )
        qualified = list(graph.objects(shape, SH.qualifiedValueShape))
        if not qualified:
            if any((shape, p, None) in graph for p in (SH.qualifiedMinCount, SH.qualifiedMaxCount)):
                raise Unplanned(shape)
            return
        if len(qualified) != 1 or (shape, SH.qualifiedValueShapesDisjoint, None) in graph:
            raise Unplanned(shape)
        test = self.conforms(qualified[0], v)
        for parameter, component, compare in (
            (SH.qualifiedMinCount, SH.QualifiedMinCountConstraintComponent, "<"),
            (SH.qualifiedMaxCount, SH.QualifiedMaxCountConstraintComponent, ">"),
        ):
            for term in graph.objects(shape, parameter):
                n = _integer(term, shape)
                if compare == "<" and n == 1:
                    qualified_none = f"MINUS {{ ?this {walk} {v} FILTER ({test}) }}"
                    add(component, "?parent ?this", qualified_none)
                elif compare == ">" or n > 1:
                    add(
                        component,
                        "?parent ?this",
                        f"OPTIONAL {{ ?this {walk} {v} FILTER ({test}) }}",
                        f"{per_focus} (COUNT(DISTINCT {v}) {compare} {n})",
                    )

    def value_tests(self, shape: Node) -> list[tuple[URIRef, Test]]:
        """The constraints tested on each value node on its own, as (component, a SPARQL
        expression on a variable, true when the value conforms)."""
        graph = self.shapes
        tests: list[tuple[URIRef, Test]] = []
        for term in graph.objects(shape, SH["class"]):
            tests.append((SH.ClassConstraintComponent, _class(term)))
        for term in graph.objects(shape, SH.nodeKind):
            if term not in _NODE_KINDS:
                raise Unplanned(shape)
            tests.append((SH.NodeKindConstraintComponent, _kind(_NODE_KINDS[term])))
        flags = [str(f) for f in graph.objects(shape, SH.flags)]
        if len(flags) > 1:
            raise Unplanned(shape)
        for term in graph.objects(shape, SH.pattern):
            tests.append((SH.PatternConstraintComponent, _pattern(term, flags)))
        for parameter, component, compare in (
            (SH.maxLength, SH.MaxLengthConstraintComponent, "<="),
            (SH.minLength, SH.MinLengthConstraintComponent, ">="),
        ):
            for term in graph.objects(shape, parameter):
                n = _integer(term, shape)
                tests.append((component, _length(compare, n)))
        for term in graph.objects(shape, SH["in"]):
            tests.append((SH.InConstraintComponent, _member(graph.items(term))))
        for term in graph.objects(shape, SH.languageIn):
            tests.append((SH.LanguageInConstraintComponent, _languages(graph.items(term))))
        for term in graph.objects(shape, SH.node):
            tests.append((SH.NodeConstraintComponent, self.nested(term)))
        for term in graph.objects(shape, SH["not"]):
            tests.append((SH.NotConstraintComponent, _negated(self.nested(term))))
        for term in graph.objects(shape, SH["and"]):
            members = [self.nested(m) for m in graph.items(term)]
            tests.append((SH.AndConstraintComponent, _joined(members, " && ", "true")))
        for term in graph.objects(shape, SH.xone):
            members = [self.nested(m) for m in graph.items(term)]
            tests.append((SH.XoneConstraintComponent, _exactly_one(members)))
        return tests

    def alternatives(self, members: Node) -> tuple[list[Test], tuple[URIRef, ...]]:
        """The tests of the members of an ``sh:or``, and the datatypes of the members that
        only ask a datatype, whose literals rdflib may read as well formed where Oxigraph's
        cast did not (see :data:`_CHECKED_TYPES`)."""
        graph = self.shapes
        tests: list[Test] = []
        rescue: list[URIRef] = []
        for member in graph.items(members):
            datatype = graph.value(member, SH.datatype)
            said = {p for p in graph.predicates(member) if str(p).startswith(str(SH))}
            if isinstance(datatype, URIRef) and said <= {SH.datatype} | _DESCRIPTIVE - {
                SH.property,
                SH.closed,
                SH.sparql,
                SH.path,
            }:
                tests.append(_typed(datatype))
                if datatype in _CHECKED_TYPES:
                    rescue.append(datatype)
            else:
                tests.append(self.nested(member))
        return tests, tuple(rescue)

    def choices(self, shape: Node) -> list[Test]:
        """The ``sh:or`` of a nested shape, where no literal can be read again by rdflib."""
        found = []
        for members in self.shapes.objects(shape, SH["or"]):
            tests, rescue = self.alternatives(members)
            if rescue:
                raise Unplanned(shape)
            found.append(_joined(tests, " || ", "false"))
        return found

    def datatypes(self, shape: Node) -> list[Node]:
        """The datatype of a nested shape, where no literal can be read again by rdflib."""
        found = list(self.shapes.objects(shape, SH.datatype))
        if any(d in _CHECKED_TYPES for d in found):
            raise Unplanned(shape)
        return found

    def nested(self, shape: Node) -> Test:
        """The test of conformance to a nested shape, compiled once (it names variables)."""
        compiled: dict[str, str] = {}

        def test(v: str) -> str:
            if v not in compiled:
                compiled[v] = self.conforms(shape, v)
            return compiled[v]

        test("?probe")  # compile now, so an unplanned shape refuses its parent at once
        return test

    def conforms(self, shape: Node, v: str) -> str:
        """A SPARQL expression true when the node ``v`` conforms to ``shape`` (a nested
        shape: any result of it, at any severity, makes the node not conform)."""
        graph = self.shapes
        if shape in self.stack or isinstance(shape, Literal):
            raise Unplanned(shape)  # recursive shapes: pySHACL warns and skips them
        _check_known(graph, shape)
        if any((shape, p, None) in graph for p in (SH.sparql, SH.closed, SH.uniqueLang)):
            raise Unplanned(shape)
        if (shape, SH.qualifiedValueShape, None) in graph:
            raise Unplanned(shape)
        self.stack.append(shape)
        try:
            path = graph.value(shape, SH.path)
            parts = []
            if path is None:
                if any((shape, p, None) in graph for p in (SH.minCount, SH.maxCount)):
                    raise Unplanned(shape)
                parts += [test(v) for _, test in self.value_tests(shape)]
                parts += [test(v) for test in self.choices(shape)]
                parts += [_datatype(d, v) for d in self.datatypes(shape)]
                parts += [f"sameTerm({v}, {h.n3()})" for h in graph.objects(shape, SH.hasValue)]
            else:
                walk = _path(graph, path)
                x = self.var()
                each = [test(x) for _, test in self.value_tests(shape)]
                each += [test(x) for test in self.choices(shape)]
                each += [_datatype(d, x) for d in self.datatypes(shape)]
                if each:
                    parts.append(f"NOT EXISTS {{ {v} {walk} {x} FILTER (!({' && '.join(each)})) }}")
                for term in graph.objects(shape, SH.hasValue):
                    parts.append(f"EXISTS {{ {v} {walk} {term.n3()} }}")
                for term in graph.objects(shape, SH.minCount):
                    n = _integer(term, shape)
                    if n > 1:
                        raise Unplanned(shape)
                    if n == 1:
                        parts.append(f"EXISTS {{ {v} {walk} {self.var()} }}")
                for term in graph.objects(shape, SH.maxCount):
                    if _integer(term, shape) != 0:
                        raise Unplanned(shape)
                    parts.append(f"NOT EXISTS {{ {v} {walk} {self.var()} }}")
            for prop in graph.objects(shape, SH.property):
                parts.append(self.conforms(prop, v))
        finally:
            self.stack.pop()
        return "(" + (" && ".join(parts) or "true") + ")"


Test = Callable[[str], str]

#: Parameters compiled here, besides the descriptive ones.
_PARAMETERS = {SH["class"], SH.nodeKind, SH.pattern, SH.flags, SH.maxLength, SH.minLength}
_PARAMETERS |= {SH["in"], SH.languageIn, SH.node, SH["not"], SH["or"], SH["and"], SH.xone}
_PARAMETERS |= {SH.datatype, SH.hasValue, SH.minCount, SH.maxCount, SH.uniqueLang}
_PARAMETERS |= {SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount}


def _check_known(graph: _Index, shape: Node) -> None:
    """Refuse a shape that says anything in the SHACL namespace not compiled here, or
    gives a parameter twice where pySHACL takes one value."""
    for predicate in set(graph.predicates(shape)):
        if predicate == RDF.type or not str(predicate).startswith(str(SH)):
            continue
        if predicate not in _PARAMETERS and predicate not in _DESCRIPTIVE:
            raise Unplanned(shape)
    datatypes = list(graph.objects(shape, SH.datatype))
    if any(not isinstance(d, URIRef) for d in datatypes):
        raise Unplanned(shape)
    for single in (SH.path, SH.datatype, SH.minCount, SH.maxCount, SH.maxLength, SH.minLength):
        if len(list(graph.objects(shape, single))) > 1:
            raise Unplanned(shape)
    if len(list(graph.objects(shape, SH.languageIn))) > 1:
        raise Unplanned(shape)


def _path(graph: _Index, path: Node) -> str:
    """A SHACL path as a SPARQL property path: an IRI, an inverse, a sequence or an
    alternative of IRIs; anything else is left to the full validator."""
    if isinstance(path, URIRef):
        return path.n3()
    if not isinstance(path, BNode):
        raise Unplanned(path)
    inverse = graph.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return f"^{inverse.n3()}"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        members = graph.items(alternatives)
        if members and all(isinstance(m, URIRef) for m in members):
            return "(" + "|".join(m.n3() for m in members) + ")"
        raise Unplanned(path)
    if (path, RDF.first, None) in graph:
        members = graph.items(path)
        if len(members) > 1 and all(isinstance(m, URIRef) for m in members):
            return "/".join(m.n3() for m in members)
    raise Unplanned(path)


def _integer(term: Node, shape: Node) -> int:
    value = term.toPython() if isinstance(term, Literal) else None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise Unplanned(shape)
    return value


def _kind(template: str) -> Test:
    return lambda v: template.format(v=v)


def _negated(test: Test) -> Test:
    return lambda v: f"!{test(v)}"


def _typed(datatype: URIRef) -> Test:
    return lambda v: _datatype(datatype, v)


def _class(term: Node) -> Test:
    if not isinstance(term, URIRef):
        raise Unplanned(term)
    return lambda v: f"EXISTS {{ {v} {_TYPE}/{_SUBCLASS}* {term.n3()} }}"


def _pattern(term: Node, flags: list[str]) -> Test:
    if not isinstance(term, Literal) or any(set(f) - set("imsx") for f in flags):
        raise Unplanned(term)
    text = Literal(str(term)).n3()
    extra = f", {Literal(flags[0]).n3()}" if flags else ""
    return lambda v: f"(!isBlank({v}) && REGEX(STR({v}), {text}{extra}))"


def _length(compare: str, n: int) -> Test:
    return lambda v: f"(!isBlank({v}) && STRLEN(STR({v})) {compare} {n})"


def _member(items: list[Node]) -> Test:
    def test(v: str) -> str:
        return "(" + (" || ".join(f"sameTerm({v}, {item.n3()})" for item in items) or "false") + ")"

    return test


def _languages(items: list[Node]) -> Test:
    if any(not isinstance(item, Literal) for item in items):
        raise Unplanned(items[0])
    tags = [str(item).lower() for item in items]
    listed = ", ".join(Literal(tag).n3() for tag in tags)

    def test(v: str) -> str:
        tagged = f'isLiteral({v}) && LANG({v}) != ""'
        if "*" in tags:
            return f"({tagged})"
        if not tags:
            return "false"
        return (
            f"({tagged} && (LCASE(LANG({v})) IN ({listed}) || "
            f'LCASE(STRBEFORE(LANG({v}), "-")) IN ({listed})))'
        )

    return test


def _joined(members: list[Test], join: str, empty: str) -> Test:
    return lambda v: "(" + (join.join(m(v) for m in members) or empty) + ")"


def _exactly_one(members: list[Test]) -> Test:
    return lambda v: "(" + (" + ".join(f"IF({m(v)}, 1, 0)" for m in members) or "0") + " = 1)"


def _datatype(datatype: Node, v: str) -> str:
    """True when ``v`` is a literal of ``datatype``, and for the XML Schema types one that is
    well formed, as pySHACL tests it."""
    if datatype == RDF.langString:
        return f'(isLiteral({v}) && LANG({v}) != "")'
    if datatype == RDFS.Literal:
        return f"isLiteral({v})"
    assert isinstance(datatype, URIRef)
    typed = f"(isLiteral({v}) && DATATYPE({v}) = {datatype.n3()})"
    if datatype in _UNCHECKED_TYPES:
        return typed
    if datatype in _CHECKED_TYPES:
        cast = f"COALESCE(DATATYPE({datatype.n3()}(STR({v}))) = {datatype.n3()}, false)"
        return f"({typed} && {cast})"
    if str(datatype).startswith(str(XSD)) or datatype == RDFS.Datatype:
        raise Unplanned(datatype)  # rdflib checks forms this module does not
    return typed


def run(store: ox.Store, checks: Iterable[CoreCheck], report: Graph, shapes: Graph) -> None:
    """Add the results of ``checks`` on ``store`` (the union of its graphs) to ``report``."""
    root = shacl_sets.report_root(report)
    for check in checks:
        for terms in shacl_sets.solutions(store, check.query):
            if check.rescue and _well_formed(terms.get("value"), check.rescue):
                continue
            report.add((root, SH.result, _result(report, check, terms, shapes)))


def _well_formed(value: Node | None, datatypes: tuple[URIRef, ...]) -> bool:
    """Whether rdflib reads ``value`` as a well-formed literal of one of ``datatypes``, as
    pySHACL tests it: not ill-typed, and read as a value of the Python type of the datatype."""
    if not isinstance(value, Literal) or value.datatype not in datatypes:
        return False
    if value.ill_typed is True:
        return False
    expected = _PYTHON_TYPES.get(URIRef(value.datatype))
    return expected is None or isinstance(value.value, expected)


def _result(report: Graph, check: CoreCheck, row: dict[str, Node], shapes: Graph) -> BNode:
    result = BNode()
    report.add((result, RDF.type, SH.ValidationResult))
    report.add((result, SH.focusNode, row["this"]))
    if "value" in row:
        report.add((result, SH.value, row["value"]))
    path = row.get("path", check.path)
    if path is not None:
        report.add((result, SH.resultPath, path))
        if isinstance(path, BNode):
            _copy(shapes, path, report)
    report.add((result, SH.sourceShape, check.shape))
    report.add((result, SH.sourceConstraintComponent, check.component))
    report.add((result, SH.resultSeverity, check.severity))
    for message in check.messages:
        report.add((result, SH.resultMessage, message))
    return result


def _copy(shapes: Graph, node: Node, report: Graph) -> None:
    """A path expression of the shapes graph, copied into the report as pySHACL does."""
    for predicate, value in shapes.predicate_objects(node):
        if (node, predicate, value) not in report:
            report.add((node, predicate, value))
            if isinstance(value, BNode):
                _copy(shapes, value, report)
