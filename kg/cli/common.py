"""Small pieces that several commands share."""

from __future__ import annotations

from pathlib import Path

from kg.query.worker import DEFAULT_TIMEOUT


def read_query_file(path: Path | None) -> str | None:
    """The text of a `--query FILE.rq` option, or None when the option was not given."""
    from kg.query.source import read_query_file as read

    return None if path is None else read(path)


def query_time_limit(seconds: float) -> float | None:
    """A `--timeout SECONDS` option as the query worker takes it: None for 0 (no limit)."""
    from kg.errors import UsageError

    if seconds < 0:
        raise UsageError(f"--timeout {seconds:g}: give a number of seconds, or 0 for no limit")
    return seconds or None


QUERY_TIMEOUT = DEFAULT_TIMEOUT  # kg query's limit
TIMEOUT_HELP = "Stop the --query after this many seconds (0: no limit)."

