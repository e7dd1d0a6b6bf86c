"""Two engines behind one interface: ``reference`` (rdflib, owlrl, pySHACL: the required
stack) and ``fast`` (Oxigraph, the closure of :mod:`.closure`, pyshacl-turbo: the ``fast``
extra). ``mhgraph --engine`` and :func:`get_engine` pick one; without a name, the fastest
that is installed.

The engine modules import their libraries only when chosen, so that starting the CLI does
not pay for the engine it does not use.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from ..errors import MhgraphError
from .base import PARTS, Engine

#: Fastest first.
ENGINE_NAMES = ("fast", "reference")
_MODULES = {"fast": ("fast", "FastEngine"), "reference": ("reference", "ReferenceEngine")}
_FAST_PACKAGES = ("pyoxigraph", "pyshacl_turbo")

__all__ = ["ENGINE_NAMES", "PARTS", "Engine", "EngineUnavailable", "get_engine"]


class EngineUnavailable(MhgraphError):
    """The chosen engine's libraries are not installed."""


def installed(name: str) -> bool:
    if name == "fast":
        return all(find_spec(package) is not None for package in _FAST_PACKAGES)
    return True


def get_engine(name: str | Engine | None = None) -> Engine:
    """The engine called ``name``, or the fastest installed one."""
    if name is not None and not isinstance(name, str):
        return name
    if name is None:
        name = next(candidate for candidate in ENGINE_NAMES if installed(candidate))
    if name not in _MODULES:
        raise MhgraphError(f"unknown engine {name!r}", hint="use one of " + ", ".join(ENGINE_NAMES))
    if not installed(name):
        raise EngineUnavailable(
            f"the {name} engine is not installed",
            hint="pip install 'mhgraph[fast]' (pyoxigraph and pyshacl-turbo), "
            "or use --engine reference",
        )
    module, cls = _MODULES[name]
    return getattr(import_module(f".{module}", __name__), cls)()
