"""The exception taxonomy: one tree for everything a user can get wrong, and the exit codes.

A :class:`MhgraphError` is a mistake in the input or the invocation, reported as one line
that names the file, line or option and what to do about it; anything else is a bug, which the
CLI reports in one line too (exit 2; the traceback with ``mhgraph --debug``). ``mhgraph.cli``
maps each class to its exit code in one table::

    MhgraphError                 exit 2  (EXIT_USAGE)
    ├── UsageError               exit 2  options that contradict each other or are malformed
    ├── SettingsError            exit 2  a setting's value: option, environment, mhgraph.toml
    ├── ProjectError             exit 2  the project folder is missing or incomplete
    ├── RDFSyntaxError           exit 2  an RDF file does not parse
    ├── UnsafeInputError         exit 2  an input file asks for a fetched context or an entity
    ├── QueryError               exit 2  a query is unknown, malformed or refused
    │   └── ParameterError       exit 2  a query parameter is unknown or ill-typed
    ├── FormatError              exit 2  an output format is not supported
    ├── OutputError              exit 2  an output cannot be written where it was asked for
    └── RemoteError              exit 2  a request to a store that cannot be made as asked
        └── ServerFault          exit 3  (EXIT_UNAVAILABLE) the store failed, refused the
                                         request or could not be reached

Exit 1 (EXIT_FINDINGS) is not an error: the command ran and found what the user asked it to
look for (violations, broken queries).
"""

from __future__ import annotations

from pathlib import Path

#: The command did what was asked and found nothing to report.
EXIT_OK = 0
#: The command ran and found violations (or what ``--fail-on`` names, or broken queries).
EXIT_FINDINGS = 1
#: A user mistake: options, settings, input files, queries; the message says which.
EXIT_USAGE = 2
#: A remote store failed, refused the request or could not be reached: the conversation with
#: the server went wrong, not the data or the command line, so a CI job can tell it apart from
#: findings and mistakes (and may try again later).
EXIT_UNAVAILABLE = 3
#: Stopped with Ctrl-C (128 + SIGINT, as shells report it).
EXIT_INTERRUPTED = 130


class MhgraphError(Exception):
    """A mistake in the input or the invocation, reported as one clear line (exit 2)."""

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

    def __reduce__(self) -> tuple[object, ...]:
        # Raised in a forked process (mhgraph.forking) and pickled back whole: the default
        # would call the class with the message alone and lose the file, line and hint.
        return _unpickled, (type(self), self.args), self.__dict__

    def one_line(self) -> str:
        """``file:line: message (hint)``, the form editors and CI logs link to the place."""
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


class UsageError(MhgraphError):
    """Options that contradict each other or are malformed, such as ``--param`` without
    ``=`` or RDF files together with ``--endpoint`` (exit 2)."""


class SettingsError(MhgraphError):
    """A setting has a value that does not fit: names the option, environment variable or
    ``mhgraph.toml`` it came from (exit 2)."""


class ProjectError(MhgraphError):
    """The project folder is missing or lacks ontology/, data/ or shapes/ (exit 2)."""


class RDFSyntaxError(MhgraphError):
    """An RDF file does not parse; names the file and line (exit 2)."""


class UnsafeInputError(MhgraphError):
    """An input file asks for something no file may: a fetched context, an XML entity."""


class QueryError(MhgraphError):
    """A stored or ad-hoc query is unknown, malformed or refused (exit 2)."""


class ParameterError(QueryError):
    """A query parameter is unknown, missing or its value does not fit its type (exit 2)."""


class FormatError(MhgraphError):
    """An output format is not supported for what is written (exit 2)."""


class OutputError(MhgraphError):
    """An output cannot be written where it was asked for: a file where a folder is wanted,
    a folder that holds something else, no permission (exit 2)."""


class RemoteError(MhgraphError):
    """A request to a remote store that cannot be made as asked: no endpoint, no named
    graph to push into, an empty graph (exit 2)."""


class ServerFault(RemoteError):
    """A store failed, refused the request or could not be reached (exit 3): the conversation
    with the server went wrong, not the data or the command line. ``retryable`` when trying
    again may help (:mod:`mhgraph.remote.faults` decides)."""

    def __init__(
        self,
        server: str,
        what: str,
        hint: str,
        *,
        retryable: bool = False,
        status: int | None = None,
    ) -> None:
        super().__init__(f"{server}: {what}", hint=hint)
        self.retryable = retryable
        self.status = status


def _unpickled(kind: type[MhgraphError], args: tuple[object, ...]) -> MhgraphError:
    error = Exception.__new__(kind)
    error.args = args
    return error
