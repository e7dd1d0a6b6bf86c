"""The built graph kept on disk, so that a query after a build does not parse and reason again.

An entry is keyed by everything the graph is made of: the tool's version and the content of
its own code (a checkout whose reasoning changed must not reuse the old closure), the engine,
the inference mode, and the label and SHA-256 of every source file. A changed file gives another
key, so it is noticed without being asked; ``--rebuild`` skips the lookup. An entry is a
folder written beside the others under a temporary name and renamed into place only when
complete, so a reader never sees half of one; its manifest names the version, the key and the
checksum of the saved graph, and anything that does not match (a corrupt, truncated or foreign
entry) is removed and rebuilt, never trusted. The validation findings of the graph are kept in
the same folder, keyed by the shapes that produced them.

The folder is ``$MHGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/mhgraph``, else
``~/.cache/mhgraph``: never inside the installed package.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from .engines import Backend, Engine
from .findings import Finding, Findings, Severity
from .version import __version__

ENVIRONMENT = "MHGRAPH_CACHE_DIR"
#: How many graphs are kept; older entries are removed when a new one is written.
KEEP = 8
_GRAPH = "graph.nq"
_MANIFEST = "manifest.json"


def default_root() -> Path:
    configured = os.environ.get(ENVIRONMENT)
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "mhgraph"


_PACKAGE = Path(__file__).resolve().parent


@cache
def code_fingerprint(package: Path = _PACKAGE) -> str:
    """A SHA-256 of the package's own modules: the version alone does not change between commits."""
    hasher = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        hasher.update(module.relative_to(package).as_posix().encode("utf-8") + b"\0")
        hasher.update(hashlib.sha256(module.read_bytes()).digest())
    return hasher.hexdigest()


def digest(paths: Iterable[Path], labels: Mapping[Path, str], *extra: str) -> str:
    """A SHA-256 over the code, ``extra`` and the label and content of every file, in order."""
    hasher = hashlib.sha256()
    for word in (__version__, code_fingerprint(), *extra):
        hasher.update(word.encode("utf-8") + b"\0")
    for path in paths:
        hasher.update(labels.get(path, str(path)).encode("utf-8") + b"\0")
        try:
            hasher.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            hasher.update(b"missing")  # the load itself reports the missing file
    return hasher.hexdigest()


def _file_sha256(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


@dataclass(frozen=True)
class Entry:
    """One cached graph: where it is kept and the key it must carry."""

    folder: Path
    key: str

    def findings(self, shapes_key: str) -> Findings | None:
        """The findings stored for these shapes, or None when there are none to trust."""
        path = self.folder / f"findings-{shapes_key}.json"
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            if document["version"] != __version__ or document["key"] != self.key:
                raise ValueError("another build")
            items = [
                Finding(**{**item, "severity": Severity[item["severity"]]})
                for item in document["findings"]
            ]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            path.unlink(missing_ok=True)
            return None
        return Findings(items)

    def keep_findings(self, shapes_key: str, findings: Findings) -> None:
        document = {
            "version": __version__,
            "key": self.key,
            "findings": [
                {**asdict(item), "severity": item.severity.name} for item in findings.items
            ],
        }
        data = json.dumps(document, ensure_ascii=False).encode("utf-8")
        try:
            handle, temporary = tempfile.mkstemp(prefix=".findings-", dir=self.folder)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, self.folder / f"findings-{shapes_key}.json")
        except OSError:
            return  # a cache that cannot be written is only a slower next run

    def kept(self, name: str, make: Callable[[], str]) -> str:
        """A value derived from this graph alone, made once and kept beside it (a value of
        another build, or unreadable, is made again)."""
        path = self.folder / f"{name}.json"
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            if document["version"] == __version__ and document["key"] == self.key:
                return str(document["value"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        value = make()
        data = json.dumps({"version": __version__, "key": self.key, "value": value})
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{name}-", dir=self.folder)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data.encode("utf-8"))
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written is only a slower next run
        return value


class GraphCache:
    """The folder of cached graphs."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_root()

    def entry(self, key: str) -> Entry:
        return Entry(self.root / key, key)

    def load(
        self, key: str, engine: Engine, paths: Sequence[Path], labels: Mapping[Path, str]
    ) -> Backend | None:
        """The graph stored under ``key``, or None (an untrustworthy entry is removed)."""
        entry = self.entry(key)
        if not entry.folder.is_dir():
            return None
        try:
            manifest = json.loads((entry.folder / _MANIFEST).read_text(encoding="utf-8"))
            saved = entry.folder / _GRAPH
            trusted = (
                manifest.get("version") == __version__
                and manifest.get("key") == key
                and manifest.get("engine") == engine.name
                and manifest.get("sha256") == _file_sha256(saved)
            )
            if trusted:
                return engine.restore(saved, paths, labels)
        except Exception:
            pass
        self.discard(key)
        return None

    def store(self, key: str, backend: Backend) -> Entry | None:
        """Save ``backend`` under ``key``, whole or not at all."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.root))
        except OSError:
            return None
        try:
            saved = staging / _GRAPH
            backend.save(saved)
            manifest = {
                "version": __version__,
                "key": key,
                "engine": backend.engine.name,
                "sha256": _file_sha256(saved),
            }
            (staging / _MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            self.discard(key)
            os.rename(staging, self.root / key)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
            return None
        self._prune()
        return self.entry(key)

    def discard(self, key: str) -> None:
        shutil.rmtree(self.root / key, ignore_errors=True)

    def _prune(self) -> None:
        entries = [p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")]
        entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)
