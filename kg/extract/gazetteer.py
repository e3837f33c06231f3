"""Places: the 75 districts of Uttar Pradesh (with their alternative names) and the states, countries
and major cities in kg/data/places.csv, found with one compiled alternation per document.

A UP district's name is a district or a city depending on how the text uses it; `settle_places` decides
that once products have been tied to districts (see the rules in its docstring). Towns come from
kg/data/up_towns.csv and from the text ("X town", "the town of X", "X village of D", "X, a town in D",
"X (a town in D)", "A and B villages", "at X near Y"); countries from
kg/data/countries.csv. A place's name followed by name words is a first name when a person cue is
present ("Mathura Lal Yadav, 47,").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from kg.extract.context import FUNCTION_WORDS, Context, PlaceHit, alternation, family, read_rows, split_alternatives
from kg.extract.model import Containment

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


def find_place_hits(ctx: Context) -> None:
    g = gazetteer()
    hits: list[PlaceHit] = []
    for para in ctx.body():
        for m in g.pattern.finditer(ctx.text, para.start, para.end):
            if _inside_name(ctx, m.start(), m.end()):
                continue
            name, kind = g.entries[m.group()]
            hits.append(PlaceHit(m.start(), m.end(), m.group(), name, kind))
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
_CITY_CUE = re.compile(
    r"(?:grew up in|hails from|hailing from|native of|born in|belongs to|resident of|home ?town(?: of)?|"
    r"\b(?:the|a|this|that|his|her|their|its|native|small|nearby)[ ]+(?:town|city|village) of|lives in|"
    r"came to|moved to|shifted to|returned to|arrived in|migrated to)\s+$", re.I)
# "the Aligarh campus", "the Meerut cantonment": a place where something stands, the city.
_CITY_AFTER = re.compile(r"[ ]+(?:campus|cantonment|railway[ ]+station|junction|airport|city)\b")
_DISTRICT_AFTER = re.compile(r"\s+district\b", re.I)
# The state capital named without a district cue is the city, the seat of government ("officials in
# Lucknow", "reporters in Lucknow").
STATE_CAPITALS = frozenset({"Lucknow"})
# Alternative district names that are the names of cities ("a factory in Noida", "Kanpur's tanneries"):
# without a district cue or a product they are the city.
CITY_NAMES = frozenset({"Noida", "Kanpur", "Banaras", "Benares", "Kashi"})
# Countries that are one city: named as a place of business they are the city as well.
CITY_STATES = frozenset({"Singapore"})
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


# Capitalised words that start "X village" / "X town" without naming it.
_NOT_TOWN_WORDS = frozenset({
    "Old", "New", "Nearby", "Neighbouring", "Neighboring", "Another", "One", "Whole", "Entire", "Same", "Small",
    "Big", "Large", "Local", "Home", "Native", "Model", "Smart", "Adarsh", "Remote", "Tribal", "Border", "Temple",
    "Sadar", "Which", "What", "Whose", "No", "Every", "Each", "Any", "His", "Her", "Their", "My", "Our", "Its", "Your",
})


def _settlements(ctx: Context) -> None:
    """District names used for a town or village, and towns the gazetteer does not know."""
    g = gazetteer()
    by_start = {h.start: h for h in ctx.place_hits}
    for hit in list(ctx.place_hits):
        if hit.kind != "UPDistrict":
            continue
        m = _SETTLEMENT_AFTER.match(ctx.text, hit.end)
        if not m:
            continue
        hit.kind = "Town"
        hit.name = city_name(hit.surface)
        container = by_start.get(m.start("district")) if m.group("district") else None
        if container is not None and container.kind == "UPDistrict":
            ctx.towns[hit.name] = (container, hit.start)
    for para in ctx.body():
        for m in _UNKNOWN_TOWN.finditer(ctx.text, para.start, para.end):
            group = next(k for k in ("a", "b", "c") if m.group(k))
            town, start = m.group(group), m.start(group)
            if town in g.entries or town in ctx.lex.not_name_words or town.split()[0] in FUNCTION_WORDS:
                continue
            if not ctx.is_free(start, start + len(town)) or start in by_start:
                continue
            word_before = re.search(r"([A-Z][\w']*)[ ]$", ctx.text[max(0, start - 30):start])
            if group == "b" and word_before and word_before.group(1) not in FUNCTION_WORDS:
                continue  # "Ram Kesarganj town": the word before is part of the name
            if town.split()[-1] in ctx.lex.org_heads or town.split()[-1] in ctx.lex.title_words:
                continue
            if town.split()[0] in _NOT_TOWN_WORDS:
                continue  # "Nearby village", "Old town", "Model village"
            hit = PlaceHit(start, start + len(town), town, town, "Town")
            ctx.place_hits.append(hit)
            by_start[start] = hit
            # "Aurangpur village of Gorakhpur", "Mubarakganj town in Azamgarh district": the town's district
            of = _OF_DISTRICT.match(ctx.text, m.end()) if group == "b" else None
            container = by_start.get(of.start("d")) if of else None
            if container is not None and container.kind == "UPDistrict":
                ctx.towns[town] = (container, start)
        # "Bhojpur and Dhanpur villages": each name of the list is a settlement.
        for m in _TOWN_LIST.finditer(ctx.text, para.start, para.end):
            word_before = re.search(r"([A-Z][\w']*)[ ]$", ctx.text[max(0, m.start() - 30):m.start()])
            if word_before and word_before.group(1) not in FUNCTION_WORDS:
                continue  # "Sonu Kumar and Rekha villages": a person's name before
            for w in re.finditer(r"[A-Z][a-z]{2,}", m.group("list")):
                town, start = w.group(), m.start("list") + w.start()
                known = by_start.get(start)
                if known is not None and known.kind == "UPDistrict":
                    known.kind, known.name = "Town", city_name(known.surface)  # "Moradabad and Sambhal towns"
                    continue
                if town in g.entries or town in FUNCTION_WORDS or town in ctx.lex.not_name_words \
                        or town in _NOT_TOWN_WORDS or known is not None or not ctx.is_free(start, start + len(town)):
                    continue
                hit = PlaceHit(start, start + len(town), town, town, "Town")
                ctx.place_hits.append(hit)
                by_start[start] = hit
        # "a unit at Dhanpura near Etah": a settlement placed near a known place.
        for m in _AT_NEAR.finditer(ctx.text, para.start, para.end):
            town, start = m.group("t"), m.start("t")
            if m.end() not in by_start or town in g.entries or town.split()[0] in FUNCTION_WORDS \
                    or town in ctx.lex.not_name_words or town.split()[0] in _NOT_TOWN_WORDS \
                    or not ctx.is_free(start, start + len(town)) or start in by_start:
                continue
            hit = PlaceHit(start, start + len(town), town, town, "Town")
            ctx.place_hits.append(hit)
            by_start[start] = hit
    ctx.place_hits.sort(key=lambda h: (h.start, h.end))


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
    """Register every place hit as an entity of the right kind.

    A UP district name is a City when it is the dateline, "X-based", or someone's home town, or when it
    repeats the dateline's place without a district cue, or is the state capital without one, or names a
    namesake in another state ("Pratapgarh (Rajasthan)"), or qualifies an institution ("the Institute
    of X (IOX), Varanasi"), or stands in a sports report; otherwise it is a District (named with
    "district", tied to a product, or simply named as a place of the state).
    """
    doc = ctx.doc
    text = ctx.text
    dateline_name = None
    if doc.dateline:
        found = lookup(doc.dateline.text)
        dateline_name = found[0] if found else doc.dateline.text.title()
        city = city_name(doc.dateline.text)
        key = ctx.add(place_key("City", city), "City", city, doc.dateline.start, doc.dateline.end)
        ctx.extraction.dateline_place = key
        # "New Delhi [India], March 3": the country or state in brackets is a place too.
        bracket = re.match(r"[ ]*\[(?P<name>[A-Z][A-Za-z ]+)\]", text[doc.dateline.end: doc.dateline.end + 40])
        found = lookup(bracket.group("name")) if bracket else None
        if bracket and found and found[1] in ("Country", "State"):
            b_start = doc.dateline.end + bracket.start("name")
            ctx.add(place_key(found[1], found[0]), found[1], found[0], b_start, b_start + len(bracket.group("name")))
        # "Khurja (Bulandshahr), May 2": a town datelined with its district.
        paren = re.match(r"[ ]*\((?P<name>[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)\)",
                         text[doc.dateline.end: doc.dateline.end + 40])
        found = lookup(paren.group("name")) if paren else None
        if paren and found and found[1] == "UPDistrict" and found[0] != dateline_name:
            p_start = doc.dateline.end + paren.start("name")
            p_end = p_start + len(paren.group("name"))
            d_key = ctx.add(place_key("District", found[0]), "District", found[0], p_start, p_end, canonical=found[0])
            ctx.extraction.containments.append(Containment(key, d_key, doc.span(doc.dateline.start, p_end)))
    towns_seen: dict[str, str] = {}
    for hit in sorted(ctx.place_hits, key=lambda h: (h.start, h.end)):
        after = text[hit.end: hit.end + 12]
        before = text[max(0, hit.start - 40): hit.start]
        based = bool(_BASED.match(after))
        if hit.kind == "Town":
            key = ctx.add(place_key("City", hit.name), "City", hit.name, hit.start, hit.end)
            towns_seen[hit.name] = key
            ctx.place_keys[(hit.start, hit.end)] = key
            continue
        if hit.kind != "UPDistrict":
            key = ctx.add(place_key(hit.kind, hit.name), hit.kind, hit.name, hit.start, hit.end)
            ctx.place_keys[(hit.start, hit.end)] = key
            if hit.name in CITY_STATES and (based or _PLACE_OF_BUSINESS.search(before)):
                # "a buyer in Singapore": the city-state is the city where business is done too.
                ctx.add(place_key("City", hit.name), "City", hit.name, hit.start, hit.end)
            continue
        district_cue = bool(_DISTRICT_AFTER.match(after) or _DISTRICT_BEFORE.search(before)) or any(
            h is hit for h, _ in ctx.towns.values())
        other_state = _OTHER_STATE_AFTER.match(text, hit.end)
        namesake = bool(other_state and (lookup(other_state.group("state")) or ("", ""))[1] == "State"
                        and lookup(other_state.group("state"))[0] != UP)  # type: ignore[index]
        if namesake or _qualifies_institution(ctx, hit):
            kind = "City"
        elif (hit.start, hit.end) in product_districts or district_cue:
            kind = "District"
        elif based or _CITY_CUE.search(before) or _CITY_AFTER.match(after) \
                or dateline_name and hit.name == dateline_name or hit.name in STATE_CAPITALS \
                or hit.surface in CITY_NAMES or ctx.sport:  # a sports report names cities, not districts
            kind = "City"
        else:
            kind = "District"
        name = hit.name if kind == "District" else city_name(hit.surface)
        key = ctx.add(place_key(kind, name), kind, name, hit.start, hit.end,
                      canonical=hit.name if kind == "District" else None)
        if kind == "District" and hit.surface != hit.name and hit.surface[:1].isupper():  # not "here"
            ctx.alias(key, hit.surface)
        ctx.place_keys[(hit.start, hit.end)] = key
    # "Hathras ... packed in the town's units": the town is the district's headquarters town, a city.
    for m in _THE_TOWN.finditer(text):
        sentence = ctx.sentence_of(m.start())
        first = doc.sentences[max(0, sentence.index - 1)]
        # The names as written: "Kanpur" is the city even where it names the district Kanpur Nagar.
        named = {city_name(text[s:e]) for (s, e), k in ctx.place_keys.items()
                 if first.start <= s < m.start() and ctx.kind_of(k) in ("District", "City")
                 and lookup(ctx.ents[k].name) and (lookup(ctx.ents[k].name) or ("", ""))[1] == "UPDistrict"}
        if len(named) == 1:
            name = named.pop()
            ctx.add(place_key("City", name), "City", name, m.start("w"), m.end("w"))
    # "Weavers in Varanasi ... The district has 900 looms": a name read as the city is the district too.
    if not ctx.sport:
        for m in _THE_DISTRICT.finditer(text):
            sentence = ctx.sentence_of(m.start())
            first = doc.sentences[max(0, sentence.index - 1)]
            if first.paragraph != sentence.paragraph:
                first = sentence
            named = {lookup(ctx.ents[k].name)[0]  # type: ignore[index]
                     for (s, e), k in ctx.place_keys.items()
                     if first.start <= s < m.start() and ctx.kind_of(k) in ("District", "City")
                     and (lookup(ctx.ents[k].name) or ("", ""))[1] == "UPDistrict"}
            if not named and doc.dateline and dateline_name \
                    and ctx.sentence_of(doc.dateline.start).paragraph == sentence.paragraph \
                    and (lookup(dateline_name) or ("", ""))[1] == "UPDistrict":
                named = {dateline_name}  # "Varanasi, May 2 (PTI) The district has 900 looms"
            if len(named) == 1:
                name = named.pop()
                key = place_key("District", name)
                if key not in ctx.ents:
                    ctx.add(key, "District", name, m.start("w"), m.end("w"), canonical=name)
    # "the state" in an article about one state names that state.
    state_key = place_key("State", ctx.main_state) if ctx.main_state else None
    if state_key and state_key not in ctx.ents and not ctx.sport:
        the_state = _THE_STATE.search(text, doc.paragraphs[0].start if doc.paragraphs else 0)
        if the_state:
            ctx.add(state_key, "State", ctx.main_state or "", the_state.start("w"), the_state.end("w"))
    # Containment: "Khurja, a town in Bulandshahr district".
    for town, (hit, t_start) in ctx.towns.items():
        town_key = towns_seen.get(town)
        district_key = ctx.place_keys.get((hit.start, hit.end))
        if town_key and district_key and ctx.kind_of(district_key) == "District":
            ctx.extraction.containments.append(Containment(town_key, district_key, doc.span(t_start, hit.end)))


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
