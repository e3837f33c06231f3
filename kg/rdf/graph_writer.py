"""Writing a build's kg.trig article by article, in kg's one order, holding no more than one article.

The order is the one a global sort by (graph, subject, predicate, object) gives: article graphs come first
(their IRIs sort before the corpus graphs), each sorted on its own; then the corpus graphs (entities,
inferred, ontology, reference). What an article implies through the ontology is inferred from that
article alone (every triple of an article's graph names one of its own nodes, so nothing outside it can
add to or repeat those inferences); those inferred triples are sorted on disk, and merged with what the
corpus graphs imply into the inferred graph.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

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
    """What was written: quad counts, and where each article's block is in kg.trig."""

    asserted: int = 0
    inferred: int = 0
    quads: int = 0
    # article id -> (offset, length, quads) of its block in kg.trig
    blocks: dict[str, tuple[int, int, int]] = field(default_factory=dict)


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
) -> WrittenGraph:
    """Write `folder/kg.trig`: every article (each read with `load` when its turn comes), then the corpus
    graphs."""
    from pyoxigraph import NamedNode

    from kg.rdf.inference import Schema, inference_input, materialise
    from kg.rdf.quads import ENTITIES_GRAPH, document_quads
    from kg.rdf.reference import ontology_quads
    from kg.rdf.trig import ExternalSort, TrigWriter, sorted_quads

    corpus = NamedNode(ENTITIES_GRAPH)
    ontology = ontology_quads()
    schema = Schema(ontology)
    shared: dict[str, Quad] = {}
    inferred = ExternalSort(folder)
    out = WrittenGraph()
    trig = TrigWriter(folder / GRAPH_FILE)
    by_id = {a.id: a for a in articles}
    try:
        for doc_id in article_order(list(by_id)):
            doc, ex = load(by_id[doc_id])
            own: list[Quad] = []
            for q in document_quads(doc, ex, resolution.for_document(ex)):
                if q.graph_name == corpus:
                    shared.setdefault(str(q), q)
                else:
                    own.append(q)
            ordered = sorted_quads(own)
            offset, length = trig.block(ordered)
            out.blocks[doc_id] = (offset, length, len(ordered))
            out.asserted += len(ordered)
            if infer:
                inferred.add(materialise(inference_input(ordered), schema=schema))
        _write_corpus_graphs(trig, out, list(shared.values()), resolution, inferred if infer else None, schema)
    finally:
        trig.close()
    out.quads = trig.quads
    return out


def _write_corpus_graphs(
    trig: TrigWriter, out: WrittenGraph, shared: list[Quad], resolution: Resolution,
    inferred: ExternalSort | None, schema: Schema,
) -> None:
    from kg.rdf.inference import materialise
    from kg.rdf.quads import INFERRED_GRAPH, entity_quads
    from kg.rdf.reference import ontology_quads, reference_quads
    from kg.rdf.trig import sorted_quads

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
        inferred.add(materialise(corpus_quads, schema=schema))
        start = trig.quads
        trig.block(inferred.merged())
        out.inferred = trig.quads - start
    trig.block(after)
