"""One exception taxonomy for everything a user can get wrong.

The CLI maps these to exit code 2 and prints :meth:`MhgraphError.one_line`; anything
else is a bug, which the CLI reports in one line too (the traceback with ``--debug``).
"""

from __future__ import annotations

from pathlib import Path


class MhgraphError(Exception):
    """A mistake in the input or the invocation, reported as one clear line."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.hint = hint

    def one_line(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


class ProjectError(MhgraphError):
    """The project folder is missing or lacks the expected layout."""


class RDFSyntaxError(MhgraphError):
    """An RDF file does not parse."""


class UnsafeInputError(MhgraphError):
    """An input file asks for something no file may: a fetched context, an XML entity."""


class QueryError(MhgraphError):
    """A stored or ad-hoc query is unknown, malformed or refused."""


class ParameterError(MhgraphError):
    """A query parameter is unknown or its value does not fit its type."""


class FormatError(MhgraphError):
    """An output format is not supported."""


class RemoteError(MhgraphError):
    """A remote SPARQL store could not be reached or gave a bad answer."""
