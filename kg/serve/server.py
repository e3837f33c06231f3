"""Running kg serve: the public port (waitress), the Oxigraph server behind it, and the watch for rebuilds."""

from __future__ import annotations

import errno
import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

from kg.errors import GraphMissingError, KgError
from kg.paths import MANIFEST_FILE
from kg.serve.engine import Engine

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
THREADS = 8


def current_store(kg_dir: Path) -> tuple[Path, tuple[int, int]]:
    """The store a query should read now, and what identifies that build (it changes when kg build swaps)."""
    from kg.rdf.store import current_store_path

    # The version folder the `store` link names now, never the link itself: the server opens files by path
    # long after it starts, and a rebuild switches the link to another version.
    store = current_store_path(kg_dir)
    return store, _identity(kg_dir, store)


def _engine_on_current_store(kg_dir: Path, timeout: float) -> tuple[Engine, tuple[int, int]]:
    """An Oxigraph server on the version the `store` link names now, holding it against removal by builds
    until the server stops."""
    from kg.rdf.store import lock_current_store

    store, hold = lock_current_store(kg_dir)
    try:
        identity = _identity(kg_dir, store)
    except GraphMissingError:
        if hold is not None:
            os.close(hold)
        raise
    return Engine(store, timeout, hold=hold), identity


def _identity(kg_dir: Path, store: Path) -> tuple[int, int]:
    try:
        identity = (os.stat(store).st_ino, os.stat(kg_dir / MANIFEST_FILE).st_mtime_ns)
    except OSError:
        raise GraphMissingError(f"no graph in {kg_dir}/, run kg build first") from None
    return identity


class LiveEngine:
    """The Oxigraph server on the newest build: a watcher thread starts a new one when kg build publishes a
    graph, switches queries to it, and stops the old one once the queries it was running had time to end."""

    def __init__(self, kg_dir: Path, timeout: float, notify: Callable[[str], None], poll: float = 1.0) -> None:
        self.kg_dir = kg_dir
        self.timeout = timeout
        self.notify = notify
        self.poll = poll
        self.engine, self.identity = _engine_on_current_store(kg_dir, timeout)
        self._retiring: list[tuple[float, Engine]] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._watcher = threading.Thread(target=self._watch, name="kg-serve-watch", daemon=True)
        self._watcher.start()

    def url(self) -> str:
        with self._lock:
            return self.engine.url

    def _watch(self) -> None:
        while not self._stop.wait(self.poll):
            self._retire_due()
            try:
                _, identity = current_store(self.kg_dir)
            except GraphMissingError:
                continue  # a build is swapping folders: keep serving the last graph
            if identity == self.identity:
                continue
            try:
                fresh, identity = _engine_on_current_store(self.kg_dir, self.timeout)
            except KgError as exc:
                self.notify(f"the rebuilt graph could not be opened, still serving the previous one ({exc})")
                self.identity = identity
                continue
            with self._lock:
                old, self.engine, self.identity = self.engine, fresh, identity
            self._retiring.append((time.monotonic() + self.timeout + 1, old))
            self.notify("serving the rebuilt graph")

    def _retire_due(self, everything: bool = False) -> None:
        now = time.monotonic()
        for item in list(self._retiring):
            if everything or item[0] <= now:
                item[1].stop()
                self._retiring.remove(item)

    def stop(self) -> None:
        self._stop.set()
        self._watcher.join()
        self._retire_due(everything=True)
        self.engine.stop()


def serve(
    kg_dir: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    notify: Callable[[str], None] = lambda message: None,
    cors: bool = False,
) -> None:
    """Serve the graph in `kg_dir` until interrupted (Ctrl-C or SIGTERM); everything started is stopped."""
    from waitress.server import create_server

    from kg.serve.front import Front

    if timeout <= 0:
        raise KgError("--timeout must be more than 0 seconds")
    current_store(kg_dir)  # a missing graph is an error before anything is started
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" warnings under load
    logging.getLogger("waitress").addFilter(_one_line_cut_offs)
    live: LiveEngine | None = None
    front = Front(kg_dir, timeout, lambda: live.url() if live else "", connections=THREADS, cors=cors)
    try:
        # The public port first: if it is taken, say so before starting anything else.
        server = create_server(front, host=host, port=port, threads=THREADS, ident="kg serve",
                               channel_timeout=max(120, int(timeout) + 30))
    except OSError as exc:
        front.close()
        if exc.errno == errno.EADDRINUSE:
            raise KgError(f"{host}:{port} is already in use; stop what listens there or choose another --port") \
                from None
        raise KgError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    previous = signal.signal(signal.SIGTERM, _interrupt) if threading.current_thread() is threading.main_thread() \
        else None
    try:
        live = LiveEngine(kg_dir, timeout, notify)
        shown = f"[{host}]" if ":" in host else host
        bound_port = server.effective_port
        notify(f"serving {kg_dir}/ at http://{shown}:{bound_port}/ (SPARQL endpoint /query, question library "
               f"/queries); Ctrl-C stops")
        server.run()  # returns on KeyboardInterrupt or SystemExit
    finally:
        server.close()
        if live is not None:
            live.stop()
        front.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _one_line_cut_offs(record: logging.LogRecord) -> bool:
    """A result cut off at the time limit is expected: one line in the log, not a traceback."""
    from kg.serve.front import ResultCutOff

    if record.exc_info and isinstance(record.exc_info[1], ResultCutOff):
        record.msg, record.args = f"kg serve: {record.exc_info[1]}", ()
        record.exc_info = record.exc_text = None
    return True


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
