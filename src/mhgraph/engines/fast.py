"""The fast engine: Oxigraph for parsing, storage, SPARQL and serialisation, the OWL RL
closure of :mod:`.closure`, SHACL compiled to queries on the store (:mod:`.shacl_sets`,
:mod:`.shacl_core`; pyshacl-turbo for any shape neither compiles).

Every file is a named graph of one Oxigraph store and the closure another, so queries see
their union and the asserted triples stay apart. The rdflib views of a
:class:`~mhgraph.graph.KnowledgeGraph` are built from the store only when someone asks.

Oxigraph keeps numbers, booleans and dates by value: ``9900000.0``, written as a decimal,
comes back as ``9900000``. Values, and so every comparison, filter and finding, are the
same as with rdflib; only such lexical forms in the output differ.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from ..binding import bind_values
from ..errors import QueryError
from ..formats import LINE_MAPPED_SUFFIXES, Format, rdf_format
from ..jsonld import write_jsonld
from ..namespaces import BASE_IRI, PREFIXES
from ..query_text import plain_form
from ..results import QueryResult
from .answer import OxigraphAnswer, sorted_ntriples, write_triples
from .base import FILE_GRAPH_PREFIX, INFERRED_IRI, Part, Progress
from .convert import (
    to_oxigraph,
    to_oxigraph_subject,
    to_rdflib,
    to_rdflib_node,
    to_rdflib_triple,
)
from .subjects import by_subject, triples_of

if TYPE_CHECKING:
    from rdflib import BNode, Dataset, Graph, URIRef
    from rdflib.term import Node

    from ..findings import Findings
    from ..loading import Location
    from ..reasoning import Inference
    from ..terms import TermUse
    from ..values import Bindings

INFERRED = ox.NamedNode(INFERRED_IRI)
#: The dumps' named graphs (:mod:`mhgraph.export`), without importing rdflib for them.
ASSERTED_DUMP = ox.NamedNode(BASE_IRI + "graph/asserted")
INFERRED_DUMP = ox.NamedNode(BASE_IRI + "graph/inferred")


def rdf_format_of(fmt: Format) -> ox.RdfFormat:
    """Oxigraph's member for a format of :mod:`mhgraph.formats`."""
    member: ox.RdfFormat = getattr(ox.RdfFormat, fmt.oxigraph)
    return member


class OxigraphStore:
    """One Oxigraph store: a named graph per file (in load order) and one for the closure."""

    def __init__(
        self,
        engine: FastEngine,
        store: ox.Store | Path,
        files: dict[ox.NamedNode, str],
        paths: dict,
    ) -> None:
        self._engine = engine
        self._native = store
        self.files = files
        self.paths: dict[str, Path] = paths
        self.views: dict[str, Graph] = {}
        #: Triples per part, counted once: a build reports them more than once, and each
        #: count reads every triple (a second or two at a million).
        self._counts: dict[Part, int] = {}
        self._sources = StoreSources(self)

    @property
    def store(self) -> ox.Store:
        """The Oxigraph store. A kept graph (N-Quads on disk) is read on first use only: a
        validation whose findings were kept, or a summary, never needs the triples."""
        if isinstance(self._native, Path):
            store = ox.Store()
            store.bulk_load(path=str(self._native), format=ox.RdfFormat.N_QUADS)
            self._native = store
        return self._native

    @property
    def engine(self) -> FastEngine:
        return self._engine

    @property
    def sources(self) -> StoreSources:
        return self._sources

    @property
    def graph_values(self) -> str:
        return " ".join(str(g) for g in self.files)

    def triples(self, part: Part) -> ox.QueryTriples:
        answer = self.store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", default_graph=self._graphs(part)
        )
        assert isinstance(answer, ox.QueryTriples)
        return answer

    def select(self, text: str) -> list[dict[str, Node | None]]:
        answer = self.store.query(text, use_default_graph_as_union=True)
        assert isinstance(answer, ox.QuerySolutions)
        names = [variable.value for variable in answer.variables]
        return [{name: to_rdflib(row[name]) for name in names} for row in answer]

    def number(self, text: str) -> int:
        return int(str(self.select(text)[0]["n"]))

    def reason(self, mode: Inference, progress: Progress) -> None:
        if mode == "none":
            return
        self._counts.clear()
        from ..reasoning import infer
        from . import closure

        if mode == "owlrl":
            progress(f"reasoning (owlrl, in Oxigraph) over {len(self.store)} triples")
            if closure.close(self.store, list(self.files), INFERRED, progress):
                return
        progress(f"reasoning ({mode}, owlrl: the graph needs rules the fast closure lacks)")
        inferred = infer(self.view("asserted"), mode)
        self.store.extend(
            ox.Quad(to_oxigraph_subject(s), ox.NamedNode(str(p)), to_oxigraph(o), INFERRED)
            for s, p, o in inferred
        )
        self.views.clear()

    def view(self, part: Part) -> Graph:
        if part not in self.views:
            from rdflib import Graph

            from ..namespaces import bind_prefixes

            graph = bind_prefixes(Graph())
            for triple in self.triples(part):
                graph.add(to_rdflib_triple(triple))
            self.views[part] = graph
        return self.views[part]

    def count(self, part: Part) -> int:
        if part not in self._counts:
            self._counts[part] = self._counted(part)
        return self._counts[part]

    def _counted(self, part: Part) -> int:
        if part == "inferred":
            return self.number(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {INFERRED} {{ ?s ?p ?o }} }}"
            )
        graphs = self.graph_values + (f" {INFERRED}" if part == "all" else "")
        return self.number(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
            f"VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }} }}"
        )

    def shacl(self, shapes: Graph) -> Findings:
        from rdflib import Graph

        from ..shacl_report import findings_from_report
        from . import shacl_core, shacl_sets

        # SHACL-SPARQL constraints and the Core constraints of the shapes that compile whole
        # run once each over all their focus nodes, on this store; pyshacl-turbo (on a copy)
        # runs what remains, if anything does.
        planned = shacl_sets.plan(shapes)
        core = shacl_core.plan(shapes, planned)
        report = Graph()
        if not core.leaves_nothing:
            import pyshacl_turbo  # compiled shapes: only shapes left over need them

            compiled = pyshacl_turbo.compile_shapes(core.rest, advanced=True)
            _conforms, report, _text = compiled.validate(
                self.store, allow_warnings=True, allow_infos=True
            )
        shacl_sets.run(self.store, planned.checks, report)
        shacl_core.run(self.store, core.checks, report, shapes)
        return findings_from_report(report, shapes, self._sources.locate, self._sources.owner)

    def select_asserted(self, text: str) -> list[tuple[Node | None, ...]]:
        answer = self.store.query(text, default_graph=list(self.files), prefixes=PREFIXES)
        assert isinstance(answer, ox.QuerySolutions)
        names = [variable.value for variable in answer.variables]
        return [tuple(to_rdflib(row[name]) for name in names) for row in answer]

    def term_uses(self, labels: Sequence[str]) -> StoreTerms:
        return StoreTerms(self, labels)

    def query(self, text: str, bindings: Bindings | None, source: str | None) -> QueryResult:
        # A query that names no guarded keyword goes straight to Oxigraph; rdflib's parser
        # (slower than the answer) sees only the others, and any text Oxigraph refuses, so
        # refusals and syntax errors read as with the reference engine.
        kind = plain_form(text)
        if kind is None:
            kind = _checked_form(text, source)
        # Oxigraph substitutes only projected variables: parameters go into a VALUES block,
        # as for a remote store, so they stay RDF terms and never become query text.
        bound = bind_values(text, bindings or {})
        try:
            answer = self.store.query(bound, use_default_graph_as_union=True, prefixes=PREFIXES)
            return _answer(kind, answer)
        except SyntaxError as err:
            _checked_form(text, source)
            raise QueryError(f"query failed: {err}", file=source) from None
        except (OSError, ValueError, TypeError) as err:
            raise QueryError(f"query failed: {err}", file=source) from None

    def export(self, part: Part, fmt: str, stream: BinaryIO) -> None:
        # Straight from the store to the stream, each format in one pass: Turtle, RDF/XML,
        # JSON-LD and TriG a block per subject (:mod:`.subjects`), N-Triples sorted.
        written = rdf_format(fmt)
        if written.kind == "dataset":
            ox.serialize(
                _named(self, part), output=stream, format=rdf_format_of(written), prefixes=PREFIXES
            )
        elif written.name == "nt":
            stream.write(sorted_ntriples(self.triples(part)))
        elif written.name == "jsonld":
            write_jsonld(self.store, PREFIXES, stream, graphs=self._graphs(part))
        else:
            triples = triples_of(by_subject(self.store, self._graphs(part)))
            ox.serialize(triples, output=stream, format=rdf_format_of(written), prefixes=PREFIXES)

    def _graphs(self, part: Part) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]:
        """The named graphs that hold ``part``: the files', the closure's, or both."""
        return [
            *(self.files if part != "inferred" else ()),
            *((INFERRED,) if part != "asserted" else ()),
        ]

    def resources_per_class(self, namespace: str) -> dict[str, int]:
        rows = self.select(
            "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c "
            f'FILTER (isIRI(?c) && STRSTARTS(STR(?c), "{namespace}")) }} GROUP BY ?c'
        )
        return {str(row["c"]): int(str(row["n"])) for row in rows}

    def save(self, path: Path) -> None:
        self.store.dump(str(path), format=ox.RdfFormat.N_QUADS)


class StoreSources:
    """:class:`~mhgraph.loading.SourceGraph` for a store: which file a node stands in, and
    on which line, worked out from the file's text when a finding asks."""

    def __init__(self, store: OxigraphStore) -> None:
        self._store = store
        self._lines: dict[str, dict[Node, int]] = {}

    @property
    def files(self) -> dict[URIRef, str]:
        from rdflib import URIRef

        return {URIRef(g.value): label for g, label in self._store.files.items()}

    def locate(self, node: Node | None) -> Location | None:
        from rdflib import BNode, URIRef

        from ..loading import Location

        if isinstance(node, BNode):
            holder = self.owner(node)
            return self.locate(holder[0]) if holder else None
        if not isinstance(node, URIRef):
            return None
        term = ox.NamedNode(str(node))
        for graph, label in self._store.files.items():
            if next(self._store.store.quads_for_pattern(term, None, None, graph), None):
                return Location(label, self._lines_of(graph, label).get(node))
        return None

    def owner(self, node: BNode) -> tuple[Node, Node] | None:
        term = to_oxigraph(node)
        holders = [
            (to_rdflib_node(quad.subject), to_rdflib_node(quad.predicate))
            for graph in self._store.files
            for quad in self._store.store.quads_for_pattern(None, None, term, graph)
        ]
        return min(holders, key=lambda pair: (str(pair[0]), str(pair[1]))) if holders else None

    def _lines_of(self, graph: ox.NamedNode, label: str) -> dict[Node, int]:
        if label not in self._lines:
            path = self._store.paths[label]
            found: dict[Node, int] = {}
            if path.suffix.lower() in LINE_MAPPED_SUFFIXES:
                from ..loading import declared_prefixes, lines_of_subjects

                text = path.read_text(encoding="utf-8")
                found = lines_of_subjects(
                    text, declared_prefixes(text), _Subjects(self._store.store, graph)
                )
            self._lines[label] = found
        return self._lines[label]

    @cached_property
    def dataset(self) -> Dataset:
        from rdflib import Dataset

        from ..loading import graph_name
        from ..namespaces import bind_prefixes

        dataset = Dataset(default_union=False)
        for graph, label in self._store.files.items():
            target = dataset.graph(graph_name(label))
            for quad in self._store.store.quads_for_pattern(None, None, None, graph):
                target.add(to_rdflib_triple(quad))
        bind_prefixes(dataset)
        return dataset

    def union(self) -> Graph:
        from rdflib import Graph

        merged = Graph()
        for name in self.files:
            merged += self.dataset.graph(name)
        return merged

    def file_graph(self, name: URIRef) -> Graph:
        """The triples of one file, read from the store: the publication wants the ontology's
        few, and the whole dataset in rdflib's terms takes a third of a second to make."""
        if "dataset" in self.__dict__:  # made already
            return self.dataset.graph(name)
        from rdflib import Graph

        graph = Graph()
        for quad in self._store.store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            graph.add(to_rdflib_triple(quad))
        return graph


class _Subjects:
    def __init__(self, store: ox.Store, graph: ox.NamedNode) -> None:
        self.store, self.graph = store, graph

    def __contains__(self, node: object) -> bool:
        from rdflib import BNode, URIRef

        if not isinstance(node, URIRef | BNode):
            return False
        term = to_oxigraph_subject(node)
        return next(self.store.quads_for_pattern(term, None, None, self.graph), None) is not None


class StoreTerms:
    """The declared-terms check's questions, answered by a few aggregate queries."""

    def __init__(self, store: OxigraphStore, labels: Sequence[str]) -> None:
        from ..terms import DECLARING_TYPES

        self.store = store
        self.graphs = {g: label for g, label in store.files.items() if label in labels}
        types = " ".join(f"<{t}>" for t in DECLARING_TYPES)
        rows = store.select(f"SELECT DISTINCT ?s WHERE {{ VALUES ?t {{ {types} }} ?s a ?t }}")
        self.declared = {row["s"] for row in rows}

    def is_declared(self, term: URIRef) -> bool:
        from ..terms import is_known

        return term in self.declared or is_known(term)

    def is_described(self, term: URIRef) -> bool:
        return bool(
            self.store.store.query(f"ASK {{ <{term}> ?p ?o }}", use_default_graph_as_union=True)
        )

    def uses(self) -> list[TermUse]:
        from rdflib import URIRef

        from ..terms import TermUse

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
                term, example = row["t"], row["e"]
                assert isinstance(term, URIRef) and example is not None
                found.append(TermUse(label, kind, term, example))
        return sorted(found, key=lambda use: order[use.file])


class FastEngine:
    name = "fast"

    def load(
        self, paths: Sequence[Path], labels: Mapping[Path, str], progress: Progress
    ) -> OxigraphStore:
        store = ox.Store()
        files: dict[ox.NamedNode, str] = {}
        by_label: dict[str, Path] = {}
        for number, path in enumerate(paths, start=1):
            label = labels.get(path, str(path))
            progress(f"parsing file {number} of {len(paths)}: {label}")
            graph = ox.NamedNode(FILE_GRAPH_PREFIX + label)
            _bulk_load(store, path, label, graph)
            files[graph] = label
            by_label[label] = path
        return OxigraphStore(self, store, files, by_label)

    def restore(
        self, saved: Path, paths: Sequence[Path], labels: Mapping[Path, str]
    ) -> OxigraphStore:
        files = {ox.NamedNode(FILE_GRAPH_PREFIX + labels[path]): labels[path] for path in paths}
        return OxigraphStore(self, saved, files, {labels[path]: path for path in paths})

    def write(self, graph: Graph, fmt: str, prefixes: Mapping[str, str]) -> bytes:
        return self.write_each(graph, [fmt], prefixes)[0]

    def write_each(
        self, graph: Graph, formats: Sequence[str], prefixes: Mapping[str, str]
    ) -> list[bytes]:
        # rdflib's terms read and made Oxigraph's once, for every format (a dump is four).
        triples = []
        if any(rdf_format(fmt).kind == "graph" for fmt in formats):
            triples = [
                ox.Triple(to_oxigraph_subject(s), ox.NamedNode(str(p)), to_oxigraph(o))
                for s, p, o in graph
            ]
        written = []
        for fmt in formats:
            data = write_triples(triples, rdf_format(fmt), prefixes)
            if data is None:
                from ..export import serialize  # datasets

                data = serialize(graph, fmt, prefixes=prefixes)
            written.append(data)
        return written

    def shapes(self, paths: Sequence[Path], labels: Mapping[Path, str]) -> Graph:
        from rdflib import Graph

        store = ox.Store()
        for path in paths:
            _bulk_load(store, path, labels.get(path, str(path)), ox.DefaultGraph())
        graph = Graph()
        for quad in store:
            graph.add(to_rdflib_triple(quad))
        return graph


def _named(native: OxigraphStore, part: Part) -> Iterator[ox.Quad]:
    """The asserted triples (each once, whichever files state it) in the dumps' asserted
    graph and the inferred ones in theirs, a subject at a time."""
    named: list[tuple[ox.NamedNode, list[ox.NamedNode]]] = []
    if part != "inferred":
        named.append((ASSERTED_DUMP, list(native.files)))
    if part != "asserted":
        named.append((INFERRED_DUMP, [INFERRED]))
    for name, graphs in named:
        for subject, pairs in by_subject(native.store, graphs):
            for predicate, obj in pairs:
                yield ox.Quad(subject, predicate, obj, name)


def _checked_form(text: str, source: str | None) -> str:
    """The query form as rdflib's parser gives it, after its refusals (FROM, SERVICE, updates)."""
    from ..sparql import prepare, query_form

    return query_form(prepare(text, source=source))


def _answer(kind: str, answer: object) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        names = [variable.value for variable in answer.variables]
        rows = [tuple(row[name] for name in names) for row in answer]
        return QueryResult("SELECT", names, native=OxigraphAnswer(rows=rows))
    assert isinstance(answer, ox.QueryTriples)
    return QueryResult(kind, native=OxigraphAnswer(triples=list(answer)))


def _bulk_load(
    store: ox.Store, path: Path, label: str, graph: ox.NamedNode | ox.DefaultGraph
) -> None:
    from ..loading import read_source, syntax_error

    rdf_format, text = read_source(path, label)
    try:
        store.bulk_load(
            input=text.encode("utf-8"),
            format=rdf_format_of(rdf_format),
            base_iri=path.resolve().as_uri(),
            to_graph=graph,
        )
    except (SyntaxError, UnicodeDecodeError, ValueError) as err:
        raise syntax_error(err, rdf_format.rdflib, label) from None
