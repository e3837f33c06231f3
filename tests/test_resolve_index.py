"""The entity index: resolution from counts that can be added and taken away one article at a time."""

from __future__ import annotations

from pathlib import Path

from kg.build import read_documents
from kg.extract import extract
from kg.resolve import EntityIndex, resolve

HELDOUT = Path(__file__).resolve().parent / "heldout" / "articles"


def test_index_gives_the_same_resolution_in_any_order_and_after_removals() -> None:
    extractions = [extract(d) for d in read_documents(HELDOUT)]
    assert len(extractions) >= 4
    whole = resolve(extractions)

    backwards = EntityIndex()
    for ex in reversed(extractions):
        backwards.add(ex)
    assert backwards.resolve().entities == whole.entities

    # Removing two articles leaves what resolving the others gives, labels and kinds included.
    index = EntityIndex()
    for ex in extractions:
        index.add(ex)
    for ex in extractions[:2]:
        index.remove(ex)
    rest = resolve(extractions[2:])
    assert index.resolve().entities == rest.entities
    assert index.resolve().iri_of_key == rest.iri_of_key
    assert len(rest.entities) < len(whole.entities)


def test_each_document_binds_its_own_keys() -> None:
    extractions = [extract(d) for d in read_documents(HELDOUT)]
    res = resolve(extractions)
    one = res.for_document(extractions[0])
    assert {doc for doc, _key in one.iri_of} == {extractions[0].doc_id}
    for (doc_id, key), iri in one.iri_of.items():
        assert res.iri(doc_id, key) == iri and iri in res.entities
