"""The `mhgraph` command: parse arguments, call the library, render, map errors to exit codes.

Each subcommand lives in :mod:`mhgraph.commands` and registers itself; nothing here knows
what a command does. The exit codes are decided here and only here (:data:`EXIT_CODES`), from
the exception taxonomy in :mod:`mhgraph.errors`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .commands import COMMANDS
from .errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNAVAILABLE,
    EXIT_USAGE,
    MhgraphError,
    ServerFault,
)
from .version import __version__

#: The exit code of each kind of error; a class not named here takes its nearest ancestor's.
EXIT_CODES: dict[type[MhgraphError], int] = {
    MhgraphError: EXIT_USAGE,
    ServerFault: EXIT_UNAVAILABLE,
}


def make_parser() -> argparse.ArgumentParser:
    """The whole command line: the global options and every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="mhgraph",
        description="Build, reason over, validate, query and publish the knowledge graph of "
        "the Dutch programme against human trafficking (Samen tegen mensenhandel).",
    )
    parser.add_argument("--version", action="version", version=f"mhgraph {__version__}")
    parser.add_argument(
        "--project",
        metavar="DIR",
        help="a folder with ontology/, data/, shapes/ and queries/ (default: the bundled graph)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def exit_code(error: MhgraphError) -> int:
    """The code of the most specific class in :data:`EXIT_CODES` that ``error`` is."""
    for cls in type(error).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line; returns the exit code rather than exiting, so tests can call it."""
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or EXIT_OK)
    except MhgraphError as err:
        print(f"mhgraph: error: {err.one_line()}", file=sys.stderr)
        return exit_code(err)
    except KeyboardInterrupt:
        print("mhgraph: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (for example `head`) went away; that is not an error of ours.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
