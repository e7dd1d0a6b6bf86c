"""The published triples held in plain dictionaries, for the hundreds of thousands of look-ups
the pages make.

rdflib's in-memory store answers each look-up through its context bookkeeping, which cost more
than writing the pages themselves. :class:`Triples` offers the few reading methods of
:class:`rdflib.Graph` the site uses, with the same terms and the same order of answers (the
order of insertion, by subject, predicate or object as rdflib's store keeps it), so the pages
read the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph
from rdflib.term import Node

from ..engines.convert import to_oxigraph, to_oxigraph_subject, to_rdflib_node

#: A pattern as rdflib takes it: ``None`` matches anything.
Pattern = tuple[Node | None, Node | None, Node | None]
Triple = tuple[Node, Node, Node]
_Nested = dict[Node, dict[Node, dict[Node, None]]]


class Triples:
    """A read-only set of triples indexed by subject, predicate and object."""

    def __init__(self, *parts: Iterable[Triple]) -> None:
        self._spo: _Nested = {}
        self._pos: _Nested = {}
        self._osp: _Nested = {}
        self._all: set[Triple] = set()
        self._store: ox.Store | None = None
        for part in parts:
            for triple in part:
                self._add(triple)

    def _add(self, triple: Triple) -> None:
        if triple in self._all:
            return
        self._all.add(triple)
        s, p, o = triple
        self._spo.setdefault(s, {}).setdefault(p, {})[o] = None
        self._pos.setdefault(p, {}).setdefault(o, {})[s] = None
        self._osp.setdefault(o, {}).setdefault(s, {})[p] = None

    def __len__(self) -> int:
        return len(self._all)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._all)

    def __contains__(self, pattern: Pattern) -> bool:
        if None not in pattern:
            return pattern in self._all
        return next(self.triples(pattern), None) is not None

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        s, p, o = pattern
        if s is not None and p is None and o is not None:
            # What links two nodes: asked hundreds of thousands of times by the content hash's
            # canonicaliser, nearly always of two nodes with one predicate between them (with
            # more, the subject's order of predicates is kept).
            between = self._osp.get(o, {}).get(s, {})
            if len(between) <= 1:
                yield from ((s, predicate, o) for predicate in list(between))
                return
        if s is not None:
            by_predicate = self._spo.get(s, {})
            predicates = [p] if p is not None else list(by_predicate)
            for predicate in predicates:
                objects = by_predicate.get(predicate, {})
                if o is None:
                    yield from ((s, predicate, obj) for obj in list(objects))
                elif o in objects:
                    yield (s, predicate, o)
        elif p is not None:
            by_object = self._pos.get(p, {})
            for obj in [o] if o is not None else list(by_object):
                yield from ((subject, p, obj) for subject in list(by_object.get(obj, {})))
        elif o is not None:
            for subject, found in list(self._osp.get(o, {}).items()):
                yield from ((subject, predicate, o) for predicate in list(found))
        else:
            yield from list(self._all)

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        return (s for s, _, _ in self.triples((None, predicate, obj)))

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        if subject is not None and predicate is not None:  # nearly every call: straight there
            return iter(list(self._spo.get(subject, {}).get(predicate, {})))
        return (o for _, _, o in self.triples((subject, predicate, None)))

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        return (
            (p, o) for p, objects in list(self._spo.get(subject, {}).items()) for o in list(objects)
        )

    def subject_predicates(self, obj: Node) -> Iterator[tuple[Node, Node]]:
        return ((s, p) for s, p, _ in self.triples((None, None, obj)))

    def value(self, subject: Node | None = None, predicate: Node = RDF.value) -> Node | None:
        """The first object of ``subject`` and ``predicate``, as rdflib's ``Graph.value``."""
        return next(self.objects(subject, predicate), None)

    def select(self, text: str) -> list[dict[str, Node]]:
        """The answers of a SPARQL SELECT by variable name, unbound ones left out, from an
        Oxigraph copy of the triples made at the first query (rdflib's SPARQL engine took
        seconds over the site's few charts)."""
        if self._store is None:
            self._store = ox.Store()
            self._store.bulk_extend(
                ox.Quad(to_oxigraph_subject(s), ox.NamedNode(str(p)), to_oxigraph(o))
                for s, p, o in self._all
            )
        answer = self._store.query(text)
        assert isinstance(answer, ox.QuerySolutions), "a SELECT query"
        names = [variable.value for variable in answer.variables]
        return [
            {name: to_rdflib_node(row[name]) for name in names if row[name] is not None}
            for row in answer
        ]

    def cbd(self, resource: Node) -> Graph:
        """The concise bounded description of ``resource`` (as ``Graph.cbd``): its triples,
        those of the blank nodes they reach, and the reifications of any of them."""
        description = Graph()
        pending, seen = [resource], {resource}
        while pending:
            subject = pending.pop()
            for triple in self.triples((subject, None, None)):
                description.add(triple)
                reached: list[Node] = [triple[2]] if isinstance(triple[2], BNode) else []
                reached += [
                    statement
                    for statement in self.subjects(RDF.subject, triple[0])
                    if (statement, RDF.predicate, triple[1]) in self
                    and (statement, RDF.object, triple[2]) in self
                ]
                for node in reached:
                    if node not in seen:
                        seen.add(node)
                        pending.append(node)
        return description
