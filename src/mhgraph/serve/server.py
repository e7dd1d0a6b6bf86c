"""Running the application on waitress, a production WSGI server in pure Python.

The limits that waitress enforces before the application sees a request are set from the
same settings: a body over ``max_body`` is answered 413 by waitress itself, and request
headers (which hold the query string of a GET) may be a little longer than a body.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from waitress import wasyncore
from waitress.server import create_server

from ..project import Project
from .app import Application
from .service import open_application
from .settings import Settings

#: Room for ordinary headers next to a query string of ``max_body`` bytes.
_HEADER_ROOM = 16_384


class Server:
    """An application listening on a host and port (port 0: any free port)."""

    def __init__(self, application: Application, host: str, port: int) -> None:
        settings = application.settings
        self._server = create_server(
            application,
            host=host,
            port=port,
            threads=settings.threads,
            max_request_body_size=settings.max_body + 1,
            max_request_header_size=settings.max_body + _HEADER_ROOM,
            channel_timeout=max(60, int(settings.time_limit) + 30),
            ident="mhgraph",
            clear_untrusted_proxy_headers=True,
        )
        self._stopped = False

    @property
    def url(self) -> str:
        """The address the server listens on, as a browser takes it (IPv6 in brackets)."""
        host, port = self._server.effective_host, self._server.effective_port
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/"

    def run(self) -> None:
        """Serve until :meth:`stop` is called or the process is interrupted."""
        try:
            self._server.run()
        except ValueError:
            # The loop's socket map was emptied under it by stop(); that is the way out.
            if not self._stopped:
                raise

    def stop(self) -> None:
        """Close every socket from inside waitress's own loop, which then ends."""
        self._stopped = True
        self._server.task_dispatcher.shutdown()
        self._server.trigger.pull_trigger(self._close_all)

    def _close_all(self) -> None:
        wasyncore.close_all(self._server._map)


@contextmanager
def running(application: Application, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve in a background thread for the duration of the block; yields the base URL."""
    server = Server(application, host, port)
    thread = threading.Thread(target=server.run, name="mhgraph-serve", daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.stop()
        thread.join(timeout=10)


@contextmanager
def serving(
    project: Project,
    settings: Settings | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    **options: Any,
) -> Iterator[tuple[Application, str]]:
    """:func:`open_application` and :func:`running` in one, for scripts and tests.

    ``options`` are those of :func:`open_application` (``base_iri``, ``site_dir``,
    ``knowledge_graph``, ``progress``).
    """
    with (
        open_application(project, settings, **options) as application,
        running(application, host, port) as url,
    ):
        yield application, url
