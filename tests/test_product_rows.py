"""Every row of kg/extract/patterns/product_links.toml: its invented example, run through the whole
extractor, ties the products it expects to their districts, and the row's own shape fits the example."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from extract_helpers import origins, run

from kg.extract.patterns import PATTERNS_DIR, Row, load

ROWS: list[dict[str, Any]] = tomllib.loads((PATTERNS_DIR / "product_links.toml").read_text(encoding="utf-8"))["rows"]


def _article(sentence: str) -> str:
    return f" date 2024-05-03 Title\n\n{sentence}\n"


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["id"])
def test_product_link_row_example(row: dict[str, Any]) -> None:
    found = origins(run(_article(row["example"])))
    assert {(p, d) for p, d in row["expect"]} <= found


@pytest.mark.parametrize("row", [r for r in ROWS if "between" in r], ids=lambda r: r["id"])
def test_product_link_row_shape_fits_its_example(row: dict[str, Any]) -> None:
    """The row's own `between` matches the words between its first expected product and district."""
    from kg.extract.products import _shapes

    shape = next(s for s in _shapes() if s.id == row["id"])
    assert shape.between is not None
    text = _article(row["example"])
    ex = run(text)
    product, district = row["expect"][0]
    origin = next(o for o in ex.origins
                  if ex.entity(o.product).name == product and ex.entity(o.district).name == district)
    ev = origin.evidence
    p_span = next(m for m in ex.entity(origin.product).mentions if ev.start <= m.start < ev.end)
    d_span = next(m for m in ex.entity(origin.district).mentions if ev.start <= m.start < ev.end)
    between = text[p_span.end:d_span.start] if shape.product_first else text[d_span.end:p_span.start]
    assert shape.between.match(between), (row["id"], between)


def test_rows_unique_with_examples() -> None:
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids))
    assert all(r["example"] and r["expect"] and r["order"] in ("product-first", "district-first") for r in ROWS)


@pytest.mark.parametrize("row", load("products"), ids=lambda r: r.id)
def test_product_token_row_example(row: Row) -> None:
    """The token rows of patterns/products.toml: the example's list items, in their surface form, are
    tied to their districts."""
    assert {(p, d) for p, d in row.expect} <= origins(run(_article(row.example)))


def test_list_items_that_are_people_or_stalls_are_not_products() -> None:
    found = origins(run(_article("Under ODOP, visitors from Agra, stalls from Mau and officials from Lucknow "
                                 "bought brassware from Moradabad.")))
    assert found == {("brassware", "Moradabad")}


def test_a_list_without_a_known_product_gives_no_product() -> None:
    found = origins(run(_article("Under ODOP, teachers from Agra and pupils from Mau met mentors from Kanpur.")))
    assert found == set()


def test_a_bracketed_product_is_shared_by_the_districts_listed_before_it() -> None:
    found = origins(run(_article("The ODOP products of Varanasi (silk sarees), Meerut and Saharanpur "
                                 "(wooden products) were shown.")))
    assert {("wooden products", "Meerut"), ("wooden products", "Saharanpur"), ("silk sarees", "Varanasi")} <= found


def test_product_of_district_named_with_the_word_district_first() -> None:
    found = origins(run(_article("Under ODOP, the aluminium utensils which is selected product of district "
                                 "Kanpur Dehat got loans.")))
    assert found == {("aluminium utensils", "Kanpur Dehat")}


def test_a_district_list_continues_past_a_comma_before_the_next_item() -> None:
    found = origins(run(_article("Under ODOP, the partners buy jaggery from Muzaffarnagar and Ayodhya, hing "
                                 "from Hathras and perfume from Kannauj.")))
    assert {("jaggery", "Muzaffarnagar"), ("jaggery", "Ayodhya"), ("hing", "Hathras")} <= found


def test_makers_after_a_listed_item_are_not_part_of_the_product() -> None:
    found = origins(run(_article("Under ODOP, loans reached brassware units of Moradabad, pickle units of "
                                 "Pratapgarh and weavers of Mau.")))
    assert found == {("brassware", "Moradabad"), ("pickle", "Pratapgarh")}
