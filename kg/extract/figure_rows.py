"""Figures read by the pattern rows of `patterns/figures.toml` on spaCy's parse.

The rows add what `kg.extract.numbers` cannot read from the text alone; this module turns their matches
into `Quantity`s: counts and ranks (`count_rows`), and the ends of ranges that are in no amount, which
take the unit and scale of the amount at their other end (`range_ends`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from kg.extract.numbers import Quantity, numeral_value, tidy, word_number
from kg.extract.patterns import Hit, load, run, words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ROWS = "figures"
# Dependencies that join a noun to the noun it modifies ("point" -> "agenda" in "five-point agenda").
_MODIFIER_DEPS = {"compound", "amod", "nmod"}
_ORDINAL_DIGITS = re.compile(r"\d+(?:st|nd|rd|th)")


def figure_hits(parsed: Doc) -> list[Hit]:
    """Every match of the figure rows in a parsed article."""
    return run(load(ROWS), parsed)


def token_value(tok: Token) -> Decimal | None:
    """The number a token writes: "2,500", "4.5", "nine", "third" (3); None for anything else."""
    low = tok.lower_
    ordinals = words(ROWS)["ordinals"]
    if low in ordinals:
        return Decimal(ordinals.index(low) + 1)
    n = word_number(low)
    if n is not None:
        return Decimal(n)
    if _ORDINAL_DIGITS.fullmatch(low):
        return Decimal(low[:-2])
    try:
        return numeral_value(tok.text)
    except InvalidOperation:
        return None


def _phrase_end(noun: Token) -> Token:
    """The last token of the phrase a counted noun ends: its head when it only modifies it."""
    while noun.dep_ in _MODIFIER_DEPS and noun.head.i > noun.i:
        noun = noun.head
    return noun


def count_rows(text: str, hits: list[Hit], start: int, end: int) -> list[Quantity]:
    """The counts and ranks that rows found in text[start:end] (one per number token, the first row's);
    `text` is the parsed text (spaCy's `Doc.text` rebuilds it on every call)."""
    out: dict[int, Quantity] = {}
    for hit in hits:
        yields = hit.row.yields
        if "value" not in yields:
            continue
        number = hit.tokens[yields["value"]]
        value = token_value(number)
        if value is None or not start <= number.idx < end or number.idx in out or _not_a_count(number):
            continue
        out[number.idx] = _count(text, hit, number, value)
    return [out[k] for k in sorted(out)]


def _not_a_count(number: Token) -> bool:
    """A number in a proportion ("nine out of ten orders", "one in three pieces") or denied ("no two
    pieces")."""
    table = words(ROWS)
    before = number.nbor(-1) if number.i > 0 else None
    if before is None:
        return False
    if before.lower_ in table["denials"]:
        return True
    lead = before.nbor(-1) if before.i > 0 else None
    if lead is None:
        return False
    return (f"{lead.lower_} {before.lower_}" in table["proportion_leads"]
            or before.lower_ in table["proportion_after_number"] and token_value(lead) is not None)


def _count(text: str, hit: Hit, number: Token, value: Decimal) -> Quantity:
    row = hit.row
    noun = hit.tokens.get(row.yields.get("noun", ""))
    unit = row.options.get("unit") or (noun.lower_ + row.options.get("unit_suffix", "") if noun is not None else "")
    num_end = number.idx + len(number)
    after = number.nbor() if number.i + 1 < len(number.doc) else None
    if after is not None and after.text == "-" and not number.whitespace_:
        num_end = after.idx + 1  # "five-point agenda": the phrase after the number starts at "point"
    phrase_end = num_end
    if noun is not None and noun.i > number.i:
        last = _phrase_end(noun)
        phrase_end = last.idx + len(last)
    return Quantity(number.idx, num_end, text[number.idx:num_end], tidy(value), unit, "count", phrase_end,
                    phrase_end)


def range_ends(text: str, hits: list[Hit], quantities: list[Quantity]) -> list[Quantity]:
    """The end of each range that is in no quantity, with the unit and scale of the quantity the other end
    is in: "between 40 and 45 lakh pieces" gives 40 lakh pieces, "three or four layers" four layers."""
    out: list[Quantity] = []
    for hit in hits:
        if "low" not in hit.row.yields:
            continue
        low, high = hit.tokens[hit.row.yields["low"]], hit.tokens[hit.row.yields["high"]]
        taken = (*quantities, *out)
        low_in = next((q for q in taken if q.start <= low.idx < q.end), None)
        high_in = next((q for q in taken if q.start <= high.idx < q.end), None)
        if low_in is None and high_in is not None:
            out.extend(_other_end(text, low, high, high_in, before=True))
        elif high_in is None and low_in is not None:
            out.extend(_other_end(text, high, low, low_in, before=False))
    return out


def _other_end(text: str, number: Token, known: Token, whole: Quantity, before: bool) -> list[Quantity]:
    """The range end `number`, read with the scale and unit of `whole`, the quantity `known` is in. An end
    after a quantity ("three or four layers") only when that quantity is unscaled and counts a noun after it."""
    value, known_value = token_value(number), token_value(known)
    if not value or not known_value:
        return []
    scale = whole.value / known_value
    end = number.idx + len(number)
    if before:
        tail = whole.phrase_end if whole.kind == "count" else end
        noun_end = whole.noun_end if whole.kind == "count" else whole.end
        return [Quantity(number.idx, whole.end, text[number.idx:whole.end], tidy(value * scale), whole.unit,
                         whole.kind, noun_end, tail)]
    if whole.kind != "count" or scale != 1 or whole.noun_end <= end:
        return []
    return [Quantity(number.idx, end, number.text, tidy(value), whole.unit, "count", whole.noun_end,
                     whole.phrase_end)]
