"""The remote-store options of push, query, sparql and validate, from one settings table."""

from __future__ import annotations

import argparse

from ..errors import RemoteError
from ..remote import SETTINGS, EndpointSettings, resolve_settings


def add_endpoint_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "remote store",
        "work on a SPARQL server instead of the local graph; each option falls back to the "
        "environment variable in brackets (docs/remote-stores.md)",
    )
    for setting in SETTINGS:
        group.add_argument(
            setting.option,
            dest=setting.name,
            metavar=setting.metavar,
            help=f"{setting.help} [{setting.environment}]",
        )


def endpoint_of(args: argparse.Namespace) -> EndpointSettings | None:
    """The store to work on, or None for the local graph."""
    settings = resolve_settings({s.name: getattr(args, s.name, None) for s in SETTINGS})
    if settings is not None and getattr(args, "no_inference", False):
        raise RemoteError(
            "--no-inference applies to the local graph; a store answers from what was pushed",
            hint="push without --inferred to keep only the asserted triples there",
        )
    return settings
