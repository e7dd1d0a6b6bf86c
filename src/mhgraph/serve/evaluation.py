"""What a query worker does with one job: guard, evaluate within the row cap, render.

This runs in a worker process, never in a thread of the web server, because neither rdflib
nor Oxigraph can be interrupted: parsing, the guard, evaluation and rendering all happen
here, so the time limit covers every step a hostile query could make slow.

Queries are evaluated by Oxigraph when the server gives a store of it (many times faster than
rdflib's engine, and with the same answers, see the differential tests of the engines), else
by rdflib. A query that might name a dataset or call SERVICE (:mod:`mhgraph.query_text`) is
parsed by rdflib, which refuses it or lets it pass; any other is parsed by Oxigraph alone.
A worker remembers the texts rdflib parsed, since the same queries come back again and again.

The dataset is the server's named graphs (asserted, inferred) with their union as the default
graph; a request may choose its own among them (``default-graph-uri``, ``named-graph-uri``),
which both engines build from the graphs in memory, never from elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

from ..binding import bind_values
from ..engines.answer import OxigraphAnswer
from ..errors import MhgraphError
from ..ordering import OrderKeys, natural
from ..query_text import may_leave_the_graph
from ..results import QueryResult, render
from ..values import Bindings, Term
from .negotiation import GRAPH_FORMATS, RESULT_FORMATS, SPARQL_JSON, Format, choose
from .web import HTTPError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.query import Result
    from rdflib.term import Node


@dataclass(frozen=True)
class Job:
    """A query to answer, with what the client accepts; sent to a worker as it is."""

    text: str
    bindings: Bindings = field(default_factory=dict)
    accept: str = ""
    format_names: tuple[str, ...] = ()
    result_formats: tuple[Format, ...] = RESULT_FORMATS
    graph_formats: tuple[Format, ...] = GRAPH_FORMATS
    #: The protocol's ``default-graph-uri`` and ``named-graph-uri``: graphs of the served
    #: dataset (the endpoint has checked them); both empty, the whole dataset.
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    #: A stored query's ORDER BY keys, applied in natural order (:mod:`mhgraph.ordering`).
    order: OrderKeys = ()


@dataclass(frozen=True)
class Answer:
    content_type: str
    body: bytes


class Sink(Protocol):
    """Where an answer goes as it is written: its media type first, then its bytes."""

    def start(self, content_type: str) -> None: ...

    def write(self, data: bytes) -> None: ...


class Whole:
    """A sink that keeps the answer whole, for the stored queries answered in the server."""

    def __init__(self) -> None:
        self.content_type = ""
        self.parts: list[bytes] = []

    def start(self, content_type: str) -> None:
        self.content_type = content_type

    def write(self, data: bytes) -> None:
        self.parts.append(data)


@dataclass(frozen=True)
class Failure:
    """A refusal or an error, as the HTTP status and message the client gets.

    ``fatal`` asks for the worker to be replaced, after an error that may have left it unsound.
    """

    status: int
    message: str
    hint: str | None = None
    fatal: bool = False

    def error(self) -> HTTPError:
        return HTTPError(self.status, self.message, hint=self.hint)


OUT_OF_MEMORY = Failure(503, "the query needed more memory than this server allows", fatal=True)


class TooLarge(Exception):
    """The answer has more rows (or triples, named in the message) than the cap."""


@dataclass(frozen=True)
class Evaluator:
    """The graph a worker answers from, and the limits and prefixes it answers with.

    ``graph`` is a :class:`~rdflib.Dataset` when the server has named graphs: its default
    graph is their union, and a request may pick its own dataset among them.
    """

    #: The graph rdflib evaluates on when no Oxigraph store is given.
    graph: Graph | None
    max_rows: int
    prefixes: Mapping[str, str]
    #: The same quads in an Oxigraph store, which then evaluates the queries.
    store: ox.Store | None = None
    _datasets: dict[tuple, Graph] = field(default_factory=dict, compare=False, repr=False)

    def answer(self, job: Job) -> Answer | Failure:
        """The whole answer to ``job``, or the refusal the client gets."""
        whole = Whole()
        failure = self.stream(job, whole)
        return failure or Answer(whole.content_type, b"".join(whole.parts))

    def stream(self, job: Job, sink: Sink) -> Failure | None:
        """Write the answer to ``job`` into ``sink`` as it is made; a refusal found on the
        way (the row cap crossed, memory run out) is returned after whatever was written."""
        try:
            self._answer(job, sink)
            return None
        except HTTPError as err:
            return Failure(err.status, err.message, err.hint)
        except MhgraphError as err:
            return Failure(400, err.message, err.hint)
        except TooLarge as err:
            return Failure(
                400,
                f"the answer has more than {self.max_rows} {err}, the limit of this server",
                hint=f"add LIMIT {self.max_rows} or narrow the query",
            )
        except MemoryError:
            return OUT_OF_MEMORY
        except Exception as err:  # each engine reports evaluation errors in its own way
            return Failure(400, f"query failed: {' '.join(str(err).split())}")

    def _answer(self, job: Job, sink: Sink) -> None:
        if self.store is not None:
            self._oxigraph_answer(job, sink)
            return
        from ..sparql import initial_bindings, query_form

        query = _prepared(job.text, tuple(self.prefixes.items()))
        kind = query_form(query)
        fmt = self._format(job, kind)
        graph = self.dataset(job.default_graphs, job.named_graphs)
        result = graph.query(query, initBindings=initial_bindings(job.bindings))
        body = self._body(self._collect(kind, result), fmt, job.order)
        sink.start(fmt.content_type)
        sink.write(body)

    def _format(self, job: Job, kind: str) -> Format:
        offers = job.result_formats if kind in ("SELECT", "ASK") else job.graph_formats
        if not offers:
            raise HTTPError(400, f"a {kind} query cannot be answered here")
        return choose(offers, job.accept, job.format_names)

    def _body(self, collected: QueryResult, fmt: Format, order: OrderKeys = ()) -> bytes:
        collected = natural(collected, order)
        if collected.graph is not None:
            from ..export import serialize

            return serialize(collected.graph, fmt.name, prefixes=self.prefixes)
        return render(collected, fmt.name, compact=True).encode("utf-8")

    def dataset(self, defaults: tuple[str, ...], named: tuple[str, ...]) -> Graph:
        """The dataset of the SPARQL 1.1 Protocol: the merge of ``defaults`` as the default
        graph and exactly the ``named`` graphs; without either, the served dataset. Built
        once per choice (there are few), from the graphs in memory only."""
        from rdflib import Dataset, URIRef

        assert self.graph is not None, "an Evaluator needs a graph or a store"
        if not defaults and not named:
            return self.graph
        key = (defaults, named)
        if key not in self._datasets:
            if not isinstance(self.graph, Dataset):
                raise HTTPError(400, "this server has no named graphs")
            chosen = Dataset(default_union=False)
            for name in defaults:
                chosen.default_graph += self.graph.graph(URIRef(name))
            for name in named:
                target = chosen.graph(URIRef(name))
                target += self.graph.graph(URIRef(name))
            self._datasets[key] = chosen
        return self._datasets[key]

    def _collect(self, kind: str, result: Result) -> QueryResult:
        """The answer, read no further than one row past the cap."""
        from rdflib import Graph

        from ..results import select_rows

        if kind == "ASK":
            return QueryResult.from_rdflib(result)
        if kind == "SELECT":
            variables, rows = select_rows(result, self.max_rows + 1)
            if len(rows) > self.max_rows:
                raise TooLarge("rows")
            return QueryResult(kind, variables, rows)
        graph = result.graph if result.graph is not None else Graph()
        if len(graph) > self.max_rows:
            raise TooLarge("triples")
        return QueryResult(kind, graph=graph)

    def _oxigraph_answer(self, job: Job, sink: Sink) -> None:
        """The answer from Oxigraph, read no further than one row past the cap.

        The guard: a text that might name a dataset or call SERVICE (:mod:`mhgraph.query_text`)
        is parsed by rdflib first, which refuses it or lets it pass; any other goes straight to
        Oxigraph, whose parser takes only queries (an update is a syntax error there, which
        rdflib then names as the refusal it is). rdflib is not even imported for most queries.
        """
        prefixes = tuple(self.prefixes.items())
        if _may_leave_the_graph(job.text):
            _prepared(job.text, prefixes)
        try:
            answer = self._oxigraph_query(job)
        except SyntaxError as err:
            _prepared(job.text, prefixes)  # the refusal or the syntax error, as rdflib says
            raise HTTPError(400, f"query failed: {' '.join(str(err).split())}") from None
        if isinstance(answer, ox.QuerySolutions):
            fmt = self._format(job, "SELECT")
            if fmt == SPARQL_JSON and not job.order:  # a Job is unpickled: equal, not the same
                sink.start(fmt.content_type)
                _solutions_json(answer, self.max_rows, sink)
                return
            body = self._solutions_body(answer, job, fmt)
        elif isinstance(answer, ox.QueryBoolean):
            fmt = self._format(job, "ASK")
            body = self._body(QueryResult("ASK", boolean=bool(answer)), fmt)
        else:
            fmt = self._format(job, "CONSTRUCT or DESCRIBE")
            body = self._triples_body(answer, fmt)
        sink.start(fmt.content_type)
        sink.write(body)

    def _oxigraph_query(self, job: Job) -> ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples:
        """Parameters go in as a VALUES block, as for the fast engine: Oxigraph substitutes
        only projected variables, and a value never becomes query text this way either."""
        assert self.store is not None
        text = _bound(job.text, tuple(job.bindings.items())) if job.bindings else job.text
        # The request's own dataset (checked by the endpoint), else the union of the graphs.
        chosen = bool(job.default_graphs or job.named_graphs)
        return self.store.query(
            text,
            prefixes=dict(self.prefixes),
            use_default_graph_as_union=not chosen,
            default_graph=[ox.NamedNode(g) for g in job.default_graphs] if chosen else None,
            named_graphs=[ox.NamedNode(g) for g in job.named_graphs] if chosen else None,
        )

    def _solutions_body(self, answer: ox.QuerySolutions, job: Job, fmt: Format) -> bytes:
        """The formats other than SPARQL JSON, and stored answers in natural order, from
        the terms, as on the command line."""
        names = [variable.value for variable in answer.variables]
        rows = [[row[name] for name in names] for row in islice(answer, self.max_rows + 1)]
        if len(rows) > self.max_rows:
            raise TooLarge("rows")
        answer_rows = OxigraphAnswer(rows=[tuple(row) for row in rows])
        return self._body(QueryResult("SELECT", names, native=answer_rows), fmt, job.order)

    def _triples_body(self, answer: ox.QueryTriples, fmt: Format) -> bytes:
        from rdflib import Graph

        from ..engines.convert import to_rdflib

        graph = Graph()
        for triple in islice(answer, self.max_rows + 1):
            graph.add(tuple(map(to_rdflib, triple)))  # type: ignore[arg-type]
        if len(graph) > self.max_rows:
            raise TooLarge("triples")
        return self._body(QueryResult("CONSTRUCT", graph=graph), fmt)


#: Bytes of rows (as TSV) turned into JSON and handed on at a time.
_BLOCK = 64 * 1024
_BINDINGS = b'"bindings":['
_CLOSE = b"]}}"


def _solutions_json(answer: ox.QuerySolutions, max_rows: int, sink: Sink) -> None:
    """SPARQL 1.1 JSON results written by Oxigraph into ``sink`` block by block, the row cap
    checked while it writes.

    The rows come out of Oxigraph as TSV, one line each, counted as each block is written
    (:class:`TooLarge` past the cap, with the blocks before it already handed on); each
    block of whole lines is read back and written as JSON by Oxigraph, and its bindings
    joined to the document's. All of it runs in Oxigraph, several times quicker than
    building the document in Python, and no more than a block is held at a time.
    """
    blocks = _JsonBlocks(max_rows, sink)
    answer.serialize(blocks, ox.QueryResultsFormat.TSV)  # type: ignore[arg-type]  # writes only
    blocks.finish()


class _JsonBlocks:
    """TSV lines in, SPARQL JSON out: the head with the first block, the bindings of each
    block after, the close at :meth:`finish`."""

    def __init__(self, max_rows: int, sink: Sink) -> None:
        self.left = max_rows + 1  # the header and the rows
        self.sink = sink
        self.pending = bytearray()
        self.header = b""
        self.opened = False  # the head and the opening of the bindings are written
        self.rows = False  # a binding is written (the next needs a comma)

    def write(self, block: bytes) -> int:
        data = bytes(block)
        self.left -= data.count(b"\n")
        if self.left < 0:
            raise TooLarge("rows")
        self.pending += data
        if len(self.pending) >= _BLOCK:
            self._flush(self.pending.rfind(b"\n") + 1)
        return len(data)

    def flush(self) -> None:
        """Oxigraph flushes its writer; blocks are handed on by size, not by flush."""

    def finish(self) -> None:
        self._flush(len(self.pending))
        self.sink.write(_CLOSE + b"\n")

    def _flush(self, end: int) -> None:
        lines = bytes(self.pending[:end])
        del self.pending[:end]
        if not self.opened:
            header, _, lines = lines.partition(b"\n")
            self.header = header + b"\n"
        solutions = ox.parse_query_results(self.header + lines, ox.QueryResultsFormat.TSV)
        written = solutions.serialize(format=ox.QueryResultsFormat.JSON)
        assert written is not None and written.endswith(_CLOSE), "Oxigraph's JSON changed"
        start = written.index(_BINDINGS) + len(_BINDINGS)
        if not self.opened:
            self.sink.write(written[:start])
            self.opened = True
        bindings = written[start : -len(_CLOSE)]
        if bindings:
            self.sink.write(b"," + bindings if self.rows else bindings)
            self.rows = True


#: Whether a text may leave the graph, remembered: the stored queries come back again and again.
_may_leave_the_graph = lru_cache(maxsize=256)(may_leave_the_graph)


@lru_cache(maxsize=256)
def _bound(text: str, bindings: tuple[tuple[object, Term | Node], ...]) -> str:
    """``text`` with its parameters as a VALUES block, remembered for the same reason."""
    return bind_values(text, dict(bindings))


@lru_cache(maxsize=256)
def _prepared(text: str, prefixes: tuple[tuple[str, str], ...]) -> Query:
    """The parsed and guarded query (a refusal is raised, and so not remembered)."""
    from ..sparql import prepare

    return prepare(text, prefixes=dict(prefixes))
