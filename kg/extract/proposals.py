"""Organisations the statistical model proposes and kg's rules missed, kept when the domain data allows
(`kg/data/not_organisations.txt`, the gazetteer, the entities already found)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING

from kg.documents import MONTHS
from kg.extract.context import Context, family
from kg.extract.gazetteer import lookup
from kg.extract.orgs import add_org
from kg.paths import DATA_DIR

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Leading words the model includes in a name that are not part of it.
_LEADING = re.compile(r"^(?:the|The|THE)[ ]+")
# A feed, "BizWire Express- Press Trust of India", or a list run together by the model: two names.
_SEPARATOR = re.compile(r"-[ ]+|[ ]+[-\u2013\u2014][ ]+|,[ ]+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_SCHEME = re.compile(r"\b(?:Scheme|Yojana|Mission|Abhiyan|Programme|Program|Policy|Act)\b")


@cache
def not_organisations() -> frozenset[str]:
    lines = (DATA_DIR / "not_organisations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def propose_organisations(ctx: Context) -> None:
    found = [(s, e) for ent in ctx.parsed.ents if ent.label_ == "ORG"
             for s, e in _parts(ctx.text, ent.start_char, ent.end_char)]
    # A one-word name is kept only when the model calls it an organisation more than once ("Loomgrid").
    tagged = Counter(ctx.text[s:e] for s, e in found)
    for start, end in found:
        name = ctx.text[start:end]
        if (" " in name or tagged[name] >= 2) and _acceptable(ctx, start, end):
            add_org(ctx, name, "Organisation", start, end)


def propose_listed_organisations(ctx: Context) -> None:
    """Names listed with an organisation ("Weavecart, Loomgrid and the Handloom Quality Council signed")
    are organisations too: the parse's conjuncts of an organisation's head word."""
    for _ in range(3):  # a list found one name at a time: each new one leads to its neighbours
        if not _listed_once(ctx):
            break


def _listed_once(ctx: Context) -> bool:
    added = False
    for m in list(ctx.mentions()):
        if family(ctx.kind_of(m.key)) != "org":
            continue
        span = ctx.parsed.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for token in _list_neighbours(span):
            start, end = _proper_noun_phrase(token)
            if _acceptable(ctx, start, end) and not _names_a_person(ctx, ctx.text[start:end].split()[0]):
                add_org(ctx, ctx.text[start:end], "Organisation", start, end)
                added = True
    return added


def _list_neighbours(span: Span) -> list[Token]:
    """Proper nouns listed with the span's head: conjuncts, or a chain of appositions
    ("Four organisations, Weavecart, Loomgrid, the Handloom Quality Council and ...")."""
    root = span.root
    listed = [*root.conjuncts, *(t for t in root.children if t.dep_ == "appos")]
    if root.dep_ == "appos" and root.head.pos_ == "PROPN":
        listed.append(root.head)
    if root.dep_ in ("appos", "conj"):
        listed.extend(t for t in root.head.children if t.dep_ in ("appos", "conj") and t != root)
    return [t for t in listed if t.pos_ == "PROPN" and not span.start <= t.i < span.end]


def _proper_noun_phrase(token: Token) -> tuple[int, int]:
    words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return min([token.idx, *(t.idx for t in words)]), token.idx + len(token.text)


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts = []
    pos = start
    for sep in [*_SEPARATOR.finditer(text, start, end), None]:
        s, e = pos, (sep.start() if sep else end)
        lead = _LEADING.match(text, s, e)
        s = lead.end() if lead else s
        tail = _POSSESSIVE.search(text, s, e)
        e = tail.start() if tail else e
        if e > s:
            parts.append((s, e))
        pos = sep.end() if sep else end
    return parts


def _acceptable(ctx: Context, start: int, end: int) -> bool:
    name = ctx.text[start:end]
    if not ctx.is_free(start, end) or any(rejects(ctx, name, end) for rejects in _REJECTIONS):
        return False
    return not any(m.start < end and start < m.end for m in ctx.mentions_in(max(0, start - 200), end + 200))


def _not_a_name(ctx: Context, name: str, end: int) -> bool:
    """Lower case, a listed word or a month, a scheme, "Mahoba's Gaura", "Karwi in Chitrakoot"."""
    folded = name.casefold()
    return not name[:1].isupper() or folded in not_organisations() or folded in MONTHS \
        or bool(_SCHEME.search(name) or _INNER.search(name))


def _a_place(ctx: Context, name: str, end: int) -> bool:
    """A gazetteer place, or a short name with one in it ("Agra-Lucknow Expressway"; not "IIM Lucknow")."""
    words = name.split()
    parts = [p for w in words for p in w.split("-")]
    return bool(lookup(name)) or len(words) <= 3 and not words[0].isupper() and any(lookup(p) for p in parts)


def _a_title_or_person(ctx: Context, name: str, end: int) -> bool:
    """"District Magistrate Asha Rao", "Prof Asha Rao", "Export Promotion Minister", "Iqbal Hussain"."""
    words = name.split()
    if any(w.casefold() in ctx.lex.title_heads or w in ctx.lex.honorifics for w in words):
        return True
    following = re.match(r"[ ]+([A-Za-z]+)", ctx.text[end:end + 30])
    if following and following.group(1).casefold() in ctx.lex.title_heads:
        return True
    return len(words) <= 3 and words[-1] in ctx.lex.common_surnames


def _a_bare_word(ctx: Context, name: str, end: int) -> bool:
    """A one-word acronym the rules did not know, or a surname of someone found."""
    return " " not in name and (name.isupper() and len(name) <= 4 or _names_a_person(ctx, name))


_REJECTIONS = (_not_a_name, _a_place, _a_title_or_person, _a_bare_word)


# Inside a name: a possessive, or a lower-case word other than a connector.
_INNER = re.compile(r"['\u2019]s[ ]|[ ](?!(?:of|and|for|de|la)[ ])[a-z]+[ ]")


def _names_a_person(ctx: Context, word: str) -> bool:
    return any(family(e.kind) == "person" and word in e.name.split() for e in ctx.ents.values())
