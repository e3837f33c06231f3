"""Every figure row's invented example yields what the row says, alone and through the whole figure
extractor; and the shapes the rows must leave alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.documents import parse_document
from kg.extract.figure_rows import count_rows, figure_hits, range_lows
from kg.extract.figures import extract_figures
from kg.extract.model import Extraction
from kg.extract.nlp import parse
from kg.extract.numbers import find_quantities
from kg.extract.patterns import Row, load, run

ROWS = load("figures")


def _row_yield(row: Row) -> list[list[object]]:
    doc = parse(row.example)
    hits = run((row,), doc)
    if "low" in row.yields:  # the low end takes the unit of the amount read at the high end
        quantities = find_quantities(row.example) + count_rows(figure_hits(doc), 0, len(row.example))
        found = range_lows(hits, quantities)
    else:
        found = count_rows(hits, 0, len(row.example))
    return [[q.value, q.unit] for q in found]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_figure_row_example(row: Row) -> None:
    assert _row_yield(row) == [[Decimal(v), u] for v, u in row.expect]


def _figures(body: str) -> list[tuple[str, str]]:
    doc = parse_document(f" date 2024-01-10 Invented\n\n{body}\n", "invented.txt", "0" * 64)
    return [(f.value, f.unit) for f in extract_figures(doc, Extraction(doc.id))]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_figure_row_example_through_the_extractor(row: Row) -> None:
    got = _figures(row.example)
    for value, unit in row.expect:
        assert (str(value), unit) in got


@pytest.mark.parametrize("body", [
    "Nine out of ten buyers came from within India.",
    "One in three saris sold in the market is made on a machine.",
    "No two baskets are alike, she said.",
    "Two thirds of the weavers are women.",
    "The family has made pots for five generations.",
    "Temperatures may rise by 2 to 3 degrees this week.",
    "The fair will run for four days in the town.",
])
def test_what_the_rows_leave_alone(body: str) -> None:
    assert [u for _, u in _figures(body) if u != "percent"] == []


def test_a_range_gives_both_ends_with_the_scale_of_the_high_end() -> None:
    got = _figures("The unit expects to ship between 40 and 45 lakh pieces this year.")
    assert ("4000000", "pieces") in got and ("4500000", "pieces") in got


def test_spelled_count_keeps_its_phrase_as_the_measure() -> None:
    doc = parse_document(" date 2024-01-10 Invented\n\nThe firm will open three more training hubs in the state.\n",
                         "invented.txt", "0" * 64)
    (figure,) = extract_figures(doc, Extraction(doc.id))
    assert (figure.value, figure.unit, figure.measure) == ("3", "hubs", "more training hubs")
    assert figure.evidence.text == "three more training hubs"
