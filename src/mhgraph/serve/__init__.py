"""`mhgraph serve`: a public, read-only SPARQL endpoint, the stored queries as a web API,
a query page, and the publication with every IRI of the graph dereferenceable.

    from mhgraph.serve import Settings, serving
    with serving(project, Settings(time_limit=5)) as (app, url):
        ...
"""

from __future__ import annotations

from .app import Application
from .server import Server, running, serving
from .service import open_application
from .settings import SETTINGS, Setting, Settings

__all__ = [
    "SETTINGS",
    "Application",
    "Server",
    "Setting",
    "Settings",
    "open_application",
    "running",
    "serving",
]
