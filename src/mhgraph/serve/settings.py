"""The server's settings, the ``[serve]`` table of ``mhgraph.toml``.

The records themselves are :class:`mhgraph.settings.ServeSettings`, with every other
section's: each is an option of ``mhgraph serve``, an environment variable and a key,
documented in docs/serving.md (tests/test_docs.py checks it).
"""

from __future__ import annotations

from ..settings import SERVE_SETTINGS as SETTINGS
from ..settings import ServeSettings as Settings

__all__ = ["SETTINGS", "Settings"]
