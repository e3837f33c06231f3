"""Roles: the title a person holds at an organisation, read around the person's name.

Phrasings are rows of kg/extract/patterns/roles.toml (the file says what a row holds); a row's match
becomes a role when a person's name sits where the row says and the organisation it points to is
there. The title shapes no row covers yet are read by the small functions below, one shape each; what
stays code is the inference: which organisation a title belongs to when the text names none (the
state government, the Government of India, the antecedent of "the samiti"), and which district a
district's post names.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from kg.extract.context import Context, Mention, alternation, family
from kg.extract.model import Role
from kg.extract.orgs import (
    GOVERNMENT_OF_INDIA,
    add_org,
    antecedent,
    article_district,
    state_government_name,
    subject_org,
)
from kg.extract.patterns import PATTERNS_DIR, Hit, load, run
from kg.extract.patterns import words as pattern_words
from kg.extract.people import HONORIFIC_BEFORE, is_title_word, title_before, title_ok

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token

def find_roles(ctx: Context) -> None:
    seen: set[tuple[str, str, str | None]] = set()
    from_rows = row_roles(ctx)
    done = {where for _, where in from_rows}  # a side of a name a row read: the rules below skip it
    for row_role, _ in from_rows:
        _record(ctx, row_role, seen)
    for m in list(ctx.mentions()):
        if ctx.kind_of(m.key) != "Person":
            continue
        after = None if (m.start, "after") in done else _role_after(ctx, m)
        before = None if (m.start, "before") in done else _role_before(ctx, m)
        for role in (after, before):
            # A role is a title at an organisation; a bare title ("District Magistrate X") is not recorded.
            if role is None or role.organisation is None:
                continue
            q = _GOVERNMENT_QUALIFIER.match(role.title)
            if q and len(role.title[q.end():].split()) >= 2 and role.title[q.end():][:1].isupper():
                # "state Finance Minister", "UP MSME Minister": the qualifier only names the government
                role = Role(role.person, role.title[q.end():], role.organisation, role.evidence)
            _record(ctx, role, seen)


def _record(ctx: Context, role: Role, seen: set[tuple[str, str, str | None]]) -> None:
    ident = (role.person, role.title.casefold(), role.organisation)
    if ident not in seen:
        seen.add(ident)
        ctx.extraction.roles.append(role)


def name_district_posts(ctx: Context) -> None:
    """Done last, as re-mentions ("the DM said") are resolved through the bare title."""
    ctx.extraction.roles = [_with_district(ctx, role) for role in ctx.extraction.roles]


def _with_district(ctx: Context, role: Role) -> Role:
    """A district's post at the state government names its district: "District Magistrate, Jalaun"."""
    if role.title.casefold() not in ctx.lex.district_posts or role.organisation is None \
            or ctx.kind_of(role.organisation) != "GovernmentBody" or "government" not in role.organisation:
        return role
    district = _district_before(ctx, role.evidence.start) or article_district(ctx)
    return Role(role.person, f"{role.title}, {district}", role.organisation, role.evidence) if district else role


def _district_before(ctx: Context, offset: int) -> str | None:
    """"Jalaun District Magistrate X": the district named just before the title."""
    from kg.extract.gazetteer import lookup

    words = re.search(r"([A-Z][\w.-]*(?:[ ][A-Z][\w.-]*)?)[ ]+(?:District[ ]+Magistrate|DM|CDO|Chief|Superintendent"
                      r"|Senior|Additional|SSP|SP)\b", ctx.text[max(0, offset - 40):offset + 30])
    for name in ([words.group(1), words.group(1).split()[-1]] if words else []):
        found = lookup(name)
        if found and found[1] == "UPDistrict":
            return found[0]
    return None


_GOVERNMENT_QUALIFIER = re.compile(r"(?:State|state|Union|UP|U\.P\.|Uttar Pradesh|Central)[ ]+")


def _state_government(ctx: Context) -> str | None:
    if not ctx.main_state:
        return None
    return add_org(ctx, state_government_name(ctx.main_state), "GovernmentBody", None, None)


# ------------------------------------------------------------------------------------ pattern rows

# What may follow the organisation that ends a title-after-name phrase: the clause goes on or ends.
_CLAUSE_END = re.compile(r"\s*(?:[.,;:]|$|(?:said|says|told|added|explained)\b)")
# "Prof X and Y of Org": the other names of the list, then "of".
_CAPITALISED_RUN = re.compile(r"\s*(?P<name>[A-Z][\w&.'-]*(?:\s[A-Z][\w&.'-]*){0,3})")
_LISTED_THEN_OF = re.compile(r"(?:,?\s+and\s+(?:[A-Z][\w.]*\s+){0,3}[A-Z][\w.]*)?\s+of\s+")


def row_roles(ctx: Context) -> list[tuple[Role, tuple[int, str]]]:
    """Each role a row yields, with (the name's mention start, the side of the name the title is on)."""
    out: list[tuple[Role, tuple[int, str]]] = []
    taken: set[tuple[int, str]] = set()
    for hit in run(load("roles"), ctx.parsed):
        for found in _roles_of(ctx, hit):
            if found[1] not in taken:
                taken.add(found[1])
                out.append(found)
    return out


def _roles_of(ctx: Context, hit: Hit) -> list[tuple[Role, tuple[int, str]]]:
    """The roles one match yields: its person's, and with `listed` the people named after it too."""
    first = _person(ctx, ctx.parsed[hit.span[0]:hit.span[1]], hit.row.options["person"])
    if first is None:
        return []
    people = [first] + _listed_after(ctx, first) if hit.row.options.get("listed") else [first]
    return [found for person in people if (found := role_of(ctx, hit, person)) is not None]


def role_of(ctx: Context, hit: Hit, person: Mention | None = None) -> tuple[Role, tuple[int, str]] | None:
    """The role one match yields (for `person`, else the person the row says), or None when the name or
    the organisation is not where the row says."""
    opts = hit.row.options
    span = ctx.parsed[hit.span[0]:hit.span[1]]
    person = person or _person(ctx, span, opts["person"])
    title = _title(ctx, span, opts) if person else None
    found = _ORGS[opts["org"]](ctx, span, person, opts) if person and title else None
    if person is None or title is None or found is None:
        return None
    org, org_end = (found.key, found.end) if isinstance(found, Mention) else (found, 0)
    start, end = min(person.start, span.start_char), max(person.end, span.end_char, org_end)
    side = opts.get("side", "after" if opts["person"] == "before" else "before")
    return Role(person.key, title, org, ctx.doc.span(start, end)), (person.start, side)


_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _listed_after(ctx: Context, person: Mention) -> list[Mention]:
    """The people named after `person` in a list ("by A, B and C")."""
    out: list[Mention] = []
    end = person.end
    while (gap := _LIST_GAP.match(ctx.text, end)) is not None:
        found = ctx.mention_starting(gap.end(), "person", r"")
        if found is None or ctx.kind_of(found.key) != "Person":
            break
        out.append(found)
        end = found.end
    return out


def _person(ctx: Context, span: TokenSpan, side: str) -> Mention | None:
    if side == "before":
        found = ctx.mention_ending(span.start_char, "person")
    else:
        found = ctx.mention_starting(span.end_char, "person", r"\s*")
    return found if found is not None and ctx.kind_of(found.key) == "Person" else None


def _title(ctx: Context, span: TokenSpan, opts: dict[str, Any]) -> str | None:
    if "title_is" in opts:
        return str(opts["title_is"])
    if "title_by_word" in opts:
        return opts["title_by_word"].get(span[opts["word"]].text)
    toks = _slice(span, opts["title"])
    if opts.get("skip_brackets"):
        toks = _without_brackets(toks)
    title = " ".join("".join(t.text_with_ws for t in toks).split()).strip(" ,")
    if opts.get("job_title") and not title_ok(ctx, re.split(r"\s[–—-]\s", title)[0]):
        return None
    return title or None


def _slice(span: TokenSpan, bounds: list[int]) -> list[Token]:
    toks = list(span)
    return toks[bounds[0]:bounds[1] if bounds[1] else len(toks)]


def _without_brackets(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    depth = 0
    for t in toks:
        depth += t.text == "("
        if not depth:
            out.append(t)
        depth -= t.text == ")" and depth > 0
    return out


def _org_next(ctx: Context, span: TokenSpan, person: Mention | None, opts: dict[str, Any]) -> str | None:
    """The organisation named right after the title, ending the clause: "X, <title>, Org, said"."""
    o = ctx.mention_starting(span.end_char, "org", r"\s*(?:the\s+)?")
    if o is None:
        return _org_by_name_next(ctx, span.end_char)
    if ctx.kind_of(o.key) == "NewsAgency" or not _CLAUSE_END.match(ctx.text, o.end):
        return None
    later = ctx.mention_starting(o.end, "org", r",\s+(?:the\s+)?")
    if later is not None and later.start > o.end and _CLAUSE_END.match(ctx.text, later.end):
        return None  # "..., Home and Hardlines, Acme, said": the last name of the apposition is the organisation
    return o.key


def _org_by_name_next(ctx: Context, offset: int) -> str | None:
    """The capitalised name after a title that no step recognised: an organisation the article names
    (or abbreviates) elsewhere, followed perhaps by its place ("NIFT Rae Bareli"), or else a bare brand
    the place in the phrase makes an organisation ("X, Head – Sales, Loomgrid, said")."""
    from kg.extract.gazetteer import lookup

    run = _CAPITALISED_RUN.match(ctx.text, offset)
    if run is None or not _CLAUSE_END.match(ctx.text, run.end()):
        return None
    words = run.group("name").split()
    for n in range(len(words), 0, -1):
        key = _known_org(ctx, " ".join(words[:n]))
        if key and (n == len(words) or lookup(" ".join(words[n:]))):
            return key
    if lookup(run.group("name")) or ctx.mentions_in(run.start("name"), run.end(), None):
        return None
    return add_org(ctx, run.group("name"), "Organisation", run.start("name"), run.end())


def _known_org(ctx: Context, name: str) -> str | None:
    folded = name.casefold()
    for e in sorted(ctx.ents.values(), key=lambda e: e.key):
        if family(e.kind) == "org" and (e.name.casefold() == folded or folded in {a.casefold() for a in e.aliases}):
            return e.key
    return None


def _org_state(ctx: Context, span: TokenSpan, person: Mention | None, opts: dict[str, Any]) -> str | None:
    """The story's state government ("minister of the state")."""
    if not ctx.main_state:
        return None
    return add_org(ctx, state_government_name(ctx.main_state), "GovernmentBody", None, None)


def _org_named_state(ctx: Context, span: TokenSpan, person: Mention | None, opts: dict[str, Any]) -> str | None:
    """The government of the state the matched words name ("UP Chief X")."""
    from kg.extract.gazetteer import lookup

    found = lookup(" ".join(t.text for t in _slice(span, opts["state"])))
    if not found or found[1] != "State":
        return None
    return add_org(ctx, state_government_name(found[0]), "GovernmentBody", None, None)


def _org_of_after(ctx: Context, span: TokenSpan, person: Mention | None, opts: dict[str, Any]) -> str | None:
    """The organisation after the name and the names listed with it: "Prof X and Y of Org"."""
    if person is None:
        return None
    of = _LISTED_THEN_OF.match(ctx.text, person.end)
    o = ctx.mention_starting(of.end(), "org") if of else None
    return o.key if o is not None else None


def _org_starting(ctx: Context, span: TokenSpan, person: Mention | None, opts: dict[str, Any]) -> Mention | None:
    """The organisation named right after the match ("X, who heads Org")."""
    return ctx.mention_starting(span.end_char, "org", r"[ ]+")


# "Org was founded by", "Org, founded by", "Org, which was founded by": the organisation is the subject.
_SUBJECT_GAP = re.compile(r"\s*(?:,\s*(?:which\s+|that\s+)?)?(?:(?:was|were|is|has\s+been|had\s+been)\s+)?")


def _org_subject(ctx: Context, span: TokenSpan, person: Mention | None, opts: dict[str, Any]) -> str | None:
    """The organisation named just before the match, as the subject of its verb."""
    for o in reversed(ctx.mentions_in(max(0, span.start_char - 200), span.start_char, "org")):
        if _SUBJECT_GAP.fullmatch(ctx.text, o.end, span.start_char):
            return o.key if ctx.kind_of(o.key) != "NewsAgency" else None
    return None


_ORGS: dict[str, Callable[[Context, TokenSpan, Mention | None, dict[str, Any]], str | Mention | None]] = {
    "next": _org_next, "state": _org_state, "named_state": _org_named_state, "of_after": _org_of_after,
    "subject": _org_subject, "starting": _org_starting,
}


# ------------------------------------------------------------------------- titles after a name

_STATE_TITLES = re.compile(r"secretary|commissioner|director|collector|magistrate|officer|minister", re.I)
_DEPT = r"(?P<dept>[A-Z][\w&]*(?:[ ]+(?:and[ ]+|&[ ]+)?[A-Z][\w&]*){0,3})"
_DEPT2 = r"(?P<region>[A-Z][\w&]*(?:[ ]+[A-Z][\w&]*){0,2}[ ]+(?:Mandal|Division|Zone|Region|Circle|Range))"
# "Principal Secretary, MSME, X" / "Additional Chief Secretary (MSME) X"; "X, Principal Secretary, MSME, said"
_DEPT_BEFORE = re.compile(rf"(?:,[ ]+|[ ]*\(){_DEPT}(?:,|\))(?:,?[ ]+{_DEPT2},)?[ ]+$")
# "Joint Commissioner, Industries, Lucknow Mandal, X": a department, then a region.
_DEPT_AFTER = re.compile(rf",[ ]+{_DEPT}(?:,[ ]+{_DEPT2})?(?=,|[ ]+said|[ ]+told)")
# "joint commissioner (industries)": a department in parentheses may be written in lower case
_DEPT_PAREN_AFTER = re.compile(
    rf"[ ]*\((?:{_DEPT}|(?P<low>[a-z][a-z&]*(?:[ ]+(?:and[ ]+|&[ ]+)?[a-z][a-z&]*){{0,3}}))\)")
# "founder of the Jaipur-based craft platform Kalaghar"
_CONNECTOR_DESCRIBED = re.compile(
    r"(?P<title>.+?)[ ]+(?:of|at)[ ]+(?:(?:the|an?)[ ]+)?(?:[\w-]+[ ]+){0,3}?(?P<noun>[\w-]+)[ ]+$", re.S)
_CONNECTOR_DESCRIBED_LONG = re.compile(
    r"(?P<title>.+)[ ]+(?:of|at)[ ]+(?:(?:the|an?)[ ]+)?(?:[\w-]+[ ]+){0,3}?(?P<noun>[\w-]+)[ ]+$", re.S)
_CONNECTOR_END = re.compile(r"(?P<title>.+?)(?:,[ ]+|[ ]+(?:of|at|with|in|for)[ ]+)(?:the[ ]+)?$", re.S)
_WHO_IS = re.compile(r"who[ ]+(?:is|was|has[ ]+been|serves[ ]+as|works[ ]+as)[ ]+(?:also[ ]+)?(?:the[ ]+|an?[ ]+)?"
                     r"(?P<title>[A-Za-z][\w -]{1,50}?)[ ]+(?:of|at|with)[ ]+(?:the[ ]+)?")


# Where an apposition "X, <title>, <organisation>" ends: the sentence, a clause, or the speech verb.
_APPOSITION_END = re.compile(r"[ ]*(?:[.;:\"\u201d]|,[ ]+(?:said|told|added|explaining|according|who|which)\b|$"
                             r"|[ ]+(?:said|told|added)\b)")
_TITLE_PART = re.compile(r"[ ]+(?:[-\u2013\u2014]|and)[ ]+|,[ ]+")


def _title_then_org(ctx: Context, m: Mention) -> Role | None:
    """"X, Vice President – Growth and Seller Experience, Acme, said": the title runs from the name to
    the organisation that closes the apposition, dashes, commas and "and" included."""
    text = ctx.text
    if not text.startswith(", ", m.end):
        return None
    t_start = m.end + 2
    limit = min(ctx.sentence_of(m.start).end, t_start + 140)
    for o in ctx.mentions_in(t_start, limit, "org"):
        if text[o.start - 2:o.start] != ", " or not _APPOSITION_END.match(text, o.end) \
                or ctx.kind_of(o.key) == "NewsAgency":
            continue
        title = text[t_start:o.start - 2]
        heads = [p for p in _TITLE_PART.split(title) if p]
        if ctx.mentions_in(t_start, o.start, "person") or not heads or not title_ok(ctx, heads[0]) \
                or len(title) > 100 or not re.search(r"[ ]+[-\u2013\u2014][ ]+|,[ ]+", title):
            return None
        return Role(m.key, title, o.key, ctx.doc.span(m.start, o.end))
    return None


@dataclass(frozen=True)
class _After:
    """The words after a name and its comma: where they start, and where the sentence (or 160
    characters) ends."""

    m: Mention
    start: int
    limit: int


class _NoShape:
    """A shape that is not written here: the next one is tried."""


_NO_SHAPE = _NoShape()
_TITLE_TO_CLAUSE_END = re.compile(r"[^,.;:\"\u201c\u201d]{2,80}?(?=,|\.|;|$|[ ]+(?:said|told|who)\b)")
_TITLE_TO_END = re.compile(r"[^,.;:\"\u201c\u201d]{2,80}?(?=,|\.|;|$)")
_TITLE_AFTER_ORG = re.compile(r"[ ]+(?P<title>[^,.;:()\"\u201c\u201d]{2,60}?)(?=,|\.|;|[ ]+(?:said|told|added)\b)")
_TITLE_PLAIN = re.compile(r"[^,.;:()\"\u201c\u201d]{2,80}?(?=,|\.|;|[ ]+\(|[ ]+(?:said|told|added|noted|who|has|had|is"
                          r"|was)\b)")
_PORTFOLIO = re.compile(r"(?:[Mm]inister|[Ss]ecretary)[ ]+for[ ]+")
_THE_TITLE = re.compile(r"(?:the|an?)[ ]+(?:(?P<place>[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)[ ]+)?(?P<word>[\w-]+)")


def _role_after(ctx: Context, m: Mention) -> Role | None:
    role = _title_then_org(ctx, m)
    if role is not None:
        return role
    c = re.match(r",[ ]+", ctx.text[m.end: m.end + 3])
    if not c:
        return None
    start = m.end + c.end()
    at = _After(m, start, min(ctx.sentence_of(m.start).end, start + 160))
    for shape in (_after_whose, _after_its, _after_who_is):
        found = shape(ctx, at)
        if not isinstance(found, _NoShape):
            return found
    return _after_title(ctx, _After(m, _past_the(ctx, at), at.limit))


def _after_whose(ctx: Context, at: _After) -> Role | None | _NoShape:
    """"X, the state's MSME minister,", "X, the samiti's secretary,"."""
    whose = _WHOSE_TITLE.match(ctx.text, at.start, at.limit)
    if not whose:
        return _NO_SHAPE
    t = _TITLE_TO_CLAUSE_END.match(ctx.text[whose.end():at.limit])
    owner = _owner_by_noun(ctx, whose.group("noun").casefold(), at.m.start)
    if t and owner and title_ok(ctx, t.group()):
        return Role(at.m.key, t.group(), owner, ctx.doc.span(at.m.start, whose.end() + t.end()))
    return None


def _owner_by_noun(ctx: Context, noun: str, offset: int) -> str | None:
    """"the state" is the story's state government; "the samiti" the organisation it refers back to."""
    if noun == "state":
        return _state_government(ctx)
    if noun in ctx.lex.org_nouns:
        a = antecedent(ctx, noun, offset)
        return a.key if a else None
    return None


def _after_its(ctx: Context, at: _After) -> Role | None | _NoShape:
    """"..., said Abhishek Sinha, its director of public policy."."""
    its = re.match(r"[Ii]ts[ ]+", ctx.text[at.start:at.start + 4])
    if not its:
        return _NO_SHAPE
    t = _TITLE_TO_END.match(ctx.text[at.start + its.end():at.limit])
    owner = subject_org(ctx, at.m.start)
    if t and owner and title_ok(ctx, t.group()):
        end = at.start + its.end() + t.end()
        return Role(at.m.key, t.group(), owner.key, ctx.doc.span(at.m.start, end))
    return None


def _after_who_is(ctx: Context, at: _After) -> Role | None | _NoShape:
    """"X, who is the president of the Y Association,"."""
    who_is = _WHO_IS.match(ctx.text, at.start, at.limit)
    if not (who_is and title_ok(ctx, who_is.group("title"))):
        return _NO_SHAPE
    o = ctx.mention_starting(who_is.end(), "org", r"")
    if o is None or o.start != who_is.end():
        return _NO_SHAPE
    return Role(at.m.key, who_is.group("title"), o.key, ctx.doc.span(at.m.start, o.end))


def _past_the(ctx: Context, at: _After) -> int:
    """Where the title starts after "the" or "a": "X, the MSME Minister,", "X, a partner at Org",
    "X, the Moradabad DM," (the place is where)."""
    the = _THE_TITLE.match(ctx.text[at.start:at.limit])
    if the is None or not is_title_word(ctx, the.group("word")):
        return at.start
    if the.group("place") and not any(h.start == at.start + the.start("place") for h in ctx.place_hits):
        return at.start
    return at.start + the.start("word")


def _after_title(ctx: Context, at: _After) -> Role | None:
    return _org_then_title(ctx, at) or _title_at_org(ctx, at) or _plain_title_after(ctx, at)


def _org_then_title(ctx: Context, at: _After) -> Role | None:
    """"X, the ODOP Cell in-charge,", "X, Craftroots CEO,"."""
    article = re.match(r"(?:the[ ]+)?", ctx.text[at.start:at.limit])
    o = ctx.mention_starting(at.start + (article.end() if article else 0), "org", r"")
    if o is None or ctx.kind_of(o.key) == "NewsAgency":
        return None
    t = _TITLE_AFTER_ORG.match(ctx.text[o.end:at.limit])
    if t and title_ok(ctx, t.group("title")):
        return Role(at.m.key, t.group("title"), o.key, ctx.doc.span(at.m.start, o.end + t.end()))
    return None


def _title_at_org(ctx: Context, at: _After) -> Role | None:
    """"X, CEO of Org", "X, head of design at Lisbon retailer Org"; not a minister's portfolio
    ("Cabinet Minister for MSME, Khadi and Village Industries")."""
    orgs = [o for o in ctx.mentions_in(at.start, at.limit, "org") if ctx.kind_of(o.key) != "NewsAgency"]
    if not orgs:
        return None
    between = ctx.text[at.start:orgs[0].start]
    if _PORTFOLIO.search(between):
        return None
    for found in (_CONNECTOR_END.fullmatch(between), _described_org(ctx, between)):
        if found and "," not in found.group("title") and title_ok(ctx, found.group("title")):
            return Role(at.m.key, found.group("title"), orgs[0].key, ctx.doc.span(at.m.start, orgs[0].end))
    return None


def _described_org(ctx: Context, between: str) -> re.Match[str] | None:
    """"founder of the Jaipur-based craft platform": the longest title first, then the shortest."""
    described = _CONNECTOR_DESCRIBED_LONG.fullmatch(between)
    if described and described.group("noun").casefold() in ctx.lex.org_nouns \
            and title_ok(ctx, described.group("title")):
        return described
    described = _CONNECTOR_DESCRIBED.fullmatch(between)
    if described and described.group("noun").casefold() in ctx.lex.org_nouns:
        return described
    return None


def _plain_title_after(ctx: Context, at: _After) -> Role | None:
    """"X, Joint Commissioner, Industries, said", or a title whose organisation the title implies."""
    t = _TITLE_PLAIN.match(ctx.text[at.start:at.limit])
    if not t or not title_ok(ctx, t.group()):
        return None
    title, end = t.group(), at.start + t.end()
    department = _department_after(ctx, at, title, end)
    if department is not None:
        return department
    return Role(at.m.key, title, _implied_org(ctx, title), ctx.doc.span(at.m.start, end))


def _department_after(ctx: Context, at: _After, title: str, end: int) -> Role | None:
    """"Joint Commissioner, Industries" (also "(Industries)"), "..., Industries, X Mandal": a state official."""
    text = ctx.text
    d = _DEPT_AFTER.match(text, end, at.limit) or _DEPT_PAREN_AFTER.match(text, end, at.limit)
    if not d or not _STATE_TITLES.search(title):
        return None
    g = "low" if d.groupdict().get("low") else "dept"
    if ctx.mentions_in(d.start(g), d.end(g), "person"):
        return None
    org = _state_government(ctx)
    if not org:
        return None
    d_end = d.end("region") if "region" in d.groupdict() and d.group("region") else d.end(g)
    return Role(at.m.key, f"{title}, {text[d.start(g):d_end]}", org, ctx.doc.span(at.m.start, d_end))


# ------------------------------------------------------------------ the organisation a title implies

# Titles that only a state government gives (in an article about one state).
_STATE_GOVERNMENT_TITLE = re.compile(r"\b(?:chief minister|chief secretary|principal secretary|"
                                     r"additional chief secretary|cabinet minister|minister of state)\b")


# Titles of government officials: in an article about a state, a minister, commissioner, district
# magistrate or secretary with no other organisation named is the state government's.
_GOVERNMENT_TITLE = re.compile(
    r"\b(?:minister|commissioner|magistrate|collector|chief secretary|principal secretary|additional secretary|"
    r"special secretary|superintendent of police|sdm|dm|cdo|chief development officer|relief commissioner|"
    r"director,?[ ]+(?:of[ ]+)?\(?industries\)?|industries[ ]+officer|district[ ]+[a-z]+[ ]+officer|"
    r"block development officer|bdo|tehsildar|chief medical officer|"
    r"(?:odop|district industries)[ ]+(?:cell[ ]+)?in-?charge)\b", re.I)


@cache
def _title_org_heads() -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    """The `[[implied_orgs]]` of roles.toml: a title only one kind of organisation gives, and the words
    that name that kind."""
    data = tomllib.loads((PATTERNS_DIR / "roles.toml").read_text(encoding="utf-8"))
    return tuple((re.compile(rf"\b(?:{alternation(row['titles'])})\b", re.I),
                  re.compile(rf"\b(?:{alternation(row['heads'])})\b")) for row in data["implied_orgs"])


def _national_dateline(ctx: Context) -> bool:
    dateline = ctx.doc.dateline
    return dateline is not None and dateline.text.casefold() in ("new delhi", "delhi")


def _implied_org(ctx: Context, title: str) -> str | None:
    low = title.casefold()
    if "prime minister" in low or "union" in low and "minister" in low:
        return add_org(ctx, GOVERNMENT_OF_INDIA, "GovernmentBody", None, None)
    if "minister" in low and "chief minister" not in low and _national_dateline(ctx) \
            and not _STATE_GOVERNMENT_TITLE.search(low):
        # A minister in a story filed from New Delhi, with no state named in the title, is a Union minister.
        return add_org(ctx, GOVERNMENT_OF_INDIA, "GovernmentBody", None, None)
    named = _kind_named(ctx, title)
    if named is not None:
        return named
    if _STATE_GOVERNMENT_TITLE.search(low) or _GOVERNMENT_TITLE.search(title):
        return _state_government(ctx)
    return None


def _kind_named(ctx: Context, title: str) -> str | None:
    """A title only one kind of organisation gives (a university's vice-chancellor, a municipal
    corporation's commissioner): the article's one organisation of that kind."""
    for title_re, head_re in _title_org_heads():
        if title_re.search(title):
            names = sorted({e.key for e in ctx.ents.values() if family(e.kind) == "org" and head_re.search(e.name)})
            if len(names) == 1:
                return names[0]
    return None


def _former(ctx: Context, org: Mention | None, title: str) -> str:
    """"former Export-Import Bank of India chairman X": the title keeps "former"."""
    if org is not None and re.search(r"\b(?:former|ex-)[ ]*$", ctx.text[max(0, org.start - 8):org.start], re.I):
        return f"former {title}"
    return title


# ------------------------------------------------------------------------ titles before a name

def _role_before(ctx: Context, m: Mention) -> Role | None:
    before, offset = _text_before(ctx, m)
    role = _state_department_before(ctx, m, before, offset)
    if role is not None or not before.endswith((" ", ", ")):
        return role
    role = _title_of_org_before(ctx, m, before, offset)
    if role is not None:
        return role
    found = _title_ending(ctx, before, offset)
    return _role_with_title_before(ctx, m, before, offset, found) if found else None


def _text_before(ctx: Context, m: Mention) -> tuple[str, int]:
    """The sentence's text before the name (and its honorific), at most 160 characters, and its offset."""
    sentence = ctx.sentence_of(m.start)
    start = m.start
    h = HONORIFIC_BEFORE.search(ctx.text, max(sentence.start, start - 12), start)
    if h:
        start = h.start()
    before = ctx.text[max(sentence.start, start - 160): start]
    return before, start - len(before)


def _state_department_before(ctx: Context, m: Mention, before: str, offset: int) -> Role | None:
    """"Principal Secretary, MSME, X" / "Joint Commissioner (Industries) X": the title as written, at
    the state government."""
    d = _DEPT_BEFORE.search(before)
    if not d:
        return None
    found = title_before(ctx, before[: d.start()])
    if not (found and _STATE_TITLES.search(found[0])):
        return None
    government = _state_government(ctx)
    if not government:
        return None
    title = before[found[1]: d.end()].rstrip(" ,")
    return Role(m.key, title, government, ctx.doc.span(offset + found[1], m.end))


def _title_of_org_before(ctx: Context, m: Mention, before: str, offset: int) -> Role | None:
    """"Chairman of the Carpet Export Council X", "The CEO of Haathkala Ltd, X,"."""
    o = _org_ending(ctx, offset + len(before.rstrip(" ,")))
    if o is None or o.start < offset:
        return None
    head = _TITLE_OF.search(before, 0, o.start - offset)
    found = title_before(ctx, before[: head.start("connector")], offset) if head else None
    if not found:
        return None
    return Role(m.key, found[0], o.key, ctx.doc.span(offset + found[1], m.end))


def _title_ending(ctx: Context, before: str, offset: int) -> tuple[str, int] | None:
    """The title that ends the text before a name; a lowercase field in parentheses stays in it
    ("Kalpa Retail's vice-president (marketplace), X")."""
    field = _FIELD_BEFORE.search(before)
    if field:
        found = title_before(ctx, before[: field.start()] + " ", offset)
        if found:
            return before[found[1]: field.end()].rstrip(" ,"), found[1]
    return title_before(ctx, before, offset)


def _role_with_title_before(ctx: Context, m: Mention, before: str, offset: int, found: tuple[str, int]) -> Role:
    title, t_start = found
    # "Lindqvist Trading's sourcing head, Mr X": a word or two the title list lacks, after a possessive.
    extra = re.search(r"['\u2019]s[ ]+(?P<words>(?:[a-z][\w-]*[ ]+){1,2})$", before[:t_start])
    if extra:
        title = extra.group("words") + title
        t_start -= len(extra.group("words"))
    prefix = before[:t_start]
    title, org = _owner_before(ctx, prefix, offset, title)
    if org is None:
        title, org = _abbreviation_first(ctx, title)
    foreign = False
    if org is None:
        title, org, foreign = _qualified_title(ctx, title, prefix)
    if org is None and not foreign:
        org = _implied_org(ctx, title)
    return Role(m.key, title, org, ctx.doc.span(offset + t_start, m.end))


def _abbreviation_first(ctx: Context, title: str) -> tuple[str, str | None]:
    """"STF Additional Superintendent of Police X": a title opened by the abbreviation an organisation
    of the article goes by is that organisation's."""
    first, _, rest = title.partition(" ")
    if not (first.isupper() and len(first) >= 2 and title_ok(ctx, rest)):
        return title, None
    for e in sorted(ctx.ents.values(), key=lambda e: e.key):
        if family(e.kind) == "org" and first in e.aliases:
            return rest, e.key
    return title, None


def _owner_before(ctx: Context, prefix: str, offset: int, title: str) -> tuple[str, str | None]:
    """The organisation written before a title: "Org's", "its", "Org " (the title may gain "former")."""
    p = re.search(r"['\u2019]s[ ]+$", prefix)
    if p:
        return title, _possessor(ctx, prefix, offset + p.start())
    if re.search(r"\b[Ii]ts[ ]+$", prefix):
        o = subject_org(ctx, offset + len(prefix))
        return title, o.key if o else None
    if prefix.endswith(" "):
        return _org_named_before(ctx, prefix, offset, title)
    return title, None


def _possessor(ctx: Context, prefix: str, offset: int) -> str | None:
    """"Org's chairman X"; "the state's MSME minister, X" is the state government's."""
    o = _org_ending(ctx, offset)
    if o is not None:
        return o.key
    if re.search(r"\b(?:the[ ]+)?state['\u2019]s[ ]+$", prefix, re.I):
        return _state_government(ctx)
    return None


def _org_named_before(ctx: Context, prefix: str, offset: int, title: str) -> tuple[str, str | None]:
    """"Org chairman X", "former Org chairman X"; "Samiti secretary X", "ODOP cell in-charge X" (the
    organisation the noun refers back to)."""
    o = _org_ending(ctx, offset + len(prefix) - 1)
    title = _former(ctx, o, title)
    if o is not None:
        return title, o.key
    noun = re.search(r"\b(?P<noun>[A-Za-z][\w-]*)[ ]+$", prefix)
    if noun and noun.group("noun").casefold() in ctx.lex.org_nouns:
        a = antecedent(ctx, noun.group("noun").casefold(), offset + noun.start())
        return title, a.key if a else None
    return title, None


_FIELD_BEFORE = re.compile(r"[ ]*\([a-z][a-z&, -]{1,40}\),?[ ]+$")
# "(BJP) ", "(DIC) Bareilly": an abbreviation in parentheses and a place between a name and what follows it.
_ABBREVIATION_OR_PLACE = re.compile(r"(?:[ ]*\([A-Z][A-Za-z]{1,9}\))?(?:[ ]+[A-Z][a-z]+)?[ ]*$")


def _org_ending(ctx: Context, offset: int) -> Mention | None:
    """The organisation named just before `offset`, over an abbreviation in parentheses or a place."""
    o = ctx.mention_ending(offset, "org")
    if o:
        return o
    m = _ABBREVIATION_OR_PLACE.search(ctx.text, max(0, offset - 30), offset)
    if m and m.start() < offset:
        inside = ctx.mentions_in(m.start(), offset)
        if all(family(ctx.kind_of(i.key)) in ("place", "org") for i in inside):
            return ctx.mention_ending(m.start(), "org")
    return None


# Nationality adjectives beyond the foreign-goods list (kg/data/lexicon.toml): their ministers are not the state's.
_NATIONALITIES = frozenset(pattern_words("roles")["nationalities"])
_TITLE_OF = re.compile(r"(?P<title>\S.*?)(?P<connector>[ ]+(?:of|at)[ ]+(?:the[ ]+)?)$")
_WHOSE_TITLE = re.compile(r"the[ ]+(?P<noun>[a-z][\w-]*)['\u2019]s[ ]+")
_UNION = re.compile(r"(?:Union|Central)[ ]+(?=[A-Z])")


def _qualified_title(ctx: Context, title: str, prefix: str) -> tuple[str, str | None, bool]:
    """'Union Minister of State for Commerce' -> Government of India; 'UP MSME Minister' (a state named
    just before the title) -> the state's government. The qualifier is not part of the title. The last
    value says that a foreign country qualifies the title ("UAE Economy Minister"): not the state's."""
    u = _UNION.match(title)
    if u and _GOVERNMENT_TITLE.search(title):
        return title[u.end():], add_org(ctx, GOVERNMENT_OF_INDIA, "GovernmentBody", None, None), False
    state = re.search(r"(?:^|[ ])(?P<state>[A-Z][\w.]*(?:[ ][A-Z][\w.]*)?)[ ]+$", prefix)
    if state:
        from kg.extract.gazetteer import lookup

        found = lookup(state.group("state")) or lookup(state.group("state").split()[-1])
        if found and found[1] == "State" and _GOVERNMENT_TITLE.search(title):
            return title, add_org(ctx, state_government_name(found[0]), "GovernmentBody", None, None), False
        if found and found[1] == "Country":
            if found[0] == "India" and _GOVERNMENT_TITLE.search(title):
                return title, add_org(ctx, GOVERNMENT_OF_INDIA, "GovernmentBody", None, None), False
            return title, None, True
    if re.search(r"\bIndian[ ]+$", prefix) and _GOVERNMENT_TITLE.search(title):
        return title, add_org(ctx, GOVERNMENT_OF_INDIA, "GovernmentBody", None, None), False
    # "Italian Trade Minister X": a foreign adjective
    adjective = re.search(r"\b([A-Z][a-z]+)[ ]+$", prefix)
    if adjective and (adjective.group(1).casefold() in ctx.lex.foreign_adjectives
                      or adjective.group(1) in _NATIONALITIES):
        return title, None, True
    return title, None, False
