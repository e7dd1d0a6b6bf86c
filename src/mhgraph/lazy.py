"""Names a package exports from modules it imports only on first use.

Starting the CLI (``mhgraph --help``) must not pay for the server, the publisher or an
engine; the packages still offer their public names at the top, resolved when touched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module


def lazy_exports(package: str, modules: Mapping[str, str]) -> Callable[[str], object]:
    """A module-level ``__getattr__`` for ``package`` that finds each name of ``modules``
    in the submodule it maps to; any other name is an AttributeError, as usual."""

    def __getattr__(name: str) -> object:
        if name in modules:
            return getattr(import_module(f".{modules[name]}", package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
