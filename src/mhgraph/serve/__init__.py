"""`mhgraph serve`: a public, read-only SPARQL endpoint, the stored queries as a web API,
a query page, and the publication with every IRI of the graph dereferenceable.

    from mhgraph.serve import Settings, serving
    with serving(project, Settings(time_limit=5)) as (app, url):
        ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports
from .settings import SETTINGS, Settings

if TYPE_CHECKING:
    from .app import Application
    from .server import Server, running, serving
    from .service import open_application

#: Where the rest of the public names live: imported on first use, so that the command line
#: can read the settings without starting cheroot, the workers or the publisher.
_LAZY = {
    "Application": "app",
    "Server": "server",
    "running": "server",
    "serving": "server",
    "open_application": "service",
}


__getattr__ = lazy_exports(__name__, _LAZY)


__all__ = [
    "SETTINGS",
    "Application",
    "Server",
    "Settings",
    "open_application",
    "running",
    "serving",
]
