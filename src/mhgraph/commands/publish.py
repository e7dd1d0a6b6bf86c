"""`mhgraph publish`: the graph as a static, deployable publication."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_FINDINGS, EXIT_OK
from ..settings import PUBLISH_SETTINGS
from ._common import (
    Subparsers,
    add_engine_option,
    add_output_option,
    add_setting_options,
    end_progress,
    graph_options,
    project_of,
)

if TYPE_CHECKING:
    from ..publish import PublishSummary


def register(subparsers: Subparsers) -> None:
    """Add ``publish``; its settings' options come from the ``[publish]`` records."""
    parser = subparsers.add_parser(
        "publish",
        help="write a static publication: dumps, DCAT-AP record, VoID, pages",
        description="Write the graph as a complete static publication into the --output "
        "folder: dumps with checksums, a DCAT-AP catalogue record, a VoID description, the "
        "validation report and an HTML page for every resource. The folder is replaced only "
        "once the new one is complete. Settings are read from [publish] in mhgraph.toml in "
        "the project (docs/publishing.md). Exit 1 when the graph has violations (the "
        "publication is written all the same).",
    )
    add_output_option(
        parser, "the publication folder", metavar="DIR", required=True, old_spelling="--out"
    )
    add_setting_options(parser, PUBLISH_SETTINGS)
    parser.add_argument(
        "--check-dcat",
        metavar="DIR",
        type=Path,
        help="a folder with the DCAT-AP 3.0.1 and DCAT-AP-NL 3.0.1 SHACL shapes (dcat-ap/, "
        "dcat-ap-nl/); a catalogue record that breaks them stops the publication",
    )
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Publish and print the summary; exit 1 on violations, though the publication is written."""
    from ..publish import publish  # the site's templates and renderers: only this command

    summary = publish(
        project_of(args),
        Path(args.output),
        base_iri=args.base_iri,
        dcat_shapes=args.check_dcat,
        **graph_options(args),
    )
    end_progress()
    for notice in summary.notices:
        print(f"mhgraph: note: {notice}", file=sys.stderr)
    print(format_summary(summary))
    return EXIT_FINDINGS if summary.violations else EXIT_OK


def format_summary(summary: PublishSummary) -> str:
    """What was published where, with the findings people must look at before deploying."""
    dump_bytes = sum(d.size for d in summary.dumps)
    return "\n".join(
        [
            f"published {summary.files} files ({summary.pages} pages, {len(summary.dumps)} dumps "
            f"of {dump_bytes} bytes) to {summary.out_dir}",
            f"base IRI: {summary.base_iri}",
            f"engine: {summary.engine}",
            f"validation: {summary.violations} violations, {summary.warnings} warnings "
            "(validation-report.ttl)",
            f"edition: {summary.edition.modified}, content {summary.edition.content}"
            + (
                ""
                if summary.edition.recorded
                else " (not recorded: add this line to editions in mhgraph.toml to keep its "
                f'date: "{summary.edition.modified} {summary.edition.content}")'
            ),
            "time: " + ", ".join(f"{k} {v:.2f}s" for k, v in summary.timings.items()),
        ]
    )
