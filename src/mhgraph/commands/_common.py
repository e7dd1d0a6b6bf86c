"""What several subcommands share: the project option, progress output and writing results."""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser, Namespace
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from ..cache import GraphCache
from ..engines import DEFAULT_ENGINE, ENGINE_NAMES
from ..export import write_atomic
from ..project import Project


def project_of(args: Namespace) -> Project:
    return Project.resolve(args.project)


def add_engine_option(parser: ArgumentParser) -> None:
    """``--engine``, ``--rebuild`` and ``--quiet``: how a command that loads the graph does it."""
    parser.add_argument(
        "--engine",
        choices=ENGINE_NAMES,
        default=DEFAULT_ENGINE,
        help="fast (Oxigraph, pyshacl-turbo; the default) or reference (rdflib, owlrl, pySHACL)",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="parse and reason anew even when the sources have not changed since the last run",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress lines on the terminal"
    )


def graph_options(args: Namespace) -> dict[str, Any]:
    """The keyword arguments of the library's loaders that these options decide."""
    return {
        "engine": args.engine,
        "cache": GraphCache(),
        "rebuild": args.rebuild,
        "progress": progress_printer(quiet=args.quiet),
    }


def progress_printer(stream: TextIO | None = None, *, quiet: bool = False) -> Callable[[str], None]:
    """Stage lines (time elapsed, stage, triples) on a terminal's stderr; nothing when stderr
    goes to a file or a pipe, or with ``--quiet``."""
    stream = stream or sys.stderr
    if quiet or not stream.isatty():
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
