"""Products and crafts, and the districts the text ties them to.

Products are the words of kg/data/odop_products.csv (named by their generic name, the text's words as
aliases), and phrases outside it that the words around a district make its product (`_OPEN_FINDERS`);
such a phrase is kept only when it is tied to a district. The shapes that tie a product to a district are
rows of kg/extract/patterns/product_links.toml; the code here applies them to the nearest district on
each side, shares a district along a list of products or a product along a list of districts, and
settles "the district's product" to the district the context names.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg.documents import Sentence
from kg.extract.context import Context, PlaceHit, alternation, family, norm_key, read_rows, split_alternatives
from kg.extract.model import ProductOrigin
from kg.extract.patterns import PATTERNS_DIR
from kg.extract.patterns import words as words_of
from kg.paths import DATA_DIR

if TYPE_CHECKING:
    from spacy.pipeline import SpanRuler


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
    # Found by syntax, not from the vocabulary: kept only when tied to a district.
    open: bool = False
    # Found only as the words before a maker noun ("bell makers of D"): dropped when the district has
    # another product in the article, of which it is then a description.
    maker: bool = False


@dataclass
class _Place:
    start: int
    end: int
    district: str  # canonical district name
    town: bool = False


_Pair = tuple[_Hit, _Place, int, int]
# Word lists of kg/data/product_words.toml.
_WORDS: dict[str, list[str]] = tomllib.loads((DATA_DIR / "product_words.toml").read_text(encoding="utf-8"))

_UNIT_WORDS = (r"(?:makers?|manufacturers?|units?|artisans?|growers?|producers?|weavers?|exporters?|karigars?|"
               r"clusters?|industry|industries|sector|traders?|workers?|craftsmen|craftspeople|crafts?|"
               r"products?|items?|goods|sets?|pieces?|hub|businesses|firms|farmers|potters|city|capital)")
# "P is D1's product under ODOP, as it is for D2"
_AS_IT_IS_FOR = re.compile(r"^(?:['\u2019]s)?[^,.;]{0,80},[ ]+as[ ]+(?:it|they)[ ]+(?:is|are|was|were)[ ]+(?:also[ ]+)?"
                           r"(?:for|in|of)[ ]+(?:the[ ]+)?(?:(?:neighbouring|neighboring|adjoining|nearby)[ ]+)?$")
_SELECTED = re.compile(r"\b(?:picked|chose|chosen|selected|identified|named|notified|earmarked|designated)\b")
_D_S_PRODUCT_AFTER = re.compile(r"^['\u2019]s[ ]+(?:[\w-]+[ ]+){0,2}?(?:product|craft|speciality|specialty)\b")
_HAS_AS_ITS = re.compile(r"^[ ]+as[ ]+(?:its|their)[ ]+")
_PRODUCT_OF_BEFORE = re.compile(r"\b(?:product|craft|speciality|specialty|ODOP)s?[ ]+(?:of|for)[ ]+$")
_ODOP = r"(?:ODOP|One District,? One Product)"
_ITS_BEFORE = re.compile(r"\bits[ ]+(?:[a-z]+[ ]+)?$")
_P_IS_THE_DISTRICTS = re.compile(
    rf"(?:[ ]+(?:is|are|was|has been)|,)[ ]+the[ ]+district['’]s[ ]+(?:own[ ]+)?(?:{_ODOP}[ ]+)?"
    r"(?:product|craft|item|speciality|specialty|ODOP)\b"
    # "P was added to the district's list later"
    rf"|[ ]+(?:was|were|has[ ]+been|have[ ]+been|is|are)[ ]+(?:also[ ]+|later[ ]+)?added[ ]+to[ ]+the[ ]+"
    rf"district['’]s[ ]+(?:{_ODOP}[ ]+)?(?:list|products|basket)\b")
_THE_DISTRICTS_P = re.compile(r"\bthe[ ]+district['’]s[ ]+(?:[a-z]+[ ]+)?$")
_LIST_ITEM_BEFORE = re.compile(r"(?:^|\n|[;,][ ]*|[-*\u2022\u2013][ ]+)$")
_LIST_GAP = re.compile(r"^[ ]*(?:,|,?[ ]+and|,?[ ]+or)[ ]+(?:the[ ]+)?$")


def find_products(ctx: Context) -> set[tuple[int, int]]:
    """Record products and origins; return the spans of district names tied to a product."""
    pattern, generic = _vocabulary()
    hits = _lexicon_hits(ctx, pattern, generic)
    places = _district_places(ctx)
    hits.extend(_open_hits(ctx, hits, places))
    hits.sort(key=lambda h: h.start)
    pairs: list[_Pair] = []
    for sentence in ctx.doc.sentences:
        s_hits = [h for h in hits if sentence.start <= h.start < sentence.end]
        s_places = [p for p in places if sentence.start <= p.start < sentence.end]
        pairs.extend(_sentence_pairs(ctx, s_hits, s_places, places))
    pairs.extend(_made_here(ctx, hits, {id(h) for h, *_ in pairs}))
    described = {place.district for h, place, *_ in pairs if not h.maker}
    pairs = [pair for pair in pairs if not pair[0].maker or pair[1].district not in described]
    extra_districts = _org_name_products(ctx, pattern, generic)
    _record_products(ctx, hits, pairs)
    return _record_pending(ctx, pairs, extra_districts)


@cache
def product_ruler() -> SpanRuler:
    """The vocabulary's words as spaCy SpanRuler phrase patterns, in any case: id the generic name."""
    from spacy.pipeline import SpanRuler

    from kg.extract.nlp import get_nlp

    ruler = SpanRuler(get_nlp(), name="kg_products", spans_key="kg_products", phrase_matcher_attr="LOWER")
    ruler.add_patterns([{"label": "Product", "pattern": word, "id": name}
                        for word, name in sorted(_vocabulary()[1].items())])
    return ruler


_NOT_AFTER_WORD = re.compile(r"(?<![\w-])")
_NOT_BEFORE_WORD = re.compile(r"(?![\w-])")


def _lexicon_hits(ctx: Context, pattern: re.Pattern[str], generic: dict[str, str]) -> list[_Hit]:
    """The vocabulary's words in the body, with a head word that belongs to the name ("moonj craft")."""
    from kg.extract.gazetteer import ruler_spans

    hits: list[_Hit] = []
    for start, end in ruler_spans(ctx, product_ruler(), pattern, _NOT_AFTER_WORD, _NOT_BEFORE_WORD):
        if not ctx.is_free(start, end) or _foreign(ctx, start):
            continue
        word = ctx.text[start:end]
        head = _HEAD_AFTER.match(ctx.text, end)
        if head and ctx.is_free(end, head.end()):
            end = head.end()
        hits.append(_Hit(start, end, generic[word.casefold()]))
    return hits


def _sentence_pairs(ctx: Context, s_hits: list[_Hit], s_places: list[_Place], places: list[_Place]) -> list[_Pair]:
    """The (product, district) pairs one sentence ties."""
    linked: dict[int, _Place] = {}
    district_first: set[int] = set()
    for i, h in enumerate(s_hits):
        found = _link(ctx, h, s_hits, s_places, places)
        if found and found[0] is not None:
            linked[i] = found[0]
            if found[1]:
                district_first.add(i)
    _share_forward(ctx, s_hits, linked, district_first)
    _share_backward(ctx, s_hits, linked)
    pairs: list[_Pair] = []
    _also_product_of(ctx, s_hits, s_places, linked, district_first, pairs)
    for i, place in linked.items():
        h = s_hits[i]
        pairs.append(_pair(h, place))
        if i in district_first:
            _districts_sharing(ctx, h, place, s_places, pairs)
        else:
            # "the moonj craft of Prayagraj, Amethi and Sultanpur": every district of the list.
            _extend_list(ctx, h, place, s_places, s_hits, linked, pairs)
    return pairs


def _pair(h: _Hit, place: _Place) -> _Pair:
    return h, place, min(h.start, place.start), max(h.end, place.end)


def _share_forward(ctx: Context, s_hits: list[_Hit], linked: dict[int, _Place], district_first: set[int]) -> None:
    """"Etah's ODOP is ghungroo-ghanti and brass items": later items share the district named first."""
    for i in range(1, len(s_hits)):
        gap = ctx.text[s_hits[i - 1].end: s_hits[i].start]
        if i not in linked and i - 1 in district_first and _LIST_GAP.match(gap):
            linked[i] = linked[i - 1]
            district_first.add(i)


def _share_backward(ctx: Context, s_hits: list[_Hit], linked: dict[int, _Place]) -> None:
    """"bats, footballs and gym equipment from Meerut": the list shares the last item's district."""
    for i in range(len(s_hits) - 2, -1, -1):
        if i not in linked and i + 1 in linked and _LIST_GAP.match(ctx.text[s_hits[i].end: s_hits[i + 1].start]):
            linked[i] = linked[i + 1]


def _also_product_of(ctx: Context, s_hits: list[_Hit], s_places: list[_Place], linked: dict[int, _Place],
                     district_first: set[int], pairs: list[_Pair]) -> None:
    """"P, which came to be listed as D1's product, is also the ODOP product of D2 and D3"."""
    for i, place in list(linked.items()):
        if i in district_first:
            continue
        h = s_hits[i]
        for other in s_places:
            if _also_of(ctx, h, place, other, s_hits):
                pairs.append(_pair(h, other))
                _extend_list(ctx, h, other, s_places, s_hits, linked, pairs)
                break


def _also_of(ctx: Context, h: _Hit, place: _Place, other: _Place, s_hits: list[_Hit]) -> bool:
    if other.start <= place.end or any(h.end <= o.start < other.start for o in s_hits):
        return False
    return bool(_shape_between("product-is-the-product-of-district").match(ctx.text[h.end:other.start])
                or _AS_IT_IS_FOR.match(ctx.text[place.end:other.start]))


def _districts_sharing(ctx: Context, h: _Hit, place: _Place, s_places: list[_Place], pairs: list[_Pair]) -> None:
    """"Sultanpur and Amethi share moonj craft as their ODOP", "Meerut and Saharanpur (wooden products)":
    every district of the list."""
    between = ctx.text[place.end:h.start]
    if not re.search(r"\b(?:share|have|are|were)\b", between) and not re.fullmatch(r"[ ]*\([ ]*", between):
        return
    following = place
    for other in reversed(s_places):
        if other.end > following.start:
            continue
        if not _LIST_GAP.match(ctx.text[other.end:following.start]):
            break
        pairs.append(_pair(h, other))
        following = other


def _record_products(ctx: Context, hits: list[_Hit], pairs: list[_Pair]) -> None:
    """Register the products: paired ones, and vocabulary words in a sentence about ODOP."""
    odop_sentences = _odop_sentences(ctx)
    keep = {h.generic for h, *_ in pairs} | {
        h.generic for h in hits if ctx.sentence_of(h.start).index in odop_sentences and not h.open}
    paired = {id(h) for h, *_ in pairs}
    for h in hits:
        if h.generic in keep and (not h.open or id(h) in paired):
            key = ctx.add(product_key(h.generic), "Product", h.generic, h.start, h.end)
            surface = ctx.text[h.start:h.end]
            if surface.casefold() != h.generic.casefold():
                ctx.alias(key, surface.lower() if not surface[1:].islower() or surface[:1].isupper() else surface)
            ctx.take(h.start, h.end)


def _record_pending(ctx: Context, pairs: list[_Pair], district_spans: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Queue an origin per distinct pairing (settled once places are); return the districts' spans."""
    district_spans = set(district_spans)
    seen: set[tuple[str, int, int]] = set()
    for h, place, start, end in pairs:
        district_spans.add((place.start, place.end))
        ident = (h.generic, start, end)
        if ident in seen:
            continue
        seen.add(ident)
        ctx.pending_origins.append((product_key(h.generic), place.start, place.end, place.district, start, end))
    return district_spans


_P_HERE = re.compile(rf"[ ]+(?:{_UNIT_WORDS}[ ]+)?(?:(?:is|are|was|were)[ ]+)?(?:made[ ]+|produced[ ]+|woven[ ]+)?"
                     r"(?P<here>here)\b")


def _made_here(ctx: Context, hits: list[_Hit], paired: set[int]) -> list[tuple[_Hit, _Place, int, int]]:
    """'Varanasi, May 2 (PTI) Silk weavers here ...' in an article about ODOP: "here" is the dateline's
    district. The word "here" becomes a mention of that district."""
    from kg.extract.gazetteer import lookup

    out: list[tuple[_Hit, _Place, int, int]] = []
    dateline = ctx.doc.dateline
    found = lookup(dateline.text) if dateline else None
    if not found or found[1] != "UPDistrict" or ctx.sport is not None or not _ODOP_CUE.search(ctx.text):
        return out
    for h in hits:
        m = _P_HERE.match(ctx.text, h.end)
        if id(h) in paired or h.open or not m:
            continue
        place = _Place(m.start("here"), m.end("here"), found[0])
        ctx.place_hits.append(PlaceHit(place.start, place.end, "here", found[0], "UPDistrict"))
        out.append((h, place, h.start, place.end))
    ctx.place_hits.sort(key=lambda hit: (hit.start, hit.end))
    return out


def _extend_list(ctx: Context, h: _Hit, place: _Place, s_places: list[_Place], s_hits: list[_Hit],
                 linked: dict[int, _Place], pairs: list[tuple[_Hit, _Place, int, int]]) -> None:
    """Tie `h` to the districts listed after `place` as well ("of Prayagraj, Amethi and Sultanpur")."""
    previous = place
    for other in s_places:
        if other.start < previous.end:
            continue
        if not _LIST_GAP.match(ctx.text[previous.end:other.start]) \
                or any(q is other for q in linked.values()) \
                or re.match(r"['\u2019]s\b|[ ]*\(", ctx.text[other.end:other.end + 3]) \
                or any(other.end < x.start <= other.end + 2 and not ctx.text[other.end:x.start].strip()
                       for x in s_hits):
            break  # "brassware from Moradabad and Firozabad's glassware": Firozabad has its own
        pairs.append((h, other, min(h.start, other.start), max(h.end, other.end)))
        previous = other


def _org_name_products(ctx: Context, pattern: re.Pattern[str], generic: dict[str, str]) -> set[tuple[int, int]]:
    """'the Sitapur Woollen Durrie Makers' Cooperative' in an article about ODOP: an organisation named for a
    district and a product ties the product to the district. Returns the spans of those districts."""
    from kg.extract.gazetteer import gazetteer

    out: set[tuple[int, int]] = set()
    if ctx.sport is not None or not _ODOP_CUE.search(ctx.text):
        return out
    g = gazetteer()
    for m in ctx.mentions():
        if family(ctx.kind_of(m.key)) != "org":
            continue
        place = g.pattern.match(ctx.text, m.start, m.end)
        found = None
        if place and g.entries[place.group()][1] == "UPDistrict":
            # The product's words right after the district, or after one word ("Woollen").
            found = pattern.match(ctx.text, place.end() + 1, m.end)
            second = re.match(r"[ ]+[A-Z][a-z]+[ ]+", ctx.text[place.end():m.end])
            if not found and second:
                found = pattern.match(ctx.text, place.end() + second.end(), m.end)
            start = place.end() + 1
        else:
            # "the Brass Exporters' Association of Moradabad": the first words name the product.
            place = re.search(r"[ ]of[ ](?:the[ ])?(?P<d>[A-Z][a-z]+)$", ctx.text[m.start:m.end])
            if place:
                d_start = m.start + place.start("d")
                place = g.pattern.fullmatch(ctx.text, d_start, m.end)
            if place and g.entries[place.group()][1] == "UPDistrict":
                found = pattern.match(ctx.text, m.start, m.end)
                start = m.start
        if not place or not found or found.end() >= place.start() and found.start() < place.end() \
                or found.end() == m.end:
            continue
        name = generic[found.group().casefold()]
        key = ctx.add(product_key(name), "Product", name, start, found.end())
        surface = ctx.text[start:found.end()].lower()
        if surface != name:
            ctx.alias(key, surface)
        district = g.entries[place.group()][0]
        if not any(h.start == place.start() for h in ctx.place_hits):
            ctx.place_hits.append(PlaceHit(place.start(), place.end(), place.group(), district, "UPDistrict"))
            ctx.place_hits.sort(key=lambda h: (h.start, h.end))
        out.add((place.start(), place.end()))
        ctx.pending_origins.append((key, place.start(), place.end(), district, m.start, m.end))
    return out


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
        if ctx.text.startswith("-based", hit.end):
            continue  # "a Noida-based firm" names where a firm is, not a district's product
        if hit.kind == "UPDistrict" or hit.kind == "Town":
            out.append(_Place(hit.start, hit.end, hit.name, hit.kind == "Town"))
    return sorted(out, key=lambda p: p.start)


def _link(ctx: Context, h: _Hit, hits: list[_Hit], places: list[_Place],
          all_places: list[_Place]) -> tuple[_Place | None, bool] | None:
    """The district the text ties product `h` to, and whether the district comes first."""
    after = next((p for p in places if p.start >= h.end), None)
    if after is not None and not any(h.end <= o.start < after.start for o in hits) \
            and _shape_fits(ctx, h, after, product_first=True):
        return after, False
    before = [p for p in places if p.end <= h.start]
    if before and not any(before[-1].end <= o.start < h.start for o in hits) \
            and _shape_fits(ctx, h, before[-1], product_first=False):
        return before[-1], True
    # "Amla is the district's product", "bansuris, the district's ODOP product": the district last named.
    if _P_IS_THE_DISTRICTS.match(ctx.text, h.end) or _THE_DISTRICTS_P.search(ctx.text, max(0, h.start - 40), h.start):
        return _district_in_context(ctx, h, all_places), True
    return None


@dataclass(frozen=True)
class _Shape:
    """A row of patterns/product_links.toml."""

    id: str
    product_first: bool
    between: re.Pattern[str] | None
    check: str | None


@cache
def _shapes() -> tuple[_Shape, ...]:
    data = tomllib.loads((PATTERNS_DIR / "product_links.toml").read_text(encoding="utf-8"))
    parts: dict[str, str] = data.get("parts", {})
    out = []
    for row in data["rows"]:
        between = row.get("between")
        pattern = None
        if between is not None:
            source = "".join(between) if isinstance(between, list) else between
            for name, value in parts.items():
                source = source.replace("@" + name, value)
            pattern = re.compile(source)
        out.append(_Shape(row["id"], row["order"] == "product-first", pattern, row.get("check")))
    return tuple(out)


def _shape_between(row_id: str) -> re.Pattern[str]:
    """The `between` pattern of the product_links.toml row `row_id`."""
    found = next(s.between for s in _shapes() if s.id == row_id)
    assert found is not None
    return found


def _shape_fits(ctx: Context, h: _Hit, p: _Place, product_first: bool) -> bool:
    """Whether a row of product_links.toml ties `h` to `p`, the nearest district on the row's side."""
    between = ctx.text[h.end:p.start] if product_first else ctx.text[p.end:h.start]
    return any(s.product_first == product_first and (s.between is None or s.between.match(between))
               and (s.check is None or _CHECKS[s.check](ctx, h, p)) for s in _shapes())


# The named `check`s of product_links.toml rows: tests on the words around a product and its district.
def _odop_sentence(ctx: Context, h: _Hit, p: _Place) -> bool:
    return bool(_ODOP_CUE.search(ctx.sentence_of(h.start).text))


def _picked_in_odop_sentence(ctx: Context, h: _Hit, p: _Place) -> bool:
    """"Under ODOP, the state picked wooden toys for D"."""
    return _odop_sentence(ctx, h, p) and bool(_SELECTED.search(ctx.text, ctx.sentence_of(h.start).start, h.start))


def _district_s_product_after(ctx: Context, h: _Hit, p: _Place) -> bool:
    return bool(_D_S_PRODUCT_AFTER.match(ctx.text[p.end:p.end + 40]))


def _bracket_closes_after_district(ctx: Context, h: _Hit, p: _Place) -> bool:
    return ctx.text[p.end:p.end + 2].lstrip().startswith(")")


def _bracket_closes_after_product(ctx: Context, h: _Hit, p: _Place) -> bool:
    return ctx.text[h.end:h.end + 2].lstrip().startswith(")")


def _makers_before_district(ctx: Context, h: _Hit, p: _Place) -> bool:
    return bool(_MAKERS_OF_D.search(ctx.text, max(0, p.start - 40), p.start))


def _as_its_or_odop_sentence(ctx: Context, h: _Hit, p: _Place) -> bool:
    return bool(_HAS_AS_ITS.match(ctx.text[h.end:h.end + 12])) or _odop_sentence(ctx, h, p)


def _product_of_before_district(ctx: Context, h: _Hit, p: _Place) -> bool:
    return bool(_PRODUCT_OF_BEFORE.search(ctx.text, max(0, p.start - 40), p.start))


def _list_item_before_district(ctx: Context, h: _Hit, p: _Place) -> bool:
    return bool(_LIST_ITEM_BEFORE.search(ctx.text, max(0, p.start - 4), p.start))


def _its_product_of_subject_district(ctx: Context, h: _Hit, p: _Place) -> bool:
    """"Banda, the district next door, will get a laboratory for its shajar stone"."""
    return bool(_ITS_BEFORE.search(ctx.text, max(0, h.start - 30), h.start)) and _subject(ctx, p)


_CHECKS: dict[str, Callable[[Context, _Hit, _Place], bool]] = {
    "odop-sentence": _odop_sentence,
    "picked-in-odop-sentence": _picked_in_odop_sentence,
    "district-s-product-after": _district_s_product_after,
    "bracket-closes-after-district": _bracket_closes_after_district,
    "bracket-closes-after-product": _bracket_closes_after_product,
    "makers-before-district": _makers_before_district,
    "as-its-or-odop-sentence": _as_its_or_odop_sentence,
    "product-of-before-district": _product_of_before_district,
    "list-item-before-district": _list_item_before_district,
    "its-product-of-subject-district": _its_product_of_subject_district,
}


_HEADS = (r"craft|crafts|work|ware|wares|products|items|goods|utensils|toys|textiles|printing|weaving|pottery|"
          r"durries|carpets|sarees|saris|handicrafts|embroidery|jewellery|furniture|garments|art")
_CRAFT_END = re.compile(rf"(?<![\w-])(?:{_HEADS})$")
_HEAD_AFTER = re.compile(r"[ ]+(?:craft|crafts|work|products|items|art)(?![\w-])")
_STOP = frozenset(_WORDS["not_product_words"])
# Cues that the words next to a district name are the district's ODOP product, whatever they are.
_ODOP_OF = r"(?:ODOP|One District,? One Product)(?:[ ]+(?:product|craft|item))?"
_CUE_BEFORE_D = re.compile(
    rf"(?:,[ ]+|[ ]+(?:is|are|was|has[ ]+been)[ ]+)(?:the[ ]+)?(?:{_ODOP_OF}|designated[ ]+{_ODOP_OF})[ ]+"
    r"(?:of|for)[ ]+(?:the[ ]+)?(?:district[ ]+of[ ]+)?$")
_CUE_AFTER_D = re.compile(
    rf"^(?:[ ]+district)?(?:['\u2019]s[ ]+{_ODOP_OF}(?:[ ]+(?:is|are|was)[ ]+|,[ ]+)"
    r"|,?[ ]+(?:has[ ]+been|have[ ]+been|was|were|is|got|gets)[ ]+(?:assigned|allotted|allocated|given)[ ]+)"
    r"(?:the[ ]+)?")
_HEAD_BEFORE_D = re.compile(rf"(?<![\w-])(?:{_HEADS})[ ]+(?:from|of)[ ]+(?:the[ ]+)?$")
# Past tenses and adverbs end a product's noun phrase ("visitors admired ..."); hyphenated adjectives do not.
_VERB_LIKE = re.compile(r"[a-z]{2,}(?:ed|ly)")
_WORD = re.compile(r"[A-Za-z][a-z]*(?:-[A-Za-z][a-z]*)*")


def _np_before(ctx: Context, end: int, floor: int) -> tuple[int, int] | None:
    """The noun phrase ending at `end` (up to four lowercase words; a capital only on a sentence's first word)."""
    words = list(_WORD.finditer(ctx.text, floor, end))
    chosen: list[re.Match[str]] = []
    pos = end
    for w in reversed(words):
        if ctx.text[w.end():pos].strip(" ") or len(chosen) == 4:
            break
        lw = w.group().casefold()
        if lw in _STOP or not ctx.is_free(w.start(), w.end()) or _VERB_LIKE.fullmatch(lw):
            break
        if w.group()[:1].isupper():
            if ctx.text[floor:w.start()].strip(" \"'\u201c\u2018(") == "":
                chosen.append(w)
            break
        chosen.append(w)
        pos = w.start()
    if not chosen:
        return None
    return chosen[-1].start(), chosen[0].end()


def _np_after(ctx: Context, start: int, limit: int) -> tuple[int, int] | None:
    """The noun phrase starting at `start`: up to four words, the first may be capitalised."""
    chosen: list[re.Match[str]] = []
    pos = start
    for w in _WORD.finditer(ctx.text, start, limit):
        if ctx.text[pos:w.start()].strip(" ") or len(chosen) == 4:
            break
        if w.group().casefold() in _STOP or not ctx.is_free(w.start(), w.end()) or _VERB_LIKE.fullmatch(w.group()) \
                or chosen and w.group()[:1].isupper():
            break
        chosen.append(w)
        pos = w.end()
    while chosen and chosen[-1].group().casefold() in _STOP:
        chosen.pop()
    if not chosen:
        return None
    return chosen[0].start(), chosen[-1].end()


_Span = tuple[int, int]
_Found = list[tuple[_Span | None, bool]]  # candidate spans, and whether each was found before a maker noun


@dataclass(frozen=True)
class _Around:
    """A district name with its sentence and the text before it in the sentence (at most 80 characters)."""

    p: _Place
    sentence: Sentence
    before: str
    crafts_article: bool
    places_in_sentence: int

    @property
    def before_start(self) -> int:
        return self.p.start - len(self.before)


def _open_hits(ctx: Context, hits: list[_Hit], places: list[_Place]) -> list[_Hit]:
    """Products outside the vocabulary, where the words around a district make a phrase its product."""
    out: list[_Hit] = []
    # Craft words after "from D" count only in an article about crafts and ODOP, not a match report.
    crafts_article = ctx.sport is None and bool(_ODOP_CUE.search(ctx.text))
    for p in places:
        sentence = ctx.sentence_of(p.start)
        around = _Around(p, sentence, ctx.text[max(sentence.start, p.start - 80):p.start], crafts_article,
                         sum(1 for q in places if sentence.start <= q.start < sentence.end))
        for finder in _OPEN_FINDERS:
            for span, maker in finder(ctx, around):
                _add_open(ctx, span, maker, hits, out)
    if crafts_article:
        for span in _added_to_list(ctx):
            _add_open(ctx, span, False, hits, out)
        for span in _listed_items(ctx, hits, places):
            _add_open(ctx, span, False, hits, out)
    return out


_NOT_LIST_END = re.compile(r"['\u2019]s\b|[ ]*\(")
# An item of a list after the previous item's district: ", and the school dresses " before "from D".
_LIST_ITEM = re.compile(r"(?:[ ]*,[ ]*|[ ]+)(?:and[ ]+)?(?:the[ ]+)?(?P<np>[a-z][a-z-]*(?:[ ]+[a-z][a-z-]*){0,4})[ ]+")


def _listed_items(ctx: Context, hits: list[_Hit], places: list[_Place]) -> list[_Span]:
    """The items of lists the rows of patterns/products.toml match ("brassware from Moradabad, mentha from
    Rampur"): only in a sentence listing enough of them, one a vocabulary word; not people or stalls."""
    from kg.extract.patterns import load, run

    district_at = {p.start for p in places}
    out: list[_Span] = []
    for row in load("products"):
        by_sentence: dict[int, list[_Span]] = {}
        for hit in run((row,), ctx.parsed):
            link = hit.tokens["link"]
            district = hit.tokens["district"]
            if district.idx not in district_at or _NOT_LIST_END.match(ctx.text, district.idx + len(district.text)):
                continue  # "sellers of Lucknow's chikan", "stalls from Gorakhpur (terracotta)": D's own product
            sentence = ctx.sentence_of(link.idx)
            item = _item_before(ctx, link.idx, sentence, places)
            if item is not None:
                by_sentence.setdefault(sentence.index, []).append(item)
        for items in by_sentence.values():
            known = [i for i in items if any(h.start < i[1] and i[0] < h.end and not h.open for h in hits)]
            if len(items) >= row.options["list_of"] and known:
                out.extend(span for span in (_goods(ctx, i) for i in items) if span is not None)
    return out


def _goods(ctx: Context, span: _Span) -> _Span | None:
    """The goods a list item names, without the makers after them ("food-processing units" ->
    "food-processing"); None for people and stalls ("visitors", "stalls")."""
    words = list(re.finditer(r"\S+", ctx.text[span[0]:span[1]]))
    while words and _MAKER_WORD.fullmatch(words[-1].group()):
        words.pop()
    while words and words[-1].group() == "and":
        words.pop()
    if not words or _not_goods(ctx, words[-1].group()):
        return None
    return span[0] + words[0].start(), span[0] + words[-1].end()


def _not_goods(ctx: Context, word: str) -> bool:
    """People and things that are not goods ("visitors", "buyers", "stalls")."""
    singular = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return singular in words_of("products")["not_items"] or singular in ctx.lex.person_nouns \
        or singular.removesuffix("e") in ctx.lex.person_nouns


def _item_before(ctx: Context, link: int, sentence: Sentence, places: list[_Place]) -> _Span | None:
    """The list item that ends before the link word at `link`: the words after the last district named
    before it, or else the noun phrase before it."""
    previous = [p for p in places if sentence.start <= p.start and p.end <= link]
    m = _LIST_ITEM.fullmatch(ctx.text, previous[-1].end, link) if previous else None
    span = (m.start("np"), m.end("np")) if m else _np_before(ctx, link, sentence.start)
    if span is None or not ctx.is_free(*span):
        return None
    words = ctx.text[span[0]:span[1]].split()
    if words[0] == "and" or words[-1] == "and" or any(w in _STOP and w != "and" for w in words):
        return None
    return span


def _add_open(ctx: Context, span: _Span | None, maker: bool, hits: list[_Hit], out: list[_Hit]) -> None:
    """Keep `span` as a product outside the vocabulary unless it overlaps one or is no name."""
    if span is None:
        return
    start, end = span
    if any(h.start < end and start < h.end for h in hits + out):
        return
    name = ctx.text[start:end]
    if not re.search(r"[a-z]{3}", name) or name.casefold() in _STOP:
        return
    out.append(_Hit(start, end, generic_name(name), open=True, maker=maker))


def _makers_around(ctx: Context, a: _Around) -> _Found:
    """"the tarkashi artisans of D", "glass bangle makers in D", "D's zari karigars"."""
    if not a.crafts_article:
        return []
    found: _Found = []
    maker = _MAKERS_OF_D.search(a.before)
    if maker:
        found.append((_maker_np(ctx, _np_before(ctx, a.before_start + maker.start(), a.sentence.start),
                                maker.group().split()[0]), True))
    maker = _D_S_MAKERS.match(ctx.text, a.p.end, a.sentence.end)
    if maker:
        found.append((_maker_np(ctx, (maker.start("np"), maker.end("np")), maker.group().split()[-1]), True))
    return found


def _odop_cue_before(ctx: Context, a: _Around) -> _Found:
    """"X is the ODOP product of D", "X, the ODOP of D"."""
    cue = _CUE_BEFORE_D.search(a.before)
    return [(_np_before(ctx, a.before_start + cue.start(), a.sentence.start), False)] if cue else []


def _craft_from(ctx: Context, a: _Around) -> _Found:
    """"... stone inlay work from D": two or more words ending in a craft word, in an article about crafts."""
    head = _HEAD_BEFORE_D.search(a.before)
    if not head or not a.crafts_article:
        return []
    if re.match(rf"[ ]+(?:{_UNIT_WORDS}|[a-z]+['\u2019]s)\b", ctx.text[a.p.end:a.p.end + 30]):
        return []  # "items of Kanpur traders": the place names whose goods, not the product's district
    span = _np_before(ctx, a.before_start + head.start() + len(head.group().split()[0]), a.sentence.start)
    if span and len(ctx.text[span[0]:span[1]].split()) >= 2:  # "stone inlay work", not "goods"
        return [(span, False)]
    return []


def _odop_cue_after(ctx: Context, a: _Around) -> _Found:
    """"D's ODOP product, X", "D has been assigned X"."""
    after = _CUE_AFTER_D.match(ctx.text[a.p.end:min(a.sentence.end, a.p.end + 60)])
    if not after:
        return []
    if "ODOP" not in after.group() and not _ODOP_CUE.search(a.sentence.text):
        return []  # "Rampur has been allotted funds": only a district's ODOP is "assigned"
    if re.search(r"\b(?:is|are|was|as)[ ]+(?:now[ ]+|also[ ]+)?$", a.before):
        return []  # "P, which is now D's ODOP product, earns ...": the product came before
    return [(_np_after(ctx, a.p.end + after.end(), a.sentence.end), False)]


def _product_of_d_is(ctx: Context, a: _Around) -> _Found:
    """"The ODOP product of Hardoi is handloom weaving"."""
    if not _PRODUCT_OF_BEFORE.search(a.before) \
            or not re.match(r"[ ]+(?:district[ ]+)?(?:is|are|was)[ ]+", ctx.text[a.p.end:a.p.end + 20]):
        return []
    is_ = re.match(r"[ ]+(?:district[ ]+)?(?:is|are|was)[ ]+(?:the[ ]+)?", ctx.text[a.p.end:a.p.end + 24])
    return [(_np_after(ctx, a.p.end + is_.end(), a.sentence.end), False)] if is_ else []


def _is_districts_odop(ctx: Context, a: _Around) -> _Found:
    """"Handloom weaving is Hardoi's ODOP product", "Lac work, which was listed as Hardoi's ODOP, ..."."""
    is_before = _IS_BEFORE_D.search(a.before)
    if is_before and re.match(rf"['\u2019]s[ ]+(?:own[ ]+)?{_ODOP_OF}\b", ctx.text[a.p.end:a.p.end + 40]):
        return [(_np_before(ctx, a.before_start + is_before.start(), a.sentence.start), False)]
    return []


def _bracketed(ctx: Context, a: _Around) -> _Found:
    """"D (X)" in a list of districts or a sentence about ODOP, in an article about crafts."""
    paren = re.match(r"[ ]*\((?P<np>[a-z][a-z -]{2,40})\)", ctx.text[a.p.end:min(a.sentence.end, a.p.end + 45)])
    if paren and a.crafts_article and (a.places_in_sentence >= 2 or _ODOP_CUE.search(a.sentence.text)):
        return [((a.p.end + paren.start("np"), a.p.end + paren.end("np")), False)]
    return []


_OPEN_FINDERS: tuple[Callable[[Context, _Around], _Found], ...] = (
    _makers_around, _odop_cue_before, _craft_from, _odop_cue_after, _product_of_d_is, _is_districts_odop, _bracketed)


def _added_to_list(ctx: Context) -> list[_Span | None]:
    """"P was added to the district's ODOP list" (and "cane and bamboo furniture": one more word joined by "and")."""
    out: list[_Span | None] = []
    for m in _ADDED_TO_LIST.finditer(ctx.text):
        sentence = ctx.sentence_of(m.start())
        span = _np_before(ctx, m.start(), sentence.start)
        pair = re.search(r"(?<![\w-])([a-z]+)[ ]+and[ ]+$", ctx.text[max(sentence.start, span[0] - 20):span[0]]) \
            if span else None
        if span and pair and pair.group(1) not in _STOP:
            span = (span[0] - len(pair.group()), span[1])
        out.append(span)
    return out


_MAKER_NOUNS = (r"(?:makers|manufacturers|weavers|artisans|artisan|craftsmen|craftspeople|craftswomen|karigars|"
                r"units|cluster|clusters|workers|potters|carvers|printers)")
_MAKER_WORD = re.compile(_MAKER_NOUNS)
_WEAK_MAKERS = frozenset(_WORDS["weak_makers"])
# "the tarkashi artisans of D", "durrie weavers in D", "utensil makers from D"
_MAKERS_OF_D = re.compile(rf"(?<![\w-]){_MAKER_NOUNS}[ ]+(?:of|in|from)[ ]+(?:the[ ]+)?$")
# "D's zari karigars", "D's glass bangle makers"
_D_S_MAKERS = re.compile(rf"['\u2019]s[ ]+(?P<np>[a-z][\w-]*(?:[ ]+[a-z][\w-]*){{0,2}}?)[ ]+{_MAKER_NOUNS}\b")
_NOT_MADE = frozenset(_WORDS["not_made_words"])


def _maker_np(ctx: Context, span: tuple[int, int] | None, noun: str) -> tuple[int, int] | None:
    """The product words of a maker phrase ("glass bangle" of "glass bangle makers"), or None."""
    if span is None:
        return None
    if noun.casefold() in _WEAK_MAKERS and not _CRAFT_END.search(ctx.text, *span):
        return None
    words = list(_WORD.finditer(ctx.text, *span))
    while words and words[0].group().casefold() in _NOT_MADE | _STOP:
        words.pop(0)
    if not words or words[-1].group().casefold() in _NOT_MADE | _STOP or any(
            w.group().casefold() in _STOP for w in words):
        return None
    return words[0].start(), words[-1].end()


def generic_name(name: str) -> str:
    """The vocabulary's generic name for a phrase or its plural ("aluminium utensil"), else the phrase."""
    generic = _vocabulary()[1]
    low = " ".join(name.casefold().split())
    for form in (low, low + "s", low + "es", low[:-1] + "ies" if low.endswith("y") else low):
        if form in generic:
            return generic[form]
    return low


_IS_BEFORE_D = re.compile(r"(?:,?[ ]+(?:which|that)(?:[ ]+[a-z]+){0,5}?)?[ ]+(?:is|are|was|as|became)[ ]+"
                          r"(?:now[ ]+|also[ ]+)?$")
_ADDED_TO_LIST = re.compile(rf"[ ]+(?:was|were|has[ ]+been|have[ ]+been)[ ]+(?:also[ ]+|later[ ]+)?added[ ]+to[ ]+"
                            rf"the[ ]+district['’]s[ ]+(?:{_ODOP}[ ]+)?(?:list|products|basket)\b")
_SUBJECT_BEFORE = re.compile(r"(?:In[ ]+)?")
_SUBJECT_AFTER = re.compile(r"(?:['\u2019]s)?,|[ ]+(?:district[ ]+)?(?:will|has|had|is|was|gets|got|also)\b")


def _subject(ctx: Context, p: _Place) -> bool:
    sentence = ctx.sentence_of(p.start)
    return bool(_SUBJECT_BEFORE.fullmatch(ctx.text, sentence.start, p.start)) and \
        bool(_SUBJECT_AFTER.match(ctx.text, p.end))


def _district_in_context(ctx: Context, h: _Hit, places: list[_Place]) -> _Place | None:
    """The district named last before `h`: in its sentence or the two before it in its paragraph, or
    else the one district the paragraph before names."""
    found = _places_named_before(ctx, h, places)
    if not found:
        return None
    names = {p.district for p in found}
    if len(names) > 1 and len({p.district for p in found if not p.town}) == 1:
        # "Artisans of Nizamabad in Azamgarh make black pottery, the district's product": not the town
        found = [p for p in found if not p.town]
        names = {found[-1].district}
    if len(names) > 1:
        return _one_of_several(ctx, found, names)
    return found[-1]


def _places_named_before(ctx: Context, h: _Hit, places: list[_Place]) -> list[_Place]:
    """The places named before `h` in its sentence and the two before it in its paragraph, or else those
    of the paragraph before when they are all one district."""
    sentence = ctx.sentence_of(h.start)
    first = next(s for s in ctx.doc.sentences[max(0, sentence.index - 2): sentence.index + 1]
                 if s.paragraph == sentence.paragraph)
    found = [p for p in places if first.start <= p.start < h.start]
    if not found and first.index > 0:
        previous = ctx.doc.paragraphs[ctx.doc.sentences[first.index - 1].paragraph]
        found = [p for p in places if previous.start <= p.start < previous.end]
        if len({p.district for p in found}) != 1:
            return []
    return found


def _one_of_several(ctx: Context, found: list[_Place], names: set[str]) -> _Place | None:
    """Several districts named just before "the district": the dateline's if it is one of them, else the one
    that is a sentence's subject, else none (ambiguous)."""
    if ctx.doc.dateline:
        from kg.extract.gazetteer import lookup

        found_dateline = lookup(ctx.doc.dateline.text)
        if found_dateline and found_dateline[0] in names:
            return [p for p in found if p.district == found_dateline[0]][-1]
    subjects = [p for p in found if _subject(ctx, p)]
    return subjects[-1] if subjects else None


_ODOP_CUE = re.compile(r"\b(?:ODOP|One District,? One Product|GI tag|geographical indication)\b", re.I)


def _odop_sentences(ctx: Context) -> set[int]:
    """Sentences that talk about a district's product, where an unpaired product is still a product."""
    out = set()
    for s in ctx.doc.sentences:
        if _ODOP_CUE.search(s.text):
            out.add(s.index)
    return out

