"""The extraction pipeline: rule-based steps over one document, in order (see `kg/extract/*.py`).

Places are found first (organisation names may contain them), then organisations, programmes and
back-references to organisations, then people and their roles, quotations, products tied to districts,
the kinds of places, partnerships, who runs which programme, where organisations are based, and last
the figures.
"""

from __future__ import annotations

import importlib.util
import re
from typing import TYPE_CHECKING

from kg.documents import Document
from kg.extract.context import Context
from kg.extract.gazetteer import find_place_hits, find_towns, settle_places
from kg.extract.model import Extraction
from kg.extract.orgs import find_back_references, find_organisations
from kg.extract.partnerships import find_based_in, find_partnerships
from kg.extract.people import find_people
from kg.extract.products import find_products, record_origins
from kg.extract.programmes import find_programme_owners, find_programmes
from kg.extract.proposals import propose_listed_organisations, propose_organisations
from kg.extract.quotes import find_quotes
from kg.extract.roles import find_roles, name_district_posts

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc

_HAS_FIGURES = importlib.util.find_spec("kg.extract.figures") is not None


def _sport(ctx: Context) -> str | None:
    """The sport an article reports on, when several of its words appear (state names are then teams)."""
    words = re.findall(r"[a-z-]+", ctx.text.lower())
    general = sum(1 for w in words if w in ctx.lex.sport_words)
    best, count = None, 0
    for sport, vocabulary in sorted(ctx.lex.sports.items()):
        n = sum(1 for w in words if w in vocabulary) + 3 * words.count(sport)
        if n > count:
            best, count = sport, n
    return best if count and general + count >= 6 else None


def run(doc: Document, parsed: ParsedDoc | None = None) -> Extraction:
    ctx = Context(doc, parsed)
    ctx.sport = _sport(ctx)
    find_place_hits(ctx)
    find_organisations(ctx)
    find_programmes(ctx)
    find_back_references(ctx)
    # Place names inside organisation names ("Kannauj Itra Utpadak Sahkari Samiti") are not places,
    # except a state inside its government's name or a team's.
    # A state named inside an organisation's name ("Uttar Pradesh ODOP Cell") is still a state the text names.
    ctx.place_hits = [h for h in ctx.place_hits
                      if ctx.is_free(h.start, h.end) or (h.start, h.end) in ctx.government_places
                      or h.kind == "State"]
    find_towns(ctx)
    for h in ctx.place_hits:
        if ctx.is_free(h.start, h.end):
            ctx.take(h.start, h.end)
    find_people(ctx)
    propose_organisations(ctx)
    propose_listed_organisations(ctx)
    find_roles(ctx)
    find_quotes(ctx)
    districts = find_products(ctx)
    settle_places(ctx, districts)
    record_origins(ctx)
    find_partnerships(ctx)
    find_programme_owners(ctx)
    find_based_in(ctx)
    name_district_posts(ctx)
    ex = ctx.to_extraction()
    if _HAS_FIGURES:
        from kg.extract.figures import extract_figures

        ex.figures.extend(extract_figures(doc, ex, ctx.parsed))
    return ex
