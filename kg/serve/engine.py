"""The Oxigraph server as a child process: started read-only on one store, on a free loopback port."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.errors import KgError

LOOPBACK = "127.0.0.1"
# How long the child may take to open the store and listen before kg gives up on it.
START_SECONDS = 20.0


class EngineError(KgError):
    """The Oxigraph server could not be found, or did not start."""


def oxigraph_binary() -> str:
    """The `oxigraph` command of the PyPI package: beside this Python first (a virtual environment), then PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise EngineError("the Oxigraph server is not installed (pip install oxigraph, or reinstall kg)")
    return found


def free_port() -> int:
    """A loopback port nobody listens on now (the child binds it a moment later; a clash is retried)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, get SIGTERM if kg dies, even by SIGKILL, so no server is orphaned."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class Engine:
    """One `oxigraph serve-read-only` process on `store`, listening on LOOPBACK:`port`. `hold` is a file
    descriptor holding a shared lock on the store's version (kg.rdf.store.lock_current_store): the engine
    closes it when it stops, so that no build removes the files it reads before then."""

    def __init__(self, store: Path, timeout: float, tries: int = 3, hold: int | None = None) -> None:
        self.store = store
        self.hold = hold
        try:
            self._start(store, timeout, tries)
        except BaseException:
            self._release()
            raise

    def _start(self, store: Path, timeout: float, tries: int) -> None:
        last_error = ""
        # Its messages go to a file, not a pipe: a pipe nobody reads would fill and stall the server.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop())
        for _ in range(tries):
            self.port = free_port()
            self.process = subprocess.Popen(
                [
                    oxigraph_binary(), "serve-read-only",
                    "--location", str(store),
                    "--bind", f"{LOOPBACK}:{self.port}",
                    "--union-default-graph",
                    # A backstop: kg's front stops waiting at `timeout` and drops the connection first.
                    "--timeout-s", str(max(1, round(timeout + 2))),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self.log,
                preexec_fn=_die_with_parent,
            )
            last_error = self._wait_ready()
            if not last_error:
                return
            if "Address already in use" not in last_error:
                break
        raise EngineError(f"the Oxigraph server did not start on {store}: {last_error}")

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def _wait_ready(self) -> str:
        """'' once the child accepts connections, else what it said before it exited."""
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                err = self.log.read().decode("utf-8", "replace")
                self.log.seek(0)
                self.log.truncate()
                lines = [line.strip() for line in err.splitlines() if line.strip()]
                return lines[0] if lines else f"it exited with code {self.process.returncode}"
            try:
                with socket.create_connection((LOOPBACK, self.port), timeout=0.5):
                    return ""
            except OSError:
                time.sleep(0.05)
        self.stop()
        return f"it did not listen within {START_SECONDS:.0f} s"

    def stop(self) -> None:
        """Stop the child and wait for it: politely, then by force."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        self._release()

    def _release(self) -> None:
        if self.hold is not None:
            os.close(self.hold)
            self.hold = None
