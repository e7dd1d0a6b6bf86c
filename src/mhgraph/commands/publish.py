"""`mhgraph publish`: the graph as a static, deployable publication."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ._common import add_engine_option, end_progress, graph_options, project_of

if TYPE_CHECKING:
    from ..publish import PublishSummary


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "publish",
        help="write a static publication: dumps, DCAT-AP record, VoID, pages",
        description="Write the graph as a complete static publication into --out: dumps with "
        "checksums, a DCAT-AP catalogue record, a VoID description, the validation report and "
        "an HTML page for every resource. The folder is replaced only once the new one is "
        "complete. Settings are read from mhgraph.toml in the project (docs/publishing.md). "
        "Exit 1 when the graph has violations (the publication is written all the same).",
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="the publication folder")
    parser.add_argument(
        "--base-iri",
        metavar="IRI",
        help="the IRI the publication is served at; every project IRI is moved under it "
        "(default: base_iri in mhgraph.toml, else https://w3id.org/mhgraph/)",
    )
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
    from ..publish import publish  # the site's templates and renderers: only this command

    summary = publish(
        project_of(args),
        Path(args.out),
        base_iri=args.base_iri,
        dcat_shapes=args.check_dcat,
        **graph_options(args),
    )
    end_progress()
    print(format_summary(summary))
    return 1 if summary.violations else 0


def format_summary(summary: PublishSummary) -> str:
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
