"""The question library on the seed article: the answers a careful reader of seeds/ gives.

These rows depend on the extractor; the exact behaviour of every query is pinned on an invented graph in
tests/test_query_library.py. Here each expected answer is matched loosely where the wording may vary
(for example "Flipkart" or "Flipkart Group", "Kanpur" or "Kanpur Nagar").
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from kg.query import SelectResult, find_query, plain, run_query
from kg.query.bindings import parse_bindings


def rows(kg_dir: Path, name: str, *binds: str) -> list[tuple[str, ...]]:
    path = find_query(name)
    assert path is not None
    result = run_query(kg_dir, path.read_text(encoding="utf-8"), parse_bindings(binds))
    assert isinstance(result, SelectResult)
    return [tuple(plain(term) for term in row) for row in result.rows]


def has_row(found: list[tuple[str, ...]], *patterns: str) -> bool:
    """A row whose cells match the regular expressions (case-insensitive, whole cell)."""
    return any(
        all(re.fullmatch(p, cell, re.IGNORECASE) for p, cell in zip(patterns, row, strict=False)) for row in found
    )


FLIPKART = r"Flipkart( Group)?"
UP_GOVERNMENT = r"(the )?(Uttar Pradesh|UP|state) government"


def test_products_and_their_districts(seed_kg: Path) -> None:
    found = rows(seed_kg, "products")
    for product, district in [
        (r"leather( products)?", "Agra"),
        (r"aluminium utensils", r"Kanpur( Nagar)?"),
        (r"chikankari( work)?", "Lucknow"),
        (r"zari[- ]zardozi( work)?", "Lucknow"),
        (r"(wooden )?(lacquerware|toys)( and toys)?", "Varanasi"),
        (r"wheat stalk crafts?", "Bahraich"),
        (r"terracotta( pottery)?", "Gorakhpur"),
        (r"wood[- ]carv(ed crafts|ing)", "Saharanpur"),
    ]:
        assert has_row(found, product, district), (product, district, found)


def test_partnership_of_flipkart_and_the_state_government(seed_kg: Path) -> None:
    found = rows(seed_kg, "partnerships")
    assert has_row(found, FLIPKART, UP_GOVERNMENT) or has_row(found, UP_GOVERNMENT, FLIPKART), found


def test_people_and_their_roles(seed_kg: Path) -> None:
    found = rows(seed_kg, "people")
    assert has_row(found, "Rajneesh Kumar", "Chief Corporate Affairs Officer", FLIPKART), found
    assert has_row(found, "Navneet Sehgal", r"Additional Chief Secretary(, MSME)?", r".*"), found
    assert has_row(found, "Yogi Adityanath", "Chief Minister", r".*"), found
    assert len({row[0] for row in found}) == 3, found


def test_figures(seed_kg: Path) -> None:
    found = rows(seed_kg, "figures")
    values = {(Decimal(value), unit) for _, value, unit, _ in found}
    assert (Decimal(52), "percent") in values, found
    assert (Decimal(10_000_000_000), "INR") in values, found  # Rs 1,000 crore
    assert (Decimal(20_000_000), "products") in values, found  # two crore products
    money = [row for row in found if row[2] == "INR"]
    assert re.search(r"April 2020.*October 2021", money[0][3]), money


def test_organisations(seed_kg: Path) -> None:
    found = rows(seed_kg, "organisations")
    assert has_row(found, FLIPKART, "company"), found
    assert has_row(found, UP_GOVERNMENT, "government body"), found
    assert has_row(found, "IANS", "news agency"), found


def test_places(seed_kg: Path) -> None:
    found = rows(seed_kg, "places")
    assert has_row(found, "Uttar Pradesh", "state"), found
    assert has_row(found, "India", "country"), found
    for district in ("Agra", r"Kanpur( Nagar)?", "Lucknow", "Varanasi", "Bahraich", "Gorakhpur", "Saharanpur"):
        assert has_row(found, district, "district"), (district, found)


def test_programmes(seed_kg: Path) -> None:
    assert has_row(rows(seed_kg, "programmes"), r"One District One Product( \(ODOP\))?")


def test_quotes(seed_kg: Path) -> None:
    found = rows(seed_kg, "quotes")
    assert has_row(found, "Rajneesh Kumar", r"We are delighted to see the growth .*local businesses in India\.?")
    assert has_row(found, "Navneet Sehgal", r"The demand for ODOP products is showing a northward trend .*")


def test_sources_of_flipkart(seed_kg: Path) -> None:
    found = rows(seed_kg, "sources", "entity=Flipkart")
    sentences = [row[1] for row in found]
    assert any(s.startswith("Flipkart and Uttar Pradesh government joined hands in 2021") for s in sentences), found
    assert {row[0] for row in found} == {"ODOP items in UP witness 52% quarterly growth"}
