"""What an engine does for the pipeline: load, reason, validate, query and serialise.

The stages take the :class:`~mhgraph.graph.KnowledgeGraph` they work on; each engine keeps
its own native store in ``kg.store``. Engines differ in speed, never in answers: the
differential tests hold them to the same closure, findings and query rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rdflib import Graph, Variable
    from rdflib.term import Node

    from ..findings import Findings
    from ..graph import KnowledgeGraph
    from ..loading import SourceGraph
    from ..reasoning import Inference
    from ..results import QueryResult

Progress = Callable[[str], None]
#: What :meth:`Engine.serialize` and :meth:`Engine.count` can be asked for.
PARTS = ("asserted", "inferred", "all")


class Engine(Protocol):
    name: str

    def available(self) -> bool:
        """Whether this engine's libraries are installed."""

    def load(self, paths: Sequence[Path], labels: Mapping[Path, str], progress: Progress) -> Any:
        """Parse the files into a native store, one named graph per file."""

    def reason(self, kg: KnowledgeGraph, mode: Inference, progress: Progress) -> None:
        """Add the entailments of ``mode`` to the store, apart from the asserted triples."""

    def shapes(self, paths: Sequence[Path], labels: Mapping[Path, str]) -> Graph:
        """The shapes files, read as one graph."""

    def sources(self, kg: KnowledgeGraph) -> SourceGraph:
        """The files the store was read from, with :meth:`SourceGraph.locate`."""

    def view(self, kg: KnowledgeGraph, part: str) -> Graph:
        """The asserted or inferred triples as an rdflib graph."""

    def count(self, kg: KnowledgeGraph, part: str) -> int: ...

    def shacl(self, kg: KnowledgeGraph, shapes: Graph) -> Findings:
        """SHACL findings on asserted plus inferred triples."""

    def select_asserted(self, kg: KnowledgeGraph, text: str) -> list[tuple[Node | None, ...]]:
        """The rows of a SELECT over the asserted triples alone (the files, no closure):
        what :mod:`mhgraph.asserted` checks before reasoning can change the picture."""

    def term_uses(self, kg: KnowledgeGraph, labels: Sequence[str]) -> TermIndex:
        """What :mod:`mhgraph.terms` checks, gathered from the store."""

    def query(
        self,
        kg: KnowledgeGraph,
        text: str,
        bindings: Mapping[Variable, Node] | None,
        source: str | None,
    ) -> QueryResult: ...

    def serialize(self, kg: KnowledgeGraph, part: str, fmt: str) -> bytes: ...

    def resources_per_class(self, kg: KnowledgeGraph, namespace: str) -> dict[str, int]:
        """How many resources each class in ``namespace`` has, closure included."""


class TermIndex(Protocol):
    """The vocabulary a set of files uses, for the declared-terms check."""

    def uses(self) -> list[tuple[str, str, Node, Node]]:
        """(file, kind, term, example subject) for each property and class,
        the example being the smallest subject that uses it in that file."""

    def is_declared(self, term: Node) -> bool: ...

    def is_described(self, term: Node) -> bool: ...
