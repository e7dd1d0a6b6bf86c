"""The OWL RL closure inside the Oxigraph store, for the OWL constructs the ontology uses.

owlrl runs every OWL RL rule over every triple, in Python, until nothing changes: fine for
a few thousand triples, hours for a million. The compiled reasoners do not fit either
(``reasonable`` leaves out schema entailments and needs 24 GB for a million triples;
pyshacl-turbo's reasoner takes 44 s for 100 000). Here the schema (class and property
hierarchies, domains, ranges, inverses) is closed first, in Python, because it is small;
the data is then closed with a handful of SPARQL updates that Oxigraph evaluates as joins.

That is the OWL RL closure only for the constructs listed in :data:`SUPPORTED`, and only
while no equality is entailed. When a graph uses another construct, asserts ``owl:sameAs``
or puts a node in two disjoint classes, :func:`close` returns False and the caller falls back
to owlrl. Functional properties entail nothing here, as in :func:`mhgraph.reasoning.infer`:
they are checked on the asserted triples instead. The result is then filtered exactly as
:func:`mhgraph.reasoning.infer` filters owlrl's, so both engines keep the same triples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS

from ..reasoning import (
    CLASS_EXPRESSION_PROPERTIES,
    CLASS_EXPRESSION_TYPES,
    REFLEXIVE_TAUTOLOGIES,
    W3C_VOCABULARIES,
)

#: What a schema statement relates: classes and properties, never literals.
Resource = ox.NamedNode | ox.BlankNode
Term = Resource | ox.Literal
#: What a statement may be about (RDF-star lets a statement be about a quoted one).
Subject = Resource | ox.Triple


def _iri(term: str) -> ox.NamedNode:
    return ox.NamedNode(str(term))


TYPE, SUBCLASS, SUBPROPERTY = _iri(RDF.type), _iri(RDFS.subClassOf), _iri(RDFS.subPropertyOf)
DOMAIN, RANGE = _iri(RDFS.domain), _iri(RDFS.range)
THING, RESOURCE = _iri(OWL.Thing), _iri(RDFS.Resource)
OWL_CLASS = _iri(OWL.Class)

#: What this reasoner implements: everything else in a graph makes it step aside.
SUPPORTED = (
    "rdfs:subClassOf, rdfs:subPropertyOf, rdfs:domain, rdfs:range, owl:equivalentClass, "
    "owl:equivalentProperty, owl:unionOf, owl:inverseOf, owl:SymmetricProperty, "
    "owl:TransitiveProperty, owl:FunctionalProperty, owl:InverseFunctionalProperty, "
    "owl:disjointWith"
)
_UNSUPPORTED_PREDICATES = [
    _iri(OWL[name])
    for name in (
        "intersectionOf",
        "complementOf",
        "oneOf",
        "someValuesFrom",
        "allValuesFrom",
        "hasValue",
        "hasSelf",
        "maxCardinality",
        "maxQualifiedCardinality",
        "propertyChainAxiom",
        "hasKey",
        "propertyDisjointWith",
        "sameAs",
        "differentFrom",
        "members",
        "distinctMembers",
    )
]
_UNSUPPORTED_TYPES = [
    _iri(OWL[name])
    for name in (
        "AllDifferent",
        "AllDisjointClasses",
        "AllDisjointProperties",
        "IrreflexiveProperty",
        "AsymmetricProperty",
        "Nothing",
    )
]
_PROPERTY_TYPES = {_iri(OWL.ObjectProperty), _iri(OWL.DatatypeProperty), _iri(RDF.Property)}

_TAUTOLOGIES = {str(p) for p in REFLEXIVE_TAUTOLOGIES}
HELPER = ox.NamedNode("urn:mhgraph:closure:schema")
_H = "urn:mhgraph:closure:"


@dataclass
class Schema:
    """The closed schema: what every class and property of the graph entails."""

    superclasses: dict[Resource, set[Resource]] = field(default_factory=dict)
    superproperties: dict[Resource, set[Resource]] = field(default_factory=dict)
    domains: dict[Resource, set[Resource]] = field(default_factory=dict)
    ranges: dict[Resource, set[Resource]] = field(default_factory=dict)
    #: property -> the (property, forward?) statements one statement with it entails
    derived: dict[Resource, set[tuple[Resource, bool]]] = field(default_factory=dict)
    #: Only IRIs: a property used as a predicate is never a blank node.
    transitive: set[ox.NamedNode] = field(default_factory=set)
    disjoint: set[tuple[Resource, Resource]] = field(default_factory=set)

    def entailed(self) -> Iterable[tuple[Resource, ox.NamedNode, Resource]]:
        """The schema statements owlrl's scm-* rules add (before filtering)."""
        for rows, predicate, equivalence in (
            (self.superclasses, SUBCLASS, _iri(OWL.equivalentClass)),
            (self.superproperties, SUBPROPERTY, _iri(OWL.equivalentProperty)),
        ):
            for node, supers in rows.items():
                for other in supers:
                    yield node, predicate, other
                    if node in rows.get(other, ()):
                        yield node, equivalence, other
        for rows, predicate in ((self.domains, DOMAIN), (self.ranges, RANGE)):
            for node, classes in rows.items():
                for cls in classes:
                    yield node, predicate, cls


def _closure(edges: dict[Resource, set[Resource]]) -> dict[Resource, set[Resource]]:
    """Everything reachable from each node (the node itself included)."""
    closed: dict[Resource, set[Resource]] = {}
    for start in edges:
        seen = {start}
        todo = [start]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        closed[start] = seen
    return closed


def _triples(
    store: ox.Store, predicate: ox.NamedNode, obj: Term | None = None
) -> Iterator[tuple[Resource, Resource]]:
    """The (subject, object) pairs of ``predicate`` outside the helper graph. A schema
    statement with a literal (``rdfs:subClassOf "x"``) or a quoted triple entails nothing
    here; taking it in would put a literal where a class must stand."""
    seen = set()
    for quad in store.quads_for_pattern(None, predicate, obj, None):
        subject, value = quad.subject, quad.object
        if quad.graph_name == HELPER or not isinstance(subject, Resource):
            continue
        if not isinstance(value, Resource):
            continue
        triple = (subject, value)
        if triple not in seen:
            seen.add(triple)
            yield triple


def _list(store: ox.Store, head: Resource) -> list[Resource]:
    """The members of an RDF list (``owl:unionOf``); a literal member or a broken tail ends it."""
    items: list[Resource] = []
    first, rest, nil = _iri(RDF.first), _iri(RDF.rest), _iri(RDF.nil)
    while head != nil and len(items) < 10_000:
        values = list(store.quads_for_pattern(head, first, None, None))
        if not values or not isinstance(member := values[0].object, Resource):
            break
        items.append(member)
        nexts = list(store.quads_for_pattern(head, rest, None, None))
        tail = nexts[0].object if nexts else nil
        if not isinstance(tail, Resource):
            break
        head = tail
    return items


def _adjacency(*pairs: Iterable[tuple[Resource, Resource]]) -> dict[Resource, set[Resource]]:
    found: dict[Resource, set[Resource]] = {}
    for pair in pairs:
        for a, b in pair:
            found.setdefault(a, set()).add(b)
            found.setdefault(b, set())
    return found


def _hierarchy(
    store: ox.Store,
    sub: ox.NamedNode,
    equivalence: str,
    *extra: Iterable[tuple[Resource, Resource]],
) -> dict[Resource, set[Resource]]:
    """Each class (or property) with everything above it: sub-class (sub-property) links,
    equivalences both ways and the ``extra`` links, closed."""
    equivalent = list(_triples(store, _iri(equivalence)))
    return _closure(
        _adjacency(_triples(store, sub), equivalent, [(b, a) for a, b in equivalent], *extra)
    )


def read_schema(store: ox.Store) -> Schema:
    """Close the schema in Python: it is small, and its closure is what the data rules join on."""
    unions = [
        (member, union)
        for union, head in _triples(store, _iri(OWL.unionOf))
        for member in _list(store, head)
    ]
    declared: list[tuple[Resource, Resource]] = [
        (cls, THING) for cls, _ in _triples(store, TYPE, OWL_CLASS)
    ]
    superclasses = _hierarchy(store, SUBCLASS, OWL.equivalentClass, unions, declared)
    properties = [(p, p) for kind in _PROPERTY_TYPES for p, _ in _triples(store, TYPE, kind)]
    superproperties = _hierarchy(store, SUBPROPERTY, OWL.equivalentProperty, properties)

    def lifted(predicate: ox.NamedNode) -> dict[Resource, set[Resource]]:
        direct: dict[Resource, set[Resource]] = {}
        for prop, cls in _triples(store, predicate):
            direct.setdefault(prop, set()).add(cls)
        result: dict[Resource, set[Resource]] = {}
        for prop in set(direct) | set(superproperties):
            classes: set[Resource] = set()
            for parent in superproperties.get(prop, {prop}):
                for cls in direct.get(parent, ()):
                    classes |= superclasses.get(cls, {cls})
            if classes:
                result[prop] = classes
        return result

    inverses: dict[Resource, set[Resource]] = {}
    for a, b in _triples(store, _iri(OWL.inverseOf)):
        inverses.setdefault(a, set()).add(b)
        inverses.setdefault(b, set()).add(a)
    symmetric = {p for p, _ in _triples(store, TYPE, _iri(OWL.SymmetricProperty))}
    derived: dict[Resource, set[tuple[Resource, bool]]] = {}
    for prop in set(superproperties) | set(inverses) | symmetric:
        seen = {(prop, True)}
        todo = [(prop, True)]
        while todo:
            current, forward = todo.pop()
            nexts = {(parent, forward) for parent in superproperties.get(current, ())}
            nexts |= {(inverse, not forward) for inverse in inverses.get(current, ())}
            if current in symmetric:
                nexts.add((current, not forward))
            for step in nexts - seen:
                seen.add(step)
                todo.append(step)
        derived[prop] = seen - {(prop, True)}
    return Schema(
        superclasses={c: s - {c} for c, s in superclasses.items()},
        superproperties={p: s - {p} for p, s in superproperties.items()},
        domains=lifted(DOMAIN),
        ranges=lifted(RANGE),
        derived={p: d for p, d in derived.items() if d},
        transitive={
            p
            for p, _ in _triples(store, TYPE, _iri(OWL.TransitiveProperty))
            if isinstance(p, ox.NamedNode)
        },
        disjoint=set(_triples(store, _iri(OWL.disjointWith))),
    )


def _uses_unsupported(store: ox.Store) -> bool:
    predicates = " ".join(str(p) for p in _UNSUPPORTED_PREDICATES)
    types = " ".join(str(t) for t in _UNSUPPORTED_TYPES)
    return bool(
        store.query(
            f"ASK {{ {{ VALUES ?p {{ {predicates} }} ?s ?p ?o }} "
            f"UNION {{ VALUES ?t {{ {types} }} ?s a ?t }} }}",
            use_default_graph_as_union=True,
        )
    )


def _helper_quads(schema: Schema) -> Iterable[ox.Quad]:
    for prop, steps in schema.derived.items():
        for other, forward in steps:
            name = "forward" if forward else "backward"
            yield ox.Quad(prop, ox.NamedNode(_H + name), other, HELPER)
    for first, second in schema.disjoint:
        yield ox.Quad(first, ox.NamedNode(_H + "disjoint"), second, HELPER)


def _insert(store: ox.Store, target: ox.NamedNode, template: str, where: str) -> None:
    """INSERT … WHERE, with the answers made distinct first: a node reached through thirty
    statements would otherwise be written thirty times, which is what costs."""
    variables = " ".join(sorted({word for word in template.split() if word.startswith("?")}))
    store.update(
        f"INSERT {{ GRAPH <{target.value}> {{ {template} }} }} "
        f"WHERE {{ SELECT DISTINCT {variables} WHERE {{ {where} }} }}"
    )


_NOT_LITERAL = "FILTER (!isLiteral(?o))"
#: prp-spo1, prp-eqp, prp-inv and prp-symp, through the closed schema: a statement
#: ``?s ?p ?o`` whose ``?p`` the schema helper relates to ``?q`` entails the conclusion.
_PROPERTY_RULES = (("forward", "?s ?q ?o", ""), ("backward", "?o ?q ?s", _NOT_LITERAL))


def _derive_properties(
    store: ox.Store, target: ox.NamedNode, only: set[ox.NamedNode] | None
) -> None:
    """The statements the property rules entail that no graph holds yet: inverse properties
    are mostly stated both ways, and writing those again (to delete them afterwards) was
    most of this stage's time."""
    limit = ""
    if only is not None:
        limit = "VALUES ?p { " + " ".join(str(p) for p in only) + " }"
    for name, template, guard in _PROPERTY_RULES:
        _insert(
            store,
            target,
            template,
            f"{limit} GRAPH <{HELPER.value}> {{ ?p <{_H}{name}> ?q }} "
            f"GRAPH ?g {{ ?s ?p ?o }} {guard} FILTER NOT EXISTS {{ GRAPH ?h {{ {template} }} }}",
        )


def _close_transitive(store: ox.Store, target: ox.NamedNode, prop: ox.NamedNode) -> None:
    """Add the missing shortcuts of ``prop``; a breadth-first walk in Python beats a SPARQL
    property path with both ends open by an order of magnitude."""
    following: dict[Resource, set[Resource]] = {}
    for quad in store.quads_for_pattern(None, prop, None, None):
        subject, value = quad.subject, quad.object
        if isinstance(subject, Resource) and isinstance(value, Resource):
            following.setdefault(subject, set()).add(value)
    shortcuts = []
    for start, direct in following.items():
        seen = set(direct)
        todo = list(direct)
        while todo:
            for nxt in following.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
                    shortcuts.append(ox.Quad(start, prop, nxt, target))
    store.extend(shortcuts)


def _derived_types(
    store: ox.Store, schema: Schema, graphs: list[ox.NamedNode], anonymous: set[ox.BlankNode]
) -> Iterator[ox.Quad]:
    """prp-dom, prp-rng and cax-sco over the statements of ``graphs``, as the ``rdf:type``
    statements the last of them (the closure's) lacks.

    A type follows from a node and a property alone (a thousand statements of one
    property on one node entail its domain once), so the nodes are gathered per class in
    sets and only the types no graph holds yet are written. As SPARQL updates the same
    rules wrote every type again, most of them already asserted, and then deleted those:
    at a million triples that was four fifths of the closure's time. Types to ``owl:Thing``,
    ``rdfs:Resource`` and the ``anonymous`` classes are not kept, so they are not made.
    """
    boring = {THING, RESOURCE} | anonymous
    members: dict[Resource, set[Subject]] = {}
    for prop in schema.domains.keys() | schema.ranges.keys():
        if not isinstance(prop, ox.NamedNode):
            continue
        domains = schema.domains.get(prop, set()) - boring
        ranges = schema.ranges.get(prop, set()) - boring
        subjects: set[Subject] = set()
        objects: set[Subject] = set()
        for graph in graphs:
            quads = store.quads_for_pattern(None, prop, None, graph)
            if domains and ranges:
                for quad in quads:
                    subjects.add(quad.subject)
                    if not isinstance(quad.object, ox.Literal):
                        objects.add(quad.object)
            elif domains:
                subjects.update(quad.subject for quad in quads)
            elif ranges:
                objects.update(o for q in quads if not isinstance(o := q.object, ox.Literal))
        for classes, nodes in ((domains, subjects), (ranges, objects)):
            for cls in classes:
                members.setdefault(cls, set()).update(nodes)
    typed: dict[Resource, set[Subject]] = {}
    for graph in graphs:
        for quad in store.quads_for_pattern(None, TYPE, None, graph):
            if isinstance(quad.object, Resource):
                typed.setdefault(quad.object, set()).add(quad.subject)
    for cls, supers in schema.superclasses.items():
        for other in supers - boring:
            members.setdefault(other, set()).update(typed.get(cls, ()))
    for cls, nodes in members.items():
        for node in nodes - typed.get(cls, set()):
            yield ox.Quad(node, TYPE, cls, graphs[-1])


def _edges(store: ox.Store, properties: set[ox.NamedNode]) -> int:
    values = " ".join(str(p) for p in properties)
    rows = store.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    assert isinstance(rows, ox.QuerySolutions)  # a SELECT answers solutions
    count = next(iter(rows))["n"]
    assert count is not None  # COUNT(*) is always bound
    return int(count.value)


def _entails_equality(store: ox.Store, schema: Schema) -> bool:
    if not schema.disjoint:
        return False
    return bool(
        store.query(
            f"ASK {{ GRAPH <{HELPER.value}> {{ ?c <{_H}disjoint> ?d }} ?x a ?c . ?x a ?d }}",
            use_default_graph_as_union=True,
        )
    )


def _holds(store: ox.Store, subject: Resource, predicate: ox.NamedNode, obj: Resource) -> bool:
    """Whether some graph states the statement already: the closure writes only what is new."""
    return next(iter(store.quads_for_pattern(subject, predicate, obj, None)), None) is not None


def is_informative(subject: Term, predicate: Term, obj: Term) -> bool:
    """:func:`mhgraph.reasoning.infer`'s filter, on Oxigraph terms."""
    if isinstance(subject, ox.Literal) or subject.value.startswith(W3C_VOCABULARIES):
        return False
    if predicate.value in _TAUTOLOGIES and subject == obj:
        return False
    return not (predicate in (TYPE, SUBCLASS) and obj in (THING, RESOURCE))


def _keep_informative(store: ox.Store, target: ox.NamedNode, anonymous: set[ox.BlankNode]) -> None:
    """Leave out what :func:`mhgraph.reasoning.infer` leaves out. Nothing asserted is left
    to remove: every rule above writes only statements no graph holds."""
    vocabularies = " || ".join(f'STRSTARTS(STR(?s), "{ns}")' for ns in W3C_VOCABULARIES)
    tautologies = ", ".join(f"<{p}>" for p in REFLEXIVE_TAUTOLOGIES)
    store.update(
        f"DELETE {{ GRAPH <{target.value}> {{ ?s ?p ?o }} }} WHERE {{ "
        f"GRAPH <{target.value}> {{ ?s ?p ?o }} "
        f"FILTER ({vocabularies} "
        f"|| (?p IN ({tautologies}) && sameTerm(?s, ?o)) "
        f"|| (?p IN (<{TYPE.value}>, <{SUBCLASS.value}>) && ?o IN (<{THING.value}>, "
        f"<{RESOURCE.value}>))) }}"
    )
    about = [
        quad
        for node in anonymous
        for subject, object_ in ((node, None), (None, node))
        for quad in store.quads_for_pattern(subject, None, object_, target)
    ]
    for quad in about:
        store.remove(quad)


def anonymous_classes(store: ox.Store, asserted: list[ox.NamedNode]) -> set[ox.BlankNode]:
    """:func:`mhgraph.reasoning.anonymous_classes`, in the ``asserted`` graphs of a store."""
    graphs = " ".join(f"<{g.value}>" for g in asserted)
    properties = " ".join(f"<{p}>" for p in CLASS_EXPRESSION_PROPERTIES)
    types = " ".join(f"<{t}>" for t in CLASS_EXPRESSION_TYPES)
    rows = store.query(
        f"SELECT DISTINCT ?x WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ "
        f"{{ VALUES ?p {{ {properties} }} ?x ?p ?v }} "
        f"UNION {{ VALUES ?t {{ {types} }} ?x a ?t }} }} FILTER (isBlank(?x)) }}"
    )
    assert isinstance(rows, ox.QuerySolutions)  # a SELECT answers solutions
    return {row["x"] for row in rows}


def close(
    store: ox.Store,
    asserted: list[ox.NamedNode],
    target: ox.NamedNode,
    progress: Callable[[str], None] = lambda _: None,
) -> bool:
    """Write what OWL RL entails from the ``asserted`` graphs into ``target``.

    Returns False, leaving the store as it was, when the graph needs rules this reasoner
    does not have.
    """
    if _uses_unsupported(store):
        return False
    schema = read_schema(store)
    store.extend(_helper_quads(schema))
    try:
        progress("closure: super-properties, inverses and symmetric properties")
        _derive_properties(store, target, None)
        while schema.transitive:
            for prop in schema.transitive:
                progress(f"closure: transitive {prop}")
                _close_transitive(store, target, prop)
            before = _edges(store, schema.transitive)
            _derive_properties(store, target, schema.transitive)
            if _edges(store, schema.transitive) == before:
                break
        progress("closure: types from domains, ranges and superclasses")
        anonymous = anonymous_classes(store, asserted)
        store.extend(_derived_types(store, schema, [*asserted, target], anonymous))
        if _entails_equality(store, schema):
            store.update(f"DROP SILENT GRAPH <{target.value}>")
            return False
        progress("closure: schema entailments, and leaving out the uninformative")
        store.extend(
            ox.Quad(s, p, o, target)
            for s, p, o in schema.entailed()
            if is_informative(s, p, o) and not _holds(store, s, p, o)
        )
        _keep_informative(store, target, anonymous)
    finally:
        store.update(f"DROP SILENT GRAPH <{HELPER.value}>")
    return True
