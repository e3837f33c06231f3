"""Writing a build's kg.trig article by article, in kg's one order, holding no more than one article.

The order is the one a global sort by (graph, subject, predicate, object) gives: article graphs come first
(their IRIs sort before the corpus graphs), each sorted on its own; then the corpus graphs (entities,
inferred, ontology, reference). What an article implies through the ontology is inferred from that
article alone (every triple of an article's graph names one of its own nodes, so nothing outside it can
add to or repeat those inferences); those inferred triples are sorted on disk, and merged with what the
corpus graphs imply into the inferred graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol, TypeVar, cast

from kg.paths import GRAPH_FILE

if TYPE_CHECKING:
    from pyoxigraph import Quad

    from kg.documents import Document
    from kg.extract.model import Extraction
    from kg.rdf.inference import Schema
    from kg.rdf.trig import ExternalSort, TrigWriter
    from kg.resolve import Resolution


class ArticleSource(Protocol):
    @property
    def id(self) -> str: ...


Article = TypeVar("Article", bound=ArticleSource)


@dataclass
class WrittenGraph:
    """What was written: quad counts, where each article's block is in kg.trig, and what a later build
    needs to update the graph instead of rewriting it (see `Previous`)."""

    asserted: int = 0
    inferred: int = 0
    quads: int = 0
    # article id -> (offset, length, quads) of its block in kg.trig
    blocks: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    # The corpus graph's shared triples (as N-Quads text) and how many articles state each.
    shared: dict[str, int] = field(default_factory=dict)
    # What the corpus graphs alone imply (N-Quads text), and where the inferred graph's block is.
    global_inferred: list[str] = field(default_factory=list)
    inferred_block: tuple[int, int] = (0, 0)
    # Quads added to and removed from the previous graph (an update), for the store.
    added: list[Quad] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Previous:
    """The graph an update starts from: its kg.trig, the blocks to copy from it, and what to take out of
    its corpus graphs (the shared triples and inferences of the articles that changed or left)."""

    trig: Path
    copy: dict[str, tuple[int, int, int]]
    shared: dict[str, int]
    inferred_block: tuple[int, int]
    inferred_removed: set[str]


def article_graph_iri(doc_id: str) -> str:
    from kg.rdf.quads import article_graph

    return article_graph(doc_id)


def article_order(ids: Sequence[str]) -> list[str]:
    """Article ids in the order of their graphs in kg.trig (by graph IRI as N-Quads text)."""
    from pyoxigraph import NamedNode

    from kg.rdf.quads import article_graph

    return sorted(ids, key=lambda i: str(NamedNode(article_graph(i))))


def write_graph(
    folder: Path,
    articles: Sequence[Article],
    load: Callable[[Article], tuple[Document, Extraction]],
    resolution: Resolution,
    infer: bool,
    previous: Previous | None = None,
) -> WrittenGraph:
    """Write `folder/kg.trig`: every article (each read with `load` when its turn comes, or its block
    copied from `previous`), then the corpus graphs."""
    from pyoxigraph import NamedNode

    from kg.rdf.inference import Schema, inference_input, materialise
    from kg.rdf.quads import ENTITIES_GRAPH, document_quads
    from kg.rdf.reference import ontology_quads
    from kg.rdf.trig import ExternalSort, TrigWriter, sorted_quads

    corpus = NamedNode(ENTITIES_GRAPH)
    schema = Schema(ontology_quads())
    inferred = ExternalSort(folder)
    out = WrittenGraph(shared=dict(previous.shared) if previous else {})
    trig = TrigWriter(folder / GRAPH_FILE)
    by_id = {a.id: a for a in articles}
    old = open(previous.trig, "rb") if previous else None  # noqa: SIM115  (closed below)
    try:
        for doc_id in article_order(list(by_id)):
            if old is not None and previous is not None and doc_id in previous.copy:
                offset, length, count = previous.copy[doc_id]
                start = trig.offset
                trig.copy(old, offset, length, count)
                out.blocks[doc_id] = (start, length, count)
                out.asserted += count
                continue
            doc, ex = load(by_id[doc_id])
            own: list[Quad] = []
            for q in document_quads(doc, ex, resolution.for_document(ex)):
                if q.graph_name == corpus:
                    text = str(q)
                    out.shared[text] = out.shared.get(text, 0) + 1
                else:
                    own.append(q)
            ordered = sorted_quads(own)
            offset, length = trig.block(ordered)
            out.blocks[doc_id] = (offset, length, len(ordered))
            out.asserted += len(ordered)
            if previous is not None:
                out.added.extend(ordered)
            if infer:
                local = materialise(inference_input(ordered), schema=schema)
                inferred.add(local)
                if previous is not None:
                    out.added.extend(local)
        old_inferred = _old_inferred(previous, old) if infer else None
        _write_corpus_graphs(trig, out, resolution, inferred if infer else None, schema, old_inferred)
    finally:
        trig.close()
        if old is not None:
            old.close()
    out.quads = trig.quads
    return out


def _old_inferred(previous: Previous | None, old: IO[bytes] | None) -> Iterator[Quad] | None:
    """The previous inferred graph without what the changed articles and the corpus graphs implied."""
    if previous is None or old is None or not previous.inferred_block[1]:
        return None
    from pyoxigraph import RdfFormat, parse

    from kg.rdf.trig import header

    offset, length = previous.inferred_block
    data = _Range(old, offset, length, header())
    removed = set(parse("".join(f"{t} .\n" for t in previous.inferred_removed).encode(), format=RdfFormat.N_QUADS))
    return (q for q in parse(cast(IO[bytes], data), format=RdfFormat.TRIG) if q not in removed)


class _Range:
    """A file's bytes offset..offset+length, read after `prefix` (for parsing one block of kg.trig)."""

    def __init__(self, file: IO[bytes], offset: int, length: int, prefix: bytes) -> None:
        self.file, self.left, self.prefix = file, length, prefix
        self.position = offset

    def read(self, size: int = -1) -> bytes:
        if self.prefix:
            chunk, self.prefix = self.prefix, b""
            return chunk
        if self.left <= 0:
            return b""
        size = self.left if size is None or size < 0 else min(size, self.left)
        self.file.seek(self.position)
        data = self.file.read(size)
        self.position += len(data)
        self.left -= len(data)
        return data


def _write_corpus_graphs(
    trig: TrigWriter, out: WrittenGraph, resolution: Resolution, inferred: ExternalSort | None, schema: Schema,
    old_inferred: Iterator[Quad] | None,
) -> None:
    from pyoxigraph import RdfFormat, parse

    from kg.rdf.inference import materialise
    from kg.rdf.quads import INFERRED_GRAPH, entity_quads
    from kg.rdf.reference import ontology_quads, reference_quads
    from kg.rdf.trig import sorted_quads

    out.shared = {text: n for text, n in out.shared.items() if n > 0}
    shared = list(parse("".join(f"{t} .\n" for t in sorted(out.shared)).encode(), format=RdfFormat.N_QUADS))
    corpus_quads = [*entity_quads(resolution), *shared]
    # A gazetteer link that an article also states is kept once, as the article's: the union of all
    # graphs would otherwise show it twice.
    stated = {(q.subject, q.predicate, q.object) for q in corpus_quads}
    corpus_quads.extend(q for q in reference_quads(resolution) if (q.subject, q.predicate, q.object) not in stated)
    tail = sorted_quads([*corpus_quads, *ontology_quads()])
    out.asserted += len(tail)
    # Graphs in order: entities, inferred, ontology, reference (the tail is sorted by graph already).
    before = [q for q in tail if str(q.graph_name) < f"<{INFERRED_GRAPH}>"]
    after = tail[len(before):]
    trig.block(before)
    if inferred is not None:
        implied = materialise(corpus_quads, schema=schema)
        out.global_inferred = [str(q) for q in implied]
        inferred.add(implied)
        start = trig.quads
        out.added.extend(implied)
        merged: Iterator[Quad] = inferred.merged()
        if old_inferred is not None:
            merged = _merge_few(old_inferred, list(merged))
        out.inferred_block = trig.block(merged)
        out.inferred = trig.quads - start
    trig.block(after)
    out.added.extend(tail)


def _merge_few(many: Iterator[Quad], few: list[Quad]) -> Iterator[Quad]:
    """Two sorted streams of one graph merged, the second short: most quads of the first are passed on
    after comparing their subjects alone (heapq.merge would make every quad's whole sort key)."""
    from kg.rdf.trig import sort_key

    i = 0
    for q in many:
        if i < len(few):
            subject = str(q.subject)
            while i < len(few) and str(few[i].subject) <= subject:
                if str(few[i].subject) == subject:
                    key, own = sort_key(few[i]), sort_key(q)
                    if key > own:
                        break
                    if key < own:
                        yield few[i]
                    # an equal quad is written once, as the first stream's
                else:
                    yield few[i]
                i += 1
        yield q
    yield from few[i:]
