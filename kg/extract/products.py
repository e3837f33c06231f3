"""Products and crafts (vocabulary in kg/data/odop_products.csv) and the districts the text ties them to.

A product is named by its generic name ("perfume") with the text's words as aliases ("attar", "itra").
The pairings are read from the text only, in the usual syntaxes: "brassware from Moradabad", "the
carpets of Bhadohi", "lock makers in Aligarh", "Kannauj perfume", "Firozabad's glassware", "Gorakhpur
(terracotta)", "X is the ODOP product of D", "X is D's product", "D was picked for X", "D has X as its
product", "D is known for X", lists sharing one district ("bats, footballs and gym equipment from
Meerut"), and a town placed in its district ("ceramics from Khurja" with "Khurja, a town in Bulandshahr
district"). Goods of foreign origin ("Persian rugs") are not products of a district.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.context import Context, alternation, norm_key, read_rows, split_alternatives
from kg.extract.model import ProductOrigin


@cache
def _vocabulary() -> tuple[re.Pattern[str], dict[str, str]]:
    generic: dict[str, str] = {}
    for row in read_rows("odop_products.csv"):
        for name in [row["name"], *split_alternatives(row.get("aliases", ""))]:
            generic.setdefault(name.casefold(), row["name"])
    return re.compile(rf"(?<![\w-])(?:{alternation(list(generic))})(?![\w-])", re.I), generic


def product_key(name: str) -> str:
    return "product:" + norm_key(name)


@dataclass
class _Hit:
    start: int
    end: int
    generic: str


@dataclass
class _Place:
    start: int
    end: int
    district: str  # canonical district name


_UNIT_WORDS = (r"(?:makers?|manufacturers?|units?|artisans?|growers?|producers?|weavers?|exporters?|"
               r"clusters?|industry|industries|sector|traders?|workers?|craftsmen|craftspeople|crafts?|"
               r"products?|items?|goods|sets?|pieces?|hub|businesses|firms|farmers|potters)")
_P_BEFORE_D = re.compile(
    rf"^[ ]+(?:{_UNIT_WORDS}[ ]+)?(?:made[ ]+)?(?:from|of|in)[ ]+(?:the[ ]+)?(?:neighbouring[ ]+|nearby[ ]+)?"
    r"(?:district[ ]+of[ ]+|[A-Z][a-z]+[ ]+(?:village[ ]+|town[ ]+)?in[ ]+(?:the[ ]+)?)?$")
_P_IS_PRODUCT_OF_D = re.compile(
    r"^(?:,[^,]{0,90},)?[ ]+(?:is|are|was|has been)[ ]+(?:the[ ]+|an?[ ]+)?(?:[\w-]+[ ]+){0,3}?"
    r"(?:product|craft|speciality|specialty)[ ]+of[ ]+(?:the[ ]+)?$")
_P_IS_D_S = re.compile(r"^(?:,[^,]{0,90},)?[ ]+(?:is|are|was|has been)[ ]+$")
_D_S_PRODUCT_AFTER = re.compile(r"^['\u2019]s[ ]+(?:[\w-]+[ ]+){0,2}?(?:product|craft|speciality|specialty)\b")
_D_S_P = re.compile(r"^['\u2019]s[ ]+(?:(?:famous|famed|renowned|traditional|iconic|celebrated|signature|"
                    r"handmade|hand-made|local|best-known|well-known|own)[ ]+)?$")
_D_P = re.compile(r"^[ ]+$|^,[ ]+whose[ ]+(?:famous[ ]+|renowned[ ]+)?$")
_D_PAREN_P = re.compile(r"^[ ]*\([ ]*$")
_D_PICKED_P = re.compile(
    r"^(?:[ ]+district)?,?(?:[^,]{0,60},)?[ ]+(?:was|has been|is|were|are)[ ]+(?:picked|chosen|selected|"
    r"identified|named|known|famous|renowned|noted|popular|recognised|recognized)[ ]+for[ ]+(?:its[ ]+|their[ ]+)?$")
_D_HAS_P = re.compile(r"^(?:[ ]+district)?,?(?:[^,]{0,60},)?[ ]+has[ ]+$")
_HAS_AS_ITS = re.compile(r"^[ ]+as[ ]+its[ ]+")
_D_IS_P = re.compile(r"^[ ]+(?:is|are|was|were)[ ]+(?:its[ ]+)?$")
_PRODUCT_OF_BEFORE = re.compile(r"\b(?:product|craft|speciality|specialty)s?[ ]+(?:of|for)[ ]+$")
_LIST_GAP = re.compile(r"^[ ]*(?:,|,?[ ]+and|,?[ ]+or)[ ]+(?:the[ ]+)?$")


def find_products(ctx: Context) -> set[tuple[int, int]]:
    """Record products and origins; return the spans of district names tied to a product."""
    pattern, generic = _vocabulary()
    hits: list[_Hit] = []
    for para in ctx.body():
        for m in pattern.finditer(ctx.text, para.start, para.end):
            if not ctx.is_free(m.start(), m.end()) or _foreign(ctx, m.start()):
                continue
            hits.append(_Hit(m.start(), m.end(), generic[m.group().casefold()]))
    places = _district_places(ctx)
    pairs: list[tuple[_Hit, _Place, int, int]] = []
    for sentence in ctx.doc.sentences:
        s_hits = [h for h in hits if sentence.start <= h.start < sentence.end]
        s_places = [p for p in places if sentence.start <= p.start < sentence.end]
        linked: dict[int, _Place] = {}
        for i, h in enumerate(s_hits):
            place = _link(ctx, h, s_hits, s_places)
            if place:
                linked[i] = place
        # "bats, footballs and gym equipment from Meerut": the list shares the last item's district.
        for i in range(len(s_hits) - 2, -1, -1):
            if i not in linked and i + 1 in linked:
                gap = ctx.text[s_hits[i].end: s_hits[i + 1].start]
                if _LIST_GAP.match(gap):
                    linked[i] = linked[i + 1]
        for i, place in linked.items():
            h = s_hits[i]
            pairs.append((h, place, min(h.start, place.start), max(h.end, place.end)))

    odop_sentences = _odop_sentences(ctx)
    keep = {h.generic for h, *_ in pairs} | {
        h.generic for h in hits if ctx.sentence_of(h.start).index in odop_sentences}
    for h in hits:
        if h.generic in keep:
            key = ctx.add(product_key(h.generic), "Product", h.generic, h.start, h.end)
            surface = ctx.text[h.start:h.end]
            if surface.casefold() != h.generic.casefold():
                ctx.alias(key, surface.lower() if not surface[1:].islower() or surface[:1].isupper() else surface)
            ctx.take(h.start, h.end)
    district_spans: set[tuple[int, int]] = set()
    seen: set[tuple[str, int, int]] = set()
    for h, place, start, end in pairs:
        district_spans.add((place.start, place.end))
        ident = (h.generic, start, end)
        if ident in seen:
            continue
        seen.add(ident)
        ctx.pending_origins.append((product_key(h.generic), place.start, place.end, place.district, start, end))
    return district_spans


def record_origins(ctx: Context) -> None:
    """Once places are settled: an origin per (product, district) pairing read from the text."""
    seen: set[tuple[str, str, int]] = set()
    for product, p_start, p_end, _district, start, end in ctx.pending_origins:
        key = ctx.place_keys.get((p_start, p_end))
        if key is None:
            continue
        if ctx.kind_of(key) != "District":
            town = ctx.ents[key].name
            container = next((c.container for c in ctx.extraction.containments if ctx.ents[c.place].name == town),
                             None)
            if container is None:
                continue
            key = container
        ident = (product, key, start)
        if ident in seen:
            continue
        seen.add(ident)
        ctx.extraction.origins.append(ProductOrigin(product, key, ctx.doc.span(start, end)))


def _foreign(ctx: Context, start: int) -> bool:
    before = ctx.text[max(0, start - 40): start]
    words = re.findall(r"[\w-]+|,", before)[-4:]
    foreign = ctx.lex.foreign_adjectives
    for w in reversed(words):
        if w.casefold() in foreign:
            return True
        if w.casefold() not in {"and", "or", ",", "hand-knotted", "hand-tufted", "handmade", "fine"} \
                and not w[:1].isupper():
            return False
    return False


def _district_places(ctx: Context) -> list[_Place]:
    out = []
    for hit in ctx.place_hits:
        if hit.kind == "UPDistrict" or hit.kind == "Town":
            out.append(_Place(hit.start, hit.end, hit.name))
    return sorted(out, key=lambda p: p.start)


def _link(ctx: Context, h: _Hit, hits: list[_Hit], places: list[_Place]) -> _Place | None:
    text = ctx.text
    after = [p for p in places if p.start >= h.end]
    before = [p for p in places if p.end <= h.start]
    # The product before its district.
    if after:
        p = after[0]
        between = text[h.end:p.start]
        if not any(h.end <= o.start < p.start for o in hits):
            if _P_BEFORE_D.match(between) or _P_IS_PRODUCT_OF_D.match(between):
                return p
            if _P_IS_D_S.match(between) and _D_S_PRODUCT_AFTER.match(text[p.end:p.end + 40]):
                return p
    # The district before its product.
    if before:
        p = before[-1]
        between = text[p.end:h.start]
        if not any(p.end <= o.start < h.start for o in hits):
            if _D_S_P.match(between) or _D_P.match(between) or _D_PICKED_P.match(between):
                return p
            if _D_PAREN_P.match(between) and text[h.end:h.end + 2].lstrip().startswith(")"):
                return p
            if _D_HAS_P.match(between) and _HAS_AS_ITS.match(text[h.end:h.end + 12]):
                return p
            # "The ODOP product of Kannauj is perfume"
            if _D_IS_P.match(between) and _PRODUCT_OF_BEFORE.search(text, max(0, p.start - 40), p.start):
                return p
    return None


_ODOP_CUE = re.compile(r"\b(?:ODOP|One District,? One Product|GI tag|geographical indication)\b", re.I)


def _odop_sentences(ctx: Context) -> set[int]:
    """Sentences that talk about a district's product, where an unpaired product is still a product."""
    out = set()
    for s in ctx.doc.sentences:
        if _ODOP_CUE.search(s.text):
            out.add(s.index)
    return out

