"""`kg build`: seeds -> documents -> extraction -> resolution -> RDF -> the knowledge-graph folder."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import __version__
from kg.documents import Document, Skipped, find_articles, read_document
from kg.errors import InputError, KgError
from kg.extract.model import Extraction
from kg.extraction_cache import ExtractionCache
from kg.paths import STORE_DIR
from kg.resolve import EntityIndex
from kg.wording import count

if TYPE_CHECKING:
    from pyoxigraph import Quad

    from kg.rdf.store import GraphFolderWriter
    from kg.resolve import Resolution

# Below this many documents, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64

# progress(stage, done, total): see `build`.
Progress = Callable[[str, int, int], None]


@dataclass
class BuildResult:
    kg_dir: Path
    documents: int
    entities: int
    facts: int
    triples: int
    seconds: float
    violations: list[str] = field(default_factory=list)
    inferred: int = 0
    # Set when validation was asked for but skipped because the graph is big (see kg.validate).
    validation_skipped: str | None = None
    # Article files left out, each with its reason.
    skipped: list[Skipped] = field(default_factory=list)
    # Articles extracted by this build (the others came from the extraction cache).
    extracted: int = 0
    # Nothing changed since the previous build, which was kept as it was.
    unchanged: bool = False
    # The previous graph was updated (only the changed articles' graphs and the corpus graphs rewritten).
    updated: bool = False

    def summary(self) -> str:
        line = (
            f"{count(self.documents, 'document')}, {count(self.entities, 'entity', 'entities')}, "
            f"{count(self.facts, 'fact')}, {count(self.triples, 'triple')} in {self.seconds:.2f} s -> {self.kg_dir}/"
        )
        if self.violations:
            line += f" ({len(self.violations)} validation violations; run kg validate)"
        if self.validation_skipped:
            line += f" ({self.validation_skipped})"
        if self.skipped:
            line += f" ({count(len(self.skipped), 'file')} skipped, listed in build.json)"
        if self.unchanged:
            line += " (unchanged since the previous build)"
        elif self.updated:
            line += f" (previous graph updated: {count(self.extracted, 'article')} extracted)"
        elif self.extracted < self.documents:
            line += f" ({self.documents - self.extracted} from the extraction cache)"
        return line


@dataclass
class Corpus:
    documents: list[Document]
    skipped: list[Skipped]


def read_corpus(seeds: Path) -> Corpus:
    """Every readable article under `seeds`, each with its own id, and the files that could not be read."""
    from kg.iris import document_ids

    found = find_articles(seeds)
    root = found.root
    relative = {path: path.relative_to(root).as_posix() for path in found.files}
    ids = document_ids(list(relative.values()))
    docs: list[Document] = []
    skipped = list(found.skipped)
    for path in found.files:
        try:
            docs.append(read_document(path, root, ids[relative[path]]))
        except InputError as exc:
            message, prefix = str(exc), f"{path}: "
            skipped.append(Skipped(relative[path], message.removeprefix(prefix), str(path)))
    skipped.sort(key=lambda s: s.path)
    return Corpus(docs, skipped)


def read_documents(seeds: Path) -> list[Document]:
    """Every article under `seeds`; the first unreadable one is an error (for kg eval, which must score all)."""
    corpus = read_corpus(seeds)
    if corpus.skipped:
        raise InputError(str(corpus.skipped[0]))
    return corpus.documents


def extract_all(
    docs: Sequence[Document], jobs: int | None = None, progress: Progress | None = None
) -> list[Extraction]:
    """Extract every document, in worker processes when there are many. Output order follows `docs`.

    Workers ignore Ctrl-C (the build stops them) and die with the build if it is killed.
    """
    from kg.extract import extract

    jobs = jobs or os.cpu_count() or 1
    results: list[Extraction] = []
    if jobs <= 1 or len(docs) < PARALLEL_THRESHOLD:
        for i, doc in enumerate(docs, 1):
            results.append(extract(doc))
            if progress:
                progress("extracting", i, len(docs))
        return results

    with _worker_pool(jobs) as pool:
        chunk = max(1, min(32, len(docs) // (jobs * 8)))
        for i, ex in enumerate(pool.imap(extract, docs, chunksize=chunk), 1):
            results.append(ex)
            if progress:
                progress("extracting", i, len(docs))
    return results


def _worker_started(parent: int) -> None:
    """In each extraction worker: die when the build dies, even by SIGKILL (Linux's parent-death signal)."""
    import ctypes
    import signal

    # The build's own SIGTERM handler (stop cleanly) is not for workers: terminating them must be quiet.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):  # not Linux: workers end when the pool is terminated
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before the signal was set up
        os._exit(1)


def count_facts(extractions: Sequence[Extraction]) -> int:
    return sum(
        len(ex.roles) + len(ex.origins) + len(ex.partnerships) + len(ex.quotations) + len(ex.figures)
        + len(ex.containments) + len(ex.programme_owners) + len(ex.based_in)
        for ex in extractions
    )


def build(
    seeds: Path,
    kg_dir: Path,
    *,
    infer: bool = True,
    validate: bool = True,
    strict: bool = False,
    html: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the graph folder `kg_dir` from the articles in `seeds`; the previous graph survives any error.

    Unreadable articles are skipped (listed in the result and in build.json); with `strict`, any skip or
    validation violation fails the build. `progress(stage, done, total)` is called as work advances: once
    per document while extracting, and once at the start of each later stage (with done == total == 0).
    `notify` receives messages such as "waiting for another build".

    Memory does not grow with the corpus: articles are read, extracted and written one at a time (each
    article's document and extraction go through the extraction cache in the graph folder), and only the
    entity index that resolution needs is held.
    """
    from kg.rdf.store import GraphFolderWriter, check_replaceable

    started = time.perf_counter()
    check_replaceable(kg_dir)
    scan = scan_corpus(seeds)
    _check_readable(seeds, scan, strict)
    with GraphFolderWriter(kg_dir, notify) as writer:
        return _build_locked(writer, scan, started, infer=infer, validate=validate, strict=strict, html=html,
                             jobs=jobs, progress=progress)


def _check_readable(seeds: Path, scan: Scan, strict: bool) -> None:
    if not scan.candidates:
        first = scan.skipped[0]
        more = f" and {count(len(scan.skipped) - 1, 'other')}" if len(scan.skipped) > 1 else ""
        raise InputError(f"no article in {seeds} could be read: {first}{more}")
    if strict and scan.skipped:
        raise KgError(f"{count(len(scan.skipped), 'article')} could not be read and --strict is set; the "
                      f"previous graph is kept (first: {scan.skipped[0]})")


@dataclass(frozen=True)
class Candidate:
    """An article file that decodes as text, not read further yet (its document comes from the cache or
    from a worker that reads and extracts it)."""

    id: str
    path: str  # relative to the seeds folder: Document.path
    file: str  # the file as the user named it, for messages and for reading it
    sha256: str


@dataclass
class Scan:
    root: Path
    candidates: list[Candidate]
    skipped: list[Skipped]


def scan_corpus(seeds: Path) -> Scan:
    """The article files under `seeds` with their ids and content hashes; files that cannot be decoded as
    text are skipped. Articles are not parsed here (a cached article never is)."""
    import hashlib

    from kg.documents import decode
    from kg.iris import document_ids

    found = find_articles(seeds)
    relative = {path: path.relative_to(found.root).as_posix() for path in found.files}
    ids = document_ids(list(relative.values()))
    candidates: list[Candidate] = []
    skipped = list(found.skipped)
    for path in found.files:
        try:
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
            decode(raw, str(path))
        except InputError as exc:
            skipped.append(Skipped(relative[path], str(exc).removeprefix(f"{path}: "), str(path)))
            continue
        candidates.append(Candidate(ids[relative[path]], relative[path], str(path), hashlib.sha256(raw).hexdigest()))
    skipped.sort(key=lambda s: s.path)
    return Scan(found.root, candidates, skipped)


def read_candidate(c: Candidate) -> Document | Skipped:
    """The article of `c`, parsed (or why it cannot be: a parse error, or a file changed since the scan)."""
    path = Path(c.file)
    root = Path(c.file[: len(c.file) - len(c.path)]) if c.file.endswith(c.path) else None
    try:
        doc = read_document(path, root, c.id)
    except InputError as exc:
        return Skipped(c.path, str(exc).removeprefix(f"{path}: "), c.file)
    if (doc.path, doc.sha256) != (c.path, c.sha256):
        return Skipped(c.path, "changed while the build was reading it; build again", c.file)
    return doc


def _read_and_extract(c: Candidate) -> tuple[Document, Extraction] | Skipped:
    """In a worker (or the build itself): read one article and extract it."""
    from kg.extract import extract

    doc = read_candidate(c)
    if isinstance(doc, Skipped):
        return doc
    return doc, extract(doc)


def _extracted(
    candidates: Sequence[Candidate], cache: ExtractionCache, jobs: int | None, progress: Progress | None,
) -> Iterator[tuple[Candidate, tuple[Document, Extraction] | Skipped, bool]]:
    """Each candidate's document and extraction, in order, from the cache or extracted (and then cached);
    the flag says it was extracted. Extraction runs in worker processes when many articles miss the
    cache; workers read the articles themselves, so only the candidates (paths and hashes) are queued."""
    missing = [c for c in candidates if not cache.has(c)]
    total = len(missing)
    jobs = jobs or os.cpu_count() or 1
    parallel = jobs > 1 and total >= PARALLEL_THRESHOLD
    with contextlib.ExitStack() as stack:
        fresh: Iterator[tuple[Document, Extraction] | Skipped]
        if parallel:
            pool = stack.enter_context(_worker_pool(jobs))
            fresh = pool.imap(_read_and_extract, missing, chunksize=max(1, min(32, total // (jobs * 8))))
        else:
            fresh = map(_read_and_extract, missing)
        pending = set(missing)
        done = 0
        for c in candidates:
            entry = cache.get(c) if c not in pending else None
            was_extracted = entry is None
            if entry is None:
                if c in pending:
                    result = next(fresh)
                    done += 1
                    if progress:
                        progress("extracting", done, total)
                else:  # an entry that was there a moment ago and no longer reads: extract it here
                    result = _read_and_extract(c)
                if not isinstance(result, Skipped):
                    cache.put(*result)
                yield c, result, True
                continue
            yield c, entry, was_extracted


@contextlib.contextmanager
def _worker_pool(jobs: int) -> Iterator[Any]:
    """Extraction workers that ignore Ctrl-C (the build stops them) and die with the build if it is killed."""
    import multiprocessing
    import signal

    # Children forked while SIGINT is ignored ignore it from their first instruction: a Ctrl-C reaches
    # the whole terminal's process group, and only the build should react to it.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_started, initargs=(os.getpid(),))
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        yield pool
        pool.close()
    finally:
        pool.terminate()
        pool.join()


@dataclass
class _Indexed:
    """What the first pass over the corpus learnt: the articles built, the entity index, counts."""

    built: list[Candidate]
    skipped: list[Skipped]
    index: EntityIndex
    facts: int = 0
    extracted: int = 0
    facts_of: dict[str, int] = field(default_factory=dict)


def _index_corpus(scan: Scan, cache: ExtractionCache, jobs: int | None, progress: Progress | None) -> _Indexed:
    """First pass: every article extracted (or found in the cache) and added to the entity index, then
    dropped: nothing per article stays in memory but its candidate."""
    indexed = _Indexed([], list(scan.skipped), EntityIndex())
    for c, entry, fresh in _extracted(scan.candidates, cache, jobs, progress):
        indexed.extracted += fresh
        if isinstance(entry, Skipped):
            indexed.skipped.append(entry)
            continue
        _doc, ex = entry
        indexed.index.add(ex)
        indexed.facts_of[c.id] = count_facts([ex])
        indexed.facts += indexed.facts_of[c.id]
        indexed.built.append(c)
    indexed.skipped.sort(key=lambda s: s.path)
    return indexed


def _build_locked(
    writer: GraphFolderWriter, scan: Scan, started: float, *, infer: bool, validate: bool, strict: bool, html: bool,
    jobs: int | None, progress: Progress | None,
) -> BuildResult:
    def stage(name: str) -> None:
        if progress:
            progress(name, 0, 0)

    inputs = _inputs_fingerprint(scan, infer=infer, validate=validate, strict=strict, html=html)
    unchanged = _unchanged_result(writer.kg_dir, inputs, scan, started)
    if unchanged is not None:
        return unchanged
    cache = ExtractionCache(writer.cache_dir / "extract")
    from kg.build_update import plan_update, save_state

    update, tried = plan_update(writer.kg_dir, scan, cache, infer, jobs, progress)
    indexed = update.indexed if update else _index_corpus(scan, cache, jobs, progress)
    if not update:
        indexed.extracted += tried  # extracted while finding out that the graph must be built from scratch
    if not indexed.built:
        first = indexed.skipped[0]
        raise InputError(f"no article could be read: {first}")
    if strict and indexed.skipped:
        raise KgError(f"{count(len(indexed.skipped), 'article')} could not be read and --strict is set; the "
                      f"previous graph is kept (first: {indexed.skipped[0]})")
    stage("resolving entities")
    resolution = update.resolution if update else indexed.index.resolve()
    stage("writing RDF")
    from kg.rdf.graph_writer import write_graph

    def load(c: Candidate) -> tuple[Document, Extraction]:
        entry = cache.get(c)
        if entry is None:  # the cache was written a moment ago: an entry that no longer reads is re-made
            fresh = _read_and_extract(c)
            if isinstance(fresh, Skipped):
                raise InputError(f"{c.file} changed while the build was reading it; build again")
            entry = fresh
        return entry

    graph = write_graph(writer.staging, indexed.built, load, resolution, infer, update.previous if update else None)
    stage("writing the store")
    if update:
        from kg.rdf.graph_writer import article_graph_iri

        writer.update_staged_store([article_graph_iri(i) for i in update.replaced], graph.added,
                                   update.previous.inferred_removed)
    else:
        writer.load_staged_trig()
    save_state(writer.staging, inputs, indexed, resolution, graph, infer)
    asserted, inferred, written = graph.asserted, graph.inferred, graph.quads

    violations: list[str] = []
    skipped: str | None = None
    from kg.validate import BUILD_VALIDATION_LIMIT

    if validate and not strict and asserted > BUILD_VALIDATION_LIMIT:
        skipped = (
            f"not validated: {asserted} quads is above the build's limit of {BUILD_VALIDATION_LIMIT}; "
            "run kg validate, or build with --strict"
        )
    elif validate or strict:
        from kg.validate import validate_quads

        stage("validating")
        violations = validate_quads(writer.staged_quads()).lines()
        if strict and violations:
            raise KgError(
                f"the graph has {len(violations)} validation violations; the previous graph is kept "
                f"(first: {violations[0]})"
            )

    manifest = {
        "kg_version": __version__,
        "documents": [{"id": c.id, "path": c.path, "sha256": c.sha256} for c in indexed.built],
        "inferred": infer,
        "skipped": [{"path": s.path, "reason": s.reason} for s in indexed.skipped],
        "inputs": inputs,
        "counts": {"entities": len(resolution.entities), "facts": indexed.facts, "inferred": inferred},
        "violations": violations,
        "validation_skipped": skipped,
    }

    def add_html(folder: Path) -> None:
        from kg.views.html import write_html

        stage("drawing the HTML view")
        write_html(folder, folder / "kg.html")

    writer.finish(manifest, written, add_html if html else None)
    cache.keep_only(indexed.built)
    return BuildResult(
        kg_dir=writer.kg_dir,
        documents=len(indexed.built),
        entities=len(resolution.entities),
        facts=indexed.facts,
        triples=written,
        seconds=time.perf_counter() - started,
        violations=violations,
        inferred=inferred,
        validation_skipped=skipped,
        skipped=indexed.skipped,
        extracted=indexed.extracted,
        updated=update is not None,
    )


def _inputs_fingerprint(scan: Scan, **options: bool) -> str:
    """A hash of everything a build's output depends on: the articles, the options and kg's own files."""
    import hashlib
    import json

    from kg.extraction_cache import code_version

    described = {
        "code": code_version(),
        "options": options,
        "documents": [(c.id, c.path, c.sha256) for c in scan.candidates],
        "skipped": [(s.path, s.reason) for s in scan.skipped],
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def _unchanged_result(kg_dir: Path, inputs: str, scan: Scan, started: float) -> BuildResult | None:
    """The previous build's result when it was made from the same inputs and its outputs are all there."""
    from kg.rdf.store import current_store_path, read_manifest

    try:
        manifest = read_manifest(kg_dir)
        if not current_store_path(kg_dir).is_dir() or not (kg_dir / STORE_DIR).is_symlink():
            return None  # no store, or one of the layout before store versions: build it again
    except (KgError, ValueError):
        return None
    outputs = manifest.get("outputs")
    counts = manifest.get("counts")
    if manifest.get("inputs") != inputs or not isinstance(outputs, list) or not isinstance(counts, dict):
        return None
    if not all((kg_dir / str(name)).exists() for name in outputs):
        return None
    violations = manifest.get("violations")
    documents = manifest.get("documents")
    return BuildResult(
        kg_dir=kg_dir,
        documents=len(documents) if isinstance(documents, list) else 0,
        entities=int(counts["entities"]),
        facts=int(counts["facts"]),
        triples=int(str(manifest.get("quads", 0))),
        seconds=time.perf_counter() - started,
        violations=[str(v) for v in violations] if isinstance(violations, list) else [],
        inferred=int(counts["inferred"]),
        validation_skipped=str(manifest["validation_skipped"]) if manifest.get("validation_skipped") else None,
        skipped=_skipped_of(manifest, scan),
        extracted=0,
        unchanged=True,
    )


def _skipped_of(manifest: dict[str, object], scan: Scan) -> list[Skipped]:
    """The files the previous build skipped (as the scan names them, or under the seeds folder)."""
    named = {s.path: s for s in scan.skipped}
    listed = manifest.get("skipped")
    out: list[Skipped] = []
    for item in listed if isinstance(listed, list) else []:
        path, reason = str(item["path"]), str(item["reason"])
        out.append(named.get(path) or Skipped(path, reason, str(scan.root / path)))
    return out


def asserted_quads(docs: Sequence[Document], extractions: Sequence[Extraction], resolution: Resolution) -> list[Quad]:
    """Everything the build asserts: the articles' graphs, the entities, reference data and the ontology."""
    from pyoxigraph import NamedNode

    from kg.rdf.quads import ENTITIES_GRAPH, document_quads, entity_quads
    from kg.rdf.reference import ontology_quads, reference_quads

    quads: list[Quad] = []
    for doc, ex in zip(docs, extractions, strict=True):
        quads.extend(document_quads(doc, ex, resolution))
    quads.extend(entity_quads(resolution))
    # A gazetteer link that an article also states is kept once, as the article's: the union of all
    # graphs would otherwise show it twice.
    corpus = NamedNode(ENTITIES_GRAPH)
    stated = {(q.subject, q.predicate, q.object) for q in quads if q.graph_name == corpus}
    quads.extend(q for q in reference_quads(resolution) if (q.subject, q.predicate, q.object) not in stated)
    quads.extend(ontology_quads())
    return quads
