"""The real-copy development set (tests/realcopy) is whole and its gold is scorable by `kg eval`."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from kg.evaluate import load_gold

SET = Path(__file__).resolve().parent / "realcopy"
ARTICLES = sorted((SET / "articles").glob("*.txt"))
GOLD = load_gold(SET / "gold")
KEYS = {"file", "date", "organizations", "people", "places", "products", "programmes", "partnerships", "quotes",
        "figures"}
UNITS = {"INR", "USD", "percent", "count", "year"}
PLACE_TYPES = {"district", "state", "city", "country"}


def _words(text: str) -> str:
    return " ".join(text.split())


def _districts() -> set[str]:
    with (SET.parents[1] / "kg" / "data" / "up_districts.csv").open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {name for row in rows for name in [row["district"], *filter(None, row["alt_names"].split("|"))]}


def test_every_article_has_exactly_one_gold_file() -> None:
    assert len(ARTICLES) == 12
    assert sorted(GOLD) == [a.name for a in ARTICLES]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_gold_has_the_dev_set_shape(article: Path) -> None:
    gold = GOLD[article.name]
    assert set(gold) == KEYS
    assert gold["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold["date"])
    assert all(p["type"] in PLACE_TYPES for p in gold["places"])
    assert all(f["unit"] in UNITS and isinstance(f["value"], int | float) for f in gold["figures"])
    assert all(len(pair) == 2 and pair[0] != pair[1] for pair in gold["partnerships"])


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_gold_names_what_the_article_prints(article: Path) -> None:
    """Quotes start where the gold says, and a ` date` line's date is the gold date."""
    text = _words(article.read_text(encoding="utf-8"))
    for quote in GOLD[article.name]["quotes"]:
        start = quote["text_start"]
        assert start in text, quote
        # Eight words, or fewer only when the quotation itself ends there.
        words = len(start.split())
        assert words == 8 or (words < 8 and text[text.index(start) + len(start)] in "\"\u201d'\u2019"), quote
    header = re.match(r" date (\d{4}-\d{2}-\d{2}) ", article.read_text(encoding="utf-8"))
    if header:
        assert GOLD[article.name]["date"] == header.group(1)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_products_sit_in_listed_uttar_pradesh_districts(article: Path) -> None:
    gold = GOLD[article.name]
    listed = {p["name"] for p in gold["places"] if p["type"] == "district"}
    for product in gold["products"]:
        if product["district"] is not None:
            assert product["district"] in _districts() and product["district"] in listed, product


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_articles_are_news_length(article: Path) -> None:
    assert 150 <= len(article.read_text(encoding="utf-8").split()) <= 600
