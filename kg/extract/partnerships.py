"""Partnerships between two organisations, and where organisations are based.

Partnerships are read only from explicit wording: an MoU or memorandum of understanding signed with,
a tie-up / tied up with, joined hands with, entered into a partnership with, partnered with, "in
partnership with", and "X and Y signed an MoU / joined hands". "Organised by", "with support from" and
a batting partnership are not partnerships, nor is "in association with". Also "an MoU / agreement /
collaboration between X and Y", inked/entered into an agreement, teamed up, and each of "with X and Y".
When a partner is only described ("a regional lender", "a farmer producer company"), it is the
organisation named in apposition ("a Delhi-based firm, X") or in the next sentences.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.context import Context, Mention, family, lexicon
from kg.extract.model import BasedIn, Partnership

if TYPE_CHECKING:
    from spacy.tokens import Token

_CUE = (
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
_WITH = re.compile(rf"\b{_CUE}[ ]+with[ ]+")
WITH_CUE = _WITH
_PAIR = re.compile(rf"\b{_CUE}\b")
# "an MoU between X and Y", "under a collaboration between X and Y"
_BETWEEN = re.compile(
    r"\b(?P<kind1>MoU|MOU|memorandum[ ]+of[ ]+understanding|agreement|pact|partnership|tie-up|collaboration|"
    r"alliance|joint[ ]+venture)(?:[ ]*\([A-Za-z]+\))?[ ]+(?:(?:was[ ]+|were[ ]+|has[ ]+been[ ]+|had[ ]+been[ ]+)?"
    r"(?:signed|inked|executed|exchanged|struck)[ ]+(?:on[ ]+\w+[ ]+)?)?between[ ]+")
BETWEEN_CUE = _BETWEEN
# What may separate two partners named "X and Y": "X (XA), Town and the Y".
_AND_GAP = re.compile(
    r"(?:[ ]*\([A-Z][A-Za-z]{1,9}\))?(?:,[ ]+[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)?,?[ ]+(?:and|&)[ ]+(?:the[ ]+)?")
_ORG_NOUNS = "|".join(sorted(lexicon().org_nouns, key=len, reverse=True))
_INDEFINITE = re.compile(rf"(?:an?|one)[ ]+(?:[\w'\u2019-]+[ ]+){{0,4}}?(?P<noun>{_ORG_NOUNS})\b", re.I)
_UNDER = re.compile(r"\b[Uu]nder[ ]+the[ ]+(?:tie-up|agreement|MoU|pact|partnership|deal|arrangement|"
                    r"memorandum)[ ]*,?[ ]+")


def _kind(m: re.Match[str]) -> str:
    raw = next(m.group(k) for k in ("kind1", "kind2", "kind3", "kind4") if m.group(k))
    raw = re.sub(r"[ ]+", " ", raw)
    low = raw.lower()
    if low.startswith("memorand"):
        return "memorandum of understanding"
    if low in ("mou", "mous"):
        return "MoU"
    low = re.sub(r"s$", "", low) if low.endswith(("agreements", "pacts", "ships", "ups", "alliances", "tions")) \
        else low
    if "hands" in low:
        return "joined hands"
    if "tie" in low or "tied" in low or "tying" in low:
        return "tie-up"
    if "team" in low:
        return "teamed up"
    if low.startswith("partner"):
        return "partnership"
    return low


def _orgs(ctx: Context, start: int, end: int) -> list[Mention]:
    return [m for m in ctx.mentions_in(start, end, "org") if ctx.kind_of(m.key) not in ("NewsAgency", "SportsTeam")]


def find_partnerships(ctx: Context) -> None:
    seen: set[tuple[str, str, int]] = set()
    _from_rows(ctx, seen)
    for sentence in ctx.doc.sentences:
        for cue in _WITH.finditer(ctx.text, sentence.start, sentence.end):
            a = _subject(ctx, sentence.start, cue.start())
            b = _object(ctx, cue.end())
            if a and b and a.key != b.key:
                _add(ctx, a, b, _kind(cue), seen)
                # "signed MoUs with Kalpa Retail and the Small Industries Development Bank": each is a partner.
                for c in _orgs(ctx, b.end, sentence.end):
                    if not _AND_GAP.fullmatch(ctx.text, b.end, c.start) or c.key == a.key:
                        break
                    _add(ctx, a, c, _kind(cue), seen)
                    b = c
        for cue in _BETWEEN.finditer(ctx.text, sentence.start, sentence.end):
            x = ctx.mention_starting(cue.end(), "org")
            if x is None:
                continue
            after = [o for o in _orgs(ctx, x.end, sentence.end) if o.key != x.key]
            if after and _AND_GAP.fullmatch(ctx.text, x.end, after[0].start):
                _add(ctx, x, after[0], _kind(cue), seen)
        for cue in _PAIR.finditer(ctx.text, sentence.start, sentence.end):
            if ctx.text.startswith(" with", cue.end()) or re.match(r"[ ]+with\b", ctx.text[cue.end():cue.end() + 6]):
                continue
            before = _orgs(ctx, sentence.start, cue.start())
            if len(before) >= 2:
                x, y = before[-2], before[-1]
                gap = ctx.text[x.end:y.start]
                if _AND_GAP.fullmatch(gap) and x.key != y.key:
                    _add(ctx, x, y, _kind(cue), seen)


# Political parties "join hands" in alliances, not business partnerships (like a batting partnership).
_PARTY = re.compile(r"\b(?:Party|Congress|Dal|Morcha)\b")


def _add(ctx: Context, a: Mention, b: Mention, kind: str, seen: set[tuple[str, str, int]]) -> None:
    if _PARTY.search(ctx.ents[a.key].name) and _PARTY.search(ctx.ents[b.key].name):
        return
    first, second = sorted((a.key, b.key))
    s = ctx.sentence_of(a.start)
    ident = (first, second, s.index)
    if ident in seen:
        return
    seen.add(ident)
    year = re.search(r"\bin (?P<y>(?:19|20)\d\d)\b", s.text)
    ctx.extraction.partnerships.append(Partnership(
        (a.key, b.key), kind, ctx.doc.span(s.start, s.end), int(year.group("y")) if year else None))


def _subject(ctx: Context, start: int, end: int) -> Mention | None:
    orgs = _orgs(ctx, start, end)
    if not orgs:
        # "A farmer producer company ... inked an agreement with X": named in the sentences that follow.
        ind = _INDEFINITE.match(ctx.text, start, end)
        return _named_later(ctx, start, ind, strict=True) if ind else None
    m = orgs[-1]
    # "the MSME department of the Uttar Pradesh government signed ...": the department signed.
    while True:
        earlier = [o for o in orgs if o.end <= m.start]
        if not earlier:
            break
        gap = ctx.text[earlier[-1].end:m.start]
        if re.fullmatch(r"[ ]+(?:of|under|in)[ ]+(?:the[ ]+)?", gap):
            m = earlier[-1]
        else:
            break
    return m


def _object(ctx: Context, offset: int) -> Mention | None:
    s_end = ctx.sentence_of(offset).end
    direct = ctx.mention_starting(
        offset, "org", r"(?:the[ ]+|its[ ]+|[A-Z][\w]*['\u2019]s[ ]+)?(?:[A-Z][\w]*(?:[ ][A-Z][\w]*)?-based[ ]+)?"
        rf"(?:(?:[a-z][\w-]*[ ]+){{0,3}}?(?:{_ORG_NOUNS})[ ]+)?")  # "e-commerce major Kalpa Retail"
    if direct:
        return direct
    ind = _INDEFINITE.match(ctx.text, offset, s_end)
    if not ind:
        return None
    # "a Lucknow-based sports goods firm, Kheltex": named in apposition.
    named = ctx.mention_starting(ind.end(), "org", r",[ ]+")
    if named:
        return named
    return _named_later(ctx, offset, ind)


def _named_later(ctx: Context, offset: int, ind: re.Match[str], strict: bool = False) -> Mention | None:
    """A partner only described ("a regional lender") is the organisation the next sentences name.

    With `strict`, over four sentences, only an organisation whose name has the description's noun
    ("a farmer producer company" ... "The X Producer Company Ltd").
    """
    sent = ctx.sentence_of(offset)
    noun = ind.group("noun").casefold()
    for index in range(sent.index + 1, min(sent.index + (5 if strict else 3), len(ctx.doc.sentences))):
        nxt = ctx.doc.sentences[index]
        under = _UNDER.match(ctx.text, nxt.start)
        found = _orgs(ctx, nxt.start, nxt.end)
        if under:
            named = [o for o in found if o.start == under.end()]
            if named:
                return _mark(ctx, named[0], ind)
        fresh = [o for o in found if not _named_by(ctx, o.key, sent.end) and (
            not strict or noun in {w.casefold() for w in re.findall(r"[\w-]+", ctx.ents[o.key].name)}
            or o is found[0] and ctx.kind_of(o.key) == ctx.lex.org_nouns.get(noun))]
        if fresh:
            return _mark(ctx, fresh[0], ind)
    return None


def _named_by(ctx: Context, key: str, offset: int) -> bool:
    """The organisation has a mention that ends by `offset`."""
    return any(end <= offset for _, end in ctx.ents[key].mentions)


def _mark(ctx: Context, target: Mention, described: re.Match[str]) -> Mention:
    """The description ("a regional lender") is a mention of the organisation it turned out to be."""
    ent = ctx.ents[target.key]
    ctx.add(target.key, ent.kind, ent.name, described.start(), described.end())
    if ent.noun is None:
        ent.noun = described.group("noun").casefold()
    return Mention(described.start(), described.end(), target.key)


_BASED_DESCRIPTION = re.compile(rf"-based[ ]+(?:[\w-]+[ ]+){{0,3}}?(?P<noun>{_ORG_NOUNS})\b", re.I)
_BASED = re.compile(r"\b(?P<place>[A-Z][\w]*(?:[ ][A-Z][\w]*)?)-based\b")


def find_based_in(ctx: Context) -> None:
    """'Haatkart Technologies, a Bengaluru-based firm' / 'the Delhi-based start-up X'; and a state's
    government is the government of that state ("the Uttar Pradesh government")."""
    seen: set[tuple[str, str]] = set()
    for gov in ctx.mentions():
        if ctx.kind_of(gov.key) != "GovernmentBody":
            continue
        for inside in ctx.mentions_in(gov.start, gov.end, "place"):
            if ctx.kind_of(inside.key) in ("State", "Country") and (gov.key, inside.key) not in seen:
                seen.add((gov.key, inside.key))
                ctx.extraction.based_in.append(BasedIn(gov.key, inside.key, ctx.doc.span(gov.start, gov.end)))
    for para in ctx.body():
        for m in _BASED.finditer(ctx.text, para.start, para.end):
            place = ctx.place_keys.get((m.start("place"), m.end("place")))
            if place is None:
                continue
            sentence = ctx.sentence_of(m.start())
            before = ctx.text[sentence.start:m.start()]
            org: Mention | None = None
            appos = re.search(r",[ ]+(?:an?|the)[ ]+$", before)
            if appos:
                org = ctx.mention_ending(m.start() - len(appos.group()), "org")
            if org is None:
                desc = _BASED_DESCRIPTION.match(ctx.text[m.end("place"):m.end() + 60])
                if desc and desc.group("noun").casefold() in ctx.lex.org_nouns:
                    found = [x for x in ctx.mentions_in(m.start(), m.end() + 60, "org")]
                    org = found[0] if found else None
            if org is None:
                continue
            pair = (org.key, place)
            if pair not in seen:
                seen.add(pair)
                ctx.extraction.based_in.append(BasedIn(org.key, place, ctx.doc.span(min(org.start, m.start()),
                                                                                  max(org.end, m.end()))))


# ------------------------------------------------------------------------------ rows of pattern data

# Words that stand for the story's own government when they are a partner ("The government had signed").
_STATE_WORDS = {"government", "state", "administration"}
_CENTRE_WORDS = {"centre", "center"}


def _from_rows(ctx: Context, seen: set[tuple[str, str, int]]) -> None:
    """Partnerships from the rows of kg/extract/patterns/partnerships.toml, over the dependency parse."""
    from kg.extract.patterns import load, run
    from kg.extract.patterns.tokens import pair_sides

    for hit in run(load("partnerships"), ctx.parsed):
        kind = hit.row.options.get("kind", "partnership")
        if kind in hit.tokens:
            kind = _kind_word(hit.tokens[kind])
        for a_tok, b_tok in pair_sides(hit):
            # A token-sequence row has already checked that the name is capitalised (the tagger may not know it).
            b = _org_for(ctx, b_tok, partner=True, titled=hit.row.matcher == "tokens")
            a = _org_for(ctx, a_tok, partner=False) if a_tok is not None else _state_government(ctx, b_tok.idx)
            if a is not None and b is not None and a.key != b.key:
                _add(ctx, a, b, kind, seen)


def _kind_word(tok: Token) -> str:
    word = tok.lower_
    if word in ("up", "ups"):
        return "tie-up"
    if word.startswith("mou"):
        return "MoU"
    if word.startswith("memorand"):
        return "memorandum of understanding"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _org_for(ctx: Context, tok: Token, partner: bool, titled: bool = False) -> Mention | None:
    """The organisation a side's token names: a mention covering it (a person stands for the body whose
    title they hold), the story's government for "the government" / "the state", or a name no list
    knew in a slot only an organisation fills."""
    start, end = tok.idx, tok.idx + len(tok.text)
    found = _covering(ctx, start, end)
    if found is not None:
        if family(ctx.kind_of(found.key)) == "person":
            return _employer(ctx, found)
        if ctx.kind_of(found.key) == "State" and not partner:
            return _state_government(ctx, start, ctx.ents[found.key].name)  # "UP signs MoUs with ..."
        return found if family(ctx.kind_of(found.key)) == "org" and _partner_kind(ctx, found) else None
    word = tok.lower_
    named = [c for c in tok.children if c.dep_ == "compound"]
    if word in _STATE_WORDS and not named:
        return _state_government(ctx, start)
    if word == "government" and all(c.pos_ == "PROPN" for c in named):
        # "the Asha Rao government": the one she leads, the story's
        return _state_government(ctx, start) or _new_state_government(ctx, tok)
    if word in _CENTRE_WORDS:
        return _new_org(ctx, "Government of India", "GovernmentBody", start, end)
    return _unlisted_org(ctx, tok, partner, titled)


def _unlisted_org(ctx: Context, tok: Token, partner: bool, titled: bool = False) -> Mention | None:
    """'with Zenora' (a partner's slot) or 'the district administration' (a body's head noun): an
    organisation that no word list names."""
    from kg.extract.patterns.tokens import char_span, phrase_bounds

    s, e = char_span(tok.doc, *phrase_bounds(tok))
    if not ctx.is_free(s, e) or ctx.mentions_in(s, e):
        return None
    noun = _BODY_NOUNS.get(tok.lower_)
    definite = any(c.lower_ == "the" or c.pos_ == "PROPN" for c in tok.children)
    if tok.pos_ == "NOUN" and noun and definite and " " in ctx.text[s:e]:
        return _new_org(ctx, ctx.text[s:e], noun, s, e)
    # A name in either slot is an organisation: the parser's guess of a place or person for an unknown
    # brand ("Loomgrid", "Zenora") is often wrong, and gazetteer places and known people are covered above.
    listed = tok.dep_ in ("conj", "appos")
    not_org = _NOT_ORG_ENTITIES | (set() if partner or listed else {"NORP", "GPE", "LOC"})
    if tok.lower_ in _DEAL_WORDS:
        return None
    if (tok.pos_ == "PROPN" or titled) and tok.ent_type_ not in not_org and tok.text[:1].isupper():
        return _new_org(ctx, ctx.text[s:e], "Organisation", s, e)
    return None


_DEAL_WORDS = {"mou", "mous", "ODOP", "odop", "msme", "agreement", "memorandum"}
# spaCy's entity labels that are never an organisation, whatever slot the name is in.
_NOT_ORG_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE", "LAW"}
# Head nouns of bodies that a partner slot may name without a capital ("the district administration").
_BODY_NOUNS = {"administration": "GovernmentBody", "cell": "GovernmentBody", "department": "Department",
               "ministry": "GovernmentBody", "council": "Organisation", "directorate": "GovernmentBody"}


def _new_state_government(ctx: Context, tok: Token) -> Mention | None:
    from kg.extract.orgs import state_government_name
    from kg.extract.patterns.tokens import char_span, phrase_bounds

    if ctx.main_state is None:
        return None
    s, e = char_span(tok.doc, *phrase_bounds(tok))
    return _new_org(ctx, state_government_name(ctx.main_state), "GovernmentBody", s, e)


def _new_org(ctx: Context, name: str, kind: str, start: int, end: int) -> Mention:
    from kg.extract.orgs import add_org

    return Mention(start, end, add_org(ctx, name, kind, start, end, take=False))


def _employer(ctx: Context, person: Mention) -> Mention | None:
    """'Minister Asha Rao signed an MoU with X': the body the signer holds a title at."""
    for role in ctx.extraction.roles:
        if role.person == person.key and role.organisation is not None:
            return Mention(person.start, person.end, role.organisation)
    return None


def _partner_kind(ctx: Context, m: Mention) -> bool:
    return ctx.kind_of(m.key) not in ("NewsAgency", "SportsTeam")


def _covering(ctx: Context, start: int, end: int) -> Mention | None:
    best: Mention | None = None
    for m in ctx.mentions_in(max(0, start - 150), end + 150):
        if m.start <= start and end <= m.end and (best is None or m.end - m.start > best.end - best.start):
            best = m
    return best


def _state_government(ctx: Context, offset: int, state: str | None = None) -> Mention | None:
    """The story's state government (or `state`'s), as already named in the article: an unnamed signer
    is the state's."""
    from kg.extract.orgs import state_government_name

    state = state or ctx.main_state
    if state is None:
        return None
    name = state_government_name(state)
    for m in ctx.mentions():
        if ctx.ents[m.key].name == name or name in ctx.ents[m.key].aliases:
            return Mention(offset, offset, m.key)
    return None
