"""Amounts as Indian news writes them: lakh and crore, currencies, per cent, counted nouns, number words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.numbers import find_quantities, parse_amount, plain, word_number

D = Decimal


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Rs 2,400 crore", D("24000000000"), "INR"),
        ("Rs. 17.5 lakh", D("1750000"), "INR"),
        ("₹4,100 crore", D("41000000000"), "INR"),
        ("₹ 65 lakh", D("6500000"), "INR"),
        ("INR 35 lakh", D("3500000"), "INR"),
        ("Rs 3 lakh", D("300000"), "INR"),
        ("Rs 48,000", D("48000"), "INR"),
        ("Rs 1,20,000", D("120000"), "INR"),
        ("Rs 2.5 lakh crore", D("2500000000000"), "INR"),
        ("Rs 250-crore", D("2500000000"), "INR"),
        ("Rs250cr", D("2500000000"), "INR"),
        ("35 lakh rupees", D("3500000"), "INR"),
        ("four crore rupees", D("40000000"), "INR"),
        ("$7 million", D("7000000"), "USD"),
        ("US$ 2.3 billion", D("2300000000"), "USD"),
        ("US $ 40 million", D("40000000"), "USD"),
        ("USD 15 mn", D("15000000"), "USD"),
        ("64 per cent", D("64"), "percent"),
        ("8.5 percent", D("8.5"), "percent"),
        ("6.25%", D("6.25"), "percent"),
        ("3.5 lakh units", D("350000"), "units"),
        ("five crore", D("50000000"), "count"),
        ("six lakh", D("600000"), "count"),
        ("twenty-five lakh households", D("2500000"), "households"),
        ("over 65,000 weavers", D("65000"), "weavers"),
        ("nearly 900 women", D("900"), "women"),
        ("about 1.2 million people", D("1200000"), "people"),
    ],
)
def test_parse_amount(text: str, value: Decimal, unit: str) -> None:
    assert parse_amount(text) == (value, unit)


def test_parse_amount_rejects_text_without_a_number() -> None:
    assert parse_amount("a handful of traders") is None
    assert parse_amount("") is None


def test_word_numbers() -> None:
    assert word_number("seven") == 7
    assert word_number("Forty-two") == 42
    assert word_number("ninety nine") == 99
    assert word_number("a") == 1
    assert word_number("several") is None


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(q.text, plain(q.value), q.unit) for q in find_quantities(text)]


def test_counts_need_a_counted_noun() -> None:
    text = "The fair has 312 stalls and 45 food counters, and 18 of them opened late."
    assert _found(text) == [("312", "312", "stalls"), ("45", "45", "counters")]


def test_counts_skip_modifiers_and_coordinated_nouns() -> None:
    found = find_quantities("Some 2,600 registered handloom weavers and dyers attended.")
    assert [(plain(q.value), q.unit) for q in found] == [("2600", "weavers")]
    q = found[0]
    text = "Some 2,600 registered handloom weavers and dyers attended."
    assert text[q.start:q.noun_end] == "2,600 registered handloom weavers"
    assert text[q.start:q.phrase_end] == "2,600 registered handloom weavers and dyers"


def test_a_verb_after_and_is_not_a_second_noun() -> None:
    text = "A typical unit hires 14 carpenters and spends about 30 per cent on timber."
    q = find_quantities(text)[0]
    assert text[q.start:q.phrase_end] == "14 carpenters"


@pytest.mark.parametrize(
    "text",
    [
        "Hosts were all out for 243 on the third day.",  # a score
        "They were 188 for four at close of play, 37 behind.",  # scores
        "He finished with figures of three for 29.",
        "The bowler took six wickets in 21 overs.",  # spelled without scale; overs are not counted
        "Nine districts and twelve blocks took part.",  # spelled-out numbers without a scale word
        "The training lasts 45 days and the loan runs for 3 years.",  # durations
        "Some 500 students of Class 10 and 40 Section 8 companies.",  # labels: only the first is a count
        "In 2019 exports rose sharply.",  # a year, not 2019 exports
        "The COVID-19 wave and the G20 summit hit 24/7 markets.",
    ],
)
def test_numbers_that_are_not_counts(text: str) -> None:
    found = [q for q in find_quantities(text) if q.kind == "count"]
    if text.startswith("Some 500"):
        assert [(plain(q.value), q.unit) for q in found] == [("500", "students")]
    else:
        assert found == []


def test_part_of_a_whole_counts_the_noun() -> None:
    text = "Only 7 of the 30 kilns were lit."
    assert [(q.text, plain(q.value), q.unit) for q in find_quantities(text)] == [
        ("7", "7", "kilns"), ("30", "30", "kilns")]


def test_rough_counts_and_rupees_left_unsaid() -> None:
    text = "They sold 1,000-odd baskets, 5,000+ mats and goods worth 30 crore to 200-plus stalls; up 12 pc."
    assert _found(text) == [
        ("1,000", "1000", "baskets"), ("5,000", "5000", "mats"), ("30 crore", "300000000", "INR"),
        ("200", "200", "stalls"), ("12 pc", "12", "percent")]
    # A scaled number after "<noun> of" counts that noun, or is money when the noun is one of money.
    assert _found("a population of 24 crore") == [("24 crore", "240000000", "population")]
    assert _found("a turnover of nearly 45 crore") == [("45 crore", "450000000", "INR")]
    assert _found("a total of 2 million and a score of 176") == []


def test_money_is_not_read_again_as_a_count() -> None:
    found = find_quantities("They sold goods worth Rs 12 lakh, or 3,000 baskets, at 9 per cent margin.")
    assert [(q.kind, plain(q.value), q.unit) for q in found] == [
        ("money", "1200000", "INR"), ("count", "3000", "baskets"), ("percent", "9", "percent")]


def test_offsets_slice_the_text() -> None:
    text = "Exports touched ₹1,150 crore, up 22.5 per cent, from 4,000 units in FY23."
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        assert q.start < q.end <= q.noun_end <= max(q.phrase_end, q.noun_end)


# ------------------------------------------------------------------------------------------ properties

_INDIAN_SCALES = {"lakh": D(10) ** 5, "crore": D(10) ** 7, "million": D(10) ** 6, "billion": D(10) ** 9}
_RUPEE_SIGNS = ["Rs ", "Rs. ", "Rs", "₹", "₹ ", "INR "]
_DOLLAR_SIGNS = ["$", "US$ ", "US$", "USD "]


def _western(n: int) -> str:
    return f"{n:,}"


def _indian(n: int) -> str:
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *groups, tail])


amounts = st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2)


@given(amounts, st.sampled_from(sorted(_INDIAN_SCALES)), st.sampled_from(_RUPEE_SIGNS + _DOLLAR_SIGNS))
def test_scaled_money_round_trips(amount: Decimal, scale: str, sign: str) -> None:
    whole = int(amount)
    frac = plain(amount - whole)[1:] if amount != whole else ""  # ".5" or ""
    written = f"{sign}{_western(whole)}{frac} {scale}"
    value, unit = parse_amount(written) or (None, None)
    assert value == amount * _INDIAN_SCALES[scale]
    assert unit == ("USD" if sign in _DOLLAR_SIGNS else "INR")


@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(_RUPEE_SIGNS), st.booleans())
def test_grouped_rupees_round_trip(n: int, sign: str, indian: bool) -> None:
    written = sign + (_indian(n) if indian else _western(n))
    assert parse_amount(written) == (D(n), "INR")


@given(amounts, st.sampled_from([" per cent", " percent", "%", " pct"]))
def test_percentages_round_trip(amount: Decimal, suffix: str) -> None:
    written = f"{plain(amount)}{suffix}"
    assert parse_amount(written) == (amount.normalize(), "percent")


@given(
    st.sampled_from(["two", "three", "seven", "twelve", "forty", "sixty-five"]),
    st.sampled_from(sorted(_INDIAN_SCALES)),
    st.sampled_from(["artisans", "units", "looms", "farmers"]),
)
def test_number_words_with_a_scale_are_counts(word: str, scale: str, noun: str) -> None:
    value, unit = parse_amount(f"{word} {scale} {noun}") or (None, None)
    assert value == D(word_number(word) or 0) * _INDIAN_SCALES[scale]
    assert unit == noun


@given(st.decimals(min_value=D("0"), max_value=D("1e15"), places=3))
def test_plain_is_exact_and_has_no_exponent(value: Decimal) -> None:
    text = plain(value)
    assert "E" not in text and "e" not in text
    assert D(text) == value
    assert not (("." in text) and text.endswith("0"))
