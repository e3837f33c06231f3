"""The gazetteers (places, product words, programmes) run as spaCy SpanRulers over the article's tokens;
the names found keep the gazetteer's boundaries (not inside a word or a hyphenated name, "X-based"
allowed)."""

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


def test_product_and_programme_rulers_come_from_the_data_files() -> None:
    from kg.extract.products import product_ruler
    from kg.extract.programmes import programme_ruler

    products = {(p["pattern"], p["id"]) for p in product_ruler().patterns}
    assert ("attar", "perfume") in products and ("brassware", "brassware") in products
    programmes = {(p["pattern"], p["id"]) for p in programme_ruler().patterns}
    assert ("ODOP", "One District One Product") in programmes


def test_vocabulary_words_in_any_case_but_not_inside_a_hyphenated_word() -> None:
    from extract_helpers import names, run

    ex = run(" date 2024-05-03 Title\n\nUnder ODOP, BRASSWARE and Attar sold well, unlike brass-ware.\n")
    assert names(ex, "Product") == {"brassware", "perfume"}
    assert names(ex, "Programme") == {"One District One Product"}
