"""Every role row's invented example, run through the whole extractor, yields the roles the row expects."""

from __future__ import annotations

import pytest

from kg.documents import parse_document
from kg.extract import extract
from kg.extract.patterns import Row, load


def _roles(text: str) -> set[tuple[str, str, str]]:
    doc = parse_document(f" date 2024-05-03 Title\n\n{text}\n", "example.txt", "0" * 64)
    ex = extract(doc)
    names = {e.key: e.name for e in ex.entities}
    return {(names[r.person], r.title, names.get(r.organisation or "", "")) for r in ex.roles}


@pytest.mark.parametrize("row", load("roles"), ids=lambda r: r.id)
def test_role_row_example(row: Row) -> None:
    assert {tuple(e) for e in row.expect} <= _roles(row.example)


def test_role_rows_have_examples() -> None:
    rows = load("roles")
    assert rows and all(r.example and r.expect for r in rows)
