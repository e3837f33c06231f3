"""Places: the gazetteer of kg/data (UP districts with their other names, states, countries, major cities,
UP towns), towns and villages the text itself names and places in a district, and the kind each name is
settled to (a UP district's name names the district or its city: `settle_places`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg.documents import Span
from kg.extract.context import FUNCTION_WORDS, Context, PlaceHit, alternation, family, read_rows, split_alternatives
from kg.extract.model import Containment
from kg.paths import DATA_DIR

if TYPE_CHECKING:
    from spacy.pipeline import SpanRuler

UP = "Uttar Pradesh"


@dataclass(frozen=True)
class Gazetteer:
    pattern: re.Pattern[str]
    entries: dict[str, tuple[str, str]]  # surface form -> (canonical name, kind)
    folded: dict[str, tuple[str, str]]  # casefolded surface -> (canonical name, kind)
    districts: frozenset[str]  # canonical district names


@cache
def gazetteer() -> Gazetteer:
    entries: dict[str, tuple[str, str]] = {}
    districts = set()
    for row in read_rows("up_districts.csv"):
        canon = row["district"]
        districts.add(canon)
        for name in [canon, *split_alternatives(row.get("alt_names", ""))]:
            entries.setdefault(name, (canon, "UPDistrict"))
    for row in read_rows("places.csv"):
        for name in [row["name"], *split_alternatives(row.get("alt_names", ""))]:
            entries.setdefault(name, (row["name"], row["type"]))
    for row in read_rows("countries.csv"):
        for name in [row["name"], *split_alternatives(row.get("alt_names", ""))]:
            entries.setdefault(name, (row["name"], "Country"))
    # Towns of UP: typed as cities; a product is tied to their district only when the text says where
    # the town lies.
    for row in read_rows("up_towns.csv"):
        entries.setdefault(row["town"], (row["town"], "Town"))
    # Names are matched as written (capitalised); "UP" only as a whole word, never inside "UPI".
    pattern = re.compile(rf"(?<![\w-])(?:{alternation(list(entries))})(?![\w$]|-(?!based\b))")
    folded = {k.casefold(): v for k, v in entries.items()}
    return Gazetteer(pattern, entries, folded, frozenset(districts))


def lookup(name: str) -> tuple[str, str] | None:
    """(canonical name, kind) of a place name in any case ("NEW DELHI"), or None."""
    g = gazetteer()
    return g.entries.get(name) or g.folded.get(name.casefold())


@cache
def place_ruler() -> SpanRuler:
    """The gazetteer's names as spaCy SpanRuler phrase patterns: label the kind, id the canonical name."""
    from spacy.pipeline import SpanRuler

    from kg.extract.nlp import get_nlp

    ruler = SpanRuler(get_nlp(), name="kg_places", spans_key="kg_places")
    ruler.add_patterns([{"label": kind, "pattern": name, "id": canon}
                        for name, (canon, kind) in sorted(gazetteer().entries.items())])
    return ruler


# Around a name: not inside a word or a hyphenated compound, except "X-based"; "UP" never inside "UPI".
_NAME_BEFORE = re.compile(r"(?<![\w-])")
_NAME_AFTER = re.compile(r"(?![\w$]|-(?!based\b))")


def gazetteer_spans(ctx: Context) -> list[tuple[int, int]]:
    """Character spans of the gazetteer's names in the article's paragraphs."""
    return ruler_spans(ctx, place_ruler(), gazetteer().pattern, _NAME_BEFORE, _NAME_AFTER)


def ruler_spans(ctx: Context, ruler: SpanRuler, pattern: re.Pattern[str], before: re.Pattern[str],
                after: re.Pattern[str]) -> list[tuple[int, int]]:
    """Character spans of a ruler's matches in the article's paragraphs, leftmost first and then longest,
    none overlapping another, each with the characters `before` and `after` it allows (not inside a word).
    `pattern` (the same names as one regular expression) finds a name inside a token the tokenizer left
    whole with its punctuation ("Rajasthan)-based")."""
    matches = sorted({(s.start_char, s.end_char) for s in ruler.match(ctx.parsed)}
                     | set(_inside_tokens(ctx, pattern)), key=lambda m: (m[0], -m[1]))
    paragraphs = [(p.start, p.end) for p in ctx.body()]
    out: list[tuple[int, int]] = []
    for start, end in matches:
        if out and start < out[-1][1] or not any(a <= start and end <= b for a, b in paragraphs):
            continue
        if before.match(ctx.text, start) and after.match(ctx.text, end):
            out.append((start, end))
    return out


def _inside_tokens(ctx: Context, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for tok in ctx.parsed:
        if tok.is_punct or tok.is_alpha or tok.like_num or tok.is_space:
            continue
        out.extend((m.start(), m.end()) for m in pattern.finditer(ctx.text, tok.idx, tok.idx + len(tok.text)))
    return out


def find_place_hits(ctx: Context) -> None:
    g = gazetteer()
    hits: list[PlaceHit] = []
    for start, end in gazetteer_spans(ctx):
        if _inside_name(ctx, start, end):
            continue
        name, kind = g.entries[ctx.text[start:end]]
        hits.append(PlaceHit(start, end, ctx.text[start:end], name, kind))
    ctx.place_hits = hits
    states = [h.name for h in hits if h.kind == "State"]
    dateline = lookup(ctx.doc.dateline.text) if ctx.doc.dateline else None
    if any(h.kind == "UPDistrict" for h in hits) or UP in states or (dateline and dateline[1] == "UPDistrict"):
        ctx.main_state = UP
    elif states:
        ctx.main_state = max(sorted(set(states)), key=states.count)


_NAME_WORD_BEFORE = re.compile(r"(?<![.!?:] )\b([A-Z][a-z]+)[ ]$")
_NAME_WORD_AFTER = re.compile(r"[ ]([A-Z][a-z]+)\b")


def _inside_name(ctx: Context, start: int, end: int) -> bool:
    """'Shyam Bihari Chaudhary': a place name between capitalised words is part of another name."""
    before = _NAME_WORD_BEFORE.search(ctx.text, max(0, start - 30), start)
    after = _NAME_WORD_AFTER.match(ctx.text, end)
    lex = ctx.lex
    g = gazetteer()

    def name_like(word: str) -> bool:
        return word not in lex.not_name_words and word not in g.entries and word not in lex.org_heads

    if before and name_like(before.group(1)) and before.start(1) != _line_start(ctx, start):
        return bool(after) or before.group(1) not in lex.title_words
    # Only UP district names are given names in practice ("Mathura Prasad"; not "India Today").
    if g.entries.get(ctx.text[start:end], ("", ""))[1] != "UPDistrict":
        return False
    return _first_name(ctx, start, end, name_like)


# "Ayodhya Prasad Pal, 81,", "a teacher named Gonda Prasad Verma": a place's name used as a first name.
_NAME_WORDS_AFTER = re.compile(r"(?:[ ]+[A-Z][a-z]+){1,2}\b(?!['\u2019-])")
_PERSON_CUE_AFTER = re.compile(r",?[ ]+\(?\d{1,3}\)?,|[ ]+(?:said|says|told|added|recalled|who)\b")
_PERSON_CUE_BEFORE = re.compile(
    r"(?:\b(?:named|called|Shri|Sri|Smt|Mr|Mrs|Ms|Dr|Prof)\.?|\b(?:said|says|told|added))[ ]+$")


def _first_name(ctx: Context, start: int, end: int, name_like: Callable[[str], bool]) -> bool:
    after = _NAME_WORDS_AFTER.match(ctx.text, end)
    if not after:
        return False
    words = after.group().split()
    if not all(name_like(w) for w in words) or any(w.casefold() in ctx.lex.title_words for w in words):
        return False
    if _PERSON_CUE_AFTER.match(ctx.text, after.end()) or _PERSON_CUE_BEFORE.search(
            ctx.text, max(0, start - 12), start):
        return True
    # The surname said again with a verb of saying: "..., said Prasad".
    last = re.escape(words[-1])
    return bool(re.search(rf"\b(?:said|says|told|added)[ ]+{last}\b|\b{last}[ ]+(?:said|says|told|added)\b",
                          ctx.text))


def _line_start(ctx: Context, offset: int) -> int:
    sentence = ctx.sentence_of(offset)
    return sentence.start


_BASED = re.compile(r"-based\b")
_CUES = tomllib.loads((DATA_DIR / "place_cues.toml").read_text(encoding="utf-8"))
_CITY_CUE = re.compile(rf"(?:{'|'.join(_CUES['city_before'])})\s+$", re.I)
# "the Aligarh campus", "the Meerut cantonment": a place where something stands, the city.
_CITY_AFTER = re.compile(r"[ ]+(?:campus|cantonment|railway[ ]+station|junction|airport|city)\b")
_DISTRICT_AFTER = re.compile(r"\s+district\b", re.I)
STATE_CAPITALS = frozenset(_CUES["state_capitals"])
CITY_NAMES = frozenset(_CUES["city_names"])
CITY_STATES = frozenset(_CUES["city_states"])
_PLACE_OF_BUSINESS = re.compile(r"\b(?:in|at|from|based in|headquartered in|office in)\s+$")
# "Pratapgarh (Rajasthan)", "Balrampur in Chhattisgarh": a namesake in another state is a town there.
_OTHER_STATE_AFTER = re.compile(r"[ ]*(?:\([ ]*|,[ ]+|[ ]+in[ ]+)(?P<state>[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)")
_DISTRICT_BEFORE = re.compile(r"\bdistricts? of\s+$|\bdistricts? like\s+$|\bdistricts?,? such as\s+$", re.I)
# "Khurja, a town in Bulandshahr district"; "Nizamabad in Azamgarh"
_TOWN_IN = re.compile(
    r"(?P<town>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}),\s+(?:a|an|the)\s+(?:small\s+|nearby\s+|historic\s+)?"
    r"(?P<what>town|village|city|hamlet|block|tehsil|qasba|kasba|municipality)\s+in\s+(?:the\s+)?$")
# "Sarila (a town in Hamirpur)", "Sarila (a town) in Hamirpur district"
_TOWN_PAREN_IN = re.compile(
    r"(?P<town>[A-Z][a-z]+(?: [A-Z][a-z]+)?)[ ]*\((?:a|an)\s+(?:small\s+|nearby\s+|historic\s+)?"
    r"(?P<what>town|village|city|hamlet|block|tehsil|qasba|kasba)(?:\s+in|\)\s+in)\s+(?:the\s+)?$")
_FROM_TOWN_IN = re.compile(r"\b(?:from|in|at|of)\s+(?P<town>[A-Z][a-z]+)\s+in\s+(?:the\s+)?$")


_THE_TOWN = re.compile(r"\b(?:in|of|at|across|around)[ ]+the[ ]+(?P<w>town|city)(?:['\u2019]s)?\b(?![ ]+of\b)")
_THE_DISTRICT = re.compile(
    r"\b[Tt]he[ ]+(?P<w>district)\b(?!['\u2019]s[ ]+(?:name|border)|[ ]+of\b|[ ]+level\b|-level\b|-wise\b)")
_THE_STATE = re.compile(r"\b[Tt]he[ ]+(?P<w>state)\b(?![ ]+of\b)")


def place_key(kind: str, name: str) -> str:
    return f"place:{kind}:{name}"


# "Sitapur village of Chitrakoot", "Rampur town in Bareilly district": a district's name used for a town.
_SETTLEMENT_AFTER = re.compile(
    r"[ ]+(?:village|town|hamlet|qasba|kasba|tehsil|block|township)(?:[ ]+(?:of|in)[ ]+(?:the[ ]+)?"
    r"(?P<district>[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?))?")
# "the town of X", "X town", "a village in X district" (X unknown to the gazetteer).
_UNKNOWN_TOWN = re.compile(
    r"\b(?:[Tt]he[ ]+(?:town|village|city|hamlet|qasba)[ ]+of[ ]+(?P<a>[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)\b"
    r"|(?P<b>[A-Z][a-z]{2,}(?:[ ][A-Z][a-z]+)?)[ ]+(?:village|town|tehsil|block|qasba)\b"
    r"(?![ ]+(?:hall|council|panchayat|committee|area|development))"
    r"|\b(?:villages?|towns?|tehsils?|blocks?)[ ]+(?:of|called|named)[ ]+(?P<c>[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)\b)")


_OF_DISTRICT = re.compile(r"[ ]+(?:of|in)[ ]+(?:the[ ]+)?(?P<d>[A-Z][a-z]+)")
_TOWN_LIST = re.compile(r"(?<![\w-])(?P<list>[A-Z][a-z]{2,}(?:,[ ]+[A-Z][a-z]{2,})*,?[ ]+and[ ]+"
                        r"[A-Z][a-z]{2,})[ ]+(?:villages|towns|blocks|tehsils)\b")
_AT_NEAR = re.compile(r"\b(?:at|in)[ ]+(?P<t>[A-Z][a-z]{2,}(?:[ ][A-Z][a-z]+)?)[ ]+near[ ]+(?:the[ ]+)?")


_NOT_TOWN_WORDS = frozenset(_CUES["not_town_words"])


def _settlements(ctx: Context) -> None:
    """District names used for a town or village, and towns the gazetteer does not know."""
    by_start = {h.start: h for h in ctx.place_hits}
    _district_names_as_towns(ctx, by_start)
    for para in ctx.body():
        _unknown_towns(ctx, para, by_start)
        _town_lists(ctx, para, by_start)
        _towns_near(ctx, para, by_start)
    ctx.place_hits.sort(key=lambda h: (h.start, h.end))


def _district_names_as_towns(ctx: Context, by_start: dict[int, PlaceHit]) -> None:
    """"Sitapur village of Chitrakoot", "Rampur town in Bareilly district"."""
    for hit in list(ctx.place_hits):
        m = _SETTLEMENT_AFTER.match(ctx.text, hit.end) if hit.kind == "UPDistrict" else None
        if not m:
            continue
        hit.kind = "Town"
        hit.name = city_name(hit.surface)
        container = by_start.get(m.start("district")) if m.group("district") else None
        if container is not None and container.kind == "UPDistrict":
            ctx.towns[hit.name] = (container, hit.start)


def _add_town(ctx: Context, by_start: dict[int, PlaceHit], town: str, start: int) -> None:
    hit = PlaceHit(start, start + len(town), town, town, "Town")
    ctx.place_hits.append(hit)
    by_start[start] = hit


def _not_a_town(ctx: Context, town: str) -> bool:
    """Words that name no settlement: known places, function words, title and organisation words."""
    return town in gazetteer().entries or town in ctx.lex.not_name_words or town.split()[0] in FUNCTION_WORDS


def _unknown_towns(ctx: Context, para: Span, by_start: dict[int, PlaceHit]) -> None:
    """"the town of X", "X town", "villages called X" (X unknown to the gazetteer), placed in a district
    when the text says so ("Aurangpur village of Gorakhpur")."""
    for m in _UNKNOWN_TOWN.finditer(ctx.text, para.start, para.end):
        group = next(k for k in ("a", "b", "c") if m.group(k))
        town, start = m.group(group), m.start(group)
        if not _unknown_town_ok(ctx, town, start, group, by_start):
            continue
        _add_town(ctx, by_start, town, start)
        of = _OF_DISTRICT.match(ctx.text, m.end()) if group == "b" else None
        container = by_start.get(of.start("d")) if of else None
        if container is not None and container.kind == "UPDistrict":
            ctx.towns[town] = (container, start)


def _unknown_town_ok(ctx: Context, town: str, start: int, group: str, by_start: dict[int, PlaceHit]) -> bool:
    if _not_a_town(ctx, town) or not ctx.is_free(start, start + len(town)) or start in by_start:
        return False
    word_before = re.search(r"([A-Z][\w']*)[ ]$", ctx.text[max(0, start - 30):start])
    if group == "b" and word_before and word_before.group(1) not in FUNCTION_WORDS:
        return False  # "Ram Kesarganj town": the word before is part of the name
    last = town.split()[-1]
    if last in ctx.lex.org_heads or last in ctx.lex.title_words:
        return False
    return town.split()[0] not in _NOT_TOWN_WORDS  # "Nearby village", "Old town", "Model village"


def _town_lists(ctx: Context, para: Span, by_start: dict[int, PlaceHit]) -> None:
    """"Bhojpur and Dhanpur villages": each name of the list is a settlement."""
    for m in _TOWN_LIST.finditer(ctx.text, para.start, para.end):
        word_before = re.search(r"([A-Z][\w']*)[ ]$", ctx.text[max(0, m.start() - 30):m.start()])
        if word_before and word_before.group(1) not in FUNCTION_WORDS:
            continue  # "Sonu Kumar and Rekha villages": a person's name before
        for w in re.finditer(r"[A-Z][a-z]{2,}", m.group("list")):
            _listed_town(ctx, by_start, w.group(), m.start("list") + w.start())


def _listed_town(ctx: Context, by_start: dict[int, PlaceHit], town: str, start: int) -> None:
    known = by_start.get(start)
    if known is not None and known.kind == "UPDistrict":
        known.kind, known.name = "Town", city_name(known.surface)  # "Moradabad and Sambhal towns"
        return
    if _not_a_town(ctx, town) or town in _NOT_TOWN_WORDS or known is not None \
            or not ctx.is_free(start, start + len(town)):
        return
    _add_town(ctx, by_start, town, start)


def _towns_near(ctx: Context, para: Span, by_start: dict[int, PlaceHit]) -> None:
    """"a unit at Dhanpura near Etah": a settlement placed near a known place."""
    for m in _AT_NEAR.finditer(ctx.text, para.start, para.end):
        town, start = m.group("t"), m.start("t")
        if m.end() not in by_start or _not_a_town(ctx, town) or town.split()[0] in _NOT_TOWN_WORDS \
                or not ctx.is_free(start, start + len(town)) or start in by_start:
            continue
        _add_town(ctx, by_start, town, start)


def find_towns(ctx: Context) -> None:
    """Towns and villages the gazetteer does not know, placed in a district by the text itself."""
    g = gazetteer()
    _settlements(ctx)
    for hit in list(ctx.place_hits):
        if hit.kind != "UPDistrict":
            continue
        before = ctx.text[max(0, hit.start - 80): hit.start]
        m = _TOWN_IN.search(before) or _TOWN_PAREN_IN.search(before) or _FROM_TOWN_IN.search(before)
        if not m:
            continue
        town = m.group("town")
        t_start = hit.start - len(before) + m.start("town")
        known_town = g.entries.get(town, ("", ""))[1] == "Town"
        if town in g.entries and not known_town or not _free_but_places(ctx, t_start, t_start + len(town)):
            continue
        if town in ctx.lex.not_name_words:
            continue
        if not known_town:
            # "Rampur Khas, a village in ...": a district's name inside the town's name is not a place.
            ctx.place_hits = [h for h in ctx.place_hits if not t_start <= h.start < t_start + len(town)]
            ctx.place_hits.append(PlaceHit(t_start, t_start + len(town), town, town, "Town"))
        ctx.towns[town] = (hit, t_start)
    if ctx.towns:
        # The town's other mentions ("ceramics from Khurja" before "Khurja, a town in ...").
        known = {(h.start, h.end) for h in ctx.place_hits}
        pattern = re.compile(rf"(?<![\w-])(?:{alternation(list(ctx.towns))})(?![\w-])")
        for para in ctx.body():
            for m in pattern.finditer(ctx.text, para.start, para.end):
                if (m.start(), m.end()) not in known and ctx.is_free(m.start(), m.end()):
                    ctx.place_hits.append(PlaceHit(m.start(), m.end(), m.group(), m.group(), "Town"))
        ctx.place_hits.sort(key=lambda h: (h.start, h.end))


def _free_but_places(ctx: Context, start: int, end: int) -> bool:
    """No name but a place hit ("Rampur" of "Rampur Khas") claims any of the text."""
    return ctx.is_free(start, end) or all(
        any(h.start <= s and e <= h.end for h in ctx.place_hits) for s, e in ctx.taken if s < end and start < e)


def settle_places(ctx: Context, product_districts: set[tuple[int, int]]) -> None:
    """Register every place hit as an entity of its kind, a UP district's name as a District or a City
    (`_district_or_city`), and the places "the town", "the district" and "the state" refer to."""
    dateline_name = _dateline_places(ctx)
    towns_seen: dict[str, str] = {}
    for hit in sorted(ctx.place_hits, key=lambda h: (h.start, h.end)):
        if hit.kind == "Town":
            key = ctx.add(place_key("City", hit.name), "City", hit.name, hit.start, hit.end)
            towns_seen[hit.name] = key
        elif hit.kind == "State" and _in_company_name(ctx, hit) or _DIVISION_AFTER.match(ctx.text, hit.end):
            continue  # "Punjab National Bank" names a bank; "the Jhansi and Chitrakoot divisions" two divisions
        elif hit.kind != "UPDistrict":
            key = _settle_other(ctx, hit)
        else:
            key = _settle_district_name(ctx, hit, _district_or_city(ctx, hit, product_districts, dateline_name))
        ctx.place_keys[(hit.start, hit.end)] = key
    _the_town(ctx)
    if not ctx.sport:
        _the_district(ctx, dateline_name)
    _the_state(ctx)
    _town_containments(ctx, towns_seen)


# "the Jhansi and Chitrakoot divisions": names of a division (of districts), not of the district.
_DIVISION_AFTER = re.compile(r"(?:(?:,[ ]+|,?[ ]+and[ ]+)[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)*[ ]+divisions?\b")


def _in_company_name(ctx: Context, hit: PlaceHit) -> bool:
    return any(m.start <= hit.start and hit.end <= m.end and ctx.kind_of(m.key) == "Company"
               for m in ctx.mentions_in(max(0, hit.start - 200), hit.end + 200, "org"))


def _dateline_places(ctx: Context) -> str | None:
    """The dateline's city (and "[India]" or "(Bulandshahr)" after it); return the dateline's place name."""
    doc = ctx.doc
    if not doc.dateline:
        return None
    found = lookup(doc.dateline.text)
    dateline_name = found[0] if found else doc.dateline.text.title()
    city = city_name(doc.dateline.text)
    key = ctx.add(place_key("City", city), "City", city, doc.dateline.start, doc.dateline.end)
    ctx.extraction.dateline_place = key
    after = ctx.text[doc.dateline.end: doc.dateline.end + 40]
    # "New Delhi [India], March 3": the country or state in brackets is a place too.
    bracket = re.match(r"[ ]*\[(?P<name>[A-Z][A-Za-z ]+)\]", after)
    found = lookup(bracket.group("name")) if bracket else None
    if bracket and found and found[1] in ("Country", "State"):
        b_start = doc.dateline.end + bracket.start("name")
        ctx.add(place_key(found[1], found[0]), found[1], found[0], b_start, b_start + len(bracket.group("name")))
    # "Khurja (Bulandshahr), May 2": a town datelined with its district.
    paren = re.match(r"[ ]*\((?P<name>[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)\)", after)
    found = lookup(paren.group("name")) if paren else None
    if paren and found and found[1] == "UPDistrict" and found[0] != dateline_name:
        p_start = doc.dateline.end + paren.start("name")
        p_end = p_start + len(paren.group("name"))
        d_key = ctx.add(place_key("District", found[0]), "District", found[0], p_start, p_end, canonical=found[0])
        ctx.extraction.containments.append(Containment(key, d_key, doc.span(doc.dateline.start, p_end)))
    return dateline_name


def _settle_other(ctx: Context, hit: PlaceHit) -> str:
    """A state, country or city; a city-state named as a place of business is the city too ("a buyer in
    Singapore")."""
    key = ctx.add(place_key(hit.kind, hit.name), hit.kind, hit.name, hit.start, hit.end)
    if hit.name in CITY_STATES and (_BASED.match(_after(ctx, hit)) or _PLACE_OF_BUSINESS.search(_before(ctx, hit))):
        ctx.add(place_key("City", hit.name), "City", hit.name, hit.start, hit.end)
    return key


def _settle_district_name(ctx: Context, hit: PlaceHit, kind: str) -> str:
    name = hit.name if kind == "District" else city_name(hit.surface)
    key = ctx.add(place_key(kind, name), kind, name, hit.start, hit.end,
                  canonical=hit.name if kind == "District" else None)
    if kind == "District" and hit.surface != hit.name and hit.surface[:1].isupper():  # not "here"
        ctx.alias(key, hit.surface)
    return key


def _district_or_city(ctx: Context, hit: PlaceHit, product_districts: set[tuple[int, int]],
                      dateline_name: str | None) -> str:
    """A UP district's name names the City when it is a namesake in another state or qualifies an
    institution; the District when tied to a product or with a district cue; the City again with a city
    cue; the District otherwise."""
    if _other_state_namesake(ctx, hit) or _qualifies_institution(ctx, hit):
        return "City"
    if (hit.start, hit.end) in product_districts or _district_cue(ctx, hit):
        return "District"
    if _city_cue(ctx, hit, dateline_name):
        return "City"
    return "District"


def _district_cue(ctx: Context, hit: PlaceHit) -> bool:
    """"X district", "the districts of X", or X is where a town the text names lies."""
    return bool(_DISTRICT_AFTER.match(_after(ctx, hit)) or _DISTRICT_BEFORE.search(_before(ctx, hit))) \
        or any(h is hit for h, _ in ctx.towns.values())


def _other_state_namesake(ctx: Context, hit: PlaceHit) -> bool:
    """"Pratapgarh (Rajasthan)", "Balrampur in Chhattisgarh": a namesake in another state."""
    other_state = _OTHER_STATE_AFTER.match(ctx.text, hit.end)
    found = lookup(other_state.group("state")) if other_state else None
    return bool(found and found[1] == "State" and found[0] != UP)


def _city_cue(ctx: Context, hit: PlaceHit, dateline_name: str | None) -> bool:
    """"X-based", someone's home town, "the X campus", the dateline's place again, the state capital, a
    city's own name among a district's names, or any place in a sports report."""
    after = _after(ctx, hit)
    return bool(_BASED.match(after) or _CITY_CUE.search(_before(ctx, hit)) or _CITY_AFTER.match(after)) \
        or bool(dateline_name and hit.name == dateline_name) or hit.name in STATE_CAPITALS \
        or hit.surface in CITY_NAMES or bool(ctx.sport)


def _before(ctx: Context, hit: PlaceHit) -> str:
    return ctx.text[max(0, hit.start - 40): hit.start]


def _after(ctx: Context, hit: PlaceHit) -> str:
    return ctx.text[hit.end: hit.end + 12]


def _the_town(ctx: Context) -> None:
    """"Hathras ... packed in the town's units": the town is the district's headquarters town, a city."""
    doc, text = ctx.doc, ctx.text
    for m in _THE_TOWN.finditer(text):
        sentence = ctx.sentence_of(m.start())
        first = doc.sentences[max(0, sentence.index - 1)]
        # The names as written: "Kanpur" is the city even where it names the district Kanpur Nagar.
        named = {city_name(text[s:e]) for (s, e), k in ctx.place_keys.items()
                 if first.start <= s < m.start() and _is_up_district_or_city(ctx, k)}
        if len(named) == 1:
            name = named.pop()
            ctx.add(place_key("City", name), "City", name, m.start("w"), m.end("w"))


def _is_up_district_or_city(ctx: Context, key: str) -> bool:
    """A District or City entity whose name is a UP district's."""
    return ctx.kind_of(key) in ("District", "City") and (lookup(ctx.ents[key].name) or ("", ""))[1] == "UPDistrict"


def _the_district(ctx: Context, dateline_name: str | None) -> None:
    """"Weavers in Varanasi ... The district has 900 looms": a name read as the city is the district too."""
    doc = ctx.doc
    for m in _THE_DISTRICT.finditer(ctx.text):
        sentence = ctx.sentence_of(m.start())
        first = doc.sentences[max(0, sentence.index - 1)]
        if first.paragraph != sentence.paragraph:
            first = sentence
        named = {(lookup(ctx.ents[k].name) or ("", ""))[0] for (s, e), k in ctx.place_keys.items()
                 if first.start <= s < m.start() and _is_up_district_or_city(ctx, k)}
        if not named and _dateline_district_in(ctx, dateline_name, sentence.paragraph):
            named = {dateline_name or ""}  # "Varanasi, May 2 (PTI) The district has 900 looms"
        if len(named) == 1:
            name = named.pop()
            key = place_key("District", name)
            if key not in ctx.ents:
                ctx.add(key, "District", name, m.start("w"), m.end("w"), canonical=name)


def _dateline_district_in(ctx: Context, dateline_name: str | None, paragraph: int) -> bool:
    """Whether the dateline names a UP district and stands in paragraph `paragraph`."""
    dateline = ctx.doc.dateline
    return bool(dateline and dateline_name and ctx.sentence_of(dateline.start).paragraph == paragraph
                and (lookup(dateline_name) or ("", ""))[1] == "UPDistrict")


def _the_state(ctx: Context) -> None:
    """"the state" in an article about one state names that state."""
    state_key = place_key("State", ctx.main_state) if ctx.main_state else None
    if not state_key or state_key in ctx.ents or ctx.sport:
        return
    the_state = _THE_STATE.search(ctx.text, ctx.doc.paragraphs[0].start if ctx.doc.paragraphs else 0)
    if the_state:
        ctx.add(state_key, "State", ctx.main_state or "", the_state.start("w"), the_state.end("w"))


def _town_containments(ctx: Context, towns_seen: dict[str, str]) -> None:
    """"Khurja, a town in Bulandshahr district": the town lies in the district."""
    for town, (hit, t_start) in ctx.towns.items():
        town_key = towns_seen.get(town)
        district_key = ctx.place_keys.get((hit.start, hit.end))
        if town_key and district_key and ctx.kind_of(district_key) == "District":
            ctx.extraction.containments.append(Containment(town_key, district_key, ctx.doc.span(t_start, hit.end)))


def _qualifies_institution(ctx: Context, hit: PlaceHit) -> bool:
    """'the Institute of Design (IOD), Varanasi': a place name after an organisation's name and a comma."""
    m = re.search(r"(?:[ ]*\([A-Z]{2,}\))?,[ ]+$", ctx.text[max(0, hit.start - 20):hit.start])
    if not m:
        return False
    end = hit.start - len(m.group())
    return any(m.end == end and family_is_org(ctx, m.key) for m in ctx.mentions_in(max(0, end - 200), end))


def family_is_org(ctx: Context, key: str) -> bool:
    return family(ctx.kind_of(key)) == "org"


def city_name(surface: str) -> str:
    """The name of a city as the text gives it, in the gazetteer's spelling when it knows it."""
    found = lookup(surface)
    if found:
        canon, kind = found
        # A district's alternative name ("Kanpur" for Kanpur Nagar) is the city's own name.
        return surface.title() if kind == "UPDistrict" and surface.casefold() != canon.casefold() else canon
    return surface.title() if surface.isupper() else surface
