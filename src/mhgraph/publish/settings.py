"""The publication's settings, read from the ``[publish]`` table of ``mhgraph.toml``.

The records themselves are :class:`mhgraph.settings.PublishSettings`, with every other
section's; docs/publishing.md lists each one (tests/test_docs.py keeps the two in step).
"""

from __future__ import annotations

from pathlib import Path

from ..settings import PUBLISH_SETTINGS as SETTINGS
from ..settings import PublishSettings as Settings
from ..settings import load_config, resolve

__all__ = ["SETTINGS", "Settings", "load_settings"]


def load_settings(root: Path, *, base_iri: str | None = None) -> Settings:
    """The publication settings of the project at ``root``; ``base_iri`` (the option)
    overrides the file. Raises :class:`~mhgraph.errors.SettingsError` on a malformed value."""
    return resolve(Settings, {"base_iri": base_iri}, environ={}, config=load_config(root))
