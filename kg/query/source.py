"""Reading a query's text from a file, standard input or the command line, the same way for every command.

A byte-order mark (which some Windows editors put at the start of UTF-8 files) is not part of the query;
every failure to read is a one-line UsageError naming the file.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import UsageError

BOM = "\ufeff"


def without_bom(text: str) -> str:
    return text.removeprefix(BOM)


def read_query_file(path: Path, suggestion: str = "") -> str:
    """The query in the file at `path` (UTF-8, with or without a byte-order mark). `suggestion` is added
    to the message when there is no such file."""
    try:
        return without_bom(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"cannot read query file {path}: no such file{suggestion}") from None
    except IsADirectoryError:
        raise UsageError(f"cannot read query file {path}: it is a folder, not a .rq file") from None
    except PermissionError:
        raise UsageError(f"cannot read query file {path}: permission denied") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read query file {path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise UsageError(f"cannot read query file {path}: {exc.strerror or exc}") from None
