"""Figures: the amounts, percentages, counts, ranks and stand-alone years an article's body reports.

`extract_figures` gives each figure its value and unit, what it measures (read by the ordered rules
`_PERCENT_RULES` and `_MONEY_RULES`), its period and the entity it concerns. Amounts come from
`kg.extract.numbers` and the figure rows (`kg.extract.figure_rows`, `patterns/figures.toml`), periods from
`kg.extract.periods`; the words the rules read are in `kg/data/figure_words.toml`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from kg.documents import Document, Sentence, Span
from kg.extract.figure_rows import count_rows, figure_hits, range_ends
from kg.extract.model import ORGANISATION_KINDS, PLACE_KINDS, Extraction, Figure, Period
from kg.extract.numbers import (
    NOT_COUNTED,
    STOP_WORDS,
    WORDS,
    Quantity,
    elliptic_amounts,
    find_quantities,
    plain,
    word_number,
    word_table,
)
from kg.extract.patterns import Hit
from kg.extract.periods import PeriodMatch, find_periods, months_in

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc

# Clause boundaries: a comma, semicolon or colon before a space, a dash set off by spaces, a quote mark,
# "while"/"but", and an "and" that starts a new clause ("... 25 lakh jobs and exports have grown ...").
_CLAUSE_BREAK = re.compile(
    r"[,;:](?=\s)(?!\s(?:19|20)\d\d\b)|\s[\u2013\u2014-]{1,2}\s|[\u201c\u201d\"]|\s(?:while|whereas|but)\s"
    r"|\sand\s(?=(?:[\w'\u2019-]+\s){0,2}(?:have|has|had|is|are|was|were|will|would)\b"
    r"|(?:said|added|noted|told|announced|stated|claimed)\b)"
)
_WORD = re.compile(r"[A-Za-z\u20b9$][\w'\u2019\-.]*[\w]|[A-Za-z]")
_QUALIFIERS = re.compile(
    r"(?:\b(?:up\s+to|about|around|nearly|over|more\s+than|less\s+than|almost|roughly|approximately|some"
    r"|close\s+to|at\s+least|at\s+most|not\s+more\s+than|no\s+more\s+than|not\s+less\s+than|an\s+estimated"
    r"|a\s+total\s+of|just|only|above|below|under|a\s+whopping|a\s+record|as\s+much\s+as|as\s+many\s+as"
    r"|upto|over\s+and\s+above|in\s+excess\s+of|a\s+little\s+over|well\s+over|nearly|approx\.?)\s*)+$",
    re.IGNORECASE,
)
_CONNECTOR = re.compile(
    r"\b(?P<c>of|worth|valued\s+at|totalling|totaling|amounting\s+to|at)\s*$", re.IGNORECASE
)
_CHANGE_BEFORE = re.compile(
    r"\b(?P<v>up|down|rose|risen|rise|grew|grown|growth|increased|increase|jumped|jump|surged|surge|climbed"
    r"|fell|fallen|fall|dropped|drop|declined|decline|decreased|decrease|dip|dipped|higher|lower"
    r"|gone\s+up|went\s+up|gone\s+down|went\s+down)(?:\s+(?:by|of))?\s*$",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"^.*?\b(?:said|says|saying|added|adds|adding|noted|notes|noting|stated|states|told\s+\w+|announced|claimed)"
    r"\s+(?:that\s+)?"
)
_YEAR_END = re.compile(r"\s+(?:in|during|since)\s+(?:19|20)\d\d(?:[-\u2013/]\d{2,4})?\s*(?=\s\w+\s*$|$)")
_TRAILING_STOPS = re.compile(r"(?:\s+(?:to|from|at|by|of|for|with|as|up|down))+\s*$")
_FILLERS = word_table("fillers")
_AUX_END = re.compile(r"(?:\s+(?:had|has|have|was|were|is|are|been|had\s+been|has\s+been|will|would))+\s*$")
_DECLINE = word_table("decline_verbs")
# Verbs whose object is an amount, and the noun for what the amount measures.
_VERB_NOUNS = dict(WORDS["verb_nouns"])
_AUX_PARTICIPLE = re.compile(
    r"\b(?:are|is|were|was|have\s+been|has\s+been|had\s+been|had|have|has|got|get|be)\s+"
    r"(?:now\s+|already\s+|also\s+|so\s+far\s+|reportedly\s+)?(?P<p>(?!been\b)[a-z]+(?:ed|en|wn|ght))\b"
)
# Common verbs that end a noun phrase read backwards ("charge interest of" -> "interest").
_VERBS = word_table("common_verbs")
# Kinds of entity a figure may concern, best first.
_CONCERN_ORDER = ORGANISATION_KINDS + ("Programme", "Product", "Person") + PLACE_KINDS
_STATED_KINDS = {"months_between", "months", "years_between", "quarter", "fiscal", "years", "month", "year", "dates"}


@dataclass
class _Found:
    """A figure being built: its quantity (or year), its clause and the period it gets."""

    start: int
    end: int
    value: str
    unit: str
    kind: str  # money, percent, count, year
    clause: tuple[int, int]
    quantity: Quantity | None = None
    match: PeriodMatch | None = None  # the period phrase this figure takes
    fact_of: PeriodMatch | None = None  # for a stand-alone year: the phrase it was read from
    period: Period | None = None
    measure: str = ""


def extract_figures(doc: Document, ex: Extraction, parsed: ParsedDoc | None = None) -> list[Figure]:
    """The figures stated in the body of `doc`, in text order, with measure, period and whom they concern.

    `parsed` is the article's spaCy parse (`kg.extract.nlp.parse_article`), made here when not given."""
    if parsed is None:
        from kg.extract.nlp import parse_article

        parsed = parse_article(doc)
    hits = _by_sentence(doc.sentences, figure_hits(parsed))
    stated: list[Period] = []  # dated periods stated so far, for "in those months"
    figures: list[Figure] = []
    for sentence, sentence_hits in zip(doc.sentences, hits, strict=True):
        for f in _sentence_figures(doc, sentence, stated, sentence_hits):
            _add_figure(figures, f, doc.span(f.start, f.end), _concerns(ex, sentence, f))
    return figures


def _by_sentence(sentences: Sequence[Sentence], hits: list[Hit]) -> list[list[Hit]]:
    """The row matches of each sentence (by where the match starts), so each sentence reads only its own."""
    starts = [s.start for s in sentences]
    out: list[list[Hit]] = [[] for _ in sentences]
    for hit in hits:
        first = min(t.idx for t in hit.tokens.values())
        i = bisect_right(starts, first) - 1
        if i >= 0 and first < sentences[i].end:
            out[i].append(hit)
    return out


def _sentence_figures(doc: Document, sentence: Sentence, stated: list[Period], hits: list[Hit]) -> list[_Found]:
    """The figures of one sentence, in text order, each with its period and measure."""
    text = doc.text
    periods = find_periods(text, sentence.start, sentence.end, today=doc.date)
    clauses = _clauses(text, sentence)
    found = _quantities(text, sentence, periods, clauses, hits)
    _match_periods(text, sentence, found, periods)
    found += _year_facts(text, doc.date, periods, found, clauses)
    found.sort(key=lambda f: f.start)
    resolved = _resolve_in_order(periods, found, stated)
    previous: _Found | None = None
    for f in found:
        if f.match is not None:
            f.period = resolved[id(f.match)]
        elif f.kind == "percent" and previous is not None and previous.kind != "year":
            f.period = previous.period
        f.measure = _measure(text, sentence, f, previous)
        previous = f
    return found


def _quantities(
    text: str, sentence: Sentence, periods: list[PeriodMatch], clauses: list[tuple[int, int]], hits: list[Hit]
) -> list[_Found]:
    """The amounts, percentages and counts of a sentence that are not part of a period phrase: read from
    the text, then the counts and ranks of the figure rows, then the ends of ranges that are in none."""
    quantities = find_quantities(text, sentence.start, sentence.end)
    quantities += [q for q in count_rows(text, hits, sentence.start, sentence.end) if not _overlaps(q, quantities)]
    quantities = [q for q in quantities if not any(q.start < p.end and q.end > p.start for p in periods)]
    quantities += _elliptic_counts(text, sentence, quantities, periods)
    quantities += range_ends(text, hits, quantities)
    quantities += [q for q in elliptic_amounts(text, sentence.start, sentence.end, quantities)
                   if not any(q.start < p.end and q.end > p.start for p in periods)]
    found: list[_Found] = []
    for q in sorted(quantities, key=lambda q: q.start):
        end = q.noun_end if q.kind == "count" else q.end
        found.append(_Found(q.start, end, plain(q.value), q.unit, q.kind, _clause_of(clauses, q.start), q))
    return found


def _match_periods(text: str, sentence: Sentence, found: list[_Found], periods: list[PeriodMatch]) -> None:
    """Give each figure the period phrase it takes: the nearest in its clause, one later in the sentence,
    or one that opens the sentence."""
    opening = _opening_period(text, sentence, periods)
    for f in found:
        eligible = [p for p in periods if _within(p, f.clause) and _may_qualify(p, f, found)]
        f.match = _nearest(f, eligible) or _later_in_sentence(f, found, periods) or opening


def _year_facts(
    text: str, today: str | None, periods: list[PeriodMatch], found: list[_Found], clauses: list[tuple[int, int]]
) -> list[_Found]:
    """Years after "in", "since" or "on" that no figure claims ("set up in 2009"), but the article's own date."""
    claimed = {id(f.match) for f in found if f.match is not None}
    out: list[_Found] = []
    for p in periods:
        if id(p) in claimed or p.anchor is None or p.prep not in ("in", "since", "on"):
            continue
        if p.kind == "date" and p.period.start == today or p.kind != "date" and p.prep == "on":
            continue  # the article's own date is not a figure
        s, e = p.anchor
        out.append(_Found(s, e, text[s:e], "year", "year", _clause_of(clauses, s), fact_of=p))
    return out


def _resolve_in_order(periods: list[PeriodMatch], found: list[_Found], stated: list[Period]) -> dict[int, Period]:
    """Each period phrase's period (by id), in text order: a back-reference takes the last period stated
    before it; dated periods join `stated`."""
    resolved: dict[int, Period] = {}
    year_facts = {id(f.fact_of) for f in found if f.fact_of is not None}
    for p in periods:
        resolved[id(p)] = _resolve(p, stated)
        if p.dated and p.kind in _STATED_KINDS and id(p) not in year_facts:
            stated.append(p.period)
    return resolved


def _add_figure(figures: list[Figure], f: _Found, evidence: Span, concerns: str | None) -> None:
    """Append `f`, unless it states again an amount already listed (then it may only add its period)."""
    same = next((i for i, g in enumerate(figures) if f.kind != "year" and g.value == f.value
                 and g.unit == f.unit and (f.kind != "percent" or g.measure == f.measure)
                 and (g.period is None or f.period is None or g.period == f.period)), None)
    if same is None:
        figures.append(Figure(measure=f.measure, value=f.value, unit=f.unit, evidence=evidence, period=f.period,
                              concerns=concerns))
    elif figures[same].period is None and f.period is not None:  # "Rs 6 crore ... the Rs 6 crore"
        figures[same] = replace(figures[same], period=f.period)


def _overlaps(q: Quantity, others: list[Quantity]) -> bool:
    return any(q.start < o.end and o.start < q.end for o in others)


_ELLIPTIC = re.compile(
    r"(?<![\w.,\-/$\u20b9])(?P<n>\d{1,3}(?:,\d{2,3})+|\d+)(?![\w%/]|[.,]\d)"
    r"(?=\s+(?:were|are|was|have|has|had|got|received|remain|remained)\b)"
)


def _elliptic_counts(
    text: str, sentence: Sentence, quantities: list[Quantity], periods: list[PeriodMatch]
) -> list[Quantity]:
    """"Of the 1,200 applications received, 860 were approved": 860 counts the noun counted just before."""
    out: list[Quantity] = []
    for m in _ELLIPTIC.finditer(text, sentence.start, sentence.end):
        if any(m.start() < q.end and q.start < m.end() for q in quantities) or any(
                m.start() < p.end and p.start < m.end() for p in periods):
            continue
        before = [q for q in quantities if q.kind == "count" and q.end <= m.start()]
        if not before:
            continue
        value = Decimal(m.group("n").replace(",", ""))
        out.append(Quantity(m.start(), m.end(), m.group(), value, before[-1].unit, "count", m.end(), m.end()))
    return out


# ------------------------------------------------------------------------------------------ periods


def _may_qualify(p: PeriodMatch, f: _Found, found: list[_Found]) -> bool:
    """Whether period `p`, in the same clause, can be figure `f`'s period.

    Not across another figure of the same unit ("rose to Rs 14,500 from Rs 9,000 in 2019"); a single year
    before the figure only when it opens the clause ("founded in 1996 and now runs 14 workshops"); a
    duration only right after the figure ("$1.5 million over three years").
    """
    lo, hi = (p.end, f.start) if p.end <= f.start else (f.end, p.start)
    if any(o is not f and o.unit == f.unit and lo <= o.start < hi for o in found):
        return False
    if p.kind == "year" and p.end <= f.start and p.start - f.clause[0] > 1:
        return False
    return not (p.kind == "duration" and not (0 <= p.start - f.end <= 2))


def _resolve(p: PeriodMatch, stated: list[Period]) -> Period:
    """A back-reference ("the eight months") becomes the period stated before it; others stay as they are."""
    if p.kind != "backref" or not stated:
        return p.period
    words = p.period.text.split()
    wanted = _count_word(words[1]) if len(words) == 3 and words[2] == "months" else None
    if wanted is not None:
        for earlier in reversed(stated):
            if months_in(earlier) == wanted:
                return earlier
    return stated[-1]


def _count_word(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return word_number(word)


def _opening_period(text: str, sentence: Sentence, periods: list[PeriodMatch]) -> PeriodMatch | None:
    """A period that opens the sentence and is set off by a comma ("In 2016-17, the society sold ...")."""
    if periods and periods[0].start == sentence.start and text[periods[0].end:periods[0].end + 1] == ",":
        return periods[0]
    return None


def _later_in_sentence(f: _Found, found: list[_Found], periods: list[PeriodMatch]) -> PeriodMatch | None:
    """A period further on in the sentence, before any other figure ("9,000 baskets of reed, cane and
    bamboo sold at the fair in those months"). A single year there is left alone: it may be a fact of
    its own ("has 500 workers, and was set up in 2015")."""
    limit = min((o.start for o in found if o.start > f.end), default=10**9)
    for p in periods:
        if f.clause[1] <= p.start < limit and p.kind not in ("year", "duration"):
            return p
    return None


def _nearest(f: _Found, periods: list[PeriodMatch]) -> PeriodMatch | None:
    best: PeriodMatch | None = None
    best_gap = 10**9
    for p in periods:
        gap = p.start - f.end if p.start >= f.end else f.start - p.end
        if gap < best_gap:
            best, best_gap = p, max(gap, 0)
    return best


# ------------------------------------------------------------------------------------------ clauses


def _clauses(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    cursor = sentence.start
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if m.start() > cursor:
            out.append((cursor, m.start()))
        cursor = m.end()
    if sentence.end > cursor:
        out.append((cursor, sentence.end))
    return out or [(sentence.start, sentence.end)]


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for c in clauses:
        if c[0] <= pos < c[1]:
            return c
    return clauses[-1]


def _within(p: PeriodMatch, clause: tuple[int, int]) -> bool:
    return p.start >= clause[0] and p.end <= clause[1]


# ------------------------------------------------------------------------------------------ measures


@dataclass(frozen=True)
class _Around:
    """A figure and the words around it in its clause, from which its measure is read."""

    text: str
    sentence: Sentence
    f: _Found
    previous: _Found | None
    lead_start: int  # where the words before the figure start (its clause, or the previous figure's phrase)
    lead: str  # the words before the figure, without qualifiers ("over") or a reporting verb
    after: str  # the rest of the clause after the figure

    @property
    def opens_clause(self) -> bool:
        return self.lead_start == self.f.clause[0]

    @property
    def previous_measure(self) -> str:
        return self.previous.measure if self.previous is not None else ""

    def named(self, words: list[str]) -> str:
        return " ".join(_lower_first(words, self.text))


def _around(text: str, sentence: Sentence, f: _Found, previous: _Found | None) -> _Around:
    lead_start = f.clause[0]
    if previous is not None and previous.clause == f.clause and previous.quantity is not None:
        lead_start = previous.quantity.phrase_end
    lead_end = f.fact_of.start if f.fact_of is not None else f.start  # a year: up to "in", "on", "since"
    lead = _QUALIFIERS.sub("", text[lead_start:lead_end]).rstrip()
    if lead_start == f.clause[0]:
        lead = _REPORTING.sub("", lead)  # "The owners said ticket revenue rose 35%": the subject follows "said"
    return _Around(text, sentence, f, previous, lead_start, lead, text[f.end:f.clause[1]])


def _measure(text: str, sentence: Sentence, f: _Found, previous: _Found | None) -> str:
    """A short description of what the figure measures, made from the words around it."""
    a = _around(text, sentence, f, previous)
    inherited = _inherited_measure(a)
    if inherited is not None:
        return inherited
    if f.kind == "count":
        return _count_measure(text, f)
    if f.kind == "year":
        return _year_measure(text, sentence, f, a.lead)
    rules = _PERCENT_RULES if f.kind == "percent" else _MONEY_RULES
    return next((m for rule in rules if (m := rule(a)) is not None), "percentage" if f.kind == "percent" else "amount")


def _inherited_measure(a: _Around) -> str | None:
    """A figure with only function words before it measures what the figure before it measures
    ("rose 4.2 percent ..., and again by 3 per cent"; "to Rs 14,500 from Rs 9,000")."""
    f, previous = a.f, a.previous
    lead_words = _words(a.lead)
    if previous is None or not previous.measure or not lead_words or f.kind not in ("money", "percent"):
        return None
    if f.kind == "percent" and re.match(r"\s+of\s", a.after):
        return None
    if not all(w.lower() in STOP_WORDS or w.lower() in _FILLERS for w in lead_words):
        return None
    if previous.kind == f.kind:
        return previous.measure
    if previous.kind == "percent" and previous.measure.startswith(("growth in ", "decline in ")):
        return previous.measure.split(" in ", 1)[1]  # "rose 18 per cent to Rs 12 crore"
    return None


def _count_measure(text: str, f: _Found) -> str:
    q = f.quantity
    assert q is not None
    phrase = " ".join(text[q.end:q.phrase_end].split()) if q.phrase_end > q.end else q.unit
    rest = text[max(q.phrase_end, q.end):f.clause[1]]
    m = _AUX_PARTICIPLE.search(rest[:80])
    return f"{phrase} {m.group('p')}" if m else phrase


def _year_measure(text: str, sentence: Sentence, f: _Found, lead: str) -> str:
    lead = re.sub(r"^.*\b(?:said|added|noted|says|adds|stated|told\s+\w+)\s+that\s+", "", lead)
    words = _strip_dets(_words(lead))[-10:]
    if not words:
        words = _words(text[f.end:sentence.end])[:8]
    return " ".join(["year", *_lower_first(words, text)])


# ---------------------------------------------------------------- percentages: each rule a measure or None


def _share_of(a: _Around) -> str | None:
    """"60 per cent of them" (the previous figure's noun), "44% of the state's exports"."""
    share = re.match(r"\s+of\s+(.*)", a.after)
    if not share:
        return None
    if a.previous is not None and re.match(r"(?:them|these|those)\b", share.group(1)):
        return "share of " + (a.previous.unit if a.previous.kind == "count" else a.previous.measure)
    words = _phrase(share.group(1), 5, allow={"the", "its", "their", "his", "her", "a", "an", "all"})
    return "share of " + " ".join(words) if words else None


def _percent_noun_after(a: _Around) -> str | None:
    """"a 36% jump in sales", "18 percent annual growth": the noun after the percentage."""
    following = _verbless(_phrase(a.after, 3))
    if not following or any(w.lower() in NOT_COUNTED or w.lower() in _TIME_WORDS or word_number(w)
                            for w in following):
        return None  # "38% five years ago" says when, not what
    tail = re.match(rf"\s*(?:\S+\s+){{{len(following)}}}(?P<prep>in|on|of|for)\s+(?P<rest>.*)", a.after)
    extra = _phrase(tail.group("rest"), 3, allow={"the", "its", "their"}) if tail else []
    if tail and extra:
        return " ".join([*following, tail.group("prep"), *extra])
    return " ".join(following)


def _copula(a: _Around) -> str | None:
    return _copula_subject(a.lead, a.previous, a.text)


def _change(a: _Around) -> str | None:
    """"exports rose 12 per cent" -> "growth in exports"; "fell 3%" after another figure -> "decline in" it."""
    change = _CHANGE_BEFORE.search(a.lead)
    if not change:
        return None
    noun = "decline" if change.group("v").lower() in _DECLINE else "growth"
    subject = _AUX_END.sub("", a.lead[:change.start()]).strip()
    words = _head(_strip_dets(_words(subject)))
    if words and (len(_words(subject)) <= 10 or not a.previous_measure):  # a long subject: the figure before
        return f"{noun} in {a.named(words)}"
    return f"{noun} in {a.previous_measure}" if a.previous_measure else noun


def _level(a: _Around) -> str | None:
    """"defaults fell to 0.5 per cent" -> "defaults"."""
    level = _LEVEL.search(a.lead)
    if not level:
        return None
    head = _head(_strip_dets(_words(_AFTER_VERB.sub("", _AUX_END.sub("", a.lead[:level.start()])))))
    return a.named(head) if head else None


def _percent_noun_before(a: _Around) -> str | None:
    conn = re.search(r"\b(?:of|at|above|below|to)\s*$", a.lead)
    words = _noun_before(a.lead[:conn.start()] if conn else a.lead)
    return a.named(words) if words else None


_PERCENT_RULES: tuple[Callable[[_Around], str | None], ...] = (
    _share_of, _percent_noun_after, _copula, _change, _level, _percent_noun_before,
)


# ---------------------------------------------------------------- money: each rule a measure or None


def _connected(a: _Around) -> str | None:
    """"goods worth Rs 6 crore", "loans of Rs 110 crore", "two lakh toys worth Rs 3 crore"."""
    conn = _CONNECTOR.search(a.lead)
    if not conn:
        return None
    before = a.lead[:conn.start()]
    if not _words(before) and a.previous is not None and a.previous.kind == "count":
        return f"value of {a.previous.measure}"
    np = _noun_before(before)
    if not np:
        return None
    if conn.group("c").lower() != "worth":
        return a.named(np)
    verb_words = _words(before[: len(before.rstrip()) - len(" ".join(np))])
    verb = verb_words[-1].lower() if verb_words else ""
    if (verb.endswith("ed") and "-" not in verb) or verb in _VERB_NOUNS:
        return f"{' '.join(np)} {verb}"
    return "value of " + " ".join(np)


def _in_what(a: _Around) -> str | None:
    """"crossed Rs 100 crore in sales", "the Rs 1 lakh mark in exports"."""
    in_what = re.match(r"\s+(?:(?:mark|level|milestone|figure|threshold)\s+)?(?:in|as|of)\s+(?P<rest>[a-z].*)",
                       a.after)
    words = _phrase(in_what.group("rest"), 5, allow={"and"}) if in_what else []
    return " ".join(words) if words else None


def _attributive(a: _Around) -> str | None:
    """"the Rs 500-crore plan", "a Rs 20 crore project"."""
    attributive = _phrase(a.after, 2)
    lead_words = _words(a.lead)
    if attributive and (not lead_words or lead_words[-1].lower() in _DETERMINERS):
        return " ".join(attributive)
    return None


def _price(a: _Around) -> str | None:
    """"bags sell at Rs 15 per piece", "a saree fetches Rs 3,500"."""
    price = _PRICE.search(a.lead)
    if not price:
        return None
    return "cost" if price.group("v").startswith("cost") else "price"


def _passive_subject(a: _Around) -> str | None:
    """"the support price was raised to Rs 2,183" -> "support price"."""
    passive_subject = _PASSIVE_SUBJECT.match(a.lead)
    if not passive_subject or not a.opens_clause:
        return None
    head = _head(_strip_dets(_words(passive_subject.group("subject"))))
    return a.named(head) if head else None


def _verb_words(a: _Around) -> list[str]:
    return _words(_TRAILING_STOPS.sub("", _YEAR_END.sub("", a.lead)))


def _plural_before(a: _Around) -> str | None:
    """"loans up to Rs 6 lakh", "raise exports to $5 billion"."""
    verb_words = _verb_words(a)
    if not verb_words or not _looks_plural_noun(verb_words[-1]):
        return None
    np = _noun_before(" ".join(verb_words))
    return a.named(np) if np else None


def _verb_noun(a: _Around) -> str | None:
    """"invest INR 40 lakh" -> "investment"; "bought in 2019 for $18 million" -> "purchases"."""
    verb_words = _verb_words(a)
    return _VERB_NOUNS[verb_words[-1].lower()] if verb_words and verb_words[-1].lower() in _VERB_NOUNS else None


def _passive_after(a: _Around) -> str | None:
    """"Rs 42 lakh was sanctioned" -> "sanctioned funds"."""
    passive = re.match(
        r"\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are|will\s+be)\s+(?:\w+ly\s+)?"
        r"(?P<v>[a-z]+(?:ed|en|wn|ght|id|nt))\b", a.after)
    return _VERB_NOUNS.get(passive.group("v"), f"amount {passive.group('v')}") if passive else None


def _subject_before(a: _Around) -> str | None:
    """The subject of the clause, less its verb ("the scheme has helped exports reach ..." -> "exports")."""
    if len(_words(a.lead)) < 2:
        return None
    subject_text = _TRAILING_STOPS.sub("", a.lead)
    subject_text = _AUX_END.sub("", re.sub(r"\s*\S+\s*$", "", subject_text))
    subject_text = _AUX_END.sub("", _TRAILING_STOPS.sub("", subject_text))
    subject_text = _AFTER_VERB.sub("", subject_text)
    head = _head(_strip_dets(_words(subject_text)))
    if head and a.opens_clause and "," not in subject_text:
        return a.named(head)
    np = _noun_before(subject_text)
    return a.named(np) if np else None


_MONEY_RULES: tuple[Callable[[_Around], str | None], ...] = (
    _connected, _in_what, _attributive, _copula, _price, _passive_subject, _plural_before, _verb_noun,
    _passive_after, _subject_before,
)


_COPULA = re.compile(
    r"^(?P<subject>.*?)\s+(?:is|was|are|were|stood\s+at|stands\s+at|remained|remains|has\s+been|had\s+been)\s*$"
)
_GENERIC_SUBJECTS = word_table("generic_subjects")
_PRICE = re.compile(
    r"\b(?P<v>sells?|sold|priced|retails?|retailed|fetch(?:es|ed)?|costs?|available)(?:\s+(?:at|for))?\s*$"
)
_PASSIVE_SUBJECT = re.compile(
    r"^(?P<subject>.+?)\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|will\s+be)\s+[a-z]+(?:ed|en)"
    r"\s+(?:to|at|by)\s*$"
)
_TIME_WORDS = word_table("time_words")


def _copula_subject(lead: str, previous: _Found | None, text: str) -> str | None:
    """"The state's share of exports is about 44%" -> "state's share of exports"; "the figure was 38%"
    after another percentage -> that one's measure."""
    m = _COPULA.match(_REPORTING.sub("", lead))
    if not m:
        return None
    words = _head(_strip_dets(_words(m.group("subject"))))
    if not words:
        return None
    if len(words) == 1 and words[0].lower() in _GENERIC_SUBJECTS:
        return previous.measure if previous is not None and previous.measure else None
    return " ".join(_lower_first(words, text))


def _verbless(words: list[str]) -> list[str]:
    """Cut a phrase before its verb: "subsidy helps" -> "subsidy" (a singular noun then a word in -s)."""
    for i in range(1, len(words)):
        prev, w = words[i - 1].lower(), words[i].lower()
        if (w in _VERBS or w.endswith("s") and not prev.endswith("s") and not words[i].isupper()
                and not w.endswith(("ss", "us", "is"))):
            return words[:i]
    return words


def _looks_plural_noun(word: str) -> bool:
    low = word.lower()
    return (low.endswith("s") and not low.endswith(("ss", "ous", "is", "us")) and low not in STOP_WORDS
            and low not in _VERBS and low not in _VERB_NOUNS)


_AFTER_VERB = re.compile(r"^.*\b(?:has|have|had|will|would|is|are|was|were)\s+(?:\w+ly\s+)?\w+(?:ed|en)\s+")
_LEVEL = re.compile(
    r"\b(?:fell|rose|stood|reached|touched|climbed|dropped|declined|increased|decreased|grew|jumped|slipped"
    r"|went\s+up|went\s+down|came\s+down)(?:\s+(?:to|at))?\s*$"
)
_PREPOSITIONS = word_table("prepositions")


def _head(words: list[str]) -> list[str]:
    """The head of a long subject: "Sales of toys from Chitrakoot and mats from ..." -> "Sales of toys"."""
    if len(words) <= 8:
        return words
    preps = [i for i, w in enumerate(words) if w.lower() in _PREPOSITIONS]
    cut = preps[1] if len(preps) > 1 else 8
    return words[:min(cut, 8)]


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def _strip_dets(words: list[str]) -> list[str]:
    while words and words[0].lower() in STOP_WORDS:
        words = words[1:]
    return words


_TOKEN = re.compile(r"\s*([A-Za-z][\w'\u2019\-]*[\w']|[A-Za-z])")


def _phrase(s: str, limit: int, allow: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The words at the start of `s` up to a function word or punctuation (at most `limit`)."""
    out: list[str] = []
    cursor = 0
    while len(out) < limit:
        m = _TOKEN.match(s, cursor)
        if not m:
            break
        w = m.group(1)
        if w.lower() in STOP_WORDS and w.lower() not in allow:
            break
        out.append(w)
        cursor = m.end()
    while out and out[-1].lower() in allow:
        out.pop()
    return out


def _noun_before(s: str) -> list[str]:
    """The noun phrase that ends `s` ("a seed grant" -> ["seed", "grant"]), stopping at a verb or function
    word."""
    words = _words(s)
    out: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        low = w.lower()
        determined = i > 0 and words[i - 1].lower() in _DETERMINERS  # "a cost", "the budget": nouns
        if low in STOP_WORDS or (low in _VERB_NOUNS and not determined) or low.endswith("ing") or re.fullmatch(
                r"[\d.,]+", w):
            break
        if (out and low.endswith("ed") and "-" not in low or low in _VERBS and not determined) and not w[0].isupper():
            break
        if out and i > 0 and words[i - 1].lower() in _MODALS:
            break  # "will ship planters": "ship" is a verb
        out.insert(0, w)
        if len(out) >= 4:
            break
    return out


_DETERMINERS = word_table("determiners")
_MODALS = word_table("modals")


def _lower_first(words: list[str], text: str) -> list[str]:
    """Lower-case a sentence-initial common word ("Sales" -> "sales"); names keep their capitals.

    A capitalised word is taken for a name when the article also capitalises it inside a sentence."""
    if not words:
        return words
    first = words[0]
    if not first[1:].islower():
        return words
    if re.search(rf"[a-z,;]\s+{re.escape(first)}\b", text):
        return words
    return [first.lower(), *words[1:]]


# ------------------------------------------------------------------------------------------ concerns


def _concerns(ex: Extraction, sentence: Sentence, f: _Found) -> str | None:
    """The entity the figure is about: in its own clause, a named organisation first (then programme,
    product, person, place), the nearest of a kind; failing that, the nearest entity named before it in the
    sentence (a speaker named after it, "a state government spokesman said", is not what it measures)."""
    best: tuple[int, int, int, str] | None = None
    for e in ex.entities:
        if e.kind == "NewsAgency" or e.kind not in _CONCERN_ORDER:
            continue
        for m in e.mentions:
            if not (sentence.start <= m.start < sentence.end):
                continue
            gap = m.start - f.end if m.start >= f.end else f.start - m.end
            if f.clause[0] <= m.start < f.clause[1]:
                rank = (0, _CONCERN_ORDER.index(e.kind), abs(gap), e.key)
            else:
                rank = (1 if m.start < f.start else 2, 0, abs(gap), e.key)
            if best is None or rank < best:
                best = rank
    return best[3] if best else None
