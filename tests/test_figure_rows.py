"""Every figure row's invented example yields what the row says, alone and through the whole figure
extractor; and the shapes the rows must leave alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.documents import parse_document
from kg.extract.figure_rows import count_rows, figure_hits, range_ends
from kg.extract.figures import extract_figures
from kg.extract.model import Extraction
from kg.extract.nlp import parse
from kg.extract.numbers import find_quantities
from kg.extract.patterns import Row, load, run

ROWS = load("figures")


def _row_yield(row: Row) -> list[list[object]]:
    doc = parse(row.example)
    hits = run((row,), doc)
    if "low" in row.yields:  # the end in no amount takes the unit of the amount read at the other end
        quantities = find_quantities(row.example) + count_rows(row.example, figure_hits(doc), 0, len(row.example))
        found = range_ends(row.example, hits, quantities)
    else:
        found = count_rows(row.example, hits, 0, len(row.example))
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


def test_a_scaled_number_without_unit_takes_the_unit_of_the_scaled_amount_before_it() -> None:
    got = _figures("Sales were worth Rs 96 crore this year, up from 61 crore a year earlier.")
    assert ("610000000", "INR") in got
    got = _figures("In all, 47 lakh candidates registered for class 10 and 25.5 lakh for class 12.")
    assert ("2550000", "candidates") in got


def test_a_scaled_number_with_nothing_before_it_stays_out() -> None:
    assert _figures("Attendance at the fair touched 2 lakh on Sunday.") == []


def test_the_part_of_a_count_counts_the_same_noun() -> None:
    got = _figures("At the camp, 31 of 40 samples passed the test.")
    assert ("31", "samples") in got and ("40", "samples") in got


def test_a_range_of_money_with_one_scale_word_gives_both_ends() -> None:
    assert _figures("Each loan is of Rs 5-7 lakh.") == [("500000", "INR"), ("700000", "INR")]
    assert _figures("Each unit earns Rs 5 to Rs 7 lakh a year.") == [("500000", "INR"), ("700000", "INR")]
