"""Organisations: the steps of `find_organisations`, each a small function named for what it finds, over
the word lists of kg/data (`lexicon.toml`, `organisations.csv`, `institutes.csv`); then back-references
to an organisation already found.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from kg.documents import Span
from kg.extract.context import (
    FUNCTION_WORDS,
    Context,
    Ent,
    Mention,
    Tok,
    alternation,
    family,
    lexicon,
    norm_key,
    read_rows,
    split_alternatives,
)
from kg.extract.gazetteer import gazetteer

GOVERNMENT_OF_INDIA = "Government of India"


@cache
def _known() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    entries: dict[str, tuple[str, str]] = {}
    for row in read_rows("organisations.csv"):
        for name in [row["name"], *split_alternatives(row.get("aliases", ""))]:
            entries.setdefault(name, (row["name"], row["kind"]))
    return re.compile(rf"(?<![\w-])(?:{alternation(list(entries))})(?![\w-])"), entries


@cache
def state_names() -> tuple[str, dict[str, str]]:
    names = {k: v[0] for k, v in gazetteer().entries.items() if v[1] == "State"}
    return alternation(list(names)), names


def org_key(name: str) -> str:
    return "org:" + norm_key(name)


def add_org(ctx: Context, name: str, kind: str, start: int | None, end: int | None,
            noun: str | None = None, take: bool = True) -> str:
    """Register an organisation, merging it with one already found under a shorter or longer name."""
    key = _same_org(ctx, name) or org_key(name)
    if key in ctx.ents and ctx.ents[key].kind == "Organisation" and kind != "Organisation":
        ctx.ents[key].kind = kind
    ctx.add(key, kind, name, start, end, noun=noun)
    if take and start is not None and end is not None:
        ctx.take(start, end)
    return key


def _tokens(name: str) -> list[str]:
    return [t for t in norm_key(name).split() if t not in {"the", "of", "and"}]


def _same_org(ctx: Context, name: str) -> str | None:
    key = org_key(name)
    if key in ctx.ents:
        return key
    toks = _tokens(name)
    if not toks:
        return None
    for other in ctx.entities_with_word(toks[0]):
        if family(other.kind) != "org":
            continue
        for candidate in [other.name, *sorted(other.aliases)]:
            o = _tokens(candidate)
            if o and o[0] == toks[0] and (set(o) <= set(toks) or set(toks) <= set(o)):
                return other.key
    return None


# ----------------------------------------------------------------------------------------- the steps


def find_organisations(ctx: Context) -> None:
    _agency(ctx)
    _known_names(ctx)
    _governments(ctx)
    _by_head_word(ctx)
    _country_units(ctx)
    _by_description(ctx)
    _partner_names(ctx)
    _departments(ctx)
    _abbreviations(ctx)
    _short_names(ctx)
    _institute_campuses(ctx)
    _role_orgs(ctx)
    if ctx.sport:
        _sports_teams(ctx)


def _agency(ctx: Context) -> None:
    agency = ctx.doc.agency
    if not agency:
        return
    known = _known()[1].get(agency.text)
    name = known[0] if known else agency.text
    key = ctx.add(org_key(name), "NewsAgency", name, agency.start, agency.end)
    if name != agency.text:
        ctx.alias(key, agency.text)
    ctx.extraction.agency = key


def _known_names(ctx: Context) -> None:
    pattern, entries = _known()
    for para in ctx.body():
        for m in pattern.finditer(ctx.text, para.start, para.end):
            name, kind = entries[m.group()]
            if name == GOVERNMENT_OF_INDIA and m.group() == "Centre":
                continue  # "the Centre" is handled with the other governments
            if ctx.is_free(m.start(), m.end()):
                key = add_org(ctx, name, kind, m.start(), m.end())
                ctx.alias(key, m.group())


@cache
def _institutes() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {row["acronym"]: row["kind"] for row in read_rows("institutes.csv")}
    return re.compile(rf"\b(?:{alternation(list(kinds))})\b"), kinds


def _institute_campuses(ctx: Context) -> None:
    """'IIM Lucknow', 'NIFT': a national institute's acronym (kg/data/institutes.csv), with the city of
    its campus when one follows; the institute the article named with that abbreviation, if it did."""
    pattern, kinds = _institutes()
    for para in ctx.body():
        for m in pattern.finditer(ctx.text, para.start, para.end):
            campus = ctx.place_at(m.end() + 1) if ctx.text.startswith(" ", m.end()) else None
            end = campus.end if campus is not None else m.end()
            if not ctx.is_free(m.start(), end):
                continue
            named = _named_by_abbreviation(ctx, m.group())  # "National Institute of Fashion Technology (NIFT)"
            if named is None:
                add_org(ctx, ctx.text[m.start():end], kinds[m.group()], m.start(), end)
            else:
                ctx.add(named.key, named.kind, named.name, m.start(), end)
                ctx.take(m.start(), end)


def _named_by_abbreviation(ctx: Context, abbreviation: str) -> Ent | None:
    return next((e for e in ctx.entities_with_word(abbreviation.casefold())
                 if family(e.kind) == "org" and abbreviation in e.aliases), None)


_CENTRE = re.compile(
    r"\b(?:[Tt]he Centre\b(?!\s+(?:for|of)\b)(?![ ]+[A-Z])|Centre(?=['\u2019]s\b)|"
    r"(?:[Tt]he )?(?:Union|[Cc]entral) [Gg]overnment\b|Government of India\b|Indian government\b)")


_DISTRICT_ADMINISTRATION = re.compile(r"(?<=[ ])district[ ]+administration\b", re.I)


def state_government_name(state: str) -> str:
    return f"{state} government"


def article_district(ctx: Context) -> str | None:
    """The dateline's UP district, else the district the article names most often (if one leads)."""
    from kg.extract.gazetteer import lookup

    dateline = lookup(ctx.doc.dateline.text) if ctx.doc.dateline else None
    if dateline and dateline[1] == "UPDistrict":
        return dateline[0]
    counts = Counter(h.name for h in ctx.place_hits if h.kind == "UPDistrict")
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _governments(ctx: Context) -> None:
    states, names = state_names()
    gov = re.compile(
        rf"\b(?:(?P<state>{states})(?:['\u2019]s)?[ ]+[Gg]overnment|[Gg]overnment of (?P<state2>{states}))\b"
        r"|\b(?P<plain>[Ss]tate(?:['\u2019]s)? [Gg]overnment)\b"
        r"|\b(?P<govt>[Ss]tate(?:['\u2019]s)? govt)\b")
    for para in ctx.body():
        for m in gov.finditer(ctx.text, para.start, para.end):
            if not ctx.is_free(m.start(), m.end()):
                continue
            state = m.group("state") or m.group("state2")
            if state:
                canon = names[state]
                s = m.start("state") if m.group("state") else m.start("state2")
                ctx.government_places.add((s, s + len(state)))
            elif ctx.main_state:
                canon = ctx.main_state
            else:
                continue
            key = add_org(ctx, state_government_name(canon), "GovernmentBody", m.start(), m.end())
            if state and m.group() != key:
                ctx.alias(key, m.group())
        _district_administrations(ctx, para)
        for m in _CENTRE.finditer(ctx.text, para.start, para.end):
            if ctx.is_free(m.start(), m.end()):
                start = m.start() + (4 if m.group().lower().startswith("the ") else 0)
                add_org(ctx, GOVERNMENT_OF_INDIA, "GovernmentBody", start, m.end())


def _district_administrations(ctx: Context, para: Span) -> None:
    """"the Varanasi district administration"; "the district administration" is the article's district's."""
    for m in _DISTRICT_ADMINISTRATION.finditer(ctx.text, para.start, para.end):
        # "the Varanasi district administration": the district is the one to three words before.
        words = list(re.finditer(r"[A-Z][\w.-]*", ctx.text[max(para.start, m.start() - 40):m.start()]))
        for n in (3, 2, 1):
            if len(words) < n:
                continue
            first = words[-n]
            start = max(para.start, m.start() - 40) + first.start()
            candidate = ctx.text[start:m.start()].strip()
            found = gazetteer().entries.get(candidate)
            if found and found[1] == "UPDistrict" and ctx.is_free(start, m.end()):
                add_org(ctx, f"{found[0]} district administration", "GovernmentBody", start, m.end())
                break
        else:
            # "the district administration": the dateline's district, or the one the story is about.
            the = re.search(r"\b[Tt]he[ ]+$", ctx.text[max(para.start, m.start() - 4):m.start()])
            district = article_district(ctx) if the else None
            if district and ctx.is_free(m.start(), m.end()):
                add_org(ctx, f"{district} district administration", "GovernmentBody", m.start(), m.end())


_EVENT_WORDS = {"Trophy", "Cup", "League", "Championship", "Tournament", "Series", "Games", "Olympics",
                "Festival", "Fair", "Expo", "Mela", "Summit", "Award", "Awards", "Prize"}
_SCHEME_WORDS = {"Scheme", "Yojana", "Yojna", "Programme", "Program", "Abhiyan", "Initiative"}
# Heads of local offices that take the place after a comma: "District Industries Centre, Varanasi".
_LOCAL_OFFICE_HEADS = {"Centre", "Center", "Office", "Directorate", "Board", "Authority", "Council",
                       "Commission", "University", "College", "Institute", "Corporation"}
_PLACE_AFTER = re.compile(r",[ ]+(?P<place>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)(?=[ ]*(?:,|\.|;|$| which| that))")


_PROGRAMME_AFTER = re.compile(
    r"(?:[ ]*\([A-Z][A-Za-z-]{1,11}\))?[ ]+(?:scheme|programme|program|initiative|mission|yojana|abhiyan)\b", re.I)


def _by_head_word(ctx: Context) -> None:
    """Capitalised names whose last word names a kind of organisation."""
    heads = ctx.lex.org_heads
    for para in ctx.body():
        # The runs are read before any name is claimed, as claiming one cuts the runs after it.
        for run in [part for whole in ctx.runs(para.start, para.end) for part in _split_after_heads(whole, heads)]:
            _head_word_name(ctx, run, heads)


def _head_word_name(ctx: Context, run: list[Tok], heads: dict[str, str]) -> None:
    last, lead = _head_positions(run, heads)
    if last < 1:
        return
    tokens = run[_name_start(ctx, run, last): last + 1]
    words = [t for t in tokens if not t.connector]
    if _not_a_head_word_name(ctx, tokens, words) or _names_something_else(ctx, tokens, words, heads,
                                                                          at_end=last == len(run) - 1):
        return
    start, end = tokens[0].start, tokens[-1].end
    if run[last].possessive:
        end = run[last].start + len(run[last].bare)
    if tokens[-1].bare in _LOCAL_OFFICE_HEADS:
        end = _with_place_after(ctx, end)  # "District Industries Centre, Varanasi"
    add_org(ctx, ctx.text[start:end], _head_word_kind(run, tokens, lead, heads), start, end)


def _head_positions(run: list[Tok], heads: dict[str, str]) -> tuple[int, int | None]:
    """The last organisation word of the run, and a leading one followed by "of"/"for" ("State Bank of
    India", "Council for Leather Exports"), after which the name goes on to the end of the run."""
    last = max((i for i, t in enumerate(run) if t.bare in heads and not t.connector), default=-1)
    lead = next((i for i, t in enumerate(run[:-2]) if t.bare in heads and not t.possessive
                 and run[i + 1].text in ("of", "for")), None)
    if lead is not None and lead <= last and not any(t.possessive for t in run[lead:-1]):
        last = len(run) - 1
    return last, lead


def _name_start(ctx: Context, run: list[Tok], last: int) -> int:
    """Where the name starts: after any possessive ("UP's MSME ... Department") or a title's "of"/"at"
    ("Managing Director and CEO of Ghaghra Valley Small Finance Bank"), and after leading function words."""
    first = 0
    for i in range(last):
        if run[i].possessive or run[i].connector and run[i].text in ("of", "at") and i > 0 \
                and run[i - 1].bare.casefold() in ctx.lex.title_words:
            first = i + 1
    while first < last and (run[first].text in FUNCTION_WORDS or run[first].connector):
        first += 1
    return first


def _not_a_head_word_name(ctx: Context, tokens: list[Tok], words: list[Tok]) -> bool:
    """One word, an event ("... Trophy"), a scheme ("Scheme of Fund for ...") or a title ("Chief Executive
    Officer"; "Finance Ministry" needs a name)."""
    return len(words) < 2 or any(t.bare in _EVENT_WORDS for t in tokens) or words[0].bare in _SCHEME_WORDS \
        or all(t.bare.casefold() in ctx.lex.title_words for t in words)


def _names_something_else(ctx: Context, tokens: list[Tok], words: list[Tok], heads: dict[str, str],
                          at_end: bool) -> bool:
    """A person ("Dr Asha Sabha"), a scheme ("... Enterprises (PMFME) scheme"), a revenue division
    ("Lucknow Mandal") or the ODOP scheme itself ("Exports of One District One Product goods")."""
    start, end = tokens[0].start, tokens[-1].end
    if _person_named_like_org(ctx, tokens, start, end):
        return True
    if at_end and _PROGRAMME_AFTER.match(ctx.text, end):
        return True
    if len(words) == 2 and words[-1].bare in ("Mandal", "Division") and ctx.place_at(words[0].start) is not None:
        return True
    return tokens[-1].bare not in heads and bool(_ODOP_NAME.search(ctx.text, start, end))


def _head_word_kind(run: list[Tok], tokens: list[Tok], lead: int | None, heads: dict[str, str]) -> str:
    """The kind its head word says; "Department of Industries", "Ministry of Textiles": the first word."""
    first_word = tokens[0].bare
    if first_word in heads and heads[first_word] in ("Department", "GovernmentBody") and len(tokens) > 2 \
            and tokens[1].text == "of":
        return heads[first_word]
    return heads[run[lead].bare] if lead is not None else heads[tokens[-1].bare]


def _with_place_after(ctx: Context, end: int) -> int:
    m = _PLACE_AFTER.match(ctx.text, end)
    return m.end("place") if m and gazetteer().entries.get(m.group("place")) else end


_ODOP_NAME = re.compile(r"\bOne District,? One Product\b|\bODOP\b")
# Organisation words that are also surnames ("Sunil Kumar Mandal").
SURNAME_HEADS = frozenset({"Mandal", "Sabha", "Sangh", "Trust"})
_HONORIFIC_JUST_BEFORE = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|Shri|Sri|Smt|Sh|Prof|Kumari|Sushri|Haji|Hajji|Maulana|Pandit|Pt)\.?[ ]+$")
_PERSON_AFTER = re.compile(r",[ ]+(?:\d{1,3}[ ]*,|an?[ ]+(?:[\w-]+[ ]+)?(?P<noun>[a-z-]+)\b)")


_SAID_AFTER = re.compile(r"[ ]+(?:said|says|told|added)\b|,[ ]+(?:who|whose)\b")


# Honorifics that also begin the names of institutions named after someone ("Sardar Patel Institute",
# "Pandit Deendayal Upadhyay Institute", "Maulana Azad University"): the organisation word decides.
_NAMESAKE_HONORIFICS = frozenset({"Sardar", "Swami", "Mahant", "Pandit", "Pt", "Pt.", "Maulana", "Haji"})


def _person_named_like_org(ctx: Context, tokens: list[Tok], start: int, end: int) -> bool:
    """'Dr Asha Sabha', 'Sunil Kumar Mandal, a weaver, ...': a person, not an organisation."""
    if tokens[0].bare in ctx.lex.honorifics and tokens[0].bare not in _NAMESAKE_HONORIFICS \
            or _HONORIFIC_JUST_BEFORE.search(ctx.text, max(0, start - 8), start):
        return True
    after = _PERSON_AFTER.match(ctx.text, end)
    if after and (after.group("noun") is None or after.group("noun") in ctx.lex.person_nouns):
        return True
    if tokens[-1].bare in SURNAME_HEADS and len(tokens) <= 3 and all(
            re.fullmatch(r"[A-Z][a-z]+", t.bare) for t in tokens):
        words = [t.bare for t in tokens[:-1]]
        # a given name before the surname, and no other organisation word
        return not any(w in ctx.lex.org_heads or w.casefold() in ctx.lex.org_nouns for w in words) and \
            not re.search(r"\b[Tt]he[ ]+$", ctx.text[max(0, start - 5):start]) and \
            bool(_SAID_AFTER.match(ctx.text, end))
    return False


def _country_units(ctx: Context) -> None:
    """'Amazon India', 'Samsung India': a name followed by a country is a company's national arm."""
    g = gazetteer()
    for para in ctx.body():
        for run in list(ctx.runs(para.start, para.end)):
            if len(run) < 2:
                continue
            last = run[-1]
            entry = g.entries.get(last.bare)
            prev = run[-2]
            if not entry or entry[1] != "Country" or prev.connector or prev.possessive:
                continue
            if prev.text in FUNCTION_WORDS or prev.text in ctx.lex.not_name_words or prev.bare in g.entries:
                continue
            first = len(run) - 2
            while first > 0 and not run[first - 1].connector and not run[first - 1].possessive \
                    and run[first - 1].text not in FUNCTION_WORDS and run[first - 1].bare not in g.entries:
                first -= 1
            start, end = run[first].start, last.start + len(last.bare)
            add_org(ctx, ctx.text[start:end], "Company", start, end)


def _split_after_heads(run: list[Tok], heads: dict[str, str]) -> list[list[Tok]]:
    """'Weavers Guild and Sutra Textiles Limited' names two organisations."""
    parts: list[list[Tok]] = [[]]
    for i, t in enumerate(run):
        if t.text in ("and", "&") and i > 0 and run[i - 1].bare in heads:
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


# "e-commerce major Kalpa Retail", "retail giant X": news descriptors of a company, with no article before.
_MAJOR = re.compile(r"\b[\w-]+[ ]+(?P<noun>major|giant)[ ]+$")
_WHO = re.compile(r"[ ]+(?:who|whose)\b")
_OWNED_WORD = re.compile(r"-(?:owned|backed|promoted|funded|run)$")


def _by_description(ctx: Context) -> None:
    """'X, a Delhi-based start-up' / 'the online marketplace X' / 'the X platform'."""
    for para in ctx.body():
        for run in list(ctx.runs(para.start, para.end)):
            _described_name(ctx, para, run)


# The nouns a description before a name may end in ("the online marketplace X") for the name to be a company's.
_DESCRIBING_NOUNS = frozenset({
    "company", "firm", "platform", "marketplace", "portal", "start-up", "startup", "lender", "bank", "chain",
    "retailer", "brand", "cooperative", "group", "e-tailer", "aggregator", "ngo", "non-profit", "major", "giant"})
_NOUN_AFTER = re.compile(r"[ ]+(?P<noun>platform|marketplace|portal|app|website|group|chain|brand)\b")


Described = tuple[str, str | None]  # the organisation's kind and the noun that described it


@cache
def _description_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An apposition after a name (", a Pune-based start-up") and a description before one ("the online
    marketplace ", "a Lucknow-based sports goods firm, "), ending in one of the lexicon's organisation nouns."""
    nouns = alternation(list(lexicon().org_nouns))
    appos = re.compile(
        rf"^,[ ]+(?:an?|the|[A-Z][\w]*['\u2019]s)[ ]+(?P<desc>(?:[\w\u2019'-]+[ ]+){{0,6}}?)(?P<noun>{nouns}|[\w-]+)"
        r"(?=[ ]*(?:,|\.|;|$| that| which| whose| with| of| in| from| based| selling| run)(?![\w-]))")
    before = re.compile(
        rf"\b(?:[Tt]he|[Aa]|[Aa]n|[Ii]ts|[A-Z]\w*['\u2019]s)[ ]+(?:[\w-]+[ ]+){{0,4}}?(?P<noun>{nouns})"
        r"(?P<comma>,?)[ ]+$")
    return appos, before


def _described_name(ctx: Context, para: Span, run: list[Tok]) -> None:
    toks, owned = _name_tokens(ctx, para, run)
    if not toks:
        return
    start, end = toks[0].start, toks[-1].end
    if toks[-1].possessive:
        end = toks[-1].start + len(toks[-1].bare)
    name = ctx.text[start:end]
    if ctx.places_overlapping(start, end) or name in ctx.lex.honorifics or toks[0].bare in ctx.lex.honorifics:
        return
    owned_by: Described | None = ("Company", None) if owned and len(toks) <= 3 else None  # "Walmart-owned X"
    found = _apposition_description(ctx, para, toks, end) or owned_by \
        or _description_before(ctx, para, toks, start, end) or _noun_after(ctx, para, toks, start, end)
    if found:
        add_org(ctx, name, found[0], start, end, noun=found[1])


def _name_tokens(ctx: Context, para: Span, run: list[Tok]) -> tuple[list[Tok], bool]:
    """The run without leading words that are not names ("Walmart-owned"), and whether one said who owns
    it; nothing for a person ("Dr. A K Singh, a professor at ...")."""
    toks = list(run)
    if _HONORIFIC_JUST_BEFORE.search(ctx.text, max(para.start, toks[0].start - 8), toks[0].start) \
            or len(toks) > 2 and re.fullmatch(r"[A-Z]\.?", toks[1].text):
        return [], False
    owned = False
    while toks and (toks[0].text in ctx.lex.not_name_words or _OWNED_WORD.search(toks[0].text)):
        owned = owned or bool(_OWNED_WORD.search(toks[0].text))
        toks = toks[1:]
    return toks, owned


def _apposition_description(ctx: Context, para: Span, toks: list[Tok], end: int) -> Described | None:
    """'Nirmal Naturals, a Pune-based start-up': not 'X, an exporter whose firm ...' (a person)."""
    m = _description_patterns()[0].match(ctx.text[end: min(para.end, end + 160)])
    if not m or toks[-1].possessive:
        return None
    lex = ctx.lex
    noun = m.group("noun").casefold()
    desc_words = set(m.group("desc").casefold().split())
    personal = noun in lex.person_nouns and _WHO.match(ctx.text, end + m.end())
    if noun in lex.org_nouns and not desc_words & lex.person_nouns and not personal:
        return lex.org_nouns[noun], noun
    return None


def _description_before(ctx: Context, para: Span, toks: list[Tok], start: int, end: int) -> Described | None:
    """'the online marketplace X', 'e-commerce major X'; 'a firm, X' only when the name stands alone in
    apposition ('a firm, X, ...')."""
    b = _description_patterns()[1].search(ctx.text, max(para.start, start - 80), start)
    if not (b and b.end() == start):
        b = _MAJOR.search(ctx.text, max(para.start, start - 40), start)
    if not b or b.end() != start or len(toks) > 3:
        return None
    if b.groupdict().get("comma") and not re.match(r"[,.]", ctx.text[end:end + 1]):
        return None
    noun = b.group("noun").casefold()
    return (ctx.lex.org_nouns[noun], noun) if noun in _DESCRIBING_NOUNS else None


def _noun_after(ctx: Context, para: Span, toks: list[Tok], start: int, end: int) -> Described | None:
    """'the Kraftly platform': a name of one or two words after "the", before such a noun."""
    after = _NOUN_AFTER.match(ctx.text[end: end + 20])
    if not after or len(toks) > 2 or not toks[0].text[:1].isupper() or toks[0].text.isupper():
        return None
    if re.search(r"\bthe[ ]+$", ctx.text[max(para.start, start - 5): start], re.I):
        return "Company", after.group("noun")
    return None


# The words that introduce a partner: the organisation named after them is one.
_PARTNER_CUE = (
    r"(?:(?:signed|signs|sign|signing|inked|inks|ink|exchanged|executed|entered[ ]+into|enters[ ]+into|"
    r"entering[ ]+into|enter[ ]+into|struck|forged|formed)[ ]+(?:an?[ ]+|the[ ]+)?"
    r"(?:(?:strategic|formal|new|three-year|five-year|long-term|[a-z]+-year)[ ]+)?"
    r"(?:(?:export|exports|trade|supply|sourcing|marketing|sales|buy-back|purchase|technical|business|"
    r"training|distribution|licensing|retail|joint)[ ]+)?"
    r"(?P<kind1>MoUs?|MOUs?|memorand(?:um|a|ums)[ ]+of[ ]+understanding(?:[ ]*\(MoUs?\))?|agreements?|pacts?|"
    r"partnerships?|tie-ups?|alliances?|collaborations?)"
    r"|(?P<kind2>tied[ ]+up|ties[ ]+up|tie[ ]+up|tying[ ]+up|joined[ ]+hands|joins[ ]+hands|join[ ]+hands|"
    r"joining[ ]+hands|partnered|partners|partnering|collaborated|teamed[ ]+up|teams[ ]+up)"
    r"|in[ ]+(?P<kind3>partnership|collaboration)|(?:a|its)[ ]+(?P<kind4>tie-up|partnership))"
)
_WITH_CUE = re.compile(rf"\b{_PARTNER_CUE}[ ]+with[ ]+")
# "an MoU between X and Y", "under a collaboration between X and Y"
_BETWEEN_CUE = re.compile(
    r"\b(?P<kind1>MoU|MOU|memorandum[ ]+of[ ]+understanding|agreement|pact|partnership|tie-up|collaboration|"
    r"alliance|joint[ ]+venture)(?:[ ]*\([A-Za-z]+\))?[ ]+(?:(?:was[ ]+|were[ ]+|has[ ]+been[ ]+|had[ ]+been[ ]+)?"
    r"(?:signed|inked|executed|exchanged|struck)[ ]+(?:on[ ]+\w+[ ]+)?)?between[ ]+")

def _partner_names(ctx: Context) -> None:
    """'signed an MoU with Amazon India', 'tied up with Kalpa Retail and Vastra': a partner is an organisation."""
    for para in ctx.body():
        for offset in _partner_offsets(ctx, para):
            _partner_names_at(ctx, para, offset)


def _partner_offsets(ctx: Context, para: Span) -> list[int]:
    offsets = [cue.end() for cue in _WITH_CUE.finditer(ctx.text, para.start, para.end)]
    for cue in _BETWEEN_CUE.finditer(ctx.text, para.start, para.end):
        second = _second_party(ctx, para, cue.end())
        if second is not None:
            offsets.append(second)
    return offsets


def _second_party(ctx: Context, para: Span, offset: int) -> int | None:
    """'an MoU was signed between the cooperative and Nordic Home': where the second party's name starts
    (not "the partnership between X and Ankit Singh", nor a sports report's)."""
    second = _BETWEEN_SECOND.match(ctx.text, offset, min(para.end, offset + 100))
    if not second or ctx.sport is not None:
        return None
    name = re.match(r"[A-Z][\w.-]*(?:[ ][A-Z][\w.-]*){0,3}", ctx.text[second.end():second.end() + 60])
    return second.end() if name and name.group().split()[-1] not in ctx.lex.common_surnames else None


def _partner_names_at(ctx: Context, para: Span, offset: int) -> None:
    """The names listed at `offset` ("the Dubai-based Al Noor Fashions and Vastra")."""
    if ctx.text.startswith("the ", offset):
        offset += 4
    based = _BASED_PREFIX.match(ctx.text, offset)
    if based:
        offset = based.end()
    run = next(iter(ctx.runs(offset, min(para.end, offset + 120))), None)
    if run is None or run[0].start != offset:
        return
    for part in _split_and(run):
        if part[0].bare in ctx.lex.honorifics or part[0].text in FUNCTION_WORDS:
            break
        if _add_partner_name(ctx, _cut_place_of(ctx, part)):
            break


def _add_partner_name(ctx: Context, part: list[Tok]) -> bool:
    """Add the partner named by `part` (unless it is a place); True when its possessive ends the list."""
    start, end = part[0].start, part[-1].start + len(part[-1].bare)
    if any(h.start <= start and end <= h.end for h in ctx.places_overlapping(start, end)):
        return False
    kind = "Organisation"
    unit = _UNIT_AFTER.match(ctx.text, end) if not part[-1].possessive else None
    if unit:
        # "the ODOP cell", "the MSME department": the unit, not the scheme or the field
        end, kind = unit.end(), ctx.lex.org_nouns.get(unit.group("noun"), "GovernmentBody")
    add_org(ctx, ctx.text[start:end], kind, start, end)
    return part[-1].possessive


# "X, partner at Third Eye Advisory", "X, sourcing head of Casa Y", "X, who heads Y": the capitalised
# name after a person's title (or "who heads") is the organisation they work for.
_TITLE_AT = re.compile(
    r",[ ]+(?:the[ ]+|its[ ]+)?(?P<title>[A-Za-z][\w -]{1,50}?)[ ]+(?:of|at|with)[ ]+(?:the[ ]+)?"
    r"(?:(?P<desc>(?P<where>[A-Z][a-z]+[ ]+)?(?:(?!(?:of|at|with|in|for|and)[ ])[a-z][\w-]*[ ]+){1,3}?)(?=[A-Z]))?"
    r"(?=[A-Z])")
_ACRONYM_TITLE = re.compile(r"\b(?P<acronym>[A-Z]{3,8})[ ]+(?=(?:CEO|MD|[Cc]hairman|[Cc]hairperson|[Pp]resident|"
                            r"[Mm]anaging [Dd]irector|[Ff]ounder|[Gg]eneral [Mm]anager|[Gg]eneral [Ss]ecretary|"
                            r"[Dd]irector|[Hh]ead)[ ]+[A-Z][a-z])")
_TITLE_COMMA = re.compile(r",[ ]+(?P<title>[A-Za-z][\w -]{1,40}?),[ ]+(?=[A-Z])")
_NAME_THEN_SAID = r"(?P<name>[A-Z][\w&.'-]*(?:[ ]+(?:of[ ]+|and[ ]+|&[ ]+)?[A-Z][\w&.'-]*){0,5}),?[ ]+"
_WHO_HEADS = re.compile(r"\bwho[ ]+(?:heads|leads|chairs|runs|owns|founded|co-founded|set[ ]+up|started|manages)"
                        r"[ ]+(?:the[ ]+)?(?=[A-Z])")
_TITLE_POSSESSIVE = re.compile(r"['\u2019]s[ ]+(?P<title>(?:[\w-]+[ ]+){0,2}?[\w-]+),?[ ]+(?=[A-Z])")


def _role_orgs(ctx: Context) -> None:
    """The organisation a person's title names: "X, partner at Y", "X, CEO, Y, said", "UPSIDA CEO X",
    "X, who heads Y", "Y's sourcing head X"."""
    for para in ctx.body():
        for step in (_orgs_after_title_at, _orgs_before_said, _acronyms_before_titles, _orgs_who_heads,
                     _orgs_with_titled_staff):
            step(ctx, para)


def _claim_employer(ctx: Context, offset: int, end: int) -> None:
    """The capitalised name at `offset` (before `end`) is an organisation, unless it is a title, a person
    or a place."""
    run = next(iter(ctx.runs(offset, end)), None)
    if run is None or run[0].start != offset:
        return
    toks = _employer_tokens(run)
    lex = ctx.lex
    if not toks or toks[0].text in FUNCTION_WORDS or toks[0].bare in lex.honorifics \
            or len(toks) == 1 and toks[0].bare in lex.not_name_words:
        return
    if all(t.bare.casefold() in lex.title_words or t.bare in lex.org_heads or t.connector for t in toks):
        return  # "Director of Industries": a department, part of the title
    start, stop = toks[0].start, toks[-1].start + len(toks[-1].bare)
    if not ctx.places_overlapping(start, stop):
        add_org(ctx, ctx.text[start:stop], "Organisation", start, stop)


def _employer_tokens(run: list[Tok]) -> list[Tok]:
    """The run up to a possessive, and up to "and" ("Kraftly and Zenith": the first)."""
    cut = next((i for i, t in enumerate(run) if t.possessive), None)
    toks = run[: cut + 1] if cut is not None else run
    return _split_and(toks)[0] if len(toks) > 1 and any(t.text == "and" for t in toks) else toks


def _orgs_after_title_at(ctx: Context, para: Span) -> None:
    """'X, partner at Third Eye Advisory', 'co-founder of online marketplace X' (a description of the
    organisation may come first; only a place may lead it: not "at Lisbon retailer X")."""
    from kg.extract.people import title_ok

    for m in _TITLE_AT.finditer(ctx.text, para.start, para.end):
        desc = m.group("desc")
        if desc and desc.split()[-1].casefold() not in ctx.lex.org_nouns:
            continue
        if m.group("where") and ctx.place_at(m.start("where")) is None:
            continue
        if title_ok(ctx, m.group("title")):
            _claim_employer(ctx, m.end(), min(para.end, m.end() + 120))


@cache
def _said_after() -> re.Pattern[str]:
    return re.compile(_NAME_THEN_SAID + rf"(?:{alternation(list(lexicon().speech_verbs))})\b")


def _orgs_before_said(ctx: Context, para: Span) -> None:
    """'X, CEO, Craftroots, said': the name between the title and the verb of saying."""
    from kg.extract.people import title_ok

    for m in _TITLE_COMMA.finditer(ctx.text, para.start, para.end):
        after = _said_after().match(ctx.text, m.end(), min(para.end, m.end() + 100))
        if after and title_ok(ctx, m.group("title")):
            _claim_employer(ctx, m.end(), m.end() + len(after.group("name")))


def _acronyms_before_titles(ctx: Context, para: Span) -> None:
    """'UPSIDA CEO X', 'DIC general manager X': an acronym before a company title."""
    for m in _ACRONYM_TITLE.finditer(ctx.text, para.start, para.end):
        acronym = m.group("acronym")
        if acronym.casefold() not in ctx.lex.title_words and not _ODOP_NAME.fullmatch(acronym) \
                and ctx.place_at(m.start()) is None and ctx.is_free(m.start(), m.end("acronym")):
            add_org(ctx, acronym, "Organisation", m.start(), m.end("acronym"))


def _orgs_who_heads(ctx: Context, para: Span) -> None:
    for m in _WHO_HEADS.finditer(ctx.text, para.start, para.end):
        _claim_employer(ctx, m.end(), min(para.end, m.end() + 120))


def _orgs_with_titled_staff(ctx: Context, para: Span) -> None:
    """'Bluepine Living's sourcing head X' (one word may be a person's name; not "Ravi Verma's adviser X",
    nor a government's minister)."""
    from kg.extract.people import title_ok

    lex = ctx.lex
    for run in list(ctx.runs(para.start, para.end)):
        last = run[-1]
        if not last.possessive or len(run) < 2:
            continue
        t = _TITLE_POSSESSIVE.match(ctx.text, last.start + len(last.bare))
        if not t or not title_ok(ctx, t.group("title")) or _GOVERNMENT_WORDS.search(t.group("title")):
            continue
        toks = [x for x in run if x.bare not in lex.not_name_words]
        if len(toks) >= 2 and toks[-1].bare not in lex.common_surnames:
            _claim_employer(ctx, toks[0].start, last.end)


_GOVERNMENT_WORDS = re.compile(r"minister|secretary|commissioner|magistrate|collector", re.I)


_BASED_PREFIX = re.compile(r"[A-Z][\w]*(?:[ ][A-Z][\w]*)?-based[ ]+(?:[a-z][\w-]*[ ]+){0,2}?(?=[A-Z])")
_UNIT_AFTER = re.compile(r"[ ]+(?P<noun>cell|department|directorate|board|mission|council)\b")
_BETWEEN_SECOND = re.compile(r"(?:the[ ]+)?[\w' -]{2,60}?[ ]+(?:and|&)[ ]+(?:the[ ]+)?(?=[A-Z])")


def _cut_place_of(ctx: Context, part: list[Tok]) -> list[Tok]:
    """'Casa Lusitana of Portugal': the place after "of" says where the partner is, not its name."""
    for i, t in enumerate(part):
        if i and t.text == "of" and i + 1 < len(part) and i + 1 == len(part) - 1 \
                and ctx.place_at(part[i + 1].start) is not None:
            return part[:i]
    return part


def _split_and(run: list[Tok]) -> list[list[Tok]]:
    parts: list[list[Tok]] = [[]]
    for t in run:
        if t.text in ("and", "&"):
            parts.append([])
        elif t.possessive:
            parts[-1].append(t)
            break
        else:
            parts[-1].append(t)
    return [p for p in parts if p and not p[-1].connector]


_DEPARTMENT_HEAD = re.compile(r"(?<=[A-Za-z][ ])(?P<head>department|ministry|directorate)\b")
# The capitalised words before the head, read from the end of the text before it.
_DEPARTMENT_NAME = re.compile(r"(?:[A-Z][\w&-]*[ ]+(?:and[ ]+)?){0,5}?(?:[A-Z]{2,}|[A-Z][a-z]+)[ ]+$")


def _departments(ctx: Context) -> None:
    """'the state's MSME department', 'the MSME department of the Uttar Pradesh government'."""
    for para in ctx.body():
        for h in _DEPARTMENT_HEAD.finditer(ctx.text, para.start, para.end):
            window = max(para.start, h.start() - 120)
            m = _DEPARTMENT_NAME.search(ctx.text, window, h.start())
            if not m:
                continue
            start = m.start()
            words = m.group().split()
            while words and (words[0] in ctx.lex.not_name_words or words[0].endswith(("'s", "\u2019s"))):
                start = ctx.text.index(words[1], start) if len(words) > 1 else h.end()
                words = words[1:]
            end = h.end()
            if not words or not ctx.is_free(start, end):
                continue
            if ctx.places_overlapping(start, end):
                continue
            kind = "Department" if h.group("head") != "ministry" else "GovernmentBody"
            add_org(ctx, ctx.text[start:end], kind, start, end)


_ABBREVIATION = re.compile(r"[ ]*\((?P<abbr>[A-Z][A-Za-z&.-]{1,11})\)")
# "Export Promotion Bureau, Uttar Pradesh (EPB)": a place between the name and its abbreviation.
_ABBREVIATION_AFTER_PLACE = re.compile(
    r",[ ]+[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}[ ]*\((?P<abbr>[A-Z][A-Za-z&.-]{1,11})\)")


def _initials_fit(abbr: str, name: str) -> bool:
    """The abbreviation's capitals are the initials of the name's words, in order ("EPB" for Export
    Promotion Bureau); used where the text does not put the abbreviation right after the name."""
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper())
    capitals = "".join(c for c in abbr if c.isupper())
    return len(capitals) >= 2 and capitals in initials


def _abbreviations(ctx: Context) -> None:
    """'Purvanchal Carpet Exporters' Forum (PCEF)': PCEF is an alias, and a mention wherever it appears."""
    for m in list(ctx.mentions()):
        if family(ctx.kind_of(m.key)) != "org":
            continue
        a = _ABBREVIATION.match(ctx.text, m.end)
        if not a:
            a = _ABBREVIATION_AFTER_PLACE.match(ctx.text, m.end)
            if a and not _initials_fit(a.group("abbr"), ctx.text[m.start:m.end]):
                a = None
        if a:
            ctx.alias(m.key, a.group("abbr"))
            ctx.take(a.start("abbr"), a.end("abbr"))
    _mention_names(ctx, lambda ent: [a for a in ent.aliases if a.isupper() and len(a) >= 2])


def _short_names(ctx: Context) -> None:
    """'Sangam Living' for 'Sangam Living Group', 'Haatkart' for 'Haatkart Technologies Pvt Ltd'."""
    def prefixes(ent: object) -> list[str]:
        name: str = ent.name  # type: ignore[attr-defined]
        words = name.split()
        out = [name]
        if ent.kind in ("Department", "GovernmentBody", "NewsAgency"):  # type: ignore[attr-defined]
            return out  # "MSME and Export Promotion" alone is not the department
        for n in range(1, len(words)):
            prefix = " ".join(words[:n]).rstrip(",")
            if words[0] in ctx.lex.not_name_words or prefix.casefold() in _GENERIC_PREFIXES:
                break
            if prefix in gazetteer().entries:
                continue
            if n == 1 and (words[0].isupper() or len(words[0]) < 4):
                continue
            out.append(prefix)
        return out

    _mention_names(ctx, prefixes)


_GENERIC_PREFIXES = {"district", "state", "national", "indian", "india", "union", "central", "small",
                     "all", "new", "united", "uttar", "uttar pradesh", "government", "purvanchal"}


def _mention_names(ctx: Context, names_of: object) -> None:
    """Mark every free occurrence of the given short names of each organisation as its mention."""
    table: dict[str, str] = {}
    for ent in list(ctx.ents.values()):
        if family(ent.kind) != "org":
            continue
        for n in names_of(ent):  # type: ignore[operator]
            table.setdefault(n, ent.key)
    if not table:
        return
    pattern = re.compile(rf"(?<![\w-])(?:{alternation(list(table))})(?![\w-]|[ ]+[A-Z])")
    for para in ctx.body():
        for m in pattern.finditer(ctx.text, para.start, para.end):
            before = _NAME_BEFORE.search(ctx.text, max(para.start, m.start() - 20), m.start())
            if before and before.group(1) not in FUNCTION_WORDS:
                continue  # "Mr Erik Lindqvist" is a person even when a company carries his name
            if ctx.is_free(m.start(), m.end()):
                ctx.add(table[m.group()], ctx.kind_of(table[m.group()]), ctx.ents[table[m.group()]].name,
                        m.start(), m.end())
                ctx.alias(table[m.group()], m.group())
                ctx.take(m.start(), m.end())


_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]*)\.?[ ]$")  # a given name or an initial ("K. Rawat")


def _sports_teams(ctx: Context) -> None:
    """In a sports report, a state or country named as a side is also that side's team."""
    sport = ctx.sport
    cue_before = re.compile(r"\b(?:in|from|of|across|to|at|around)[ ]+$")
    for hit in ctx.place_hits:
        if hit.kind not in ("State", "Country"):
            continue
        before = ctx.text[max(0, hit.start - 12): hit.start]
        if cue_before.search(before):
            continue
        name = f"{hit.name} {sport} team"
        key = add_org(ctx, name, "SportsTeam", hit.start, hit.end, take=False)
        ctx.alias(key, hit.surface)
        ctx.government_places.add((hit.start, hit.end))


# --------------------------------------------------------------------------------------- back-references

_ANAPHOR = re.compile(
    r"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat)[ ]+(?:(?!state\b|district\b|local\b)[a-z][a-z-]+[ ]+){0,2}?"
    r"(?P<noun>company|firm|group|bank|lender|cooperative|co-operative|"
    r"samiti|forum|department|ministry|platform|marketplace|portal|start-up|startup|chain|retailer|"
    r"body|society|federation|association|ngo|NGO|non-profit|council|board|agency|brand|team|side|"
    r"centre|corporation|authority|commission|union|trust|foundation|sangh|mandal|major|giant|government|"
    r"studio|university|institute|cell|manch|udyog|sansthan|parishad|nigam)"
    r"\b(?!-)")


def find_back_references(ctx: Context) -> None:
    """'the company', 'the samiti': the latest organisation before it that such a noun can describe."""
    for para in ctx.body():
        for m in _ANAPHOR.finditer(ctx.text, para.start, para.end):
            if not ctx.is_free(m.start(), m.end()):
                continue
            after = ctx.text[m.end(): m.end() + 3]
            if re.match(r"[ ]+[A-Z]", after):
                continue
            noun = m.group("noun").casefold()
            target = antecedent(ctx, noun, m.start())
            if target:
                ctx.add(target.key, ctx.kind_of(target.key), ctx.ents[target.key].name, m.start(), m.end())
                ctx.take(m.start(), m.end())
            elif noun == "government" and ctx.main_state and m.group().casefold() == "the government":
                # In an article about one state, "the government" with none named before is the state's.
                add_org(ctx, state_government_name(ctx.main_state), "GovernmentBody", m.start(), m.end())


_NOUN_KINDS = {
    "company": {"Company"}, "firm": {"Company"}, "group": {"Company"}, "bank": {"Company"},
    "lender": {"Company"}, "platform": {"Company"}, "marketplace": {"Company"}, "portal": {"Company"},
    "start-up": {"Company"}, "startup": {"Company"}, "chain": {"Company"}, "retailer": {"Company"},
    "brand": {"Company"}, "corporation": {"Company", "GovernmentBody"}, "major": {"Company"},
    "giant": {"Company"}, "government": {"GovernmentBody"},
    "cooperative": {"Association"}, "co-operative": {"Association"}, "samiti": {"Association"},
    "forum": {"Association"}, "body": {"Association", "GovernmentBody"}, "society": {"Association"},
    "federation": {"Association"}, "association": {"Association"}, "ngo": {"Association"},
    "non-profit": {"Association"}, "council": {"Association", "GovernmentBody"}, "union": {"Association"},
    "trust": {"Association"}, "foundation": {"Association"}, "sangh": {"Association"}, "mandal": {"Association"},
    "department": {"Department"}, "ministry": {"GovernmentBody"}, "board": {"GovernmentBody"},
    "agency": {"GovernmentBody"}, "authority": {"GovernmentBody"}, "commission": {"GovernmentBody"},
    "centre": {"GovernmentBody"}, "team": {"SportsTeam"}, "side": {"SportsTeam"},
    "studio": {"Company"}, "house": {"Company"}, "university": {"Organisation"}, "institute": {"Organisation"},
    "cell": {"GovernmentBody"}, "manch": {"Association"}, "udyog": {"Company"}, "sansthan": {"Organisation"},
    "parishad": {"GovernmentBody"}, "nigam": {"GovernmentBody"}, "force": {"GovernmentBody"},
}


def antecedent(ctx: Context, noun: str, before: int) -> Mention | None:
    """The latest organisation mentioned before `before` that `noun` can describe."""
    named: Mention | None = None  # the noun is in its name or was said of it ("the samiti")
    kind: Mention | None = None  # it is the kind of thing the noun names ("the company")
    for m in ctx.mentions_in(max(0, before - 3000), before, "org"):
        ent = ctx.ents[m.key]
        if ent.kind == "NewsAgency":
            continue
        words = {w.casefold() for w in re.findall(r"[\w-]+", ent.name)}
        if noun in words or ent.noun == noun:
            named = m
        elif ent.kind in _NOUN_KINDS.get(noun, set()) and noun not in ("bank", "government"):
            kind = m
    return named or kind


def subject_org(ctx: Context, offset: int) -> Mention | None:
    """The organisation a sentence is about: the first one named in it, or else in the one before."""
    sentence = ctx.sentence_of(offset)
    found = [m for m in ctx.mentions_in(sentence.start, offset, "org") if ctx.kind_of(m.key) != "NewsAgency"]
    if found:
        return found[0]
    if sentence.index > 0:
        prev = ctx.doc.sentences[sentence.index - 1]
        found = [m for m in ctx.mentions_in(prev.start, prev.end, "org") if ctx.kind_of(m.key) != "NewsAgency"]
        if found:
            return found[0]
    return None

