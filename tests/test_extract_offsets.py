"""The offsets invariant: every span an extraction claims is an exact slice of the document's text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DEV_ARTICLES, FIXTURES, SEEDS
from kg.documents import parse_document, read_document
from kg.errors import InputError
from kg.extract import extract


def _articles() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted((FIXTURES / "extract").glob("*.txt"))
    if DEV_ARTICLES.is_dir():
        paths += sorted(DEV_ARTICLES.glob("*.txt"))
    return paths


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.name)
def test_every_span_recovers_its_text(path: Path) -> None:
    doc = read_document(path, path.parent)
    ex = extract(doc)
    spans = ex.spans()
    assert spans, "nothing was extracted"
    for span in spans:
        assert 0 <= span.start <= span.end <= len(doc.text)
        assert doc.text[span.start:span.end] == span.text


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.name)
def test_every_fact_refers_to_an_entity_of_the_right_kind(path: Path) -> None:
    ex = extract(read_document(path, path.parent))
    kinds = {e.key: e.kind for e in ex.entities}
    assert len(kinds) == len(ex.entities), "entity keys are unique"
    for r in ex.roles:
        assert kinds[r.person] == "Person"
        assert r.organisation is None or kinds[r.organisation] not in ("Person", "Product", "Programme")
    for o in ex.origins:
        assert kinds[o.product] == "Product" and kinds[o.district] == "District"
    for p in ex.partnerships:
        assert p.organisations[0] != p.organisations[1]
        assert all(kinds[k] not in ("Person", "City", "District", "State", "Country") for k in p.organisations)
    for q in ex.quotations:
        assert q.speaker is None or kinds[q.speaker] == "Person"
    for c in ex.containments:
        assert kinds[c.container] == "District"
    for owner in ex.programme_owners:
        assert kinds[owner.programme] == "Programme"
    if ex.dateline_place:
        assert kinds[ex.dateline_place] == "City"
    if ex.agency:
        assert kinds[ex.agency] == "NewsAgency"


def test_extraction_is_deterministic() -> None:
    path = sorted(SEEDS.glob("*.txt"))[0]
    first = extract(read_document(path, path.parent))
    second = extract(read_document(path, path.parent))
    assert first == second


_WORDS = ["Lucknow", "Agra", "UP", "said", "the", "company", "Shri", "Dr", "Ram", "Kumar", "Verma", "Group",
          "Bank", "MoU", "with", "signed", "brassware", "from", "Moradabad", "\u201c", "\u201d", '"', "'", ",", ".",
          "(", ")", "ODOP", "scheme", "Rs", "5", "crore", "\n\n", "its", "CEO", "of", "and", "Ltd", "he", "she",
          "Samiti", "-based", "\u2019s", "district", "town", "in", "a", "Kanpur,", "Jan", "(IANS)", "--IANS"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=60))
def test_any_text_extracts_without_error_and_keeps_offsets(words: list[str]) -> None:
    text = " ".join(words)
    if not text.strip() or not any(c.isalnum() for c in text):
        return
    try:
        doc = parse_document(text, "x.txt", "0" * 64)
    except InputError:
        return
    for span in extract(doc).spans():
        assert doc.text[span.start:span.end] == span.text
