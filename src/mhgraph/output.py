"""Writing an output folder (a build, a publication) or a file so that nobody ever sees half
of one.

Everything is written into a fresh sibling folder; only when the whole output is there is it
swapped in for the previous one (rename the old away, rename the new in, delete the old). A
failure on the way deletes the new folder and leaves the previous output as it was. A folder
that holds something other than such an output is never replaced. Files are readable by
everyone (0644) and folders listable (0755), so the folder can be copied to a web server.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError
from .version import __version__

#: Marks a folder as a publication, so that a later run may replace it.
MARKER = ".mhgraph-publication"
#: Marks a folder as the output of `mhgraph build`.
BUILD_MARKER = ".mhgraph-build"


class Staging:
    """The folder a publication is being written into, and what was written."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, int] = {}

    def write(self, relative_path: str, data: bytes) -> Path:
        with self.open(relative_path) as stream:
            stream.write(data)
        return self.root / relative_path

    @contextmanager
    def open(self, relative_path: str) -> Iterator[BinaryIO]:
        """A file of the folder to write into, for output that is streamed rather than held
        whole; a failure on the way names the file."""
        path = self.root / relative_path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as stream:
                yield stream
            path.chmod(0o644)
        except OSError as err:
            raise OutputError(f"cannot write: {_reason(err)}", file=relative_path) from None
        self.files[relative_path] = path.stat().st_size

    def write_text(self, relative_path: str, text: str) -> Path:
        return self.write(relative_path, text.encode("utf-8"))


def check_target(out: Path, marker: str = MARKER) -> None:
    """Refuse to replace a file, or a folder of something else (such as a home folder)."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file, not a folder", hint="give a folder for -o/--output")
    if out.is_dir() and any(out.iterdir()) and not (out / marker).is_file():
        what = "build" if marker == BUILD_MARKER else "publication"
        raise OutputError(
            f"{out} is not empty and holds no earlier {what}",
            hint=f"give a new or empty folder; a {what} is only ever replaced by another "
            f"(an older build's folder: remove it once)",
        )


@contextmanager
def staged(out: Path, marker: str = MARKER) -> Iterator[Staging]:
    """Yield a staging folder next to ``out``; swap it in when the block ends without error."""
    out = out.absolute()
    check_target(out, marker)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{out.name}.publishing-", dir=out.parent))
    try:
        temporary.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        staging = Staging(temporary)
        yield staging
        staging.write_text(marker, f"mhgraph {__version__}\n")
        _swap(temporary, out)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _swap(new: Path, out: Path) -> None:
    if not out.exists():
        os.rename(new, out)
        return
    previous = Path(tempfile.mkdtemp(prefix=f".{out.name}.previous-", dir=out.parent))
    previous.rmdir()
    os.rename(out, previous)
    try:
        os.rename(new, out)
    except BaseException:
        os.rename(previous, out)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename it into place."""
    with atomic_file(path) as stream:
        stream.write(data)


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A temporary file beside ``path`` to write into, renamed into place when the block
    ends without error and removed when it fails: ``path`` is whole or as it was.

    The file gets the mode of the one it replaces, or 0644 when new: ``mkstemp`` makes it
    private, and an exported graph is meant to be shared or served.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o7777 if path.is_file() else 0o644
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as err:
        raise OutputError(f"cannot write here: {_reason(err)}", file=path) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as err:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write: {_reason(err)}", file=path) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _reason(err: OSError) -> str:
    """The system's words for a failed write (a library may raise an OSError with a message
    rather than an error number)."""
    return err.strerror or str(err)
