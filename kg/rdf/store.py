"""The knowledge-graph folder (`out/`): writing it safely, and opening its store for reading.

Layout, and why:
- `kg.trig`, `kg.html` and `build.json` are replaced whole, each by a rename, so each is always the old
  or the new file; `build.json` goes last and marks the folder as kg's (`"generator": "kg"`) with the list
  of files kg wrote there (`outputs`). A build never deletes or replaces anything else, and refuses a
  folder that holds files but no kg marker.
- `store` is a symbolic link to an immutable store version, `.kg/stores/<id>/`. A build writes a new
  version and switches the link with one rename: a reader resolves the link once and reads a store that
  no one writes or deletes while it is open (it holds a shared lock on `.kg/stores/<id>.lock`; a build
  removes old versions only when it can take that lock exclusively).
- `.kg/lock` is held by the build writing the folder (a second build waits for it); `.kg/tmp-<pid>/` is a
  build's staging area, removed by the next build if that build was killed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import GraphMissingError, KgError
from kg.paths import GRAPH_FILE, HTML_FILE, MANIFEST_FILE, STORE_DIR
from kg.rdf.trig import sorted_quads
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    from pyoxigraph import Quad, Store

GENERATOR = "kg"
INTERNAL_DIR = ".kg"  # kg's own bookkeeping inside a graph folder: lock, store versions, cache, staging
VERSIONS_DIR = "stores"
LOCK_FILE = "lock"
STATE_FILE = "graph-state.json"  # what the next build needs to update the graph (kg.build_update)
# What kg writes at the top of a graph folder.
BUILD_OUTPUTS = (GRAPH_FILE, STORE_DIR, MANIFEST_FILE, HTML_FILE)
# Quads given to the store's bulk loader at a time (see `GraphFolderWriter.load_staged_trig`).
STORE_LOAD_BATCH = 100_000


def serialize_trig(quads: list[Quad]) -> bytes:
    from pyoxigraph import RdfFormat, serialize

    # Entity IRIs are written in full: as prefixed names their slashes would need escaping.
    prefixes = {k: v for k, v in PREFIXES.items() if k != "kg"}
    data = serialize(quads, format=RdfFormat.TRIG, prefixes=prefixes)
    assert data is not None
    return data


# ---------------------------------------------------------------------------------------------- writing


def is_kg_folder(kg_dir: Path) -> bool:
    """True when `kg_dir/build.json` is kg's marker (kg_version: folders written before the marker)."""
    try:
        manifest = json.loads((kg_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and (manifest.get("generator") == GENERATOR or "kg_version" in manifest)


def check_replaceable(kg_dir: Path) -> None:
    """Refuse to write into a folder that is not a kg output: `--kg ~/Documents` must not lose documents."""
    if not kg_dir.exists():
        return
    if not kg_dir.is_dir():
        raise KgError(f"{kg_dir} exists and is not a kg graph folder; choose another --kg folder")
    if (kg_dir / MANIFEST_FILE).exists() and not is_kg_folder(kg_dir):
        raise KgError(f"{kg_dir} has a {MANIFEST_FILE} that kg did not write; choose another --kg folder")
    if any(kg_dir.iterdir()) and not is_kg_folder(kg_dir):
        raise KgError(f"{kg_dir} exists and is not a kg graph folder; choose another --kg folder")


class GraphFolderWriter:
    """Exclusive, crash-safe writing of a graph folder: `with GraphFolderWriter(dir) as w: w.publish(...)`.

    Entering takes the folder's lock (waiting, after calling `on_wait` with a message, while another build
    holds it) and removes what killed builds left; leaving without publishing changes nothing the
    user sees. `staging` is a private folder for the new files.
    """

    def __init__(self, kg_dir: Path, on_wait: Callable[[str], None] | None = None) -> None:
        self.kg_dir = kg_dir
        self.internal = kg_dir / INTERNAL_DIR
        self.staging = self.internal / f"tmp-{os.getpid()}"
        self.on_wait = on_wait
        self._lock_fd: int | None = None
        self._created = False

    @property
    def cache_dir(self) -> Path:
        return self.internal / "cache"

    def __enter__(self) -> GraphFolderWriter:
        check_replaceable(self.kg_dir)
        self._created = not self.kg_dir.exists()
        _restore_legacy_swap(self.kg_dir)
        self.internal.mkdir(parents=True, exist_ok=True)
        try:
            self._lock()
            _remove_leftovers(self.kg_dir)
            self.staging.mkdir()
        except BaseException:
            self._release(failed=True)
            raise
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        self._release(failed=kind is not None)

    def _lock(self) -> None:
        fd = os.open(self.internal / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        self._lock_fd = fd
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            if self.on_wait:
                self.on_wait(f"waiting for the kg build (pid {holder}) writing {self.kg_dir}/ to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)

    def _release(self, failed: bool) -> None:
        import shutil

        shutil.rmtree(self.staging, ignore_errors=True)
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the lock
            self._lock_fd = None
        if failed and self._created and not is_kg_folder(self.kg_dir):
            # Nothing was published in a folder this build created: leave no trace of it.
            shutil.rmtree(self.kg_dir, ignore_errors=True)

    def write(self, quads: list[Quad], manifest: dict[str, object], extra: Callable[[Path], None] | None = None,
              ) -> int:
        """Write the graph into the staging folder and publish it. Returns the number of distinct quads."""
        written = self.write_stream(sorted_quads(quads))
        self.finish(manifest, written, extra)
        return written

    def write_stream(self, quads: Iterable[Quad]) -> int:
        """Write `quads` (distinct, in their final order) to the staged kg.trig as they come, then load that
        file into the staged store. Returns how many were written."""
        from kg.rdf.trig import TrigWriter

        trig = TrigWriter(self.staging / GRAPH_FILE)
        try:
            trig.block(quads)
        finally:
            trig.close()
        self.load_staged_trig()
        return trig.quads

    def load_staged_trig(self) -> None:
        """Load the staged kg.trig into a new staged store, in batches: pyoxigraph's bulk loader holds a
        whole batch in memory (a 3.2-million-quad file at once took 1.7 GB, in batches of 100,000 quads 0.2 GB),
        so batches bound the memory
        whatever the graph's size."""
        import itertools

        from pyoxigraph import RdfFormat, Store, parse

        store = Store(str(self.staging / STORE_DIR))
        quads = parse(path=str(self.staging / GRAPH_FILE), format=RdfFormat.TRIG)
        while batch := list(itertools.islice(quads, STORE_LOAD_BATCH)):
            store.bulk_extend(batch)
        store.flush()
        store.optimize()
        del store  # closed: the view and validation open it read-only

    def update_staged_store(self, replaced_graphs: list[str], added: list[Quad], removed: set[str]) -> None:
        """Make the staged store a copy of the current version, updated: the `replaced_graphs` (articles
        changed or deleted) and the corpus graphs are emptied, the `removed` inferences taken out, and
        `added` (the new articles' quads, the corpus graphs, the new inferences) put in. The copy shares the
        current version's files through hard links (RocksDB never changes a file it wrote), which stay
        untouched: readers of the current version see no change."""
        from pyoxigraph import NamedNode, RdfFormat, Store, parse

        from kg.rdf.quads import ENTITIES_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH

        # The build holds the folder's lock, so no other build removes the current version meanwhile.
        current = current_store_path(self.kg_dir)
        Store.read_only(str(current)).backup(str(self.staging / STORE_DIR))
        store = Store(str(self.staging / STORE_DIR))
        for graph in [*replaced_graphs, ENTITIES_GRAPH, REFERENCE_GRAPH, ONTOLOGY_GRAPH]:
            store.remove_graph(NamedNode(graph))
        if removed:
            for q in parse("".join(f"{t} .\n" for t in sorted(removed)).encode(), format=RdfFormat.N_QUADS):
                store.remove(q)
        for start in range(0, len(added), STORE_LOAD_BATCH):
            store.bulk_extend(added[start:start + STORE_LOAD_BATCH])
        store.flush()
        del store

    def staged_quads(self) -> list[Quad]:
        """Every quad of the staged graph (for validating a small graph before it is published)."""
        from pyoxigraph import Store

        return list(Store.read_only(str(self.staging / STORE_DIR)))

    def finish(self, manifest: dict[str, object], quads: int, extra: Callable[[Path], None] | None = None) -> None:
        """Add the view (`extra` writes it from the staged graph) and build.json, then publish them all."""
        import hashlib

        if extra:
            extra(self.staging)
        outputs = [name for name in BUILD_OUTPUTS if name == MANIFEST_FILE or (self.staging / name).exists()]
        marked = {**manifest, "generator": GENERATOR, "outputs": outputs, "quads": quads}
        (self.staging / MANIFEST_FILE).write_text(json.dumps(marked, indent=2, sort_keys=True) + "\n",
                                                  encoding="utf-8")
        digest = hashlib.sha256()
        with open(self.staging / GRAPH_FILE, "rb") as trig:
            for block in iter(lambda: trig.read(1 << 20), b""):
                digest.update(block)
        self.publish(digest.hexdigest()[:16])

    def publish(self, version: str) -> None:
        """Move the staged files into the folder: the store version and its link first, build.json last."""
        import shutil

        versions = self.internal / VERSIONS_DIR
        versions.mkdir(exist_ok=True)
        link = self.kg_dir / STORE_DIR
        current = _current_version(self.kg_dir)
        staged_store = self.staging / STORE_DIR
        if current is not None and current.name == version and current.is_dir():
            shutil.rmtree(staged_store)  # the same graph as the one published: keep it
        else:
            if (versions / version).exists():
                version = f"{version}-{time.time_ns():x}"
            (versions / f"{version}.lock").touch()
            staged_store.rename(versions / version)
            temp_link = self.internal / f"tmp-{os.getpid()}-link"
            with contextlib.suppress(FileNotFoundError):
                temp_link.unlink()
            temp_link.symlink_to(f"{INTERNAL_DIR}/{VERSIONS_DIR}/{version}")
            if link.is_dir() and not link.is_symlink():
                # A folder written before store versions: its store becomes a version like the others.
                link.rename(versions / f"legacy-{os.getpid()}")
            temp_link.rename(link)
        for name in (GRAPH_FILE, HTML_FILE):
            staged = self.staging / name
            if staged.exists():
                staged.rename(self.kg_dir / name)
            elif name == HTML_FILE:
                # A build without the view must not leave the view of an older graph beside it.
                with contextlib.suppress(FileNotFoundError):
                    (self.kg_dir / name).unlink()
        state = self.staging / STATE_FILE
        if state.exists():
            state.rename(self.internal / STATE_FILE)
        else:
            (self.internal / STATE_FILE).unlink(missing_ok=True)
        (self.staging / MANIFEST_FILE).rename(self.kg_dir / MANIFEST_FILE)
        remove_unused_versions(self.kg_dir, keep=current)


def write_graph_folder(
    kg_dir: Path,
    quads: list[Quad],
    manifest: dict[str, object],
    extra: Callable[[Path], None] | None = None,
) -> int:
    """Write kg.trig, the store and build.json into `kg_dir`; readers see the old graph or the new one.

    `extra` is called with a folder holding the new graph (readable with `open_store`) to add more files
    (the HTML view) before they are published. Returns the number of distinct quads written.
    """
    with GraphFolderWriter(kg_dir) as writer:
        return writer.write(quads, manifest, extra)


def _current_version(kg_dir: Path) -> Path | None:
    link = kg_dir / STORE_DIR
    if not link.is_symlink():
        return None
    return kg_dir / os.readlink(link)


def remove_unused_versions(kg_dir: Path, keep: Path | None = None) -> None:
    """Delete the store versions that are neither current nor `keep` (the one just replaced, which a
    server may still be draining) nor open by any reader."""
    import shutil

    versions = kg_dir / INTERNAL_DIR / VERSIONS_DIR
    current = _current_version(kg_dir)
    if not versions.is_dir():
        return
    spared = {p.name for p in (current, keep) if p is not None}
    for entry in sorted(versions.iterdir()):
        if not entry.is_dir() or entry.name in spared:
            continue
        lock_path = versions / f"{entry.name}.lock"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue  # a reader has it open: a later build removes it
        try:
            shutil.rmtree(entry, ignore_errors=True)
            lock_path.unlink(missing_ok=True)
        finally:
            os.close(fd)


def _remove_leftovers(kg_dir: Path) -> None:
    """What builds killed before they finished left behind (the caller holds the folder's lock)."""
    import shutil

    for entry in (kg_dir / INTERNAL_DIR).glob("tmp-*"):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    # Staging folders of kg versions that built beside the graph folder: `.out.tmp-1234`.
    for entry in kg_dir.parent.glob(f".{kg_dir.name}.tmp-*"):
        pid = entry.name.rsplit("-", 1)[-1]
        if entry.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)


def _restore_legacy_swap(kg_dir: Path) -> None:
    """kg versions that swapped whole folders could be killed between the two renames, leaving the graph
    only as `.out.old-PID`: put it back."""
    if kg_dir.exists():
        return
    for entry in sorted(kg_dir.parent.glob(f".{kg_dir.name}.old-*")):
        pid = entry.name.rsplit("-", 1)[-1]
        if entry.is_dir() and pid.isdigit() and not _alive(int(pid)) and is_kg_folder(entry):
            entry.rename(kg_dir)
            return


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ---------------------------------------------------------------------------------------------- reading

# Shared locks on the store versions this process opened: held until the process ends, so that no build
# removes a version under an open store (pyoxigraph's Store cannot tell us when it is dropped).
_held_versions: dict[Path, int] = {}


def current_store_path(kg_dir: Path) -> Path:
    """The folder of the store a reader should open now (the version the `store` link names)."""
    link = kg_dir / STORE_DIR
    if link.is_symlink():
        return kg_dir / os.readlink(link)
    if link.is_dir():
        return link  # a folder written before store versions
    raise GraphMissingError(f"no graph in {kg_dir}/, run kg build first")


def lock_current_store(kg_dir: Path) -> tuple[Path, int | None]:
    """Resolve the store link and take a shared lock on the version it names, so no build removes it. Returns
    the version's folder and the lock's file descriptor, which the caller closes to let builds remove it
    (None for a folder written before store versions, which has no lock)."""
    for _ in range(20):
        path = current_store_path(kg_dir)
        if path.name == STORE_DIR:
            return path, None
        try:
            fd = os.open(path.with_name(f"{path.name}.lock"), os.O_RDONLY)
        except FileNotFoundError:
            continue  # a build removed this version after we read the link: read it again
        fcntl.flock(fd, fcntl.LOCK_SH)
        if path.is_dir():
            return path, fd
        os.close(fd)
    raise GraphMissingError(f"the graph in {kg_dir}/ keeps changing; try again")


def hold_current_store(kg_dir: Path) -> Path:
    """Resolve the store link once and hold the version it names against removal (for this process's
    lifetime). Returns the version's folder, which never changes while held."""
    path = current_store_path(kg_dir)
    if path in _held_versions:
        return path
    path, fd = lock_current_store(kg_dir)
    if fd is not None:
        if path in _held_versions:
            os.close(fd)
        else:
            _held_versions[path] = fd
    return path


def open_store(kg_dir: Path) -> Store:
    """The graph's store, read-only. Opening takes milliseconds whatever the graph's size, and a build
    running at the same time never changes or removes what it reads."""
    from pyoxigraph import Store

    path = hold_current_store(kg_dir)
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
