"""The question library: `queries/*.rq`, each starting with a title line and a one-line description.

    # Products and crafts
    # Which products and crafts, from which district?
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from kg import paths


class LibraryQuery(NamedTuple):
    name: str
    path: Path
    title: str
    description: str


def library(folder: Path | None = None) -> list[LibraryQuery]:
    """Every query of the library (by default the package's queries/), by name."""
    folder = folder or paths.QUERIES_DIR
    return [read_header(path) for path in sorted(folder.glob("*.rq"))]


def read_header(path: Path) -> LibraryQuery:
    comments: list[str] = []
    with path.open(encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line.startswith("#"):
                break
            text = line.lstrip("#").strip()
            if text:
                comments.append(text)
            if len(comments) == 2:
                break
    title = comments[0] if comments else path.stem
    description = comments[1] if len(comments) > 1 else ""
    return LibraryQuery(path.stem, path, title, description)


def find_query(name: str, folder: Path | None = None) -> Path | None:
    """The library query called `name` ("products" or "products.rq"), if there is one."""
    folder = folder or paths.QUERIES_DIR
    stem = name[:-3] if name.endswith(".rq") else name
    if not stem or "/" in stem or "\\" in stem:
        return None
    path = folder / f"{stem}.rq"
    return path if path.is_file() else None
