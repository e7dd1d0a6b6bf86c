"""The limits that keep a public endpoint answering, declared once with their defaults.

Each field of :class:`Settings` becomes a command-line option (``time_limit`` ->
``--time-limit``) and must be described in docs/serving.md (a test checks it), so a new
limit is added in one place and cannot go undocumented.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field, fields

from ..errors import MhgraphError


def _setting(default: float, help: str, *, zero_means: str | None = None):
    return field(default=default, metadata={"help": help, "zero_means": zero_means})


@dataclass(frozen=True)
class Settings:
    """The values in force for one server."""

    time_limit: float = _setting(10.0, "seconds a query may run before its worker is stopped")
    max_rows: int = _setting(
        10_000, "rows (SELECT) or triples (CONSTRUCT, DESCRIBE) an answer may have"
    )
    max_body: int = _setting(
        65_536, "bytes a request body, or the query string of a GET request, may have"
    )
    workers: int = _setting(4, "query worker processes; a slow query occupies one of them")
    threads: int = _setting(
        8, "HTTP threads for pages and files, apart from those that wait on query workers"
    )
    queue: int = _setting(
        8, "queries that may wait for a busy worker; more get 503 at once", zero_means="none wait"
    )
    queue_wait: float = _setting(0.5, "seconds a query waits for a worker before it gets 503")
    per_client: int = _setting(
        2, "queries one client address may have running or waiting", zero_means="no limit"
    )
    memory_limit: int = _setting(
        1024, "MiB of memory a worker may add to the loaded graph", zero_means="no limit"
    )

    def __post_init__(self) -> None:
        for setting in fields(self):
            value = getattr(self, setting.name)
            allowed_zero = setting.metadata["zero_means"] is not None
            if value < 0 or (value == 0 and not allowed_zero):
                raise MhgraphError(
                    f"{option(setting.name)} must be positive, not {value}",
                    hint=setting.metadata["help"],
                )


@dataclass(frozen=True)
class Setting:
    """One row of the settings table, as the CLI and the documentation show it."""

    name: str
    default: float
    help: str

    @property
    def option(self) -> str:
        return option(self.name)


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(
        f.name,
        f.default,
        f.metadata["help"]
        + (f"; 0: {f.metadata['zero_means']}" if f.metadata["zero_means"] else ""),
    )
    for f in fields(Settings)
)


def option(name: str) -> str:
    return "--" + name.replace("_", "-")


def add_options(parser: argparse.ArgumentParser) -> None:
    """One option per setting, parsed as the type of its default."""
    for setting in SETTINGS:
        parser.add_argument(
            setting.option,
            dest=setting.name,
            type=type(setting.default),
            default=setting.default,
            metavar="N",
            help=f"{setting.help} (default: {setting.default})",
        )


def from_options(args: argparse.Namespace) -> Settings:
    return Settings(**{setting.name: getattr(args, setting.name) for setting in SETTINGS})
