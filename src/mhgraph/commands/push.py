"""`mhgraph push`: replace a named graph in a SPARQL server with the built graph."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..errors import EXIT_OK, RemoteError
from ..remote.settings import DEFAULT_CHUNK
from ._common import (
    Subparsers,
    add_engine_option,
    add_inference_option,
    end_progress,
    graph_options,
    inference_of,
    project_of,
)
from ._endpoint import add_endpoint_options, store_of

if TYPE_CHECKING:
    from ..remote import PushSummary

_BAR_WIDTH = 30


def register(subparsers: Subparsers) -> None:
    """Add ``push``: the store options and the part of the graph to upload."""
    parser = subparsers.add_parser(
        "push",
        help="upload the graph into a named graph of a SPARQL server",
        description="Replace one named graph of a SPARQL server with the project's graph. The "
        "triples go into a staging graph first (Graph Store Protocol, or SPARQL Update where "
        "the server has no Graph Store URL) and one MOVE swaps it into place, so readers never "
        "see half a graph; if anything fails the previous graph stays as it was.",
    )
    add_inference_option(
        parser,
        "none",
        "the closure pushed with the asserted triples; none: the asserted triples only",
        old_flags={"--inferred": "owlrl"},
    )
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK,
        metavar="N",
        help=f"triples per upload request (default: {DEFAULT_CHUNK})",
    )
    add_endpoint_options(parser)
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Push and say what now stands where; refuse before loading when no store is named."""
    store = store_of(args)
    if store is None:
        raise RemoteError("push needs a store", hint="give --endpoint URL or set MHGRAPH_ENDPOINT")
    graph = store.settings.graph
    if graph is None:
        raise RemoteError(
            "push writes a named graph, not the store's default graph",
            hint="give --graph IRI",
        )
    from ..graph import load_graph
    from ..remote import push

    options = graph_options(args)
    kg = load_graph(project_of(args), inference=inference_of(args), **options)
    end_progress()
    show = options["progress"]
    summary = push(
        store,
        kg.graph,
        graph,
        chunk_size=args.chunk_size,
        progress=lambda done, total: show(f"pushing {progress_bar(done, total)}"),
    )
    end_progress()
    print(describe(summary, store.settings.label))
    return EXIT_OK


def progress_bar(done: int, total: int) -> str:
    """A text bar for the terminal: a push of a large graph takes long enough to want one."""
    filled = _BAR_WIDTH * done // total if total else _BAR_WIDTH
    return f"[{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] {done}/{total} triples"


def describe(summary: PushSummary, server: str) -> str:
    """One line that says what now stands where, and by which protocol it got there."""
    via = "Graph Store Protocol" if summary.protocol == "graph store" else "SPARQL Update"
    return (
        f"pushed {summary.triples} triples into <{summary.graph}> at {server} "
        f"({via}, {summary.requests} requests, {summary.seconds:.1f} s)"
    )
