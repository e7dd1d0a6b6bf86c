"""The options every command spells the same way, and what several commands share.

One helper per concept, so `-o/--output`, `--inference`, `--engine` and the settings'
options read and behave alike in every command; the settings' options are generated from
their records (:mod:`mhgraph.settings`), never written out by hand.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

from ..cache import GraphCache
from ..engines import DEFAULT_ENGINE, ENGINE_NAMES
from ..engines.base import INFERENCE_MODES, Inference
from ..output import atomic_file, write_atomic
from ..project import Project
from ..settings import Config, Setting, load_config

#: What ``add_parser`` is called on: the object ``add_subparsers`` returns.
Subparsers = Any


def project_of(args: argparse.Namespace) -> Project:
    """The project ``--project`` names, else the bundled graph."""
    return Project.resolve(args.project)


def config_of(args: argparse.Namespace) -> Config:
    """The project's ``mhgraph.toml``, the lowest layer of every setting but the defaults."""
    return load_config(project_of(args).root)


def add_engine_option(parser: argparse.ArgumentParser) -> None:
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


def graph_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of the library's loaders that these options decide."""
    return {
        "engine": args.engine,
        "cache": GraphCache(),
        "rebuild": args.rebuild,
        "progress": progress_printer(quiet=args.quiet),
    }


def add_output_option(
    parser: argparse.ArgumentParser,
    help: str = "write to FILE instead of stdout",
    *,
    metavar: str = "FILE",
    required: bool = False,
    default: str | None = None,
    old_spelling: str | None = None,
) -> None:
    """``-o/--output``; ``old_spelling`` keeps an earlier name working, hidden and warned of."""
    parser.add_argument(
        "-o", "--output", metavar=metavar, required=required, default=default, help=help
    )
    if old_spelling:
        parser.add_argument(
            old_spelling,
            dest="output",
            action=_Deprecated,
            help=argparse.SUPPRESS,
            replacement="-o/--output",
        )


def add_inference_option(
    parser: argparse.ArgumentParser,
    default: Inference,
    help: str,
    *,
    old_flags: dict[str, Inference] | None = None,
) -> None:
    """``--inference none|rdfs|owlrl``: which closure joins the asserted triples.

    ``old_flags`` maps earlier spellings (``--inferred``, ``--no-inference``) to the mode they
    meant; they keep working, hidden from ``--help`` and with a warning.
    """
    parser.add_argument(
        "--inference",
        choices=INFERENCE_MODES,
        default=default,
        help=f"{help} (default: {default})",
    )
    for flag, mode in (old_flags or {}).items():
        parser.add_argument(
            flag,
            dest="inference",
            action=_Deprecated,
            nargs=0,
            const=mode,
            help=argparse.SUPPRESS,
            replacement=f"--inference {mode}",
        )


def add_setting_options(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup,
    records: Sequence[Setting],
) -> None:
    """One option per setting that has one, named, described and defaulted by its record.

    The default stays None here, so :func:`mhgraph.settings.resolve` can tell an option that
    was given from one that was not and fall back to the environment and ``mhgraph.toml``.
    """
    for record in records:
        if record.option is None:
            continue
        fallbacks = [name for name in (record.environment, record.toml_key) if name]
        source = f" [{', '.join(fallbacks)}]" if fallbacks else ""
        parser.add_argument(
            record.option,
            dest=record.name,
            metavar=record.metavar,
            default=None,
            help=record.described + source,
        )


def options_of(args: argparse.Namespace, records: Sequence[Setting]) -> dict[str, object]:
    """What the command line gave for ``records``, to hand to :func:`mhgraph.settings.resolve`."""
    return {record.name: getattr(args, record.name, None) for record in records}


class _Deprecated(argparse.Action):
    """An earlier spelling of an option: does what it did, and says what to write instead."""

    def __init__(self, *args: Any, replacement: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.replacement = replacement

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        print(
            f"mhgraph: warning: {option_string} is deprecated; use {self.replacement}",
            file=sys.stderr,
        )
        setattr(namespace, self.dest, self.const if self.nargs == 0 else values)


def progress_printer(
    stream: IO[str] | None = None, *, quiet: bool = False
) -> Callable[[str], None]:
    """Stage lines (time elapsed, stage, triples) on a terminal's stderr; nothing when stderr
    goes to a file or a pipe, or with ``--quiet``."""
    out = stream or sys.stderr
    if quiet or not out.isatty():
        return lambda _message: None
    started = time.perf_counter()

    def show(message: str) -> None:
        out.write(f"\r\033[K[{time.perf_counter() - started:6.1f}s] {message}")
        out.flush()

    return show


def end_progress(stream: IO[str] | None = None) -> None:
    """Clear the progress line, so the command's own output starts on a clean line."""
    out = stream or sys.stderr
    if out.isatty():
        out.write("\r\033[K")
        out.flush()


def emit(text: str | bytes, output: str | None) -> None:
    """Print to stdout, or write the whole text to a file at once (never half a file)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output:
        write_atomic(Path(output), data)
    elif isinstance(text, str):
        sys.stdout.write(text)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def emit_stream(write: Callable[[BinaryIO], None], output: str | None) -> None:
    """What ``write`` writes, streamed to stdout or to a file that is renamed into place
    when it is complete (never half a file)."""
    if output:
        with atomic_file(Path(output)) as stream:
            write(stream)
    else:
        write(sys.stdout.buffer)
        sys.stdout.flush()


def inference_of(args: argparse.Namespace) -> Inference:
    """The inference mode the command line chose, typed for the library."""
    return cast(Inference, args.inference)
