"""The subcommands of `mhgraph`, one module each, in the order `--help` lists them."""

from __future__ import annotations

from . import build, diff, export, publish, push, query, serve, validate

COMMANDS = (build, validate, export, query, push, serve, publish, diff)
