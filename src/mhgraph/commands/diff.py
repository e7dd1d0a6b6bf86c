"""`mhgraph diff OLD NEW`: what changed between two editions of the graph."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import EXIT_FINDINGS, EXIT_OK
from ..formats import DIFF_FORMATS
from ._common import Subparsers, emit


def register(subparsers: Subparsers) -> None:
    """Add ``diff``: two editions in, the changes out, exit 1 when there are any (as diff(1))."""
    parser = subparsers.add_parser(
        "diff",
        help="list what changed between two editions of the graph",
        description="Compare two editions (project folders, data folders or RDF files) on "
        "their asserted triples: activities added or removed, status changes, organisations "
        "added or removed, fundings and amounts, dates. Exit status 0: no changes, 1: changes.",
    )
    parser.add_argument("old", metavar="OLD", type=Path, help="the earlier edition")
    parser.add_argument("new", metavar="NEW", type=Path, help="the later edition")
    parser.add_argument(
        "--format",
        choices=DIFF_FORMATS,
        default="text",
        help="text (default), csv, or RDF (ttl, nt, json-ld) with one mh:Change per change",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Compare the two editions and write the changes where ``-o`` says."""
    from ..diff import diff_paths, render

    comparison = diff_paths(args.old, args.new)
    emit(render(comparison, args.format), args.output)
    return EXIT_FINDINGS if comparison.changes else EXIT_OK
