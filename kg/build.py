"""`kg build`: seeds -> documents -> extraction -> resolution -> RDF -> the knowledge-graph folder."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__
from kg.documents import Document, Skipped, find_articles, read_document
from kg.errors import InputError, KgError
from kg.extract.model import Extraction
from kg.extraction_cache import ExtractionCache
from kg.paths import STORE_DIR
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
        chunk = max(1, min(32, len(docs) // (jobs * 8)))
        for i, ex in enumerate(pool.imap(extract, docs, chunksize=chunk), 1):
            results.append(ex)
            if progress:
                progress("extracting", i, len(docs))
        pool.close()
    finally:
        pool.terminate()
        pool.join()
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
    """
    from kg.rdf.store import GraphFolderWriter, check_replaceable

    started = time.perf_counter()
    check_replaceable(kg_dir)
    corpus = read_corpus(seeds)
    if not corpus.documents:
        first = corpus.skipped[0]
        more = f" and {count(len(corpus.skipped) - 1, 'other')}" if len(corpus.skipped) > 1 else ""
        raise InputError(f"no article in {seeds} could be read: {first}{more}")
    if strict and corpus.skipped:
        raise KgError(f"{count(len(corpus.skipped), 'article')} could not be read and --strict is set; the "
                      f"previous graph is kept (first: {corpus.skipped[0]})")
    with GraphFolderWriter(kg_dir, notify) as writer:
        return _build_locked(writer, corpus, started, infer=infer, validate=validate, strict=strict, html=html,
                             jobs=jobs, progress=progress)


def _build_locked(
    writer: GraphFolderWriter, corpus: Corpus, started: float, *, infer: bool, validate: bool, strict: bool, html: bool,
    jobs: int | None, progress: Progress | None,
) -> BuildResult:
    from kg.resolve import resolve

    def stage(name: str) -> None:
        if progress:
            progress(name, 0, 0)

    docs = corpus.documents
    inputs = _inputs_fingerprint(corpus, infer=infer, validate=validate, strict=strict, html=html)
    unchanged = _unchanged_result(writer.kg_dir, inputs, corpus, started)
    if unchanged is not None:
        return unchanged
    extractions, extracted = _extract_with_cache(docs, ExtractionCache(writer.cache_dir / "extract"), jobs, progress)
    stage("resolving entities")
    resolution = resolve(extractions)
    stage("writing RDF")
    graph = _GraphStream(docs, extractions, resolution, infer)
    written = writer.write_stream(graph.quads())
    asserted, inferred = graph.asserted, graph.inferred

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
        "documents": [{"id": d.id, "path": d.path, "sha256": d.sha256} for d in docs],
        "inferred": infer,
        "skipped": [{"path": s.path, "reason": s.reason} for s in corpus.skipped],
        "inputs": inputs,
        "counts": {"entities": len(resolution.entities), "facts": count_facts(extractions), "inferred": inferred},
        "violations": violations,
        "validation_skipped": skipped,
    }

    def add_html(folder: Path) -> None:
        from kg.views.html import write_html

        stage("drawing the HTML view")
        write_html(folder, folder / "kg.html")

    stage("writing the store")
    writer.finish(manifest, written, add_html if html else None)
    triples = written
    ExtractionCache(writer.cache_dir / "extract").keep_only(docs)
    return BuildResult(
        kg_dir=writer.kg_dir,
        documents=len(docs),
        entities=len(resolution.entities),
        facts=count_facts(extractions),
        triples=triples,
        seconds=time.perf_counter() - started,
        violations=violations,
        inferred=inferred,
        validation_skipped=skipped,
        skipped=corpus.skipped,
        extracted=extracted,
    )


def _extract_with_cache(
    docs: Sequence[Document], cache: ExtractionCache, jobs: int | None, progress: Progress | None
) -> tuple[list[Extraction], int]:
    """Every document's extraction, from the cache when the article and the extractor are unchanged.
    Also returns how many documents were extracted afresh."""
    found = [cache.get(d) for d in docs]
    missing = [i for i, ex in enumerate(found) if ex is None]
    fresh = extract_all([docs[i] for i in missing], jobs, progress)
    for i, ex in zip(missing, fresh, strict=True):
        cache.put(docs[i], ex)
        found[i] = ex
    return [ex for ex in found if ex is not None], len(missing)


def _inputs_fingerprint(corpus: Corpus, **options: bool) -> str:
    """A hash of everything a build's output depends on: the articles, the options and kg's own files."""
    import hashlib
    import json

    from kg.extraction_cache import code_version

    described = {
        "code": code_version(),
        "options": options,
        "documents": [(d.id, d.path, d.sha256) for d in corpus.documents],
        "skipped": [(s.path, s.reason) for s in corpus.skipped],
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def _unchanged_result(kg_dir: Path, inputs: str, corpus: Corpus, started: float) -> BuildResult | None:
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
    return BuildResult(
        kg_dir=kg_dir,
        documents=len(corpus.documents),
        entities=int(counts["entities"]),
        facts=int(counts["facts"]),
        triples=int(str(manifest.get("quads", 0))),
        seconds=time.perf_counter() - started,
        violations=[str(v) for v in violations] if isinstance(violations, list) else [],
        inferred=int(counts["inferred"]),
        validation_skipped=str(manifest["validation_skipped"]) if manifest.get("validation_skipped") else None,
        skipped=corpus.skipped,
        extracted=0,
        unchanged=True,
    )


class _GraphStream:
    """The build's quads in their final order, made one article at a time.

    The order is the one a global sort by (graph, subject, predicate, object) gives, without holding the
    graph: article graphs come first (their IRIs sort before the corpus graphs), each sorted on its own;
    then the corpus graphs (entities, inferred, ontology, reference), which are small. Only what
    inference reads of each article (`inference_input`) and the shared links are kept in memory.
    """

    def __init__(self, docs: Sequence[Document], extractions: Sequence[Extraction], resolution: Resolution,
                 infer: bool) -> None:
        self.docs, self.extractions, self.resolution, self.infer = docs, extractions, resolution, infer
        self.asserted = 0
        self.inferred = 0

    def quads(self) -> Iterator[Quad]:
        from pyoxigraph import NamedNode

        from kg.rdf.inference import inference_input, materialise
        from kg.rdf.quads import ENTITIES_GRAPH, article_graph, document_quads, entity_quads
        from kg.rdf.reference import ontology_quads, reference_quads
        from kg.rdf.store import sorted_quads

        corpus = NamedNode(ENTITIES_GRAPH)
        shared: dict[str, Quad] = {}
        relevant: list[Quad] = []
        order = sorted(range(len(self.docs)), key=lambda i: str(NamedNode(article_graph(self.docs[i].id))))
        for i in order:
            own: list[Quad] = []
            for q in document_quads(self.docs[i], self.extractions[i], self.resolution):
                if q.graph_name == corpus:
                    shared.setdefault(str(q), q)
                else:
                    own.append(q)
            ordered = sorted_quads(own)
            self.asserted += len(ordered)
            if self.infer:
                relevant.extend(inference_input(ordered))
            yield from ordered

        corpus_quads = [*entity_quads(self.resolution), *shared.values()]
        # A gazetteer link that an article also states is kept once, as the article's: the union of all
        # graphs would otherwise show it twice.
        stated = {(q.subject, q.predicate, q.object) for q in corpus_quads}
        corpus_quads.extend(q for q in reference_quads(self.resolution)
                            if (q.subject, q.predicate, q.object) not in stated)
        ontology = list(ontology_quads())
        inferred: list[Quad] = []
        if self.infer:
            relevant.extend(corpus_quads)
            inferred = materialise(relevant, ontology)
            del relevant
        tail = sorted_quads([*corpus_quads, *ontology])
        self.asserted += len(tail)
        inferred = sorted_quads(inferred)
        self.inferred = len(inferred)
        yield from sorted_quads([*tail, *inferred])


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
