"""The `mhgraph` command: parse arguments, call the library, render, map errors to exit codes.

Each subcommand lives in :mod:`mhgraph.commands` and registers itself; nothing here knows
what a command does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .commands import COMMANDS
from .errors import MhgraphError
from .version import __version__

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def make_parser() -> argparse.ArgumentParser:
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or EXIT_OK)
    except MhgraphError as err:
        print(f"mhgraph: error: {err.one_line()}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("mhgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (for example `head`) went away; that is not an error of ours.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
