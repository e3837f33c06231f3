"""Small pieces that several commands share."""

from __future__ import annotations

from pathlib import Path

from kg.errors import UsageError


def read_query_file(path: Path | None) -> str | None:
    """The text of a `--query FILE.rq` option, or None when the option was not given."""
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the query file {path} ({exc.__class__.__name__})") from None
