"""The remote-store options of push, query, sparql and validate, and the store they name."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..remote import SETTINGS, resolve_settings
from ._common import add_setting_options, config_of, options_of

if TYPE_CHECKING:
    from ..remote import RemoteStore


def add_endpoint_options(parser: argparse.ArgumentParser) -> None:
    """The store's options, generated from :class:`mhgraph.remote.RemoteSettings`."""
    group = parser.add_argument_group(
        "remote store",
        "work on a SPARQL server instead of the local graph; each option falls back to the "
        "environment variable in brackets, then to the key of mhgraph.toml named there "
        "(docs/remote-stores.md)",
    )
    add_setting_options(group, SETTINGS)


def store_of(args: argparse.Namespace) -> RemoteStore | None:
    """The store the options and environment name, or None for the local graph."""
    settings = resolve_settings(options_of(args, SETTINGS), config=config_of(args))
    if settings is None:
        return None
    from ..remote import connect  # SPARQLWrapper: only for a store

    return connect(settings)
