"""The kinds of entity kg knows, from one table: kg/data/entity_kinds.csv.

Each row is an ontology class (kgo:<kind>, declared in ontology/kg.ttl) with what the rest of kg derives
from it: the IRI path segment (kg.iris), the group the extractor reasons with (organisation, person, place,
product, programme), the rank that decides between two kinds given to one thing (kg.resolve: the higher
wins; a subclass ranks above its superclass, so the view picks the most specific type too) and the view's
legend label, colour and vis-network shape (kg.views.html). A new kind is one row here plus its ontology
terms. Rows are in the extractor's order of preference (kg/extract/figures.py tries kinds in this order).
"""

from __future__ import annotations

import csv
from functools import cache
from typing import NamedTuple

from kg import paths

TABLE = "entity_kinds.csv"


class EntityKind(NamedTuple):
    name: str
    group: str
    segment: str
    rank: int
    legend: str
    colour: str
    shape: str


@cache
def entity_kinds() -> tuple[EntityKind, ...]:
    """Every row of the table, in its order."""
    with (paths.DATA_DIR / TABLE).open(encoding="utf-8", newline="") as f:
        return tuple(
            EntityKind(r["kind"], r["group"], r["segment"], int(r["rank"]), r["legend"], r["colour"], r["shape"])
            for r in csv.DictReader(f)
        )


def names(group: str | None = None) -> tuple[str, ...]:
    """The kinds' names (of one group, when given), in the table's order."""
    return tuple(k.name for k in entity_kinds() if group is None or k.group == group)


ENTITY_KINDS = names()
ORGANISATION_KINDS = names("organisation")
PLACE_KINDS = names("place")
SEGMENTS = {k.name: k.segment for k in entity_kinds()}
RANKS = {k.name: k.rank for k in entity_kinds()}
# The most specific first: a Department (also a GovernmentBody and an Organisation after inference) is drawn
# and counted as a Department.
MOST_SPECIFIC_FIRST = tuple(sorted(ENTITY_KINDS, key=lambda name: -RANKS[name]))
