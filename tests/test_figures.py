"""Figures read from whole articles: what is listed, what is not, periods and back-references.

The articles here are invented for these tests.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DEV_ARTICLES, DEV_GOLD
from kg.documents import parse_document, read_document
from kg.errors import InputError
from kg.extract.figures import extract_figures
from kg.extract.model import Entity, Extraction, Figure

ARTICLE = """\
 date 2024-08-06 Invented: Bhadrapur potters expand

Bhadrapur, Aug 6 (IANS) Terracotta makers of Bhadrapur sold goods worth Rs 6.4 crore in July-December 2023, \
up 27 per cent over the previous year, the Kumhar Kala Samiti said on Tuesday.

The samiti, set up in 2009, has around 1,450 members in eleven villages. Over 85 kilns now fire \
twice a week during the six months, it said.

Under a pact with Mittika Exports, the samiti will ship planters worth $1.5 million over two years. \
In 2022-23, the state gave ₹42 lakh to 260 potters, and about 60 per cent of them were women.

A three-day fair drew nearly two lakh visitors. The host side was all out for 212, and the visitors \
reached 94 for two before rain; their spinner took four for 30.

Orders rose to Rs 90 lakh from Rs 55 lakh in 2021, the secretary said.

--IANS
"""


def _doc(text: str = ARTICLE):
    return parse_document(text, "invented.txt", "0" * 64)


def _figures(text: str = ARTICLE, ex: Extraction | None = None) -> list[Figure]:
    doc = _doc(text)
    return extract_figures(doc, ex or Extraction(doc.id))


def _by_value(figures: list[Figure]) -> dict[str, Figure]:
    return {f.value: f for f in figures}


def test_the_figures_of_an_article() -> None:
    got = [(f.value, f.unit) for f in _figures()]
    assert got == [
        ("64000000", "INR"),
        ("27", "percent"),
        ("2009", "year"),
        ("1450", "members"),
        ("11", "villages"),
        ("85", "kilns"),
        ("1500000", "USD"),
        ("4200000", "INR"),
        ("260", "potters"),
        ("60", "percent"),
        ("200000", "visitors"),
        ("9000000", "INR"),
        ("5500000", "INR"),
    ]


def test_evidence_is_the_number_with_its_unit_and_slices_the_text() -> None:
    doc = _doc()
    figures = extract_figures(doc, Extraction(doc.id))
    for f in figures:
        assert doc.text[f.evidence.start:f.evidence.end] == f.evidence.text
    evidence = {f.value: f.evidence.text for f in figures}
    assert evidence["64000000"] == "Rs 6.4 crore"
    assert evidence["1450"] == "1,450 members"  # "around" is not part of the number
    assert evidence["200000"] == "two lakh visitors"
    assert evidence["2009"] == "2009"


def test_periods_attach_to_the_figures_they_qualify() -> None:
    f = _by_value(_figures())
    assert f["64000000"].period is not None
    assert (f["64000000"].period.text, f["64000000"].period.start, f["64000000"].period.end) == (
        "July-December 2023", "2023-07-01", "2023-12-31")
    # A percentage right after an amount shares its period; "over the previous year" is the baseline.
    assert f["27"].period == f["64000000"].period
    # A duration right after the amount.
    assert f["1500000"].period is not None and f["1500000"].period.text == "over two years"
    # A period opening the sentence covers its figures.
    for value in ("4200000", "260"):
        assert f[value].period is not None and f[value].period.start == "2022-04-01"
    assert f["60"].period is not None and f["60"].period.end == "2023-03-31"
    # Counts without a stated period.
    assert f["1450"].period is None and f["200000"].period is None


def test_a_back_reference_takes_the_period_stated_earlier() -> None:
    kilns = _by_value(_figures())["85"]
    assert kilns.period is not None
    assert kilns.period.text == "July-December 2023"  # "during the six months"


def test_a_year_stated_for_itself_is_a_figure_but_not_one_that_qualifies_another() -> None:
    f = _by_value(_figures())
    assert f["2009"].unit == "year" and f["2009"].period is None
    assert "2021" not in f  # "from Rs 55 lakh in 2021": the year is that amount's period
    assert f["5500000"].period is not None and f["5500000"].period.text == "2021"
    assert f["9000000"].period is None  # not across the other amount


def test_what_is_not_a_figure() -> None:
    values = {f.value for f in _figures()}
    # Scores, durations, spelled-out numbers that count no noun ("took four for 30") and the dateline's date.
    for absent in ("212", "94", "30", "4", "3", "6", "2024", "1", "2"):
        assert absent not in values


def test_measures_are_words_from_the_text() -> None:
    f = _by_value(_figures())
    assert f["64000000"].measure == "goods sold"
    assert f["27"].measure == "growth in goods sold"
    assert f["60"].measure == "share of potters"  # "60 per cent of them", after "260 potters"
    assert f["1450"].measure == "members"
    assert f["2009"].measure.startswith("year")
    assert f["5500000"].measure == f["9000000"].measure == "orders"


def test_figures_concern_an_entity_named_near_them() -> None:
    doc = _doc()
    start = doc.text.index("Mittika Exports")
    mention = doc.span(start, start + len("Mittika Exports"))
    ex = Extraction(doc.id, entities=[Entity("org:mittika", "Company", "Mittika Exports", (mention,))])
    f = _by_value(extract_figures(doc, ex))
    assert f["1500000"].concerns == "org:mittika"
    assert f["64000000"].concerns is None


def test_a_new_clause_after_and_keeps_its_period_to_itself() -> None:
    text = ("The cluster employs 12 lakh people and its exports have grown from Rs 700 crore in 2016 to "
            "Rs 1,900 crore in 2022-23. The Rs 60-crore plan was cleared on Monday.")
    f = _by_value(_figures(text))
    assert f["1200000"].unit == "people" and f["1200000"].period is None
    assert f["1200000"].measure == "people"
    assert f["7000000000"].period is not None and f["7000000000"].period.text == "2016"
    assert f["19000000000"].period is not None and f["19000000000"].period.text == "2022-23"
    assert f["7000000000"].measure == f["19000000000"].measure == "exports"
    assert f["600000000"].measure == "plan"


def test_a_month_and_year_stated_for_itself_is_a_year() -> None:
    text = ("The society was set up in March 2015. Sales rose 18 per cent over the same period last year "
            "to Rs 12 crore in March 2024.")
    got = [(f.value, f.unit, f.period.text if f.period else None, f.measure) for f in _figures(text)]
    assert got == [
        ("2015", "year", None, "year society was set up"),
        ("18", "percent", "March 2024", "growth in sales"),  # "the same period last year" is the baseline
        ("120000000", "INR", "March 2024", "sales"),
    ]


def test_a_full_date_gives_a_year_but_not_the_articles_own_date() -> None:
    text = (" date 2023-06-14 Invented\n\nThe board was formed on January 24, 2018, at a public meeting. "
            "On June 14, 2023 the minister spoke. On 31 March 2023, the bank had 500 branches.\n")
    got = [(f.value, f.unit, f.period.text if f.period else None, f.measure) for f in _figures(text)]
    assert got == [
        ("2018", "year", None, "year board was formed"),
        ("500", "branches", "31 March 2023", "branches"),
    ]


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("The district's share of the state's carpet exports is about 41%.", "district's share of the state's"),
        ("Jute bags sell at Rs 15 per piece.", "price"),
        ("Each shed will cost about Rs 3.5 crore.", "cost"),
        ("The purchase price was raised to Rs 2,090 per quintal.", "purchase price"),
        ("Weavers get loans up to Rs 5 lakh.", "loans"),
        ("They crossed the Rs 900 crore mark in exports.", "exports"),
        ("The co-operative lent Rs 40 lakh.", "loans"),
        ("The society has 2,300 members who are now registered as exporters.", "members registered"),
        ("Some 48 percent of the kilns fire glazed ware.", "share of the kilns"),
        ("Defaults fell to 0.7 per cent.", "defaults"),
        ("The trust raised INR 2.1 bn and $ 3.5 mn.", "funds raised"),
    ],
)
def test_measures_in_common_phrasings(sentence: str, measure: str) -> None:
    figures = _figures(sentence)
    assert figures
    assert all(f.measure.startswith(measure) for f in figures)


def test_a_number_that_leaves_its_noun_unsaid() -> None:
    text = "Of the 1,200 applications received, 860 were approved. The side made 176, and 45 were extras."
    got = [(f.value, f.unit, f.evidence.text, f.measure) for f in _figures(text)]
    assert got == [
        ("1200", "applications", "1,200 applications", "applications"),
        ("860", "applications", "860", "applications approved"),
    ]


def test_an_amount_stated_again_is_one_figure() -> None:
    text = ("The guild has 640 members. Its 640 members sold mats worth Rs 3 crore in 2022. "
            "The Rs 3 crore came mostly from fairs; in 2023 sales were Rs 3 crore again.")
    got = [(f.value, f.unit, f.period.text if f.period else None) for f in _figures(text)]
    # The second mention adds a period to the first; a different period is a different figure.
    assert [f.measure for f in _figures("About 25 per cent of looms are idle. A 25 per cent subsidy helps.")] == [
        "share of looms", "subsidy"]
    assert got == [("640", "members", "2022"), ("30000000", "INR", "2022"), ("30000000", "INR", "2023")]


def test_coordinated_money_and_reported_clauses() -> None:
    text = ("The minister gave toolkits to 3,000 potters and loans of Rs 70 crore to 900 units. "
            "She also launched a Rs 2-lakh accident cover and said the state aimed to treble sales by 2030.")
    got = [(f.value, f.unit, f.period.text if f.period else None, f.measure) for f in _figures(text)]
    assert got == [
        ("3000", "potters", None, "potters"),
        ("700000000", "INR", None, "loans"),
        ("900", "units", None, "units"),
        ("200000", "INR", None, "accident cover"),
    ]


def test_the_header_and_sign_off_are_not_read() -> None:
    text = " date 2021-03-04 Invented: Rs 99 crore headline with 77% growth\n\nA plain body sentence.\n\n--IANS\n"
    assert _figures(text) == []


def test_same_input_same_figures() -> None:
    assert _figures() == _figures()


def test_article_without_figures() -> None:
    assert _figures("Weavers met officials in the district on Monday to discuss designs.") == []


# ------------------------------------------------------------------------------------------ dev set


def _unit_class(unit: str) -> str:
    return unit if unit in ("INR", "USD", "percent") else "count"


@pytest.mark.skipif(not DEV_GOLD.is_dir(), reason="the shared dev set is not available")
def test_dev_set_figures_f1() -> None:
    tp = fp = fn = 0
    for article in sorted(DEV_ARTICLES.glob("*.txt")):
        gold = json.loads((DEV_GOLD / f"{article.stem}.json").read_text(encoding="utf-8"))["figures"]
        doc = read_document(article)
        predicted = [(Decimal(f.value), _unit_class(f.unit)) for f in extract_figures(doc, Extraction(doc.id))]
        for g in gold:
            key = (Decimal(str(g["value"])), _unit_class(g["unit"]))
            if key in predicted:
                predicted.remove(key)
                tp += 1
            else:
                fn += 1
        fp += len(predicted)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.8, (tp, fp, fn)


def test_dev_articles_are_not_quoted_here() -> None:
    # This file's invented article shares no sentence with the dev set.
    if not DEV_ARTICLES.is_dir():
        pytest.skip("the shared dev set is not available")
    ours = {s.strip() for s in ARTICLE.split(".") if len(s.strip()) > 30}
    for article in DEV_ARTICLES.glob("*.txt"):
        text = article.read_text(encoding="utf-8")
        assert not any(s in text for s in ours)



# ------------------------------------------------------------------------------------------ robustness

_FRAGMENTS = [
    "Sales rose to Rs 4.2 crore", "in FY2019-20", ", up 11 per cent", " over the previous year",
    "About 3,100 weavers", " took part", " during the five months", " in that period", "In 2018,",
    " the mill was set up in 1987", " with $2.5 million", " between March and May 2021", "; nearly two lakh",
    " visitors came", " over two years", " for 143 in 38 overs", " (PTI)", " \u20b9 90 lakh", " 45%", ", Rs.",
    " 1,00,000 units", " since 2016", " from April 2020 to June 2022", ".", ". ", "\n\n", " the ", "7",
]


@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=25))
@settings(max_examples=150, deadline=None)
def test_any_text_gives_figures_whose_evidence_slices_the_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    try:
        doc = parse_document(text, "fuzz.txt", "0" * 64)
    except InputError:
        return
    figures = extract_figures(doc, Extraction(doc.id))
    for f in figures:
        assert doc.text[f.evidence.start:f.evidence.end] == f.evidence.text
        assert Decimal(f.value) == Decimal(f.value).normalize() or "." not in f.value
        assert f.unit and f.measure is not None
    assert extract_figures(doc, Extraction(doc.id)) == figures
