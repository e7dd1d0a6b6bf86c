"""`mhgraph export`: the whole graph in one RDF format."""

from __future__ import annotations

import argparse

from ..errors import EXIT_OK
from ..formats import WRITABLE_RDF
from ._common import (
    Subparsers,
    add_engine_option,
    add_inference_option,
    add_output_option,
    emit_stream,
    end_progress,
    graph_options,
    inference_of,
    project_of,
)


def register(subparsers: Subparsers) -> None:
    """Add ``export``: one format at a time, to stdout for pipes or to a file."""
    parser = subparsers.add_parser(
        "export",
        help="write the whole graph in one RDF format",
        description="Write the asserted graph, with --inference rdfs or owlrl also the "
        "triples that closure infers, to stdout or a file. TriG keeps the asserted and "
        "inferred triples in two named graphs.",
    )
    parser.add_argument("--format", choices=tuple(WRITABLE_RDF), default="ttl")
    add_inference_option(
        parser,
        "none",
        "the closure written with the asserted triples; none: the asserted triples only",
        old_flags={"--inferred": "owlrl"},
    )
    add_output_option(parser)
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the graph, streamed from the store to stdout or the file."""
    from ..graph import load_graph

    kg = load_graph(project_of(args), inference=inference_of(args), **graph_options(args))
    end_progress()
    emit_stream(lambda stream: kg.export("all", args.format, stream), args.output)
    return EXIT_OK
