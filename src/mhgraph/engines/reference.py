"""The reference engine: rdflib for storage, parsing and SPARQL, owlrl, pySHACL.

It is the yardstick the fast engine is tested against (``--engine reference``). Its store is
the rdflib graphs themselves: one named graph per file, and the closure beside them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.term import Node

from ..export import named_graphs, serialize
from ..findings import Findings
from ..formats import rdf_format
from ..loading import SourceGraph, add_locations, graph_name, load_sources
from ..namespaces import bind_prefixes
from ..reasoning import Inference, infer
from ..results import QueryResult
from ..shacl_report import findings_from_report
from ..sparql import execute
from ..terms import GraphTerms
from ..values import Bindings
from .base import INFERRED_IRI, Part, Progress


class GraphStore:
    """The asserted triples per file (with their lines), and the closure, in rdflib."""

    def __init__(self, engine: ReferenceEngine, sources: SourceGraph, inferred: Graph) -> None:
        self._engine = engine
        self._sources = sources
        self.asserted = bind_prefixes(sources.union())
        self.inferred = bind_prefixes(inferred)
        self._union: Graph | None = None

    @property
    def engine(self) -> ReferenceEngine:
        return self._engine

    @property
    def sources(self) -> SourceGraph:
        return self._sources

    def reason(self, mode: Inference, progress: Progress) -> None:
        progress(f"reasoning ({mode}) with owlrl over {len(self.asserted)} triples")
        self.inferred = bind_prefixes(infer(self.asserted, mode))
        self._union = None

    def view(self, part: Part) -> Graph:
        if part == "asserted":
            return self.asserted
        if part == "inferred":
            return self.inferred
        if self._union is None:
            union = bind_prefixes(Graph())
            union += self.asserted
            union += self.inferred
            self._union = union
        return self._union

    def count(self, part: Part) -> int:
        return len(self.view(part))

    def shacl(self, shapes: Graph) -> Findings:
        import pyshacl  # slow to import, and only this engine needs it

        _conforms, report, _text = pyshacl.validate(
            self.view("all"),
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
            allow_infos=True,
        )
        return findings_from_report(report, shapes, self._sources.locate, self._sources.owner)

    def select_asserted(self, text: str) -> list[tuple[Node | None, ...]]:
        return list(execute(self.asserted, text).rows)

    def term_uses(self, labels: Sequence[str]) -> GraphTerms:
        sources = self._sources
        files = {name: label for name, label in sources.files.items() if label in labels}
        return GraphTerms(self.view("all"), SourceGraph(sources.dataset, files, sources.locations))

    def query(self, text: str, bindings: Bindings | None, source: str | None) -> QueryResult:
        return execute(self.view("all"), text, bindings, source=source)

    def export(self, part: Part, fmt: str, stream: BinaryIO) -> None:
        if rdf_format(fmt).kind == "dataset":
            inferred = self.inferred if part != "asserted" else Graph()
            asserted = self.asserted if part != "inferred" else Graph()
            stream.write(serialize(named_graphs(asserted, inferred), fmt))
        else:
            stream.write(serialize(self.view(part), fmt))

    def resources_per_class(self, namespace: str) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for cls in self.view("all").objects(None, RDF.type):
            if isinstance(cls, URIRef) and cls.startswith(namespace):
                counts[str(cls)] += 1
        return dict(counts)

    def save(self, path: Path) -> None:
        dataset = Dataset(default_union=False)
        for name in self._sources.files:
            target = dataset.graph(name)
            target += self._sources.dataset.graph(name)
        closure = dataset.graph(URIRef(INFERRED_IRI))
        closure += self.inferred
        path.write_bytes(dataset.serialize(format="nquads", encoding="utf-8"))


class ReferenceEngine:
    name = "reference"

    def load(
        self, paths: Sequence[Path], labels: Mapping[Path, str], progress: Progress
    ) -> GraphStore:
        progress(f"parsing {len(paths)} files (rdflib)")
        return GraphStore(self, load_sources(paths, dict(labels)), Graph())

    def restore(self, saved: Path, paths: Sequence[Path], labels: Mapping[Path, str]) -> GraphStore:
        dataset = Dataset(default_union=False)
        dataset.parse(saved, format="nquads")
        sources = SourceGraph()
        for path in paths:
            label = labels.get(path, str(path))
            name = graph_name(label)
            target = sources.dataset.graph(name)
            target += dataset.graph(name)
            sources.files[name] = label
            add_locations(sources, path, label, target)
        return GraphStore(self, sources, dataset.graph(URIRef(INFERRED_IRI)))

    def write(self, graph: Graph, fmt: str, prefixes: Mapping[str, str]) -> bytes:
        return serialize(graph, fmt, prefixes=prefixes)

    def write_each(
        self, graph: Graph, formats: Sequence[str], prefixes: Mapping[str, str]
    ) -> list[bytes]:
        return [self.write(graph, fmt, prefixes) for fmt in formats]

    def shapes(self, paths: Sequence[Path], labels: Mapping[Path, str]) -> Graph:
        return load_sources(paths, dict(labels)).union()
