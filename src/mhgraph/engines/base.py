"""What an engine is to the pipeline: a way to load files into a native store (a
:class:`Backend`), and the operations the pipeline asks of that store.

:class:`~mhgraph.graph.KnowledgeGraph` holds one backend and delegates to it, so nothing
outside an engine reaches into its store. Engines differ in speed, never in answers: the
differential tests hold them to the same closure, findings and query rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, Protocol

if TYPE_CHECKING:
    from rdflib import BNode, Dataset, Graph, URIRef
    from rdflib.term import Node

    from ..findings import Findings
    from ..loading import Location
    from ..results import QueryResult
    from ..terms import TermIndex
    from ..values import Bindings

Progress = Callable[[str], None]
#: Which closure joins the asserted triples (:mod:`mhgraph.reasoning`).
Inference = Literal["none", "rdfs", "owlrl"]
INFERENCE_MODES: tuple[Inference, ...] = ("none", "rdfs", "owlrl")
#: Which triples: the asserted ones, the inferred ones, or both.
Part = Literal["asserted", "inferred", "all"]
PARTS: tuple[Part, ...] = ("asserted", "inferred", "all")


def no_progress(_: str) -> None:
    """The progress callback that shows nothing (libraries, pipes, ``--quiet``)."""
    return None


class Sources(Protocol):
    """The files a graph was read from, and where in them each node stands."""

    @property
    def files(self) -> dict[URIRef, str]:
        """The named graph of each file, and the file's label."""

    @property
    def dataset(self) -> Dataset:
        """The asserted triples, one named graph per file."""

    def file_graph(self, name: URIRef) -> Graph:
        """The triples of one file (``name`` as in :attr:`files`), without the others'."""

    def locate(self, node: Node | None) -> Location | None:
        """The file and line of a node; a blank node's are those of the node that holds it."""

    def owner(self, node: BNode) -> tuple[Node, Node] | None:
        """The subject and property that hold a blank node (the smallest, if several do),
        so a finding can name it the same way in every engine."""


class Backend(Protocol):
    """A graph loaded into an engine's native store, with the files it came from."""

    @property
    def engine(self) -> Engine: ...

    @property
    def sources(self) -> Sources: ...

    def reason(self, mode: Inference, progress: Progress) -> None:
        """Add the entailments of ``mode`` to the store, apart from the asserted triples."""

    def view(self, part: Part) -> Graph:
        """The triples of ``part`` as an rdflib graph (built on first use where needed)."""

    def count(self, part: Part) -> int: ...

    def shacl(self, shapes: Graph) -> Findings:
        """SHACL findings on asserted plus inferred triples, placed in files and lines."""

    def select_asserted(self, text: str) -> list[tuple[Node | None, ...]]:
        """The rows of a SELECT over the asserted triples alone (the files, no closure):
        what :mod:`mhgraph.asserted` checks before reasoning can change the picture."""

    def term_uses(self, labels: Sequence[str]) -> TermIndex:
        """What :mod:`mhgraph.terms` checks, gathered from the files called ``labels``."""

    def query(self, text: str, bindings: Bindings | None, source: str | None) -> QueryResult: ...

    def export(self, part: Part, fmt: str, stream: BinaryIO) -> None:
        """Write ``part`` in the RDF format ``fmt`` to ``stream``, as the engine's own
        serialisers write it."""

    def resources_per_class(self, namespace: str) -> dict[str, int]:
        """How many resources each class in ``namespace`` has, closure included."""

    def save(self, path: Path) -> None:
        """Write every triple, per file and inferred, as N-Quads (for the build cache)."""


class Engine(Protocol):
    """A family of libraries that parse, reason, validate and query."""

    name: str

    def load(
        self, paths: Sequence[Path], labels: Mapping[Path, str], progress: Progress
    ) -> Backend:
        """Parse the files into a native store, one named graph per file."""

    def restore(self, saved: Path, paths: Sequence[Path], labels: Mapping[Path, str]) -> Backend:
        """The backend :meth:`Backend.save` wrote to ``saved``, read from ``paths``."""

    def shapes(self, paths: Sequence[Path], labels: Mapping[Path, str]) -> Graph:
        """The shapes files, read as one graph."""

    def write(self, graph: Graph, fmt: str, prefixes: Mapping[str, str]) -> bytes:
        """``graph`` in the RDF format ``fmt``, written by the engine's own serialisers with
        ``prefixes`` (a publication's dumps and pages, under its base IRI)."""

    def write_each(
        self, graph: Graph, formats: Sequence[str], prefixes: Mapping[str, str]
    ) -> list[bytes]:
        """``graph`` in each of ``formats``, as :meth:`write` writes it: a publication writes
        every graph in several formats, and an engine that reads the graph into terms of its
        own does that once."""


#: The named graph that holds the closure, in a store and in a saved N-Quads file.
INFERRED_IRI = "urn:mhgraph:inferred"
#: The named graphs that hold each file's triples start with this, the file's label follows.
FILE_GRAPH_PREFIX = "urn:mhgraph:file:"
