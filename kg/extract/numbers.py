"""Amounts in text: money, percentages and counted nouns, with normalised `Decimal` values.

`find_quantities` scans a stretch of text; `parse_amount` reads one expression. Units are currency codes
("INR", "USD"), "percent", or for a count the counted noun in lowercase. Number words, multipliers,
currencies and the word lists are in `kg/data/figure_words.toml`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kg.extract.patterns import words
from kg.paths import DATA_DIR

# ------------------------------------------------------------------------------------------ vocabulary


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(words.split())


# Number words, multipliers, currencies and word lists: kg/data/figure_words.toml.
WORDS: dict[str, Any] = tomllib.loads((DATA_DIR / "figure_words.toml").read_text(encoding="utf-8"))


def word_table(name: str) -> frozenset[str]:
    """A word list of kg/data/figure_words.toml."""
    return frozenset(WORDS[name])


SMALL_NUMBERS = dict(WORDS["small_numbers"])
TENS = dict(WORDS["tens"])

# Scale words and what they multiply by. "lakh crore" (1e12) is read as two scale words.
_SCALE_VALUES = {word: Decimal(10) ** power for word, power in WORDS["scales"].items()}

_CURRENCY_BEFORE = dict(WORDS["currency_before"])
_CURRENCY_AFTER = dict(WORDS["currency_after"])

# Counted nouns that are really durations, scores or multipliers: such numbers are not counts.
NOT_COUNTED = frozenset(words("figures")["not_counted"])
# Plural nouns without a final "s".
IRREGULAR_PLURALS = word_table("irregular_plurals")
# Units of measure that are counted in their singular abbreviation ("500 MW", "12 km").
MEASURE_UNITS = word_table("measure_units")
# Words ending in "s" that are not plural nouns.
_NOT_PLURAL = word_table("not_plural")
# Function words: the words that can stand between a number and a noun stop at none of these.
STOP_WORDS = word_table("stop_words")

# ------------------------------------------------------------------------------------------ patterns

_NUMERAL = r"(?:\d{1,3}(?:,\d{2,3})+(?!\d)|\d+)(?:\.\d+)?"
_UNIT_WORDS = "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True))
_TENS_WORDS = "|".join(TENS)
_WORD_NUMBER = rf"(?:(?:{_TENS_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS})"
_SCALE = r"(?:lakhs?|lacs?|crores?|cr\b\.?|million|mn\b|billion|bn\b|trillion|thousand|hundred)"
_SCALES = rf"(?:{_SCALE}(?:[ ]{_SCALE})?)"
_QTY = rf"(?P<num>{_NUMERAL})(?:[ \-]?(?P<scale>{_SCALES}))?"
_WQTY = rf"(?P<word>{_WORD_NUMBER})[ \-](?P<wscale>{_SCALES})"
_CUR = r"(?P<cur>Rs\.?|RS\.?|Re\.?|INR|₹|US\s?\$|USD|\$|€|EUR|£|GBP|[Rr]upees)"
_CUR_AFTER = r"(?P<after>rupees|US dollars|dollars|euros|pounds sterling)"

# Money: a currency before the number ("Rs 2,400 crore", "$7 million") or after it ("35 lakh rupees").
_MONEY = re.compile(
    rf"(?<![\w$₹€£]){_CUR}[ \u00a0]?(?:{_QTY}|{_WQTY})(?:[ ]{_CUR_AFTER})?(?![\w])"
    rf"|(?<![\w.,\-])(?:{_QTY.replace('?P<num>', '?P<num2>').replace('?P<scale>', '?P<scale2>')}"
    rf"|{_WQTY.replace('?P<word>', '?P<word2>').replace('?P<wscale>', '?P<wscale2>')})"
    rf"[ ]{_CUR_AFTER.replace('?P<after>', '?P<after2>')}\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    rf"(?<![\w.,\-/])(?P<num>{_NUMERAL})[ \u00a0]?(?:%|per[ ]?cent\b|pct\b|pc\b(?!-))",
    re.IGNORECASE,
)
# A number that may count something: digits (maybe with a scale word) or a number word with a scale word.
_COUNT = re.compile(
    rf"(?<![\w.,\-/$₹€£]){_QTY}(?![\w%/]|[.,]\d)"
    rf"|(?<![\w\-]){_WQTY}\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[ ]+(?P<w>[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z])")
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
# Words before a number that make it a label or a rank ("Class 10", "Section 3", "top 10"), not a count.
_LABEL_WORDS = word_table("label_words")
# Label words that are also verbs: before a counted noun they are the verb ("train 300 technicians").
_VERB_LABELS = word_table("verb_labels")
# Before a year-like number these make it a year, not a count ("in 2019 exports rose").
_YEAR_LEAD = word_table("year_lead")


# Cheap tests that let a sentence without digits or scale words skip the patterns.
_DIGIT = re.compile(r"\d")
_SCALE_WORD = re.compile(r"lakh|lac|crore|million|billion|thousand|hundred|trillion", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number read from text: offsets into the scanned text, normalised value and unit.

    `kind` is "money", "percent" or "count". For a count, `noun_end` is where the counted noun ends
    (the noun is `unit`) and `phrase_end` where a coordinated noun phrase ends; otherwise both are `end`.
    """

    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    kind: str
    noun_end: int
    phrase_end: int = -1  # for a count: end of the whole noun phrase ("weavers and dyers")


# ------------------------------------------------------------------------------------------ values


def plain(value: Decimal) -> str:
    """A decimal written without exponent or trailing zeros: Decimal("4.5E+9") -> "4500000000"."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def tidy(value: Decimal) -> Decimal:
    """Drop a spurious fraction: 1250000.0 -> 1250000 (12.5 stays 12.5)."""
    whole = value.to_integral_value()
    return whole if value == whole else value.normalize()


def word_number(text: str) -> int | None:
    """"two" -> 2, "twenty-five" -> 25, "a" -> 1; None for anything else."""
    words = re.split(r"[- ]+", text.strip().lower())
    if len(words) == 1:
        w = words[0]
        return SMALL_NUMBERS.get(w, TENS.get(w))
    if len(words) == 2 and words[0] in TENS and words[1] in SMALL_NUMBERS and words[1] not in ("a", "an"):
        return TENS[words[0]] + SMALL_NUMBERS[words[1]]
    return None


def scale_value(text: str | None) -> Decimal:
    """The multiplier of one or two scale words ("crore" -> 1e7, "lakh crore" -> 1e12); 1 for None."""
    if not text:
        return Decimal(1)
    value = Decimal(1)
    for w in re.split(r"[ \-]+", text.strip().lower()):
        value *= _SCALE_VALUES[w.rstrip(".")]
    return value


def numeral_value(text: str) -> Decimal:
    """"1,000" -> 1000, "12.5" -> 12.5 (Indian "1,00,000" grouping too)."""
    return Decimal(text.replace(",", ""))


def _currency(text: str) -> str:
    key = re.sub(r"\s+", " ", text.strip().lower())
    return _CURRENCY_BEFORE.get(key) or _CURRENCY_AFTER.get(key) or "INR"


def _is_plural(word: str) -> bool:
    w = word.lower()
    if w in IRREGULAR_PLURALS:
        return True
    if w in _NOT_PLURAL or w in STOP_WORDS or len(w) < 3:
        return False
    if w.endswith("is"):
        # "saris", "dhotis", "kurtis" (Hindi nouns in -i) are plurals; "analysis", "tennis" are not.
        return not w.endswith("sis") and len(w) > 4 and w not in _SINGULAR_IS
    if w.endswith(("ss", "ous", "us")):
        return False
    return w.endswith("s")


_SINGULAR_IS = word_table("singular_is")


_PART_OF = re.compile(
    rf"[ ]+of[ ]+(?:(?:the|its|their|these|those|(?:the[ ]+)?[\w-]+['\u2019]s)[ ]+)?(?:{_NUMERAL})"
    rf"(?:[ \-]{_SCALES})?(?=[ ])", re.IGNORECASE
)


# "1,000-odd baskets", "5,000+ units", "200-plus stalls"
_ROUGHLY = re.compile(r"\+|[ \-]odd\b|-plus\b")


@dataclass(frozen=True)
class _Noun:
    unit: str  # the head noun, lowercase
    end: int  # end offset of the head noun
    phrase_end: int  # end of the phrase, past a coordinated noun after "and" (`pos` for "3 of the 20 looms")


def counted_noun(text: str, pos: int, endpos: int | None = None) -> _Noun | None:
    """The noun that a number ending at `pos` counts ("2,600 weavers and dyers" -> "weavers").

    Up to three modifiers may stand between the number and a plural noun ("350 registered handloom
    weavers", "1,700 MSME units"). A function word, punctuation or a duration ends the search.
    """
    end = len(text) if endpos is None else endpos
    part = _PART_OF.match(text, pos, end)
    if part:  # "3 of the 20 looms" counts looms
        noun = counted_noun(text, part.end(), end)
        return _Noun(noun.unit, noun.end, pos) if noun else None
    odd = _ROUGHLY.match(text, pos, end)
    cursor = odd.end() if odd else pos
    for i in range(5):
        m = _WORD.match(text, cursor, end)
        if not m:
            return None
        word = m.group("w")
        low = word.lower()
        if low in ("and", "or") and 0 < i < 3:
            cursor = m.end()  # "310 registered khandsari and gur units": modifiers joined by "and"
            continue
        if low in STOP_WORDS:
            return None
        if low in NOT_COUNTED or low.split("-")[-1] in NOT_COUNTED:
            return None
        if i == 0 and low in MEASURE_UNITS:
            return _Noun(low, m.end(), m.end())
        if _is_plural(word):
            return _Noun(low, m.end(), _coordinated_end(text, m.end(), end))
        if low.endswith(("ing", "ed")) and not word[0].isupper() and i > 0:
            return None  # a verb ("spectators turned up" is fine; "243 batting" is not a noun phrase)
        cursor = m.end()
    return None


_AUXILIARIES = word_table("auxiliaries")
_OBJECT_STARTS = word_table("object_starts")


def _coordinated_end(text: str, pos: int, end: int) -> int:
    """After "weavers", extend over "and dyers" when a second plural noun follows."""
    m = re.compile(r"[ ]+(?:and|or)").match(text, pos, end)
    if not m:
        return pos
    cursor = m.end()
    for _ in range(3):
        w = _WORD.match(text, cursor, end)
        if not w or w.group("w").lower() in STOP_WORDS:
            return pos
        if _is_plural(w.group("w")):
            after = _WORD.match(text, w.end(), end)
            if after and after.group("w").lower() in _OBJECT_STARTS or re.match(r"[ ]+[\d$₹]", text[w.end():end]):
                return pos  # "14 carpenters and spends about 30 per cent": a verb, not a second noun
            if after and after.group("w").lower() in _AUXILIARIES:
                return pos  # "25 lakh jobs and exports have grown": a new clause
            if re.match(r"[ ]+(?:of|worth)[ ]+(?:[\d$₹]|Rs|INR|US)", text[w.end():end]):
                return pos  # "toolkits to 5,000 artisans and loans of Rs 110 crore": the loans are money
            return w.end()
        cursor = w.end()
    return pos


# ------------------------------------------------------------------------------------------ scanning


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Money, percentages and counted nouns in text[start:end], in text order, not overlapping.

    Spelled-out numbers count only with a scale word ("three crore saplings", not "seven districts").
    Numbers that label something ("Class 10"), years, scores and durations are not counts.
    """
    stop = len(text) if end is None else end
    has_digit = _DIGIT.search(text, start, stop) is not None
    if not has_digit and _SCALE_WORD.search(text, start, stop) is None:
        return []
    found = _money(text, start, stop)
    if has_digit:
        found += _free_of(_percentages(text, start, stop), found)
    found += _free_of((q for m in _COUNT.finditer(text, start, stop) if (q := _count(text, start, stop, m))), found)
    found.sort(key=lambda q: q.start)
    return found


def _free_of(new: Iterable[Quantity], taken: list[Quantity]) -> list[Quantity]:
    """The quantities of `new` that overlap none already taken nor one another (earlier ones win)."""
    out: list[Quantity] = []
    for q in new:
        if all(q.end <= t.start or q.start >= t.end for t in (*taken, *out)):
            out.append(q)
    return out


def _scaled(num: str | None, scale: str | None, word: str | None, wscale: str | None) -> Decimal | None:
    """The value of digits with a scale word, or of a number word with one; None for an unknown word."""
    if num is not None:
        return numeral_value(num) * scale_value(scale)
    n = word_number(word or "")
    return None if n is None else Decimal(n) * scale_value(wscale)


# A range of money with one scale word, at its high end: "Rs 5-7 lakh", "Rs 5 to Rs 7 lakh".
_MONEY_RANGE = re.compile(
    rf"(?<![\w$₹€£]){_CUR}[ \u00a0]?(?P<low>{_NUMERAL})(?:[ ]?[-\u2013][ ]?|[ ]+to[ ]+)"
    rf"(?P<second>{_CUR.replace('?P<cur>', '?:')}[ \u00a0]?)?(?P<high>{_NUMERAL})[ \-]?(?P<scale>{_SCALES})(?![\w])",
    re.IGNORECASE,
)


def _money_ranges(text: str, start: int, stop: int) -> list[Quantity]:
    """Both ends of a range of money whose scale word is at its high end ("Rs 5-7 lakh": Rs 5 lakh, Rs 7 lakh)."""
    out: list[Quantity] = []
    for m in _MONEY_RANGE.finditer(text, start, stop):
        unit, scale = _currency(m.group("cur")), scale_value(m.group("scale"))
        high_start = m.start("second") if m.group("second") else m.start("high")
        out.append(Quantity(m.start(), m.end("low"), text[m.start():m.end("low")],
                            tidy(numeral_value(m.group("low")) * scale), unit, "money", m.end("low"), m.end("low")))
        out.append(Quantity(high_start, m.end(), text[high_start:m.end()], tidy(numeral_value(m.group("high")) * scale),
                            unit, "money", m.end(), m.end()))
    return out


def _money(text: str, start: int, stop: int) -> list[Quantity]:
    """Amounts with a currency before the number ("Rs 2,400 crore") or after it ("35 lakh rupees")."""
    out = _money_ranges(text, start, stop)
    ranges = list(out)
    for m in _MONEY.finditer(text, start, stop):
        if any(m.start() < q.end and q.start < m.end() for q in ranges):
            continue
        if m.group("after2") is not None:
            value = _scaled(m.group("num2"), m.group("scale2"), m.group("word2"), m.group("wscale2"))
            unit = _currency(m.group("after2"))
        else:
            value = _scaled(m.group("num"), m.group("scale"), m.group("word"), m.group("wscale"))
            unit = _currency(m.group("cur"))
        if value is not None:
            out.append(Quantity(m.start(), m.end(), m.group(), tidy(value), unit, "money", m.end(), m.end()))
    return out


def _percentages(text: str, start: int, stop: int) -> Iterator[Quantity]:
    for m in _PERCENT.finditer(text, start, stop):
        yield Quantity(m.start(), m.end(), m.group(), tidy(numeral_value(m.group("num"))), "percent", "percent",
                       m.end(), m.end())


def _count(text: str, start: int, stop: int, m: re.Match[str]) -> Quantity | None:
    """A number that counts a noun ("2,600 weavers"), or a scaled number whose noun comes before it."""
    if m.group("num") is not None and not m.group("scale") and _label_or_year(text, start, m.start(), m.group("num")):
        return None
    value = _scaled(m.group("num"), m.group("scale"), m.group("word"), m.group("wscale"))
    if value is None:
        return None
    noun = counted_noun(text, m.end(), stop)
    if noun is None and m.group("num") is not None:
        noun = _compound_noun(text, start, m) or _copula_noun(text, m.end(), stop)
    if noun is None:
        return _unnamed_count(text, start, m, tidy(value))
    if noun.unit in _DISTANCE_UNITS and _AWAY.match(text, noun.end, stop):
        return None  # "40 km away": a distance, not a figure
    return Quantity(m.start(), m.end(), m.group(), tidy(value), noun.unit, "count", noun.end, noun.phrase_end)


def _unnamed_count(text: str, start: int, m: re.Match[str], value: Decimal) -> Quantity | None:
    """A scaled number with no noun after it: "goods worth 500 crore" (rupees left unsaid), "a footfall
    of over 1 lakh" (the noun before it)."""
    if _scaled_worth(text, start, m):
        return Quantity(m.start(), m.end(), m.group(), value, "INR", "money", m.end(), m.end())
    noun_of = _scaled_noun_of(text, start, m)
    if noun_of is None:
        return None
    kind = "money" if noun_of == "INR" else "count"
    return Quantity(m.start(), m.end(), m.group(), value, noun_of, kind, m.end(), m.end())


# "a 40-member group", "the 12-member committee": the number counts the compound's noun (members).
_COMPOUND = re.compile(r"-(?P<w>[a-z]{3,})\b(?!-)")
_COMPOUND_LEAD = re.compile(r"\b(?:a|an|the|its|their|his|her)[ ]+$", re.IGNORECASE)
_NOT_COMPOUND = word_table("not_compound")
# "7.1 lakh were first-time voters", "of whom 120 are women": the noun after the copula.
_COPULA = re.compile(r"[ ]+(?:were|are)(?=[ ])")


def _compound_noun(text: str, floor: int, m: re.Match[str]) -> _Noun | None:
    c = _COMPOUND.match(text, m.end())
    if not c or c.group("w") in _NOT_COMPOUND or not _COMPOUND_LEAD.search(text, max(floor, m.start() - 8), m.start()):
        return None
    return _Noun(c.group("w") + "s", c.end(), c.end())


def _copula_noun(text: str, pos: int, end: int) -> _Noun | None:
    c = _COPULA.match(text, pos, end)
    if not c:
        return None
    noun = counted_noun(text, c.end(), end)
    # the noun must end the clause ("were first-time voters,"), not start a longer predicate
    if noun is None or not re.match(r"\s*(?:[,.;]|$)", text[noun.end:noun.end + 2]):
        return None
    return noun


_DISTANCE_UNITS = word_table("distance_units")
_AWAY = re.compile(r"[ ]+(?:away|from|off|short|north|south|east|west|upstream|downstream)\b")


def _scaled_worth(text: str, floor: int, m: re.Match[str]) -> bool:
    scale = (m.group("scale") or m.group("wscale") or "").lower()
    return scale.startswith(("crore", "lakh", "lac", "cr")) and _previous_word(text, floor, m.start()) == "worth"


_NOUN_OF = re.compile(
    r"(?P<noun>[a-z][a-z\-]+)[ ]+of[ ]+(?:(?:over|about|around|nearly|almost|more[ ]than|some|close[ ]to"
    r"|at[ ]least|an[ ]estimated)[ ]+)?\Z"
)


# Nouns of money: "a turnover of 500 crore" is rupees left unsaid.
_MONEY_NOUNS = word_table("money_nouns")
# Nouns that say nothing of what is counted ("a total of 2 million").
_NOT_COUNT_NOUNS = word_table("not_count_nouns")


def _scaled_noun_of(text: str, floor: int, m: re.Match[str]) -> str | None:
    """"a footfall of over 1 lakh" counts footfall; only numbers with a scale word (not scores)."""
    if not (m.group("scale") or m.group("wscale")):
        return None
    lead = _NOUN_OF.search(text, max(floor, m.start() - 60), m.start())
    if lead is None:
        return None
    noun = lead.group("noun")
    if noun in _MONEY_NOUNS:
        scale = (m.group("scale") or m.group("wscale") or "").lower()
        return "INR" if scale.startswith(("crore", "lakh", "lac", "cr")) else None
    if noun in STOP_WORDS or noun in NOT_COUNTED or noun in _NOT_COUNT_NOUNS:
        return None
    return noun


def _previous_word(text: str, floor: int, pos: int) -> str:
    m = re.search(r"([A-Za-z][A-Za-z.]*)\s*$", text[max(floor, pos - 40):pos])
    return m.group(1).lower() if m else ""


def _label_or_year(text: str, floor: int, pos: int, digits: str) -> bool:
    before = _previous_word(text, floor, pos)
    if before in _VERB_LABELS and counted_noun(text, pos + len(digits)) is not None:
        return False  # "train 300 technicians" (a verb), not "train 12"
    if before in _LABEL_WORDS or before.rstrip(".") in _LABEL_WORDS:
        return True
    return bool(_YEARLIKE.fullmatch(digits)) and (before in _YEAR_LEAD or before.rstrip(".") in _MONTH_WORDS)


_MONTH_WORDS = word_table("month_words")


# A number with a scale word and nothing after it that says what it counts ("up from 61 crores").
_BARE_SCALED = re.compile(rf"(?<![\w.,\-/$₹€£])(?P<num>{_NUMERAL})[ \-]?(?P<scale>{_SCALES})(?![\w\-])",
                          re.IGNORECASE)


def elliptic_amounts(text: str, start: int, end: int, quantities: list[Quantity]) -> list[Quantity]:
    """Scaled numbers in text[start:end] that say no unit, with the unit of the scaled amount before them
    ("47 lakh candidates ... and 25.77 lakh for intermediate"; "worth 96 crores, up from 61 crores")."""
    out: list[Quantity] = []
    for m in _BARE_SCALED.finditer(text, start, end):
        taken = [*quantities, *out]
        if any(m.start() < q.end and q.start < m.end() for q in taken):
            continue
        before = [q for q in taken if q.end <= m.start() and q.kind in ("money", "count")
                  and _SCALE_WORD.search(q.text)]
        if before:
            like = max(before, key=lambda q: q.start)
            value = tidy(numeral_value(m.group("num")) * scale_value(m.group("scale")))
            out.append(Quantity(m.start(), m.end(), m.group(), value, like.unit, like.kind, m.end(), m.end()))
    return out


def parse_amount(text: str) -> tuple[Decimal, str] | None:
    """The value and unit of one written amount: "Rs 2,400 crore" -> (24000000000, "INR").

    Accepts money, percentages, counts with their noun ("3.5 lakh units") and bare scaled numbers
    ("five crore" -> (50000000, "count")). Leading qualifiers ("over", "about") are ignored.
    """
    s = " ".join(text.split())
    s = re.sub(
        r"^(?:(?:over|about|around|nearly|almost|roughly|approximately|some|above|below|more than|less than"
        r"|close to|up to|at least|an estimated|a total of|only|just)\s+)+",
        "", s, flags=re.IGNORECASE,
    )
    found = find_quantities(s)
    if found and found[0].start == 0:
        return found[0].value, found[0].unit
    m = re.fullmatch(rf"{_QTY}|{_WQTY}", s, re.IGNORECASE)
    if m:
        if m.group("num") is not None:
            return numeral_value(m.group("num")) * scale_value(m.group("scale")), "count"
        n = word_number(m.group("word"))
        if n is not None:
            return Decimal(n) * scale_value(m.group("wscale")), "count"
    return None
