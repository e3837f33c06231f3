"""Periods normalised to ISO dates: month ranges, Indian fiscal years, calendar years, quarters."""

from __future__ import annotations

import calendar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.model import Period
from kg.extract.periods import find_periods, months_in, parse_period

MONTH_NAMES = list(calendar.month_name)[1:]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("June 2019 to February 2021", "2019-06-01", "2021-02-28"),
        ("from March 2018 till January 2020", "2018-03-01", "2020-01-31"),
        ("2017-18", "2017-04-01", "2018-03-31"),
        ("2017-2018", "2017-04-01", "2018-03-31"),
        ("2015\u201316", "2015-04-01", "2016-03-31"),
        ("FY2021-22", "2021-04-01", "2022-03-31"),
        ("FY 2021-22", "2021-04-01", "2022-03-31"),
        ("FY24", "2023-04-01", "2024-03-31"),
        ("FY2024", "2023-04-01", "2024-03-31"),
        ("fiscal 2019-20", "2019-04-01", "2020-03-31"),
        ("financial year 2019-20", "2019-04-01", "2020-03-31"),
        ("in 2016", "2016-01-01", "2016-12-31"),
        ("during 2016", "2016-01-01", "2016-12-31"),
        ("since 2014", "2014-01-01", None),
        ("by 2030", None, "2030-12-31"),
        ("July-September 2021", "2021-07-01", "2021-09-30"),
        ("between February 2020 and May 2021", "2020-02-01", "2021-05-31"),
        ("between August and November 2019", "2019-08-01", "2019-11-30"),
        ("between November and February 2024", "2023-11-01", "2024-02-29"),
        ("between 2012 and 2017", "2012-01-01", "2017-12-31"),
        ("2012-2017", "2012-01-01", "2017-12-31"),
        ("2012 to 2013", "2012-01-01", "2013-12-31"),
        ("1999-00", "1999-04-01", "2000-03-31"),
        ("March 2023", "2023-03-01", "2023-03-31"),
        ("9 August 2022", "2022-08-09", "2022-08-09"),
        ("August 9, 2022", "2022-08-09", "2022-08-09"),
        ("Q2 FY25", "2024-07-01", "2024-09-30"),
        ("Q4 2022-23", "2023-01-01", "2023-03-31"),
        ("third quarter of 2021", "2021-07-01", "2021-09-30"),
        ("first half of 2020-21", "2020-04-01", "2020-09-30"),
        ("H2 FY23", "2022-10-01", "2023-03-31"),
        ("the first three quarters of FY23", "2022-04-01", "2022-12-31"),
        ("from April 1, 2022 to March 31, 2023", "2022-04-01", "2023-03-31"),
        ("between 1 January 2021 and 30 June 2021", "2021-01-01", "2021-06-30"),
        ("first six months of 2022", "2022-01-01", "2022-06-30"),
        ("last two months of 2020-21", "2021-02-01", "2021-03-31"),
    ],
)
def test_dated_periods(text: str, start: str | None, end: str | None) -> None:
    period = parse_period(text)
    assert period is not None
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("in the first year", "first year"),
        ("over the next six months", "next six months"),
        ("on the first day", "first day"),
        ("over three years", "over three years"),
        ("in the past two years", "past two years"),
        ("this rabi season", "this rabi season"),
        ("during the eight months", "the eight months"),
        ("in that period", "that period"),
    ],
)
def test_periods_without_dates_keep_their_text(text: str, stated: str) -> None:
    assert parse_period(text) == Period(stated, None, None)


def test_prepositions_in_and_during_are_dropped_since_is_kept() -> None:
    assert parse_period("in 2011").text == "2011"  # type: ignore[union-attr]
    assert parse_period("since 2011").text == "since 2011"  # type: ignore[union-attr]
    assert parse_period("from April 2011 to May 2012").text == "April 2011 to May 2012"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("this year", "2024-01-01", "2024-12-31"),
        ("last year", "2023-01-01", "2023-12-31"),
        ("the current fiscal", "2023-04-01", "2024-03-31"),
        ("last financial year", "2022-04-01", "2023-03-31"),
        ("next fiscal", "2024-04-01", "2025-03-31"),
        ("next month", "2024-03-01", "2024-03-31"),
    ],
)
def test_relative_periods_are_dated_from_the_article_date(text: str, start: str, end: str) -> None:
    period = parse_period(text, today="2024-02-10")
    assert period is not None and (period.start, period.end) == (start, end)
    undated = parse_period(text)
    assert undated is not None and (undated.start, undated.end) == (None, None)


def test_deadlines_and_open_starts() -> None:
    assert parse_period("by March 2026") == Period("by March 2026", None, "2026-03-31")
    assert parse_period("since April 2019") == Period("since April 2019", "2019-04-01", None)


def test_a_year_after_of_is_a_period_only_as_part_of_one() -> None:
    assert find_periods("Exports of 2019 were low.") == []
    assert parse_period("the first 100 days of 2021") == Period("first 100 days of 2021", None, None)


def test_not_periods() -> None:
    assert parse_period("a handful of traders") is None
    assert parse_period("2019-17") is None  # a range that runs backwards
    assert parse_period("31 February 2021") is None


def test_a_baseline_is_not_a_period() -> None:
    text = "Sales rose 9 per cent over the previous year and 4 per cent compared with last year."
    assert find_periods(text) == []


def test_found_periods_do_not_overlap_and_slice_the_text() -> None:
    text = ("Between January 2020 and March 2021 the mill sold more than in FY2018-19, "
            "and in 2017 it had closed for the first six months.")
    found = find_periods(text)
    kinds = [p.kind for p in found]
    assert kinds == ["months_between", "fiscal", "year", "relative"]
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    year = found[2]
    assert year.anchor is not None and text[year.anchor[0]:year.anchor[1]] == "2017"
    assert year.prep == "in"


def test_months_in() -> None:
    assert months_in(Period("x", "2022-04-01", "2022-12-31")) == 9
    assert months_in(Period("x", "2020-04-01", "2021-03-31")) == 12
    assert months_in(Period("x", None, None)) is None


# ------------------------------------------------------------------------------------------ properties

years = st.integers(min_value=1950, max_value=2090)
months = st.integers(min_value=1, max_value=12)


@given(years, months, years, months, st.sampled_from([" to ", " till ", "-", " \u2013 "]), st.booleans())
def test_month_ranges(y1: int, m1: int, y2: int, m2: int, sep: str, short: bool) -> None:
    if (y2, m2) < (y1, m1):
        y1, m1, y2, m2 = y2, m2, y1, m1
    name = (lambda m: calendar.month_abbr[m]) if short else (lambda m: MONTH_NAMES[m - 1])
    period = parse_period(f"{name(m1)} {y1}{sep}{name(m2)} {y2}")
    assert period is not None
    assert period.start == f"{y1:04d}-{m1:02d}-01"
    assert period.end == f"{y2:04d}-{m2:02d}-{calendar.monthrange(y2, m2)[1]:02d}"


FISCAL_FORMS = ["{a}-{b2}", "{a}-{b}", "FY{a}-{b2}", "FY{b2}", "fiscal {a}-{b2}", "FY {b}"]


@given(st.integers(min_value=1970, max_value=2068), st.sampled_from(FISCAL_FORMS))
def test_indian_fiscal_years(first: int, form: str) -> None:
    b = first + 1
    text = form.format(a=first, b=b, b2=f"{b % 100:02d}")
    period = parse_period(text)
    assert period is not None
    assert (period.start, period.end) == (f"{first}-04-01", f"{b}-03-31")


@given(years)
def test_calendar_years(year: int) -> None:
    assert parse_period(f"in {year}") == Period(str(year), f"{year}-01-01", f"{year}-12-31")


@given(years, months, months)
def test_between_months_of_one_year(year: int, m1: int, m2: int) -> None:
    period = parse_period(f"between {MONTH_NAMES[m1 - 1]} and {MONTH_NAMES[m2 - 1]} {year}")
    assert period is not None
    start_year = year if m1 <= m2 else year - 1
    assert period.start == f"{start_year}-{m1:02d}-01"
    assert period.end is not None and period.end.startswith(f"{year}-{m2:02d}-")
