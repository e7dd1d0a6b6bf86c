"""Two engines behind one interface: ``fast`` (Oxigraph, the closure of :mod:`.closure`,
pyshacl-turbo), the default, and ``reference`` (rdflib, owlrl, pySHACL), the yardstick the
differential tests hold it to. ``mhgraph --engine`` and :func:`get_engine` pick one.

An engine's module is imported when it is chosen, so that starting the CLI (``--help``) pays
for no engine, and the fast path never imports the reference stack.
"""

from __future__ import annotations

from importlib import import_module

from ..errors import MhgraphError
from .base import PARTS, Backend, Engine, Part, Progress, no_progress

#: The default first.
ENGINE_NAMES = ("fast", "reference")
DEFAULT_ENGINE = ENGINE_NAMES[0]
_MODULES = {"fast": ("fast", "FastEngine"), "reference": ("reference", "ReferenceEngine")}

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINE_NAMES",
    "PARTS",
    "Backend",
    "Engine",
    "EngineUnavailable",
    "Part",
    "Progress",
    "get_engine",
    "no_progress",
]


class EngineUnavailable(MhgraphError):
    """The chosen engine's libraries cannot be imported (a broken installation)."""


def get_engine(name: str | Engine = DEFAULT_ENGINE) -> Engine:
    """The engine called ``name`` (an engine object is returned as it is)."""
    if not isinstance(name, str):
        return name
    if name not in _MODULES:
        raise MhgraphError(f"unknown engine {name!r}", hint="use one of " + ", ".join(ENGINE_NAMES))
    module, cls = _MODULES[name]
    try:
        engine: Engine = getattr(import_module(f".{module}", __name__), cls)()
    except ImportError as err:
        raise EngineUnavailable(
            f"the {name} engine cannot start: {err}",
            hint="reinstall mhgraph (pip install --force-reinstall mhgraph), "
            "or use --engine reference",
        ) from None
    return engine
