"""`mhgraph export`: the whole graph in one RDF format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..export import EXPORT_FORMATS, write_atomic
from ._common import add_engine_option, end_progress, graph_options, project_of


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the whole graph in one RDF format",
        description="Write the asserted graph (with --inferred: asserted plus inferred) to "
        "stdout or a file. TriG keeps the asserted and inferred triples in two named graphs.",
    )
    parser.add_argument("--format", choices=EXPORT_FORMATS, default="ttl")
    parser.add_argument("--inferred", action="store_true", help="include the inferred triples")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..graph import load_graph

    inference = "owlrl" if args.inferred else "none"
    kg = load_graph(project_of(args), inference=inference, **graph_options(args))
    end_progress()
    data = kg.serialize("all", args.format)
    if args.output:
        write_atomic(Path(args.output), data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
