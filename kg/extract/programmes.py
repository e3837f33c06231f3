"""Programmes and schemes: those of kg/data/programmes.csv, names shaped like a programme's, their
abbreviations and back-references ("the scheme"), and the bodies that run them."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from kg.extract.context import FUNCTION_WORDS, Context, Tok, alternation, norm_key, read_rows, split_alternatives
from kg.extract.model import ProgrammeOwner
from kg.extract.orgs import subject_org

if TYPE_CHECKING:
    from spacy.pipeline import SpanRuler

_WORDS = r"(?:scheme|programme|program|initiative|mission|yojana|abhiyan|project|campaign|policy|drive)"
# "Handloom Cluster Development Programme": the capitalised word is part of the name.
_TITLE_WORD = re.compile(r"Scheme|Programme|Program|Initiative|Mission|Yojana|Abhiyan|Yojna")
_ABBR_AFTER = re.compile(r"[ ]*\((?P<abbr>[A-Z][A-Za-z-]{1,11})\)")
_TRAILER = re.compile(rf"(?:[ ]*\((?P<abbr>[A-Z][A-Za-z-]{{1,11}})\))?[ ]+(?P<word>{_WORDS})\b", re.I)


@cache
def _known() -> tuple[re.Pattern[str], dict[str, str]]:
    entries: dict[str, str] = {}
    for row in read_rows("programmes.csv"):
        for name in [row["name"], *split_alternatives(row.get("aliases", ""))]:
            entries.setdefault(name, row["name"])
    return re.compile(rf"(?<![\w-])(?:{alternation(list(entries))})(?![\w-])"), entries


def programme_key(name: str) -> str:
    return "programme:" + norm_key(name)


def find_programmes(ctx: Context) -> None:
    """Programmes of the list, programmes named by their shape, their abbreviations and "the scheme"."""
    _known_programmes(ctx)
    for para in ctx.body():
        for run in list(ctx.runs(para.start, para.end)):
            _programme_name(ctx, run)
    _abbreviation_mentions(ctx)
    _back_references(ctx)


@cache
def programme_ruler() -> SpanRuler:
    """The programmes of kg/data/programmes.csv as spaCy SpanRuler phrase patterns: id the programme's name."""
    from spacy.pipeline import SpanRuler

    from kg.extract.nlp import get_nlp

    ruler = SpanRuler(get_nlp(), name="kg_programmes", spans_key="kg_programmes")
    ruler.add_patterns([{"label": "Programme", "pattern": alias, "id": name}
                        for alias, name in sorted(_known()[1].items())])
    return ruler


_NOT_AFTER_WORD = re.compile(r"(?<![\w-])")
_NOT_BEFORE_WORD = re.compile(r"(?![\w-])")


def _known_programmes(ctx: Context) -> None:
    """The programmes of kg/data/programmes.csv, with an abbreviation in brackets after them."""
    from kg.extract.gazetteer import ruler_spans

    pattern, entries = _known()
    for start, end in ruler_spans(ctx, programme_ruler(), pattern, _NOT_AFTER_WORD, _NOT_BEFORE_WORD):
        if not ctx.is_free(start, end):
            continue
        surface = ctx.text[start:end]
        key = ctx.add(programme_key(entries[surface]), "Programme", entries[surface], start, end)
        ctx.alias(key, surface)
        ctx.take(start, end)
        a = re.match(r"[ ]*\((?P<abbr>[A-Z][A-Za-z-]{1,11})\)", ctx.text[end: end + 16])
        if a:
            ctx.alias(key, a.group("abbr"))


def _name_tokens(run: list[Tok]) -> list[Tok]:
    """The capitalised run after its last possessive ("the Centre's ..."), without leading function words."""
    first = 0
    for i, t in enumerate(run[:-1]):
        if t.possessive:
            first = i + 1
    toks = run[first:]
    while toks and (toks[0].text in FUNCTION_WORDS or toks[0].connector):
        toks = toks[1:]
    return toks


def _programme_name(ctx: Context, run: list[Tok]) -> None:
    """A capitalised name followed by "scheme", "programme"... or with such a word in its title
    ("Handloom Cluster Development Programme", "Scheme for Integrated Textile Parks")."""
    toks = _name_tokens(run)
    if not toks or toks[-1].possessive:
        return
    start, end = toks[0].start, toks[-1].end
    trailer = _TRAILER.match(ctx.text, end)
    if not trailer and not _titled(toks):
        return
    words = [x for x in toks if not x.connector]
    if not words or len(words) == 1 and words[0].text in ctx.lex.not_name_words:
        return
    if any(h.start <= start and end <= h.end for h in ctx.place_hits):
        return
    key = ctx.add(programme_key(ctx.text[start:end]), "Programme", ctx.text[start:end], start, end)
    ctx.take(start, end)
    abbr = trailer if trailer and trailer.group("abbr") else _ABBR_AFTER.match(ctx.text, end)
    if abbr:
        ctx.alias(key, abbr.group("abbr"))
        ctx.take(abbr.start("abbr"), abbr.end("abbr"))


def _titled(toks: list[Tok]) -> bool:
    """A programme word ends the name, or starts it before "of"/"for"."""
    if len(toks) <= 2:
        return False
    return bool(_TITLE_WORD.fullmatch(toks[-1].text)) or bool(_TITLE_WORD.fullmatch(toks[0].text)
                                                               and toks[1].text in ("of", "for"))


def _abbreviation_mentions(ctx: Context) -> None:
    table = {a: e.key for e in ctx.ents.values() if e.kind == "Programme" for a in e.aliases if a.isupper()}
    if not table:
        return
    pattern = re.compile(rf"(?<![\w-])(?:{alternation(list(table))})(?![\w-])")
    for para in ctx.body():
        for m in pattern.finditer(ctx.text, para.start, para.end):
            if ctx.is_free(m.start(), m.end()):
                key = table[m.group()]
                ctx.add(key, "Programme", ctx.ents[key].name, m.start(), m.end())
                ctx.take(m.start(), m.end())


_THE_SCHEME = re.compile(rf"\b[Tt]he[ ]+(?P<word>{_WORDS})\b(?![ ]+[A-Z])")


def _back_references(ctx: Context) -> None:
    for para in ctx.body():
        for m in _THE_SCHEME.finditer(ctx.text, para.start, para.end):
            if m.group("word").lower() in ("project", "policy", "drive", "campaign"):
                continue
            before = [x for x in ctx.mentions_in(max(0, m.start() - 3000), m.start(), "programme")]
            if before and ctx.is_free(m.start(), m.end()):
                key = before[-1].key
                ctx.add(key, "Programme", ctx.ents[key].name, m.start(), m.end())
                ctx.take(m.start(), m.end())


_POSSESSIVE_BEFORE = re.compile(r"['\u2019]s[ ]+$")
_ITS_BEFORE = re.compile(r"\b[Ii]ts[ ]+$")


def find_programme_owners(ctx: Context) -> None:
    """'the Uttar Pradesh government's ODOP scheme', 'the Centre's ... scheme', 'under its ... initiative'."""
    seen: set[tuple[str, str]] = set()
    for m in ctx.mentions():
        if ctx.kind_of(m.key) != "Programme":
            continue
        before = ctx.text[max(0, m.start - 12): m.start]
        owner = None
        p = _POSSESSIVE_BEFORE.search(before)
        if p:
            owner = ctx.mention_ending(m.start - len(before) + p.start(), "org")
        elif _ITS_BEFORE.search(before):
            owner = subject_org(ctx, m.start)
            if owner and ctx.kind_of(owner.key) not in ("GovernmentBody", "Department"):
                owner = None
        if owner is None or ctx.kind_of(owner.key) not in ("GovernmentBody", "Department", "Company",
                                                           "Association", "Organisation"):
            continue
        pair = (m.key, owner.key)
        if pair in seen:
            continue
        seen.add(pair)
        ctx.extraction.programme_owners.append(
            ProgrammeOwner(m.key, owner.key, ctx.doc.span(min(owner.start, m.start), max(owner.end, m.end))))
