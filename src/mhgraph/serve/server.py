"""Running the application on cheroot, the production WSGI server of CherryPy.

Cheroot gives each request a thread from its pool and hands an idle keep-alive connection
back to its selector, so a connection held open costs no thread. Measured side by side with
waitress (docs/serving.md), it answered the stored queries up to twice as fast: waitress
passes every request from its event loop to a worker thread and back.

Cheroot answers a request that breaks its own limits and closes the connection at once; a
client still sending its body or a long URL then gets a reset instead of the answer. So
cheroot's limits are set well above the application's, which reads what arrived and answers
413 or 414 with a message; only beyond those generous bounds does cheroot cut.

Queries hold their HTTP thread while they wait for a worker and run, so the server has
threads for them (workers plus the queue) on top of ``--threads`` for everything else.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cheroot import wsgi

from ..project import Project
from .app import Application
from .pool import AnswerCut
from .service import open_application
from .settings import Settings

#: Requests up to these sizes are read whole, so that the 413 or 414 reaches the client.
_READ_BODY = 8 * 1024 * 1024
_READ_HEADERS = 1024 * 1024 + 16_384
#: Seconds a client may leave the server waiting for the next bytes of its request, and that
#: an idle keep-alive connection is kept: a slow sender holds a thread until then.
_SOCKET_TIMEOUT = 10


class _Cheroot(wsgi.Server):
    """Cheroot, with an answer cut short on purpose logged as one line, not as a crash."""

    def error_log(self, msg: str = "", level: int = 20, traceback: bool = False) -> None:
        cut = sys.exc_info()[1]
        if isinstance(cut, AnswerCut):
            msg, traceback = f"answer cut short after its status was sent: {cut}", False
        super().error_log(msg, level, traceback)


class Server:
    """An application listening on a host and port (port 0: any free port)."""

    def __init__(self, application: Application, host: str, port: int) -> None:
        settings = application.settings
        self._server = _Cheroot(
            (host, port),
            application,
            numthreads=settings.threads + settings.workers + settings.queue,
            timeout=_SOCKET_TIMEOUT,
        )
        self._server.max_request_body_size = max(_READ_BODY, settings.max_body + 1)
        self._server.max_request_header_size = max(_READ_HEADERS, 2 * settings.max_body)
        self._server.version = "mhgraph"
        self._server.prepare()  # binds now, so that the address is known before serving
        self._serving = False  # in the main thread, where a signal handler may call stop()

    @property
    def url(self) -> str:
        """The address the server listens on, as a browser takes it (IPv6 in brackets)."""
        host, port = self._server.bind_addr[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/"

    def run(self) -> None:
        """Serve until :meth:`stop` is called or the process is interrupted."""
        self._serving = threading.current_thread() is threading.main_thread()
        try:
            self._server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            self._serving = False
            self._server.stop()

    def stop(self) -> None:
        """Stop accepting, finish the requests under way, and let :meth:`run` return.

        Cheroot's stop waits for its serving loop, so it must not run inside that loop (from a
        signal handler, say): there it runs in a thread of its own.
        """
        if threading.current_thread() is threading.main_thread() and self._serving:
            threading.Thread(target=self._server.stop, name="mhgraph-stop").start()
        else:
            self._server.stop()


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
