"""Triples a subject at a time, read from an Oxigraph store or from any stream of triples.

Turtle, RDF/XML, TriG and JSON-LD write a block (a node object) per subject. Oxigraph gives a
graph's quads in the order of its in-memory store, in which one subject's triples are
scattered (a file's block, then each closure rule that added to it): written in that order,
one subject could fill a dozen blocks. So the subjects are listed once, by a ``DISTINCT``
query, and each subject's triples are then read from the store's index: only the list of
subjects is held in memory, never the triples. The order is the store's, not sorted; it
depends on the triples and the order they were loaded in, not on the clock or on Python's
hashing, so the same sources give the same blocks in the same order (but for blank nodes,
which Oxigraph names afresh on every load).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import pyoxigraph as ox

Subject = ox.NamedNode | ox.BlankNode | ox.Triple
Object = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Graph = ox.NamedNode | ox.BlankNode | ox.DefaultGraph
Pair = tuple[ox.NamedNode, Object]
#: A subject and the distinct (predicate, object) pairs stated about it.
Group = tuple[Subject, list[Pair]]
#: Subjects, all at once: union of the default graph and every named one, or the given ones.
_SUBJECTS = "SELECT DISTINCT ?s WHERE { ?s ?p ?o }"


def by_subject(store: ox.Store, graphs: Sequence[Graph] | None = None) -> Iterator[Group]:
    """Each subject of the union of ``graphs`` (every graph of the store, the default one
    included, when None) with what those graphs state about it, each triple once."""
    if graphs is None:
        listed = store.query(_SUBJECTS, use_default_graph_as_union=True)
    else:
        listed = store.query(_SUBJECTS, default_graph=list(graphs))
    assert isinstance(listed, ox.QuerySolutions)
    if graphs is not None and len(graphs) == 1:
        (graph,) = graphs
        for (subject,) in listed:
            quads = store.quads_for_pattern(subject, None, None, graph)
            yield subject, [(quad.predicate, quad.object) for quad in quads]
        return
    wanted = None if graphs is None else set(graphs)
    for (subject,) in listed:
        quads = store.quads_for_pattern(subject, None, None, None)
        pairs = {
            (q.predicate, q.object): None for q in quads if wanted is None or q.graph_name in wanted
        }
        yield subject, list(pairs)


def grouped(triples: Iterable[ox.Triple | ox.Quad]) -> Iterator[Group]:
    """The triples (or the triples of quads, whatever their graph) a subject at a time, the
    subjects in the order they first come; each triple once. Holds them all: for the small
    graphs of a page or an answer, or triples that are in no store."""
    subjects: dict[Subject, dict[Pair, None]] = {}
    for triple in triples:
        subjects.setdefault(triple.subject, {})[(triple.predicate, triple.object)] = None
    for subject, pairs in subjects.items():
        yield subject, list(pairs)


def triples_of(groups: Iterable[Group]) -> Iterator[ox.Triple]:
    """The groups as triples again, a subject's together: what Oxigraph's Turtle and RDF/XML
    writers read, and write as one block per subject."""
    for subject, pairs in groups:
        for predicate, obj in pairs:
            yield ox.Triple(subject, predicate, obj)
