"""Writing files so that readers never see half of one: the one atomic-write helper of kg."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kg.errors import KgError, UsageError


def write_atomic(path: Path, data: bytes | str | Callable[[BinaryIO], None]) -> Path:
    """Write `data` (bytes, text as UTF-8, or a function writing to a binary stream) to `path`.

    The bytes go to a temporary file in the same folder, which then replaces `path` in one step: a failure
    (a full disk, a query error half-way, Ctrl-C) leaves the previous file as it was and no temporary file.
    """
    import tempfile  # here, not at the top: kg query imports this module and must start fast

    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name to -o")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise KgError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            if callable(data):
                data(out)
            else:
                out.write(data.encode("utf-8") if isinstance(data, str) else data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private; give it the permissions any new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise KgError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    return path
