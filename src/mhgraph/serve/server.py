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

Python threads share one interpreter lock, so one process uses one core however many threads
it has. ``--processes N`` runs N servers on the same port (``SO_REUSEPORT``: the kernel
shares the connections out among them), forked after the graph is loaded, so that they
share it. Each has the workers, threads and queue of the settings: the kernel shares
connections out by their addresses, not by how busy a process is, so a process given more
than its share still has room for them. The limit per client holds across them
(:class:`~.admission.ClientCounts`).
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from typing import Any, NoReturn

from cheroot import wsgi

from ..project import Project
from .app import Application
from .pool import AnswerCut
from .service import Prepared, open_application
from .settings import Settings

#: Requests up to these sizes are read whole, so that the 413 or 414 reaches the client.
_READ_BODY = 8 * 1024 * 1024
_READ_HEADERS = 1024 * 1024 + 16_384
#: Seconds a client may leave the server waiting for the next bytes of its request, and that
#: an idle keep-alive connection is kept: a slow sender holds a thread until then.
_SOCKET_TIMEOUT = 10
#: Seconds the other processes have to finish their requests once the server stops.
_STOP_SECONDS = 15


class _Cheroot(wsgi.Server):
    """Cheroot, with an answer cut short on purpose logged as one line, not as a crash."""

    def error_log(self, msg: str = "", level: int = 20, traceback: bool = False) -> None:
        cut = sys.exc_info()[1]
        if isinstance(cut, AnswerCut):
            msg, traceback = f"answer cut short after its status was sent: {cut}", False
        super().error_log(msg, level, traceback)


class Server:
    """An application listening on a host and port (port 0: any free port)."""

    def __init__(
        self, application: Application, host: str, port: int, *, reuse_port: bool = False
    ) -> None:
        settings = application.settings
        self._server = _Cheroot(
            (host, port),
            application,
            numthreads=settings.threads + settings.workers + settings.queue,
            timeout=_SOCKET_TIMEOUT,
            reuse_port=reuse_port,
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


def serve_processes(prepared: Prepared, announce: Callable[[str], None]) -> None:
    """Serve ``prepared`` until SIGINT or SIGTERM, in ``settings.processes`` processes on one
    port; ``announce`` is called with the address once this process listens.

    This process is the first server; the others are forked before it starts its workers or
    any thread, and are stopped (given time to finish their requests) when it stops.
    """
    settings = prepared.settings
    if settings.processes == 1:
        with prepared.started() as application:
            _serve(Server(application, settings.host, settings.port), announce)
        return
    with closing(_reserved(settings.host, settings.port)) as reserved:
        host, port = reserved.getsockname()[:2]
        others = [_fork(prepared, host, port, reserved) for _ in range(settings.processes - 1)]
        try:
            with prepared.started() as application:
                server = Server(application, host, port, reuse_port=True)
                reserved.close()
                _serve(server, announce)
        finally:
            _stop(others)


def _reserved(host: str, port: int) -> socket.socket:
    """The port (a free one for 0) bound, not listened on, so every process can take it."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE
    )[0]
    reserved = socket.socket(family, kind, proto)
    reserved.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    reserved.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    reserved.bind(address)
    return reserved


def _fork(prepared: Prepared, host: str, port: int, reserved: socket.socket) -> int:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns to the caller
        reserved.close()
        _other_process(prepared, host, port)
    return pid


def _other_process(prepared: Prepared, host: str, port: int) -> NoReturn:
    """A server process besides the first: it serves until it is told to stop, then exits
    without running the clean-up of the process it was forked from."""
    code = 0
    try:
        with prepared.started() as application:
            _serve(Server(application, host, port, reuse_port=True), None)
    except Exception as err:  # the others go on answering: say why this one does not
        print(f"mhgraph: error: a server process stopped: {err}", file=sys.stderr, flush=True)
        code = 1
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _serve(server: Server, announce: Callable[[str], None] | None) -> None:
    """Run ``server``; SIGINT (Ctrl-C) stops it the way SIGTERM does: a KeyboardInterrupt
    raised wherever the main thread happens to be inside cheroot's loop could leave the
    server running."""
    for stopping in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stopping, lambda *_: server.stop())
    if announce is not None:
        announce(server.url)
    server.run()


def _stop(pids: list[int]) -> None:
    """Stop the other processes, each given time to finish what it is answering."""
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + _STOP_SECONDS
    waiting = set(pids)
    while waiting and time.monotonic() < deadline:
        waiting = {pid for pid in waiting if not _ended(pid)}
        time.sleep(0.05)
    for pid in waiting:
        with suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _ended(pid: int) -> bool:
    try:
        return os.waitpid(pid, os.WNOHANG)[0] != 0
    except ChildProcessError:
        return True


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
