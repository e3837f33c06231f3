"""The corpus step: one IRI per real-world thing across all documents.

Extraction is per document and knows nothing of other documents. Here the document-local entity keys are
mapped to corpus-wide IRIs: "Kalpa Retail" in two articles is one node, and "Kalpa Retail Group" is the same
company. The label of a merged entity is its most frequent name (ties: the longest, then alphabetical),
so the result does not depend on the order in which documents were read.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from kg import iris
from kg.extract.model import ORGANISATION_KINDS, Entity, Extraction
from kg.kinds import RANKS
from kg.paths import DATA_DIR

# When one thing is typed differently in different documents, the more specific kind (higher rank) wins.
_KIND_RANK = RANKS


@dataclass(frozen=True)
class ResolvedEntity:
    iri: str
    kind: str
    label: str
    aliases: tuple[str, ...]


@dataclass
class Resolution:
    entities: dict[str, ResolvedEntity]
    # (doc_id, local key) -> IRI, for the documents this resolution was bound to (see `for_document`)
    iri_of: dict[tuple[str, str], str]
    # match key (see `match_key`) -> IRI: the corpus-wide part, independent of any one document
    iri_of_key: dict[str, str] = field(default_factory=dict)

    def iri(self, doc_id: str, key: str) -> str:
        return self.iri_of[(doc_id, key)]

    def for_document(self, ex: Extraction) -> Resolution:
        """This resolution with the local keys of `ex` bound, and only those: a build binds one document
        at a time, so it never holds a map the size of the corpus."""
        local = {(ex.doc_id, e.key): self.iri_of_key[entity_key(e)] for e in ex.entities}
        return Resolution(self.entities, local, self.iri_of_key)


@cache
def _org_suffixes() -> tuple[str, ...]:
    lines = (DATA_DIR / "organisation_suffixes.txt").read_text(encoding="utf-8").splitlines()
    words = [ln.strip().casefold() for ln in lines if ln.strip() and not ln.startswith("#")]
    return tuple(sorted(words, key=len, reverse=True))


def _normal(name: str) -> str:
    name = name.casefold().replace("\u2019", "'").replace("&", " and ")
    name = re.sub(r"'s\b", "s", name)
    return " ".join(re.findall(r"\w+", name))


def family(kind: str) -> str:
    """Entities of one family can merge: every kind of organisation is one family."""
    return "Organisation" if kind in ORGANISATION_KINDS else kind


def match_key(kind: str, name: str) -> str:
    """The key two mentions share when they name the same thing ("Kalpa Retail Group" ~ "Kalpa Retail")."""
    norm = _normal(name)
    if family(kind) == "Organisation":
        changed = True
        while changed:
            changed = False
            for suffix in _org_suffixes():
                if norm.endswith(" " + suffix):
                    norm = norm[: -len(suffix) - 1]
                    changed = True
    return f"{family(kind)}:{norm}"


def _is_abbreviation(name: str) -> bool:
    """"EPB", "MSME", "U.P.": capitals only, one word."""
    letters = name.replace(".", "").replace("&", "")
    return " " not in name and letters.isupper() and len(letters) <= 8


def _names_used(e: Entity) -> Counter[str]:
    """How often each of an entity's names is used in its mentions ("the company" is not a name).

    The label of an entity is the name writers use most: "Kalpa Retail", not "Kalpa Retail Group" when
    the article says "Kalpa Retail" four times and "Kalpa Retail Group" once.
    """
    # A person is labelled by full name, however often the surname alone is used; a product by its generic
    # name ("ceramics", not "glazed pottery"), a programme by its full name (not "ODOP") and a team by its
    # name (not the state's): the extractor already chose those names.
    if e.kind in ("Person", "Product", "Programme", "SportsTeam"):
        return Counter({e.name: max(len(e.mentions), 1)})
    names = {n.casefold(): n for n in (e.name, *e.aliases)}
    used: Counter[str] = Counter(names[m.text.casefold()] for m in e.mentions if m.text.casefold() in names)
    return used or Counter({e.name: 1})


def entity_key(e: Entity) -> str:
    return match_key(e.kind, e.canonical or e.name)


class EntityIndex:
    """What resolution needs to know of the corpus, added (and removed) one extraction at a time.

    It holds, per match key, how often each kind, name and alias was used: its size follows the number of
    distinct entities, not of articles, and it gives the same resolution whatever order documents come in.
    """

    def __init__(self) -> None:
        self.kinds: dict[str, Counter[str]] = defaultdict(Counter)
        self.names: dict[str, Counter[str]] = defaultdict(Counter)
        self.aliases: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, ex: Extraction, sign: int = 1) -> None:
        for e in ex.entities:
            key = entity_key(e)
            self.kinds[key][e.kind] += sign
            self.aliases[key].update({a: sign for a in e.aliases})
            self.names[key].update({n: c * sign for n, c in _names_used(e).items()})

    def remove(self, ex: Extraction) -> None:
        """Undo `add(ex)` (for an article that changed or left the corpus)."""
        self.add(ex, -1)
        for key in {entity_key(e) for e in ex.entities}:
            for table in (self.kinds, self.names, self.aliases):
                kept = +table[key]  # drops zero counts
                if kept:
                    table[key] = kept
                else:
                    del table[key]

    def resolve(self) -> Resolution:
        entities: dict[str, ResolvedEntity] = {}
        iri_of_key: dict[str, str] = {}
        for key in sorted(self.kinds):
            names = self.names[key]
            # A full name beats an abbreviation however often the abbreviation is used ("Export Promotion
            # Bureau" over "EPB"); among full names the most used wins.
            label = sorted(names, key=lambda n: (_is_abbreviation(n), -names[n], -len(n), n))[0]
            kinds = self.kinds[key]
            kind = sorted(kinds, key=lambda k: (-_KIND_RANK.get(k, 0), k))[0]
            canonical_name = key.split(":", 1)[1]
            iri = iris.entity(kind, canonical_name)
            aliases = (set(names) | set(self.aliases.get(key, ()))) - {label}
            entities[iri] = ResolvedEntity(iri, kind, label, tuple(sorted(aliases)))
            iri_of_key[key] = iri
        return Resolution(entities, {}, iri_of_key)


def resolve(extractions: Sequence[Extraction]) -> Resolution:
    """One IRI per real thing across `extractions`, with every document's local keys bound."""
    index = EntityIndex()
    for ex in extractions:
        index.add(ex)
    res = index.resolve()
    for ex in extractions:
        res.iri_of.update(res.for_document(ex).iri_of)
    return res
