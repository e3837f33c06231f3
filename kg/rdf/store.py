"""Writing a knowledge-graph folder (`out/`) atomically, and opening its store for reading.

A build writes everything into a sibling temporary folder and swaps it in at the end, so a failed or
interrupted build leaves the previous graph as it was.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import GraphMissingError, KgError
from kg.paths import GRAPH_FILE, HTML_FILE, MANIFEST_FILE, STORE_DIR
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    from pyoxigraph import Quad, Store


def sorted_quads(quads: Iterable[Quad]) -> list[Quad]:
    """Quads in one fixed order (graph, subject, predicate, object), without duplicates."""
    unique = {str(q): q for q in quads}
    return [unique[k] for k in sorted(unique, key=lambda k: _sort_key(unique[k]))]


def _sort_key(q: Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


def serialize_trig(quads: list[Quad]) -> bytes:
    from pyoxigraph import RdfFormat, serialize

    # Entity IRIs are written in full: as prefixed names their slashes would need escaping.
    prefixes = {k: v for k, v in PREFIXES.items() if k != "kg"}
    data = serialize(quads, format=RdfFormat.TRIG, prefixes=prefixes)
    assert data is not None
    return data


def write_graph_folder(
    kg_dir: Path,
    quads: list[Quad],
    manifest: dict[str, object],
    extra: Callable[[Path], None] | None = None,
) -> int:
    """Write kg.trig, the on-disk store and build.json into `kg_dir`, replacing it only when all succeeded.

    `extra` is called with the temporary folder to add more files (the HTML view) before the swap.
    Returns the number of distinct quads written.
    """
    from pyoxigraph import Store

    check_replaceable(kg_dir)
    kg_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = kg_dir.parent / f".{kg_dir.name}.tmp-{os.getpid()}"
    old = kg_dir.parent / f".{kg_dir.name}.old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        ordered = sorted_quads(quads)
        (tmp / GRAPH_FILE).write_bytes(serialize_trig(ordered))
        store = Store(str(tmp / STORE_DIR))
        store.bulk_extend(ordered)
        store.flush()
        store.optimize()
        del store
        (tmp / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        if extra:
            extra(tmp)
        if kg_dir.exists():
            kg_dir.rename(old)
        tmp.rename(kg_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not kg_dir.exists():
            old.rename(kg_dir)
        raise
    if old.exists() and _keep_users_files(old, kg_dir):
        shutil.rmtree(old, ignore_errors=True)
    return len(ordered)


# What a build writes; anything else in a graph folder was put there by someone else and is kept.
BUILD_OUTPUTS = frozenset({GRAPH_FILE, STORE_DIR, MANIFEST_FILE, HTML_FILE})


def _keep_users_files(old: Path, new: Path) -> bool:
    """Move files a user put in the previous graph folder into the new one. False if any could not move
    (then the previous folder is left where it is, hidden, rather than deleted with them)."""
    moved_all = True
    for entry in sorted(old.iterdir()):
        if entry.name in BUILD_OUTPUTS or (new / entry.name).exists():
            continue
        try:
            entry.rename(new / entry.name)
        except OSError:
            moved_all = False
    return moved_all


def check_replaceable(kg_dir: Path) -> None:
    """Refuse to replace a folder that is not a kg output: `--kg ~/Documents` must not wipe documents."""
    if kg_dir.exists() and (not kg_dir.is_dir() or (any(kg_dir.iterdir()) and not (kg_dir / MANIFEST_FILE).exists())):
        raise KgError(f"{kg_dir} exists and is not a kg graph folder; choose another --kg folder")


def open_store(kg_dir: Path) -> Store:
    """The graph's store, read-only. Opening takes milliseconds whatever the graph's size."""
    from pyoxigraph import Store

    path = kg_dir / STORE_DIR
    if not path.is_dir():
        raise GraphMissingError(f"no graph in {kg_dir}/, run kg build first")
    try:
        return Store.read_only(str(path))
    except OSError as exc:
        raise GraphMissingError(f"the graph store in {kg_dir}/ cannot be opened ({exc})") from None


def read_manifest(kg_dir: Path) -> dict[str, object]:
    path = kg_dir / MANIFEST_FILE
    if not path.is_file():
        raise GraphMissingError(f"no graph in {kg_dir}/, run kg build first")
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data
