"""Periods stated in text, with ISO dates where the text allows (`find_periods`, `parse_period`).

Each shape is a named pattern of `_PATTERNS` with its dating function in `_DATERS`; a `PeriodMatch` keeps
the phrase, its kind and its preposition, and back-references ("those months") are left to the caller.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.documents import MONTHS
from kg.extract.model import Period

_M = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![a-z])"
)
_Y = r"(?:19|20)\d\d(?!\d|,\d)"
_Y2 = r"(?:(?:19|20)\d\d|\d\d)(?!\d|,\d)"
_DASH = r"\s?[-\u2013\u2014/]\s?"
_TO = r"(?:\s*[-\u2013\u2014]\s*|\s+(?:to|till|until|through|and)\s+)"
_NUMW = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty"
    r"|few|several|\d{1,3})"
)
_UNIT = r"(?:day|week|fortnight|month|quarter|year|half|decade)"
# The preposition before a period ("in", "during", "since"), read backwards from where the period starts.
_PREP_BEFORE = re.compile(
    r"\b(?P<prep>in|during|from|since|by|until|till|throughout|for|of|over|within|on|between)\s+(?P<the>the\s+)?\Z",
    re.IGNORECASE,
)
# A single year is a period only after one of these ("in 2016", "since 2014"), never bare.
_YEAR_PREPS = {"in", "during", "since", "by", "until", "till", "throughout"}
_BACKREF_PREPS = {"in", "during", "over", "for", "within", "throughout"}
# Cheap tests that let a sentence skip the patterns that cannot match in it.
_GATES = {
    "relative": re.compile(r"\b(?:this|last|next|current|coming|previous|present|first|second|third|fourth|fifth"
                           r"|initial|final|past)\b"),
    "duration": re.compile(r"\b(?:[Oo]ver|[Ww]ithin)\b"),
    "backref": re.compile(r"\b(?:period|months|years|weeks|quarters|days|year|quarter)\b"),
}
_DIGIT = re.compile(r"\d")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("months_between", re.compile(
        rf"(?P<body>[Bb]etween\s+(?P<m1>{_M})(?:\s+(?P<y1>{_Y}))?\s+and\s+(?P<m2>{_M}),?\s+(?P<y2>{_Y}))")),
    ("months", re.compile(
        rf"(?P<body>(?P<m1>{_M})(?:,?\s+(?P<y1>{_Y}))?{_TO}(?P<m2>{_M}),?\s+(?P<y2>{_Y}))")),
    ("years_between", re.compile(rf"(?P<body>[Bb]etween\s+(?P<y1>{_Y})\s+and\s+(?P<y2>{_Y}))")),
    ("quarter", re.compile(
        rf"(?P<body>(?:Q(?P<q>[1-4])\s?(?:of\s+)?|H(?P<h>[12])\s?(?:of\s+)?"
        r"|(?P<qw>first|second|third|fourth|last)\s+quarter\s+of\s+|(?P<hw>first|second)\s+half\s+of\s+)"
        rf"(?P<fy>FY\s?'?|(?:the\s+)?(?:fiscal|financial)\s+(?:year\s+)?)?(?P<y1>{_Y}|\d\d(?!\d|,\d))"
        rf"(?:{_DASH}(?P<y2>{_Y2}))?)")),
    ("fiscal", re.compile(
        rf"(?P<body>(?:FY|F\.Y\.)\s?'?(?P<y1>{_Y}|\d\d(?!\d|,\d))(?:{_DASH}(?:FY\s?)?(?P<y2>{_Y2}))?"
        rf"|(?:[Ff]iscal(?:\s+[Yy]ear)?|[Ff]inancial\s+[Yy]ear)\s+(?:FY\s?)?(?P<y3>{_Y}|\d\d(?!\d|,\d))"
        rf"(?:{_DASH}(?P<y4>{_Y2}))?)")),
    ("years", re.compile(
        rf"(?P<body>(?P<y1>{_Y})(?P<sep>{_DASH}|\s+(?:to|till|until|through)\s+)(?P<y2>{_Y2})"
        rf"(?P<fiscal>\s+(?:fiscal(?:\s+year)?|financial\s+year))?)")),
    ("date", re.compile(
        rf"(?P<body>(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_M}),?\s+(?P<y1>{_Y})"
        rf"|(?P<m2>{_M})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>{_Y}))")),
    ("month", re.compile(rf"(?P<body>(?P<m1>{_M}),?\s+(?P<y1>{_Y}))")),
    ("year", re.compile(
        rf"(?<![\w\-])(?P<body>(?:(?:early|mid|late|the\s+year)[\s\-]+)?(?P<y1>{_Y}))(?![\-\u2013/]\d)")),
    ("relative", re.compile(
        rf"\b(?P<body>(?:this|last|next|current|coming|previous|present)\s+(?:[a-z]+\s+)?"
        r"(?:season|fiscal\s+year|financial\s+year|fiscal|year|quarter|month|week|fortnight)"
        rf"|(?:first|second|third|fourth|fifth|initial|final|last|past|next|coming)\s+(?:{_NUMW}\s+)?{_UNIT}s?)\b")),
    ("duration", re.compile(
        rf"\b(?P<body>(?:[Oo]ver|[Ww]ithin)\s+(?:a\s+period\s+of\s+)?(?:{_NUMW}|a|an)\s+{_UNIT}s?)\b(?!-)")),
    ("backref", re.compile(
        rf"\b(?P<body>(?:the|those|these)\s+(?P<n>{_NUMW})\s+(?:months|years|weeks|quarters|days)"
        r"|(?:that|this|the)\s+period|(?:that|those)\s+(?:year|quarter|months|years))\b")),
]
_PRIORITY = {name: i for i, (name, _) in enumerate(_PATTERNS)}
# Prepositions that belong to the period's text ("since 2014"); others ("in", "during") are dropped.
_KEPT_PREPS = {"since", "by", "until", "till"}
_COMPARISON = re.compile(r"(?:previous|last|preceding)\s+(?:fiscal\s+year|financial\s+year|fiscal|year|quarter|month)")
_BASELINE = re.compile(
    r"(?:\bover|\bfrom|\bthan|\bcompared\s+(?:to|with)|\bagainst|\b(?:same|corresponding)\s+period)\s+(?:the\s+)?\Z"
)
_TEXT_ONLY = {"relative", "duration", "backref"}


@dataclass(frozen=True)
class PeriodMatch:
    """A period found in text: offsets of the whole phrase (with its preposition) and what it means.

    `kind`: months_between, months, years_between, quarter, fiscal, years, date, dates (a range of two),
    month, year (one calendar year after a preposition), relative, duration or backref. For kinds "year", "month" and
    "date", `anchor` is the offsets of the year's digits. `prep` is the preposition before it ("in", "since").
    """

    start: int
    end: int
    period: Period
    kind: str
    prep: str = ""
    anchor: tuple[int, int] | None = None

    @property
    def dated(self) -> bool:
        return self.period.start is not None or self.period.end is not None


# ------------------------------------------------------------------------------------------ dates


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _full_year(y: str, base: int | None = None) -> int:
    """A two-digit year in full: after `base` ("2017-18" -> 2018, "1999-00" -> 2000), else 1970-2069."""
    if len(y) == 4:
        return int(y)
    n = int(y)
    if base is not None:
        year = base - base % 100 + n
        return year + 100 if year < base and base % 100 >= 90 and n < 10 else year
    return 2000 + n if n < 70 else 1900 + n


def month_start(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-01"


def month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def fiscal_year(first: int) -> tuple[str, str]:
    """Indian fiscal year that starts on 1 April of `first` ("2017-18" -> 2017-04-01..2018-03-31)."""
    return f"{first:04d}-04-01", f"{first + 1:04d}-03-31"


def _month_range_dates(g: dict[str, str]) -> tuple[str | None, str | None]:
    """"June 2019 to February 2021", "between August and November 2019" (no first year: the same or the one before)."""
    y2 = int(g["y2"])
    m1, m2 = _month(g["m1"]), _month(g["m2"])
    y1 = int(g["y1"]) if g["y1"] else (y2 if m1 <= m2 else y2 - 1)
    return month_start(y1, m1), month_end(y2, m2)


def _years_between_dates(g: dict[str, str]) -> tuple[str | None, str | None]:
    return f"{g['y1']}-01-01", f"{g['y2']}-12-31"


def _year_range_dates(g: dict[str, str]) -> tuple[str | None, str | None]:
    """"2017-18" and "2017-2018" are fiscal years (consecutive years joined by a dash); "2015 to 2019" is not."""
    y1 = int(g["y1"])
    y2 = _full_year(g["y2"], y1)
    if y2 <= y1:
        return None, None
    dashed = any(c in g["sep"] for c in "-\u2013/")
    if g["fiscal"] or dashed and y2 == y1 + 1:
        return fiscal_year(y1)[0], fiscal_year(y2 - 1)[1]
    return f"{y1}-01-01", f"{y2}-12-31"


def _fiscal_dates(g: dict[str, str]) -> tuple[str | None, str | None]:
    a, b = (g["y1"], g["y2"]) if g["y1"] else (g["y3"], g["y4"])
    if b:
        first = _full_year(a)
        last = _full_year(b, first)
        return (fiscal_year(first)[0], fiscal_year(last - 1)[1]) if last > first else (None, None)
    ending = _full_year(a)  # FY22 and "fiscal 2022" end in March 2022
    return fiscal_year(ending - 1)


def _quarter_start(g: dict[str, str]) -> tuple[int, int, int]:
    """(year, first month, months long) of a quarter or half: calendar, or fiscal (from April)."""
    half = g["h"] or g["hw"]
    q = (1 if half in ("1", "first") else 3) if half else int(g["q"]) if g["q"] else _ORDINAL[g["qw"]]
    months = 6 if half else 3
    first = _full_year(g["y1"])
    if not (g["fy"] or g["y2"] or len(g["y1"]) == 2):
        return first, 1 + 3 * (q - 1), months
    if not g["y2"]:
        first -= 1  # "Q1 FY23" is in fiscal 2022-23
    month = 4 + 3 * (q - 1)
    return (first + 1, month - 12, months) if month > 12 else (first, month, months)


def _quarter_dates(g: dict[str, str]) -> tuple[str | None, str | None]:
    year, month, months = _quarter_start(g)
    last_month, last_year = month + months - 1, year
    if last_month > 12:
        last_month, last_year = last_month - 12, year + 1
    return month_start(year, month), month_end(last_year, last_month)


def _date_dates(g: dict[str, str]) -> tuple[str | None, str | None]:
    if g["d"]:
        day, month, year = int(g["d"]), _month(g["m1"]), int(g["y1"])
    else:
        day, month, year = int(g["d2"]), _month(g["m2"]), int(g["y2"])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None, None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    return iso, iso


def _month_dates(g: dict[str, str]) -> tuple[str | None, str | None]:
    year, month = int(g["y1"]), _month(g["m1"])
    return month_start(year, month), month_end(year, month)


def _year_dates(g: dict[str, str]) -> tuple[str | None, str | None]:
    return f"{g['y1']}-01-01", f"{g['y1']}-12-31"


_DATERS: dict[str, Callable[[dict[str, str]], tuple[str | None, str | None]]] = {
    "months_between": _month_range_dates, "months": _month_range_dates, "years_between": _years_between_dates,
    "years": _year_range_dates, "fiscal": _fiscal_dates, "quarter": _quarter_dates, "date": _date_dates,
    "month": _month_dates, "year": _year_dates,
}


def _dates(kind: str, m: re.Match[str]) -> tuple[str | None, str | None]:
    """The ISO start and end of a period pattern's match (None, None for kinds that are text only)."""
    dater = _DATERS.get(kind)
    return dater(m.groupdict()) if dater else (None, None)


# ------------------------------------------------------------------------------------------ finding


def find_periods(text: str, start: int = 0, end: int | None = None, today: str | None = None) -> list[PeriodMatch]:
    """The periods stated in text[start:end], in text order, not overlapping (the longest phrase wins).

    With `today` (the article's date, ISO), "this year", "last fiscal" and the like get their dates.
    """
    stop = len(text) if end is None else end
    candidates = _candidates(text, start, stop)
    candidates.sort(key=lambda c: (-(c.end - c.start), _PRIORITY[c.kind], c.start))
    chosen: list[PeriodMatch] = []
    for c in candidates:
        if any(c.start < o.end and c.end > o.start for o in chosen):
            continue
        found = _period_match(text, c, today)
        if found is not None:
            chosen.append(found)
    chosen.sort(key=lambda c: c.start)
    return _merge_part_of(text, chosen)


@dataclass(frozen=True)
class _Candidate:
    """A pattern's match with the preposition before it: [start, end) covers both."""

    start: int
    end: int
    kind: str
    match: re.Match[str]
    prep: str


def _candidates(text: str, start: int, stop: int) -> list[_Candidate]:
    """Every match of every period pattern whose cheap gate passes, with its preposition."""
    has_digit = _DIGIT.search(text, start, stop) is not None
    out: list[_Candidate] = []
    for kind, pattern in _PATTERNS:
        gate = _GATES.get(kind)
        if (gate.search(text, start, stop) is None) if gate else not has_digit:
            continue
        for m in pattern.finditer(text, start, stop):
            candidate = _with_preposition(text, start, kind, m)
            if candidate is not None:
                out.append(candidate)
    return out


def _with_preposition(text: str, floor: int, kind: str, m: re.Match[str]) -> _Candidate | None:
    """The match with the preposition before it; None for a bare year (a year needs "in", "since"...)."""
    s = m.start()
    lead = _PREP_BEFORE.search(text, max(floor, s - 24), s) if kind != "duration" else None
    prep = lead.group("prep").lower() if lead else ""
    if kind == "year" and (prep not in _YEAR_PREPS | {"of"} or lead and lead.group("the")):
        return None
    if kind == "backref" and prep not in _BACKREF_PREPS:
        prep, lead = "", None
    return _Candidate(lead.start() if lead else s, m.end(), kind, m, prep)


def _period_match(text: str, c: _Candidate, today: str | None) -> PeriodMatch | None:
    """The period a chosen candidate states, or None when it states none (a baseline, an impossible date)."""
    m, kind, prep = c.match, c.kind, c.prep
    body_start = c.start if prep in _KEPT_PREPS else m.start("body")
    body = text[body_start:m.end("body")]
    if kind == "relative" and _COMPARISON.fullmatch(body) and _BASELINE.search(text, 0, m.start("body")):
        return None  # "up 7.5% over the previous year" names the baseline, not the figure's period
    p_start, p_end = (None, None) if kind in _TEXT_ONLY else _dates(kind, m)
    if kind == "relative" and today:
        p_start, p_end = relative_dates(body, today)
    if prep in ("by", "until", "till"):
        p_start = None  # "by March 2026" is a deadline: it ends then
    elif prep == "since":
        p_end = None
    if kind not in _TEXT_ONLY and p_start is None and p_end is None:
        return None
    anchor = None
    if kind in ("year", "month", "date"):
        year_group = "y1" if m.group("y1") else "y2"
        anchor = (m.start(year_group), m.end(year_group))
    return PeriodMatch(c.start, c.end, Period(body, p_start, p_end), kind, prep, anchor)


_DATE_TO = re.compile(r"\s*(?:[-\u2013]|to|till|until|through|and)\s*")
_PART = re.compile(r"(?P<edge>first|last)\s+(?:(?P<n>\w+)\s+)?(?P<unit>month|quarter|half)s?")


def _merge_part_of(text: str, found: list[PeriodMatch]) -> list[PeriodMatch]:
    """"the first three quarters" + " of " + "FY23" -> one period, dated when the part can be counted;
    "April 1, 2022" + " to " + "March 31, 2023" -> one period."""
    out: list[PeriodMatch] = []
    i = 0
    while i < len(found):
        p = found[i]
        q = found[i + 1] if i + 1 < len(found) else None
        if q is not None and p.kind == "relative" and q.dated and q.prep == "of" and not text[p.end:q.start].strip():
            start, end = _part_dates(p.period.text, q.period)
            body = text[p.end - len(p.period.text):q.end]
            out.append(PeriodMatch(p.start, q.end, Period(body, start, end), q.kind, p.prep))
            i += 2
            continue
        if q is not None and p.kind == q.kind == "date" and _DATE_TO.fullmatch(text, p.end, q.start):
            body = text[p.end - len(p.period.text):q.end]
            if p.prep == "between":
                body = text[p.start:q.end]
            out.append(PeriodMatch(p.start, q.end, Period(body, p.period.start, q.period.end), "dates", p.prep))
            i += 2
            continue
        if not (p.kind == "year" and p.prep == "of"):  # "of 2022" alone is no period
            out.append(p)
        i += 1
    return out


def _part_dates(part: str, whole: Period) -> tuple[str | None, str | None]:
    m = _PART.fullmatch(part)
    if not m or not whole.start or not whole.end:
        return None, None  # "the first 100 days of 2021": not a span the dates can show
    from kg.extract.numbers import word_number

    n = (int(m.group("n")) if m.group("n").isdigit() else word_number(m.group("n"))) if m.group("n") else 1
    if n is None:
        return None, None
    months = n * {"month": 1, "quarter": 3, "half": 6}[m.group("unit")]
    y1, m1 = int(whole.start[:4]), int(whole.start[5:7])
    y2, m2 = int(whole.end[:4]), int(whole.end[5:7])
    if m.group("edge") == "first":
        index = y1 * 12 + m1 - 1 + months - 1
        return whole.start, month_end(index // 12, index % 12 + 1)
    index = y2 * 12 + m2 - 1 - months + 1
    return month_start(index // 12, index % 12 + 1), whole.end


_RELATIVE = re.compile(
    r"(?P<which>this|current|present|last|previous|next|coming)\s+"
    r"(?P<unit>year|fiscal(?:\s+year)?|financial\s+year|month)"
)
_SHIFT = {"this": 0, "current": 0, "present": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}


def relative_dates(body: str, today: str) -> tuple[str | None, str | None]:
    """"this year", "last fiscal", "next month" as dates, counted from `today` (ISO); (None, None) otherwise."""
    m = _RELATIVE.fullmatch(body)
    if not m or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", today):
        return None, None
    year, month = int(today[:4]), int(today[5:7])
    shift = _SHIFT[m.group("which")]
    unit = m.group("unit")
    if unit == "year":
        return f"{year + shift}-01-01", f"{year + shift}-12-31"
    if unit == "month":
        index = year * 12 + month - 1 + shift
        return month_start(index // 12, index % 12 + 1), month_end(index // 12, index % 12 + 1)
    first = (year if month >= 4 else year - 1) + shift
    return fiscal_year(first)


def parse_period(text: str, today: str | None = None) -> Period | None:
    """The period one phrase states ("FY2021-22", "in 2016", "the next three months"), or None."""
    stripped = re.sub(r"^the\s+", "", text.strip().rstrip(".,;"))
    found = find_periods(stripped, today=today)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].period
    return None


def months_in(period: Period) -> int | None:
    """How many calendar months a dated period spans (None when it is open or undated)."""
    if not period.start or not period.end:
        return None
    y1, m1 = int(period.start[:4]), int(period.start[5:7])
    y2, m2 = int(period.end[:4]), int(period.end[5:7])
    return (y2 - y1) * 12 + m2 - m1 + 1
