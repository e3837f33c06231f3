"""The gazetteer runs as a spaCy SpanRuler over the article's tokens; the names it finds keep the
gazetteer's boundaries (not inside a word or a hyphenated name, "X-based" allowed)."""

from __future__ import annotations

from kg.documents import parse_document
from kg.extract.context import Context
from kg.extract.gazetteer import find_place_hits, place_ruler


def _hits(sentence: str) -> list[tuple[str, str, str]]:
    ctx = Context(parse_document(f" date 2024-05-03 Title\n\n{sentence}\n", "x.txt", "0" * 64))
    find_place_hits(ctx)
    return [(h.surface, h.name, h.kind) for h in ctx.place_hits]


def test_ruler_patterns_come_from_the_data_files() -> None:
    patterns = {(p["pattern"], p["label"], p["id"]) for p in place_ruler().patterns}
    assert ("Bhadohi", "UPDistrict", "Sant Ravidas Nagar") in patterns
    assert ("Rajasthan", "State", "Rajasthan") in patterns
    assert ("Khurja", "Town", "Khurja") in patterns


def test_names_with_their_canonical_names_and_kinds() -> None:
    assert _hits("Traders from Bhadohi and Agra met in U.P. and in Rajasthan.") == [
        ("Bhadohi", "Sant Ravidas Nagar", "UPDistrict"), ("Agra", "Agra", "UPDistrict"),
        ("U.P.", "Uttar Pradesh", "State"), ("Rajasthan", "Rajasthan", "State")]


def test_boundaries_of_a_name() -> None:
    assert _hits("UPI payments on the Agra-Lucknow road reached Agra-based firms.") == [
        ("Agra", "Agra", "UPDistrict")]
    assert [h[0] for h in _hits("Then Agra-based sellers came.")] == ["Agra"]


def test_a_name_inside_a_token_with_punctuation() -> None:
    assert ("Rajasthan", "Rajasthan", "State") in _hits("A Pratapgarh (Rajasthan)-based trader came.")
