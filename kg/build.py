"""`kg build`: seeds -> documents -> extraction -> resolution -> RDF -> the knowledge-graph folder."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__
from kg.documents import Document, discover, read_document
from kg.extract.model import Extraction
from kg.wording import count

if TYPE_CHECKING:
    from pyoxigraph import Quad

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

    def summary(self) -> str:
        line = (
            f"{count(self.documents, 'document')}, {count(self.entities, 'entity', 'entities')}, "
            f"{count(self.facts, 'fact')}, {count(self.triples, 'triple')} in {self.seconds:.2f} s -> {self.kg_dir}/"
        )
        if self.violations:
            line += f" ({len(self.violations)} validation violations; run kg validate)"
        if self.validation_skipped:
            line += f" ({self.validation_skipped})"
        return line


def read_documents(seeds: Path) -> list[Document]:
    """Every article under `seeds`; the first unreadable one stops the build before anything is written."""
    root = seeds if seeds.is_dir() else seeds.parent
    return [read_document(path, root) for path in discover(seeds)]


def extract_all(
    docs: Sequence[Document], jobs: int | None = None, progress: Progress | None = None
) -> list[Extraction]:
    """Extract every document, in worker processes when there are many. Output order follows `docs`."""
    from kg.extract import extract

    jobs = jobs or os.cpu_count() or 1
    results: list[Extraction] = []
    if jobs <= 1 or len(docs) < PARALLEL_THRESHOLD:
        for i, doc in enumerate(docs, 1):
            results.append(extract(doc))
            if progress:
                progress("extracting", i, len(docs))
        return results

    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for i, ex in enumerate(pool.map(extract, docs, chunksize=32), 1):
            results.append(ex)
            if progress:
                progress("extracting", i, len(docs))
    return results


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
) -> BuildResult:
    """Build the graph folder `kg_dir` from the articles in `seeds`; the previous folder survives any error.

    `progress(stage, done, total)` is called as work advances: once per document while extracting, and
    once at the start of each later stage (with done == total == 0).
    """
    from kg.rdf.store import check_replaceable, write_graph_folder
    from kg.resolve import resolve

    def stage(name: str) -> None:
        if progress:
            progress(name, 0, 0)

    started = time.perf_counter()
    check_replaceable(kg_dir)
    docs = read_documents(seeds)
    extractions = extract_all(docs, jobs, progress)
    stage("resolving entities")
    resolution = resolve(extractions)
    stage("writing RDF")
    quads = asserted_quads(docs, extractions, resolution)
    asserted = len(quads)

    inferred = 0
    if infer:
        from kg.rdf.inference import materialise

        stage("inferring")
        extra = materialise(quads)
        inferred = len(extra)
        quads.extend(extra)

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
        violations = validate_quads(quads).lines()
        if strict and violations:
            from kg.errors import KgError

            raise KgError(
                f"the graph has {len(violations)} validation violations; the previous graph is kept "
                f"(first: {violations[0]})"
            )

    manifest = {
        "kg_version": __version__,
        "documents": [{"id": d.id, "path": d.path, "sha256": d.sha256} for d in docs],
        "inferred": infer,
    }

    def add_html(folder: Path) -> None:
        from kg.views.html import write_html

        stage("drawing the HTML view")
        write_html(folder, folder / "kg.html")

    stage("writing the store")
    triples = write_graph_folder(kg_dir, quads, manifest, add_html if html else None)
    return BuildResult(
        kg_dir=kg_dir,
        documents=len(docs),
        entities=len(resolution.entities),
        facts=count_facts(extractions),
        triples=triples,
        seconds=time.perf_counter() - started,
        violations=violations,
        inferred=inferred,
        validation_skipped=skipped,
    )


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
