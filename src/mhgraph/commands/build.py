"""`mhgraph build`: the whole pipeline on the project, with a summary."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_FINDINGS, EXIT_OK
from ._common import (
    Subparsers,
    add_engine_option,
    add_inference_option,
    add_output_option,
    end_progress,
    graph_options,
    inference_of,
    project_of,
)

if TYPE_CHECKING:
    from ..pipeline import BuildSummary


def register(subparsers: Subparsers) -> None:
    """Add ``build``: its options are the ones the CI job and the README's first command use."""
    parser = subparsers.add_parser(
        "build",
        help="load, reason (OWL RL), validate (SHACL) and write the graph",
        description="Load the ontology and data, compute the OWL RL closure, validate with "
        "SHACL and write the asserted and inferred graph (Turtle, N-Triples, JSON-LD, TriG) "
        "and the validation report. The folder is replaced whole, once the new one is "
        "complete. The graph is kept (docs/performance.md) for the commands that follow. "
        "Exit 1 when the graph has violations.",
    )
    add_output_option(
        parser, "output folder (default: dist)", metavar="DIR", default="dist", old_spelling="--out"
    )
    add_inference_option(parser, "owlrl", "the closure computed before validating and writing")
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Build, print the summary; exit 1 on violations so CI stops on a broken graph."""
    from ..pipeline import build

    summary, _outcome = build(
        project_of(args),
        Path(args.output),
        inference=inference_of(args),
        **graph_options(args),
    )
    end_progress()
    print(format_summary(summary))
    return EXIT_FINDINGS if summary.violations else EXIT_OK


def format_summary(summary: BuildSummary) -> str:
    """The summary people read after a build: counts, findings, time per stage, files."""
    lines = [
        f"engine: {summary.engine}",
        f"triples: {summary.asserted} asserted, {summary.inferred} inferred",
        "resources per class:",
    ]
    width = max((len(name) for name in summary.classes), default=0)
    lines += [f"  {name.ljust(width)}  {count:>6}" for name, count in summary.classes.items()]
    lines.append(
        f"validation: {summary.violations} violations, {summary.warnings} warnings, "
        f"{summary.infos} infos"
    )
    lines.append(
        "time: "
        + ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in summary.timings.items())
    )
    if summary.written:
        folder = summary.written[0].parent
        lines.append(f"wrote {len(summary.written)} files to {folder}")
    return "\n".join(lines)
