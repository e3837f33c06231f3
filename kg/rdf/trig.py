"""Writing kg.trig one named graph at a time, and sorting more quads than memory should hold.

kg.trig is the prefix lines, then one block per named graph (`<graph> { ... }`) in graph order. A block
serialised on its own is byte for byte the block the whole dataset gives, so a build writes each
article's block as soon as it is made, remembers where it is in the file, and a later build copies the
blocks of unchanged articles from the previous file instead of making them again.
"""

from __future__ import annotations

import heapq
import os
import tempfile
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from kg.vocab import PREFIXES

if TYPE_CHECKING:
    from pyoxigraph import Quad


def _prefixes() -> dict[str, str]:
    # Entity IRIs are written in full: as prefixed names their slashes would need escaping.
    return {k: v for k, v in PREFIXES.items() if k != "kg"}


def sort_key(q: Quad) -> tuple[str, str, str, str]:
    """kg's one order of quads: graph, subject, predicate, object, each as its N-Quads text."""
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


def sorted_quads(quads: Iterable[Quad]) -> list[Quad]:
    """Quads in one fixed order (graph, subject, predicate, object), without duplicates."""
    unique = {str(q): q for q in quads}
    return [unique[k] for k in sorted(unique, key=lambda k: sort_key(unique[k]))]


@cache
def header() -> bytes:
    """The prefix lines that open kg.trig (the serialiser writes them before the first block)."""
    from pyoxigraph import NamedNode, Quad, RdfFormat, serialize

    node = NamedNode("https://example.org/x")
    data = serialize([Quad(node, node, node, node)], format=RdfFormat.TRIG, prefixes=_prefixes())
    assert data is not None
    return data[: data.index(b"\n<") + 1]


class _HeaderlessSink:
    """A binary sink for the serialiser that drops its prefix lines and counts what it passes on."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.skip = len(header())
        self.written = 0

    def write(self, data: bytes) -> int:
        size = len(data)
        if self.skip:
            dropped = min(self.skip, size)
            data = data[dropped:]
            self.skip -= dropped
        self.out.write(data)
        self.written += len(data)
        return size

    def flush(self) -> None:
        pass


class TrigWriter:
    """kg.trig written block by block: `block(quads)` appends one named graph's quads (already in order)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = open(path, "wb")  # noqa: SIM115  (closed by `close`)
        self.file.write(header())
        self.quads = 0

    @property
    def offset(self) -> int:
        return self.file.tell()

    def block(self, quads: Iterable[Quad]) -> tuple[int, int]:
        """Write quads (of one graph or of consecutive graphs, in their final order); returns the
        (offset, length) of the bytes written."""
        from pyoxigraph import RdfFormat, serialize

        start = self.offset
        counted = _Counted(quads)
        sink = _HeaderlessSink(self.file)
        serialize(counted, output=cast(IO[bytes], sink), format=RdfFormat.TRIG, prefixes=_prefixes())
        self.quads += counted.n
        return start, self.offset - start

    def copy(self, source: IO[bytes], offset: int, length: int, quads: int) -> None:
        """Copy bytes of a block written by an earlier build (of `quads` quads)."""
        source.seek(offset)
        left = length
        while left:
            chunk = source.read(min(left, 1 << 20))
            if not chunk:
                raise OSError("the previous kg.trig is shorter than its index says")
            self.file.write(chunk)
            left -= len(chunk)
        self.quads += quads

    def close(self) -> None:
        self.file.close()


class _Counted:
    def __init__(self, quads: Iterable[Quad]) -> None:
        self.quads = iter(quads)
        self.n = 0

    def __iter__(self) -> Iterator[Quad]:
        return self

    def __next__(self) -> Quad:
        q = next(self.quads)
        self.n += 1
        return q


# Quads an ExternalSort holds before it spills them to disk (some 100 MB of pyoxigraph quads).
SPILL_LIMIT = 200_000


class ExternalSort:
    """Sorts and deduplicates any number of quads in bounded memory: quads are kept up to `limit`,
    then sorted and spilled to an N-Quads file in `folder`; `merged()` merges the spilled runs."""

    def __init__(self, folder: Path, limit: int | None = None) -> None:
        self.folder = folder
        self.limit = limit or SPILL_LIMIT
        self.pending: list[Quad] = []
        self.runs: list[Path] = []

    def add(self, quads: Iterable[Quad]) -> None:
        self.pending.extend(quads)
        if len(self.pending) >= self.limit:
            self._spill()

    def _spill(self) -> None:
        from pyoxigraph import RdfFormat, serialize

        fd, name = tempfile.mkstemp(suffix=".nq", dir=self.folder)
        os.close(fd)
        serialize(sorted_quads(self.pending), output=name, format=RdfFormat.N_QUADS)
        self.runs.append(Path(name))
        self.pending = []

    def merged(self) -> Iterator[Quad]:
        """Every quad added, in order, once. The spilled files are removed when the iteration ends."""
        from pyoxigraph import RdfFormat, parse

        try:
            streams: list[Iterable[Quad]] = [sorted_quads(self.pending)]
            self.pending = []
            streams.extend(parse(path=str(run), format=RdfFormat.N_QUADS) for run in self.runs)
            previous: str | None = None
            for q in heapq.merge(*streams, key=sort_key):
                text = str(q)
                if text != previous:
                    previous = text
                    yield q
        finally:
            for run in self.runs:
                run.unlink(missing_ok=True)
