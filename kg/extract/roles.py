"""Roles read from the phrasing rows of kg/extract/patterns/roles.toml (the file says what a row holds).

A row's match becomes a role when a person's name sits where the row says and the organisation it
points to is there; what stays code here is only that inference (which name, which organisation).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kg.extract.context import Context, Mention, family
from kg.extract.model import Role
from kg.extract.orgs import add_org, state_government_name
from kg.extract.patterns import Hit, load, run

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token

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
        found = role_of(ctx, hit)
        if found is not None and found[1] not in taken:
            taken.add(found[1])
            out.append(found)
    return out


def role_of(ctx: Context, hit: Hit) -> tuple[Role, tuple[int, str]] | None:
    """The role one match yields, or None when the name or the organisation is not where the row says."""
    opts = hit.row.options
    span = ctx.parsed[hit.span[0]:hit.span[1]]
    person = _person(ctx, span, opts["person"])
    title = _title(ctx, span, opts) if person else None
    org = _ORGS[opts["org"]](ctx, span, person, opts) if person and title else None
    if person is None or title is None or org is None:
        return None
    start, end = min(person.start, span.start_char), max(person.end, span.end_char)
    side = "after" if opts["person"] == "before" else "before"
    return Role(person.key, title, org, ctx.doc.span(start, end)), (person.start, side)


def _person(ctx: Context, span: TokenSpan, side: str) -> Mention | None:
    if side == "before":
        found = ctx.mention_ending(span.start_char, "person")
    else:
        found = ctx.mention_starting(span.end_char, "person", r"\s*")
    return found if found is not None and ctx.kind_of(found.key) == "Person" else None


def _title(ctx: Context, span: TokenSpan, opts: dict[str, Any]) -> str | None:
    from kg.extract.people import title_ok

    if "title_is" in opts:
        return str(opts["title_is"])
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


_ORGS: dict[str, Callable[[Context, TokenSpan, Mention | None, dict[str, Any]], str | None]] = {
    "next": _org_next, "state": _org_state, "named_state": _org_named_state, "of_after": _org_of_after,
}
