"""Small pieces that several commands share."""

from __future__ import annotations

from pathlib import Path


def read_query_file(path: Path | None) -> str | None:
    """The text of a `--query FILE.rq` option, or None when the option was not given."""
    from kg.query.source import read_query_file as read

    return None if path is None else read(path)
