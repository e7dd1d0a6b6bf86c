"""What a query worker does with one job: guard, evaluate within the row cap, render.

This runs in a worker process, never in a thread of the web server, because rdflib cannot
be interrupted: parsing, the guard, evaluation and rendering all happen here, so the time
limit covers every step a hostile query could make slow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from ..errors import MhgraphError
from ..export import serialize
from ..ordering import OrderKeys, natural
from ..results import QueryResult, render, select_rows
from ..sparql import initial_bindings, prepare, query_form
from .negotiation import GRAPH_FORMATS, RESULT_FORMATS, Format, choose
from .web import HTTPError


@dataclass(frozen=True)
class Job:
    """A query to answer, with what the client accepts; sent to a worker as it is."""

    text: str
    bindings: Mapping[Variable, Node] = field(default_factory=dict)
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

    graph: Graph
    max_rows: int
    prefixes: Mapping[str, str]
    _datasets: dict[tuple, Graph] = field(default_factory=dict, compare=False, repr=False)

    def answer(self, job: Job) -> Answer | Failure:
        try:
            return self._answer(job)
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
        except Exception as err:  # rdflib reports evaluation errors with many exception types
            return Failure(400, f"query failed: {' '.join(str(err).split())}")

    def _answer(self, job: Job) -> Answer:
        query = prepare(job.text, prefixes=self.prefixes)
        kind = query_form(query)
        offers = job.result_formats if kind in ("SELECT", "ASK") else job.graph_formats
        if not offers:
            raise HTTPError(400, f"a {kind} query cannot be answered here")
        fmt = choose(offers, job.accept, job.format_names)
        graph = self.dataset(job.default_graphs, job.named_graphs)
        result = graph.query(query, initBindings=initial_bindings(job.bindings))
        collected = natural(self._collect(kind, result), job.order)
        if collected.graph is not None:
            body = serialize(collected.graph, fmt.name, prefixes=self.prefixes)
        else:
            body = render(collected, fmt.name).encode("utf-8")
        return Answer(fmt.content_type, body)

    def dataset(self, defaults: tuple[str, ...], named: tuple[str, ...]) -> Graph:
        """The dataset of the SPARQL 1.1 Protocol: the merge of ``defaults`` as the default
        graph and exactly the ``named`` graphs; without either, the served dataset. Built
        once per choice (there are few), from the graphs in memory only."""
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
