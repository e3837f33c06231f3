"""Running a query where it can be given up on: a time limit, Ctrl-C within a second, and a large stack.

pyoxigraph evaluates a query in Rust with Python's lock released and never looks at signals, so a query
running in the main thread ignores Ctrl-C until it finishes, and there is no engine timeout. The query
therefore runs in a worker thread while the main thread waits, where Ctrl-C reaches it at once and a
time limit can be kept. A worker that is given up on cannot be stopped from Python: it is left behind,
`abandoned()` says so, and the command exits the process without waiting for it (kg/cli/entry.py).

The worker gets a 256 MB stack (address space, used only as deep as the engine recurses; an 8 MB main
stack overflows on 2,000-4,000 nested expressions), which leaves a wide margin under kg.query.policy's
limits. Starting the thread costs well under a millisecond.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import TypeVar

from kg.errors import KgError

T = TypeVar("T")

DEFAULT_TIMEOUT = 30.0
STACK_SIZE = 256 * 1024 * 1024

_abandoned: list[threading.Thread] = []


class QueryTimeoutError(KgError):
    """A query ran longer than its time limit (--timeout)."""


def abandoned() -> bool:
    """True if a worker was given up on while still running (the process should exit without it)."""
    return any(thread.is_alive() for thread in _abandoned)


def run_bounded(work: Callable[[], T], timeout: float | None = DEFAULT_TIMEOUT) -> T:
    """`work()` run in a worker thread; its value, or its exception raised here. After `timeout` seconds
    (None or 0: no limit) raise QueryTimeoutError; Ctrl-C raises KeyboardInterrupt at once."""
    outcome: list[T] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def target() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            # pyoxigraph's results may only be dropped by the thread that made them: let the traceback's
            # frames go here rather than in the waiting thread.
            import traceback

            traceback.clear_frames(exc.__traceback__)
            failure.append(exc.with_traceback(None))
        finally:
            done.set()

    # pyoxigraph's objects may only be dropped by the thread that made them, and the cycle collector
    # runs in whichever thread allocates: paused while the worker runs, it cannot collect the waiting
    # thread's garbage in the worker (nor, later, the worker's in the waiting thread: it leaves none).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _wait_for(target, done, outcome, failure, timeout)
    finally:
        if collecting and not abandoned():
            gc.enable()


def _wait_for(
    target: Callable[[], None], done: threading.Event, outcome: list[T], failure: list[BaseException],
    timeout: float | None,
) -> T:
    previous = threading.stack_size(STACK_SIZE)
    try:
        worker = threading.Thread(target=target, name="kg-query", daemon=True)
        worker.start()
    finally:
        threading.stack_size(previous)
    try:
        finished = done.wait(timeout or None)
    except BaseException:
        _abandoned.append(worker)
        raise
    if not finished:
        _abandoned.append(worker)
        raise QueryTimeoutError(
            f"the query ran longer than {timeout:g} s and was stopped; "
            "give --timeout SECONDS for more time (0: no limit)"
        )
    if failure:
        raise failure[0]
    return outcome[0]
