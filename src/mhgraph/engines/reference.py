"""The reference engine: rdflib for storage, parsing and SPARQL, owlrl, pySHACL.

It needs only the required dependencies and is the yardstick the fast engine is tested
against. Its store is the rdflib graphs themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, URIRef, Variable
from rdflib.term import Node

from ..export import named_graphs, serialize
from ..findings import Findings
from ..loading import SourceGraph, load_sources
from ..namespaces import bind_prefixes
from ..reasoning import Inference, infer
from ..results import QueryResult
from ..sparql import execute
from ..terms import GraphTerms
from .base import Progress

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph


@dataclass
class GraphStore:
    sources: SourceGraph
    asserted: Graph
    inferred: Graph


class ReferenceEngine:
    name = "reference"

    def available(self) -> bool:
        return True

    def load(
        self, paths: Sequence[Path], labels: Mapping[Path, str], progress: Progress
    ) -> GraphStore:
        progress(f"parsing {len(paths)} files (rdflib)")
        sources = load_sources(paths, labels)
        return GraphStore(sources, bind_prefixes(sources.union()), bind_prefixes(Graph()))

    def reason(self, kg: KnowledgeGraph, mode: Inference, progress: Progress) -> None:
        progress(f"reasoning ({mode}) with owlrl over {len(kg.store.asserted)} triples")
        kg.store.inferred = bind_prefixes(infer(kg.store.asserted, mode))

    def shapes(self, paths: Sequence[Path], labels: Mapping[Path, str]) -> Graph:
        return load_sources(paths, labels).union()

    def sources(self, kg: KnowledgeGraph) -> SourceGraph:
        return kg.store.sources

    def view(self, kg: KnowledgeGraph, part: str) -> Graph:
        return kg.store.asserted if part == "asserted" else kg.store.inferred

    def count(self, kg: KnowledgeGraph, part: str) -> int:
        return len(kg.graph) if part == "all" else len(self.view(kg, part))

    def shacl(self, kg: KnowledgeGraph, shapes: Graph) -> Findings:
        import pyshacl  # slow to import, and only this engine needs it

        from ..validation import findings_from_report

        _conforms, report, _text = pyshacl.validate(
            kg.graph,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
            allow_infos=True,
        )
        return findings_from_report(report, kg.sources, shapes)

    def select_asserted(self, kg: KnowledgeGraph, text: str) -> list[tuple[Node | None, ...]]:
        return list(execute(kg.store.asserted, text).rows)

    def term_uses(self, kg: KnowledgeGraph, labels: Sequence[str]) -> GraphTerms:
        sources = kg.store.sources
        files = {name: label for name, label in sources.files.items() if label in labels}
        return GraphTerms(kg.graph, SourceGraph(sources.dataset, files, sources.locations))

    def query(
        self,
        kg: KnowledgeGraph,
        text: str,
        bindings: Mapping[Variable, Node] | None,
        source: str | None,
    ) -> QueryResult:
        return execute(kg.graph, text, bindings, source=source)

    def serialize(self, kg: KnowledgeGraph, part: str, fmt: str) -> bytes:
        if fmt == "trig":
            inferred = kg.inferred if part != "asserted" else Graph()
            asserted = kg.asserted if part != "inferred" else Graph()
            return serialize(named_graphs(asserted, inferred), fmt)
        graph = kg.graph if part == "all" else self.view(kg, part)
        return serialize(graph, fmt)

    def resources_per_class(self, kg: KnowledgeGraph, namespace: str) -> dict[str, int]:
        counts: Counter[URIRef] = Counter()
        for cls in kg.graph.objects(None, RDF.type):
            if isinstance(cls, URIRef) and cls.startswith(namespace):
                counts[cls] += 1
        return dict(counts)
