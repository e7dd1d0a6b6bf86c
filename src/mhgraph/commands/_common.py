"""What several subcommands share: the project option, progress output and writing results."""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser, Namespace
from collections.abc import Callable
from pathlib import Path

from ..engines import ENGINE_NAMES
from ..export import write_atomic
from ..project import Project


def project_of(args: Namespace) -> Project:
    return Project.resolve(args.project)


def add_engine_option(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=ENGINE_NAMES,
        default=None,
        help="reference (rdflib, owlrl, pySHACL) or fast (Oxigraph, pyshacl-turbo); "
        "default: the fastest installed",
    )


def progress_printer(stream=None) -> Callable[[str], None]:
    """Stage lines on a terminal; nothing when the output goes to a file or a pipe."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return lambda _message: None
    started = time.perf_counter()

    def show(message: str) -> None:
        stream.write(f"\r\033[K[{time.perf_counter() - started:6.1f}s] {message}")
        stream.flush()

    return show


def end_progress(stream=None) -> None:
    stream = stream or sys.stderr
    if stream.isatty():
        stream.write("\r\033[K")
        stream.flush()


def emit(text: str, output: str | None) -> None:
    """Print to stdout, or write the whole text to a file at once."""
    if output:
        write_atomic(Path(output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
