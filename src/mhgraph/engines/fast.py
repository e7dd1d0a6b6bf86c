"""The fast engine: Oxigraph for parsing, storage, SPARQL and serialisation, the OWL RL
closure of :mod:`.closure`, pyshacl-turbo for SHACL.

Every file is a named graph of one Oxigraph store and the closure another, so queries see
their union and the asserted triples stay apart. The rdflib views of a
:class:`~mhgraph.graph.KnowledgeGraph` are built from the store only when someone asks.

Oxigraph keeps numbers, booleans and dates by value: ``9900000.0``, written as a decimal,
comes back as ``9900000``. Values, and so every comparison, filter and finding, are the
same as with rdflib; only such lexical forms in the output differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, URIRef, Variable
from rdflib.term import Node

from ..errors import FormatError, QueryError, RDFSyntaxError
from ..export import ASSERTED_GRAPH, EXPORT_FORMATS, INFERRED_GRAPH
from ..findings import Findings
from ..loading import (
    LINE_MAPPED_SUFFIXES,
    Location,
    format_of,
    graph_name,
    lines_of_subjects,
    syntax_error,
)
from ..namespaces import PREFIXES, bind_prefixes
from ..reasoning import Inference, infer
from ..results import QueryResult
from ..sparql import prepare
from ..terms import DECLARING_TYPES, TermUse, is_known
from . import closure
from .base import Progress
from .convert import to_oxigraph, to_rdflib

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

INFERRED = ox.NamedNode("urn:mhgraph:inferred")
_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "n3": ox.RdfFormat.N3,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
_PREFIX_LINE = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)


@dataclass
class OxigraphStore:
    """One Oxigraph store: a named graph per file (in load order) and one for the closure."""

    store: ox.Store
    files: dict[ox.NamedNode, str]
    paths: dict[str, Path]
    views: dict[str, Graph] = field(default_factory=dict)

    @property
    def graph_values(self) -> str:
        return " ".join(str(g) for g in self.files)

    def triples(self, part: str) -> ox.QueryTriples:
        graphs = {"asserted": list(self.files), "inferred": [INFERRED]}.get(
            part, [*self.files, INFERRED]
        )
        return self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", default_graph=graphs)

    def select(self, text: str) -> list[dict[str, Node | None]]:
        answer = self.store.query(text, use_default_graph_as_union=True)
        names = [variable.value for variable in answer.variables]
        return [{name: to_rdflib(row[name]) for name in names} for row in answer]

    def number(self, text: str) -> int:
        return int(str(self.select(text)[0]["n"]))


class StoreSources:
    """:class:`~mhgraph.loading.SourceGraph` for a store: which file a node stands in, and
    on which line, worked out from the file's text when a finding asks."""

    def __init__(self, store: OxigraphStore) -> None:
        self._store = store
        self._lines: dict[str, dict[Node, int]] = {}

    @property
    def files(self) -> dict[URIRef, str]:
        return {URIRef(g.value): label for g, label in self._store.files.items()}

    def locate(self, node: Node | None) -> Location | None:
        if isinstance(node, BNode):
            holder = self.owner(node)
            return self.locate(holder[0]) if holder else None
        if not isinstance(node, URIRef):
            return None
        term = to_oxigraph(node)
        for graph, label in self._store.files.items():
            if next(self._store.store.quads_for_pattern(term, None, None, graph), None):
                return Location(label, self._lines_of(graph, label).get(node))
        return None

    def owner(self, node: BNode) -> tuple[Node, Node] | None:
        term = to_oxigraph(node)
        holders = [
            (to_rdflib(quad.subject), to_rdflib(quad.predicate))
            for graph in self._store.files
            for quad in self._store.store.quads_for_pattern(None, None, term, graph)
        ]
        return min(holders, key=lambda pair: (str(pair[0]), str(pair[1]))) if holders else None

    def _lines_of(self, graph: ox.NamedNode, label: str) -> dict[Node, int]:
        if label not in self._lines:
            path = self._store.paths[label]
            found: dict[Node, int] = {}
            if path.suffix.lower() in LINE_MAPPED_SUFFIXES:
                text = path.read_text(encoding="utf-8")
                namespaces = {
                    m.group(1): m.group(2)
                    for m in map(_PREFIX_LINE.match, text.splitlines())
                    if m is not None
                }
                found = lines_of_subjects(text, namespaces, _Subjects(self._store.store, graph))
            self._lines[label] = found
        return self._lines[label]

    @cached_property
    def dataset(self) -> Dataset:
        dataset = Dataset(default_union=False)
        for graph, label in self._store.files.items():
            target = dataset.graph(graph_name(label))
            for quad in self._store.store.quads_for_pattern(None, None, None, graph):
                target.add(_triple(quad))
        return bind_prefixes(dataset)

    def union(self) -> Graph:
        merged = Graph()
        for name in self.files:
            merged += self.dataset.graph(name)
        return merged


class _Subjects:
    def __init__(self, store: ox.Store, graph: ox.NamedNode) -> None:
        self.store, self.graph = store, graph

    def __contains__(self, node: object) -> bool:
        term = to_oxigraph(node)  # type: ignore[arg-type]
        return next(self.store.quads_for_pattern(term, None, None, self.graph), None) is not None


class StoreTerms:
    """The declared-terms check's questions, answered by a few aggregate queries."""

    def __init__(self, store: OxigraphStore, labels: Sequence[str]) -> None:
        self.store = store
        self.graphs = {g: label for g, label in store.files.items() if label in labels}
        types = " ".join(f"<{t}>" for t in DECLARING_TYPES)
        rows = store.select(f"SELECT DISTINCT ?s WHERE {{ VALUES ?t {{ {types} }} ?s a ?t }}")
        self.declared = {row["s"] for row in rows}

    def is_declared(self, term: URIRef) -> bool:
        return term in self.declared or is_known(term)

    def is_described(self, term: URIRef) -> bool:
        return bool(
            self.store.store.query(f"ASK {{ <{term}> ?p ?o }}", use_default_graph_as_union=True)
        )

    def uses(self) -> list[TermUse]:
        graphs = " ".join(str(g) for g in self.graphs)
        queries = {
            "property": "GRAPH ?g { ?s ?t ?o }",
            "class": "GRAPH ?g { ?s a ?t } FILTER (isIRI(?t))",
        }
        order = {label: index for index, label in enumerate(self.graphs.values())}
        found = []
        for kind, pattern in queries.items():
            for row in self.store.select(
                f"SELECT ?g ?t (MIN(?s) AS ?e) WHERE {{ VALUES ?g {{ {graphs} }} {pattern} }} "
                "GROUP BY ?g ?t"
            ):
                label = self.graphs[ox.NamedNode(str(row["g"]))]
                found.append(TermUse(label, kind, row["t"], row["e"]))
        return sorted(found, key=lambda use: order[use.file])


def _triple(quad: ox.Quad | ox.Triple) -> tuple[Node, Node, Node]:
    return to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)


class FastEngine:
    name = "fast"

    def available(self) -> bool:
        from . import installed

        return installed(self.name)

    def load(
        self, paths: Sequence[Path], labels: Mapping[Path, str], progress: Progress
    ) -> OxigraphStore:
        store = ox.Store()
        files: dict[ox.NamedNode, str] = {}
        by_label: dict[str, Path] = {}
        for number, path in enumerate(paths, start=1):
            label = labels.get(path, str(path))
            progress(f"parsing file {number} of {len(paths)}: {label}")
            graph = ox.NamedNode(str(graph_name(label)))
            _bulk_load(store, path, label, graph)
            files[graph] = label
            by_label[label] = path
        return OxigraphStore(store, files, by_label)

    def reason(self, kg: KnowledgeGraph, mode: Inference, progress: Progress) -> None:
        if mode == "none":
            return
        native = kg.store
        if mode == "owlrl":
            progress(f"reasoning (owlrl, in Oxigraph) over {len(native.store)} triples")
            if closure.close(native.store, list(native.files), INFERRED, progress):
                return
        progress(f"reasoning ({mode}, owlrl: the graph needs rules the fast closure lacks)")
        inferred = infer(self.view(kg, "asserted"), mode)
        native.store.extend(ox.Quad(*map(to_oxigraph, t), INFERRED) for t in inferred)
        native.views.pop("inferred", None)

    def shapes(self, paths: Sequence[Path], labels: Mapping[Path, str]) -> Graph:
        store = ox.Store()
        for path in paths:
            _bulk_load(store, path, labels.get(path, str(path)), ox.DefaultGraph())
        graph = Graph()
        for quad in store:
            graph.add(_triple(quad))
        return graph

    def sources(self, kg: KnowledgeGraph) -> StoreSources:
        return StoreSources(kg.store)

    def view(self, kg: KnowledgeGraph, part: str) -> Graph:
        native: OxigraphStore = kg.store
        if part not in native.views:
            graph = bind_prefixes(Graph())
            for triple in native.triples(part):
                graph.add(_triple(triple))
            native.views[part] = graph
        return native.views[part]

    def count(self, kg: KnowledgeGraph, part: str) -> int:
        native: OxigraphStore = kg.store
        if part == "inferred":
            return native.number(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {INFERRED} {{ ?s ?p ?o }} }}"
            )
        graphs = native.graph_values + (f" {INFERRED}" if part == "all" else "")
        return native.number(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
            f"VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }} }}"
        )

    def shacl(self, kg: KnowledgeGraph, shapes: Graph) -> Findings:
        import pyshacl_turbo

        from ..validation import findings_from_report

        compiled = pyshacl_turbo.compile_shapes(shapes, advanced=True)
        _conforms, report, _text = compiled.validate(
            kg.store.store, allow_warnings=True, allow_infos=True
        )
        return findings_from_report(report, kg.sources, shapes)

    def select_asserted(self, kg: KnowledgeGraph, text: str) -> list[tuple[Node | None, ...]]:
        native: OxigraphStore = kg.store
        answer = native.store.query(text, default_graph=list(native.files), prefixes=PREFIXES)
        names = [variable.value for variable in answer.variables]
        return [tuple(to_rdflib(row[name]) for name in names) for row in answer]

    def term_uses(self, kg: KnowledgeGraph, labels: Sequence[str]) -> StoreTerms:
        return StoreTerms(kg.store, labels)

    def query(
        self,
        kg: KnowledgeGraph,
        text: str,
        bindings: Mapping[Variable, Node] | None,
        source: str | None,
    ) -> QueryResult:
        from ..remote.binding import bind_values

        kind = prepare(text, source=source).algebra.name.removesuffix("Query").upper()
        # Oxigraph substitutes only projected variables: parameters go into a VALUES block,
        # as for a remote store, so they stay RDF terms and never become query text.
        bound = bind_values(text, bindings or {})
        try:
            answer = kg.store.store.query(bound, use_default_graph_as_union=True, prefixes=PREFIXES)
            return _answer(kind, answer)
        except (SyntaxError, OSError, ValueError, TypeError) as err:
            raise QueryError(f"query failed: {err}", file=source) from None

    def serialize(self, kg: KnowledgeGraph, part: str, fmt: str) -> bytes:
        if fmt not in EXPORT_FORMATS:
            raise FormatError(
                f"unknown format {fmt!r}", hint="use one of " + ", ".join(EXPORT_FORMATS)
            )
        native: OxigraphStore = kg.store
        if fmt == "trig":
            return ox.serialize(_named(native, part), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
        rdf_format = _FORMATS[EXPORT_FORMATS[fmt][0]]
        if fmt == "ttl":
            return ox.serialize(native.triples(part), format=rdf_format, prefixes=PREFIXES)
        data = native.triples(part).serialize(format=rdf_format)
        if fmt == "nt":
            # The same stable order as the reference engine's dumps.
            lines = sorted(set(data.decode("utf-8").splitlines()) - {""})
            return ("\n".join(lines) + "\n").encode("utf-8")
        return data

    def resources_per_class(self, kg: KnowledgeGraph, namespace: str) -> dict[str, int]:
        rows = kg.store.select(
            "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c "
            f'FILTER (isIRI(?c) && STRSTARTS(STR(?c), "{namespace}")) }} GROUP BY ?c'
        )
        return {row["c"]: int(str(row["n"])) for row in rows}


def _named(native: OxigraphStore, part: str) -> Iterator[ox.Quad]:
    if part != "inferred":
        name = ox.NamedNode(str(ASSERTED_GRAPH))
        seen = set()
        for triple in native.triples("asserted"):
            if triple not in seen:
                seen.add(triple)
                yield ox.Quad(triple.subject, triple.predicate, triple.object, name)
    if part != "asserted":
        name = ox.NamedNode(str(INFERRED_GRAPH))
        for quad in native.store.quads_for_pattern(None, None, None, INFERRED):
            yield ox.Quad(quad.subject, quad.predicate, quad.object, name)


def _answer(kind: str, answer: object) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        names = [variable.value for variable in answer.variables]
        rows = [tuple(to_rdflib(row[name]) for name in names) for row in answer]
        return QueryResult("SELECT", names, rows)
    graph = Graph()
    for triple in answer:  # type: ignore[attr-defined]
        graph.add(_triple(triple))
    return QueryResult(kind, graph=graph)


def _bulk_load(store: ox.Store, path: Path, label: str, graph: ox.NamedNode) -> None:
    rdf_format = format_of(path, label)
    try:
        store.bulk_load(
            path=str(path),
            format=_FORMATS[rdf_format],
            base_iri=path.resolve().as_uri(),
            to_graph=graph,
        )
    except FileNotFoundError:
        raise RDFSyntaxError("no such file", file=label) from None
    except (SyntaxError, UnicodeDecodeError, ValueError) as err:
        raise syntax_error(err, rdf_format, label) from None
