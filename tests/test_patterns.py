"""Every pattern row's invented example yields what the row says (one test case per row)."""

from __future__ import annotations

import pytest

from kg.extract.nlp import parse
from kg.extract.patterns import Row, load, run
from kg.extract.patterns.tokens import pair_sides, phrase

PAIR_FILES = ("partnerships",)
SPEAKER_FILES = ("quotes",)


def _rows(name: str) -> list[tuple[str, Row]]:
    return [(name, row) for row in load(name)]


def _pairs(row: Row) -> set[frozenset[str]]:
    doc = parse(row.example)
    out: set[frozenset[str]] = set()
    for hit in run((row,), doc):
        for a, b in pair_sides(hit):
            out.add(frozenset((phrase(a) if a is not None else "(state government)", phrase(b))))
    return out


@pytest.mark.parametrize(("name", "row"), [r for n in PAIR_FILES for r in _rows(n)],
                         ids=lambda v: v.id if isinstance(v, Row) else v)
def test_pair_row_example(name: str, row: Row) -> None:
    assert _pairs(row) == {frozenset(p) for p in row.expect}


@pytest.mark.parametrize(("name", "row"), [r for n in SPEAKER_FILES for r in _rows(n)],
                         ids=lambda v: v.id if isinstance(v, Row) else v)
def test_speaker_row_example(name: str, row: Row) -> None:
    hits = run((row,), parse(row.example))
    assert [h.tokens[row.yields["speaker"]].text for h in hits] == list(row.expect)


def test_row_ids_unique_and_examples_present() -> None:
    for name in PAIR_FILES + SPEAKER_FILES:
        rows = load(name)
        assert rows and all(r.example and r.expect for r in rows)
