"""Every row of kg/extract/patterns/product_links.toml: its invented example, run through the whole
extractor, ties the products it expects to their districts, and the row's own shape fits the example."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from extract_helpers import origins, run

from kg.extract.patterns import PATTERNS_DIR

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
