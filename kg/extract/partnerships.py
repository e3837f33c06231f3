"""Partnerships between two organisations, and where organisations are based.

The phrasings are the rows of `kg/extract/patterns/partnerships.toml`, matched on the dependency parse;
this module decides which organisation each matched side stands for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.context import Context, Mention, family, lexicon
from kg.extract.model import BasedIn, Partnership

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.patterns import Hit

_ORG_NOUNS = "|".join(sorted(lexicon().org_nouns, key=len, reverse=True))
# "a regional lender", "one Lucknow-based firm": a partner described, not named.
_INDEFINITE = re.compile(rf"(?:an?|one)[ ]+(?:[\w'\u2019-]+[ ]+){{0,4}}?(?P<noun>{_ORG_NOUNS})\b", re.I)
_UNDER = re.compile(r"\b[Uu]nder[ ]+the[ ]+(?:tie-up|agreement|MoU|pact|partnership|deal|arrangement|"
                    r"memorandum)[ ]*,?[ ]+")
# Between a body and the larger body it belongs to: "the MSME department of the Uttar Pradesh government".
_PART_OF = re.compile(r"[ ]+(?:of|under|in)[ ]+(?:the[ ]+)?")


def _orgs(ctx: Context, start: int, end: int) -> list[Mention]:
    return [m for m in ctx.mentions_in(start, end, "org") if ctx.kind_of(m.key) not in ("NewsAgency", "SportsTeam")]


def find_partnerships(ctx: Context) -> None:
    """Partnerships from the rows of kg/extract/patterns/partnerships.toml, over the dependency parse."""
    from kg.extract.patterns import load, run
    from kg.extract.patterns.tokens import pair_sides

    seen: set[tuple[str, str, int]] = set()
    for hit in run(load("partnerships"), ctx.parsed):
        kind = _row_kind(hit)
        sides = pair_sides(hit)
        signers = [_org_for(ctx, a_tok, partner=False) if a_tok is not None else None for a_tok, _ in sides]
        if sides and all(a is None for a in signers):
            signer = _signer(ctx, hit, sides[0][1], unnamed=sides[0][0] is None)
            signers = [signer] * len(sides)
        for a, (_, b_tok) in zip(signers, sides, strict=True):
            # A token-sequence row has already checked that the name is capitalised (the tagger may not know it).
            b = _partner(ctx, b_tok, titled=hit.row.matcher == "tokens")
            if a is not None and b is not None and a.key != b.key:
                _add(ctx, a, b, kind, seen)


def _row_kind(hit: Hit) -> str:
    kind: str = hit.row.options.get("kind", "partnership")
    return _kind_word(hit.tokens[kind]) if kind in hit.tokens else kind


def _partner(ctx: Context, tok: Token, titled: bool) -> Mention | None:
    """The organisation a partner's token names, or the one it is the description or the project of."""
    found = _org_for(ctx, tok, partner=True, titled=titled)
    if found is not None:
        return found
    if tok.dep_ != "pobj":
        return None  # an apposition describes the partner named before it ("X, a tannery group")
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None:  # "with the Uttar Pradesh government's ODOP project"
        return _org_for(ctx, owner, partner=True)
    return _described(ctx, tok)


def _signer(ctx: Context, hit: Hit, partner: Token, unnamed: bool) -> Mention | None:
    """Who signed with `partner` when the parse named no organisation on the subject side: the one named
    before the phrasing in the sentence, else, when the text names no subject at all and the row allows
    it ("an MoU would be signed with Acme"), the story's state government."""
    if not hit.row.yields["a"].startswith("subject:"):
        return None
    cue = min(t.idx for t in hit.tokens.values())
    named = _named_before(ctx, ctx.sentence_of(cue).start, cue)
    if named is None and unnamed and hit.row.options.get("implicit_subject"):
        return _state_government(ctx, partner.idx)
    return named


def _described(ctx: Context, tok: Token) -> Mention | None:
    """'with a Lucknow-based sports goods firm, Kheltex' (named in apposition), 'with a regional lender'
    (named in the sentences that follow)."""
    start = tok.left_edge.idx
    ind = _INDEFINITE.match(ctx.text, start, ctx.sentence_of(start).end)
    if not ind:
        return None
    return ctx.mention_starting(ind.end(), "org", r",[ ]+") or _named_later(ctx, start, ind)


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


def _named_before(ctx: Context, start: int, end: int) -> Mention | None:
    """The last organisation named in text[start:end] (or the body it is part of: "the MSME department
    of the Uttar Pradesh government"); where none is, one described at the start ("A farmer producer
    company ...") and named in the sentences that follow."""
    orgs = _orgs(ctx, start, end)
    if not orgs:
        ind = _INDEFINITE.match(ctx.text, start, end)
        return _named_later(ctx, start, ind, strict=True) if ind else None
    m = orgs[-1]
    while (earlier := [o for o in orgs if o.end <= m.start]) and _PART_OF.fullmatch(ctx.text, earlier[-1].end,
                                                                                      m.start):
        m = earlier[-1]
    return m


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


# Words that stand for the story's own government when they are a partner ("The government had signed").
_STATE_WORDS = {"government", "state", "administration"}
_CENTRE_WORDS = {"centre", "center"}


def _kind_word(tok: Token) -> str:
    word = tok.lower_
    if word in ("up", "ups"):
        return "tie-up"
    if word.startswith("mou"):
        return "MoU"
    if word.startswith("memorand") or word == "understanding":
        return "memorandum of understanding"
    if word == "hands":
        return "joined hands"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _org_for(ctx: Context, tok: Token, partner: bool, titled: bool = False) -> Mention | None:
    """The organisation a side's token names: a mention covering it (a person stands for the body whose
    title they hold), the story's government for "the government" / "the state", or a name no list
    knew in a slot only an organisation fills."""
    # "Pvt Ltd.": the tokenizer keeps a sentence's full stop on an abbreviation that ends the name.
    start, end = tok.idx, tok.idx + len(tok.text.rstrip("."))
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
