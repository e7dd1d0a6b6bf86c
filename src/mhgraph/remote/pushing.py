"""Replacing one named graph in a store so that no reader ever sees half of it.

The triples go into a fresh staging graph first (Graph Store Protocol PUT, then POSTs in
chunks; or ``INSERT DATA`` where the server has no Graph Store), and one SPARQL Update
``MOVE`` swaps the staging graph into place, which servers with transactions carry out
atomically. On any failure the staging graph is dropped and the target is left as it was.

A push that is killed cannot drop its staging graph. Staging graphs are named with the time
their push started, so the next push finds those of runs older than :data:`STALE_AFTER`
seconds (no push runs that long; a younger one may still be running) and drops them first.
"""

from __future__ import annotations

import calendar
import re
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, URIRef

from ..errors import RemoteError
from ..export import serialize
from .faults import ServerFault
from .settings import DEFAULT_CHUNK

if TYPE_CHECKING:
    from .client import RemoteStore

#: Answers that mean "no Graph Store here": push falls back to SPARQL Update.
_NO_GRAPH_STORE = frozenset({404, 405, 415, 501})

#: Seconds after which a staging graph is taken to be left behind by a push that was killed.
STALE_AFTER = 6 * 3600
_STAMP = "%Y%m%dT%H%M%SZ"
_STAGING_STAMP = re.compile(r"-staging-(\d{8}T\d{6}Z)-[0-9a-f]+$")

PushProgress = Callable[[int, int], None]
Notice = Callable[[str], None]


@dataclass(frozen=True)
class PushSummary:
    """What a push put where, by which protocol and in how many requests and seconds: what
    the command prints and what a deployment log keeps."""

    graph: str
    triples: int
    requests: int
    protocol: str  # "graph store" or "update"
    seconds: float
    #: Staging graphs of earlier, killed pushes that this one dropped before it began.
    dropped: list[str] = field(default_factory=list)


def _ignore(_done: int, _total: int) -> None:
    return None


def _silent(_text: str) -> None:
    return None


def push(
    store: RemoteStore,
    graph: Graph,
    target: str,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    progress: PushProgress = _ignore,
    notice: Notice = _silent,
) -> PushSummary:
    """Replace the named graph ``target`` in ``store`` with ``graph``."""
    if len(graph) == 0:
        raise RemoteError("the graph to push is empty", hint="check the project's data/")
    if chunk_size < 1:
        raise RemoteError(f"--chunk-size {chunk_size} must be at least 1")
    started = time.perf_counter()
    dropped = drop_stale_staging(store, target, time.time(), notice)
    stamp = time.strftime(_STAMP, time.gmtime())
    staging = f"{target}-staging-{stamp}-{secrets.token_hex(6)}"
    chunks = list(_chunks(graph, chunk_size))
    try:
        protocol = _upload(store, staging, chunks, len(graph), progress)
        store.update(f"MOVE {_iri(staging)} TO {_iri(target)}")
    except BaseException as err:
        _drop_staging(store, staging, err)
        raise
    seconds = time.perf_counter() - started
    return PushSummary(target, len(graph), len(chunks) + 1, protocol, seconds, dropped)


def drop_stale_staging(store: RemoteStore, target: str, now: float, notice: Notice) -> list[str]:
    """Drop the staging graphs of ``target`` that pushes killed long ago left behind."""
    stale = [
        name
        for name in store.graph_names(f"{target}-staging-")
        if now - _started(name) > STALE_AFTER
    ]
    for name in stale:
        store.update(f"DROP SILENT GRAPH {_iri(name)}")
        notice(f"dropped the staging graph <{name}>, left behind by an earlier push")
    return stale


def _started(staging: str) -> float:
    """When the push that made ``staging`` began (0, long ago, for names without a time)."""
    found = _STAGING_STAMP.search(staging)
    if not found:
        return 0.0
    return calendar.timegm(time.strptime(found.group(1), _STAMP))


def _upload(
    store: RemoteStore,
    staging: str,
    chunks: list[Graph],
    total: int,
    progress: PushProgress,
) -> str:
    protocol = "graph store" if store.has_graph_store else "update"
    done = 0
    progress(done, total)
    for number, chunk in enumerate(chunks):
        data = serialize(chunk, "nt")
        if protocol == "graph store":
            try:
                store.upload(staging, data, replace=number == 0)
            except ServerFault as fault:
                if number > 0 or fault.status not in _NO_GRAPH_STORE:
                    raise
                protocol = "update"
        if protocol == "update":
            store.update(f"INSERT DATA {{ GRAPH {_iri(staging)} {{\n{data.decode('utf-8')}}} }}")
        done += len(chunk)
        progress(done, total)
    return protocol


def _chunks(graph: Graph, size: int) -> Iterator[Graph]:
    """Chunks of at most ``size`` triples; all triples with blank nodes travel together.

    A blank node's label means something only within one request, so splitting its triples
    over two requests would make two nodes of one.
    """
    with_blank_nodes = Graph()
    chunk = Graph()
    for triple in graph:
        if any(isinstance(term, BNode) for term in triple):
            with_blank_nodes.add(triple)
            continue
        chunk.add(triple)
        if len(chunk) >= size:
            yield chunk
            chunk = Graph()
    if len(chunk):
        yield chunk
    if len(with_blank_nodes):
        yield with_blank_nodes


def _drop_staging(store: RemoteStore, staging: str, cause: BaseException) -> None:
    """Best effort: a failed drop is added to the error rather than hiding it."""
    try:
        store.update(f"DROP SILENT GRAPH {_iri(staging)}")
    except RemoteError:
        if isinstance(cause, RemoteError):
            cause.hint = (
                f"{cause.hint}; " if cause.hint else ""
            ) + f"the staging graph {staging} may be left behind: drop it when the server is back"


def _iri(iri: str) -> str:
    return URIRef(iri).n3()
