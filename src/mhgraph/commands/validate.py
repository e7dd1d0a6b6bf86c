"""`mhgraph validate`: SHACL validation for people and for CI pipelines."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_FINDINGS, EXIT_OK, UsageError
from ..findings import Severity
from ..formats import REPORT_FORMATS
from ..output import write_atomic
from ._common import (
    Subparsers,
    add_engine_option,
    add_inference_option,
    add_output_option,
    emit,
    end_progress,
    graph_options,
    inference_of,
    project_of,
)
from ._endpoint import add_endpoint_options, store_of

if TYPE_CHECKING:
    from ..validation import ValidationOutcome


def register(subparsers: Subparsers) -> None:
    """Add ``validate``, with the report formats CI dashboards read."""
    parser = subparsers.add_parser(
        "validate",
        help="validate the project (or given files) against the project's shapes",
        description="Validate the project's data, or the given RDF files, against the "
        "project's SHACL shapes. Exit 0 when nothing reaches --fail-on, 1 when something "
        "does, 2 on a usage or parse error, 3 when a remote store failed.",
    )
    parser.add_argument("files", nargs="*", type=Path, help="RDF files to check instead of data/")
    parser.add_argument("--format", choices=REPORT_FORMATS, default="text")
    add_output_option(parser, "write the report to FILE instead of stdout")
    parser.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="FORMAT=PATH",
        help="also write a report in FORMAT to PATH (repeatable)",
    )
    parser.add_argument(
        "--fail-on",
        choices=("violation", "warning", "info"),
        default="violation",
        help="the lowest severity that makes the exit code 1 (default: violation)",
    )
    add_inference_option(parser, "owlrl", "the closure computed before validating")
    parser.add_argument("--lang", choices=("en", "nl"), default="en", help="message language")
    add_endpoint_options(parser)
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def parse_report_option(value: str) -> tuple[str, Path]:
    """``FORMAT=PATH`` of ``--report``, checked before minutes of validation, not after."""
    fmt, equals, path = value.partition("=")
    if not equals or not path or fmt not in REPORT_FORMATS:
        raise UsageError(
            f"--report {value!r} is not FORMAT=PATH",
            hint="FORMAT is one of " + ", ".join(REPORT_FORMATS),
        )
    return fmt, Path(path)


def describe_run(outcome: ValidationOutcome) -> str:
    """Which engine ran, and whether the graph and findings were those kept from before."""
    kg = outcome.graph
    reused = "; graph built before, sources unchanged" if kg.cached else ""
    return f"{kg.engine.name} engine{reused}"


def run(args: argparse.Namespace) -> int:
    """Validate locally or on a store; exit 1 when a finding reaches ``--fail-on``."""
    reports = [parse_report_option(value) for value in args.report]
    project = project_of(args)
    store = store_of(args)
    if store is not None and args.files:
        raise UsageError("give RDF files or --endpoint, not both")
    options = graph_options(args)
    if store is not None:
        from ..remote import validate_remote

        outcome = validate_remote(
            project,
            store,
            inference=inference_of(args),
            progress=options["progress"],
            engine=args.engine,
        )
    else:
        from ..validation import validate

        outcome = validate(
            project, files=args.files or None, inference=inference_of(args), **options
        )
    end_progress()
    from ..reports import render_findings

    for fmt, path in reports:
        write_atomic(path, render_findings(outcome.findings, fmt, language=args.lang).encode())
    text = render_findings(outcome.findings, args.format, language=args.lang)
    if args.format == "text":
        text = text.rstrip("\n") + f" ({describe_run(outcome)})\n"
    emit(text, args.output)
    threshold = Severity.parse(args.fail_on)
    return EXIT_FINDINGS if outcome.findings.at_least(threshold) else EXIT_OK
