"""What the extraction steps share for one document: the word lists, the entities found so far, and
helpers for finding capitalised phrases and the mentions around an offset.

The steps (places, organisations, programmes, people, quotes, products, partnerships) run in order and
each adds entities and facts to one `Context`; `Context.extraction()` turns it into an `Extraction`.
"""

from __future__ import annotations

import bisect
import csv
import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from kg.documents import Document, Sentence, Span
from kg.extract.model import ORGANISATION_KINDS, PLACE_KINDS, Entity, Extraction
from kg.paths import DATA_DIR

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc

# ------------------------------------------------------------------------------------------ data files


def read_rows(name: str) -> list[dict[str, str]]:
    """Rows of a CSV data file in kg/data, skipping comment lines that start with "#"."""
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def split_alternatives(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


@dataclass(frozen=True)
class Lexicon:
    honorifics: frozenset[str]
    female_honorifics: frozenset[str]
    male_honorifics: frozenset[str]
    title_words: frozenset[str]  # lower case
    title_heads: frozenset[str]
    person_nouns: frozenset[str]
    not_name_words: frozenset[str]
    non_person_heads: frozenset[str]
    speech_verbs: tuple[str, ...]
    foreign_adjectives: frozenset[str]
    org_nouns: dict[str, str]
    org_heads: dict[str, str]
    sports: dict[str, frozenset[str]]
    sport_words: frozenset[str]
    given_name_forms: frozenset[str] = frozenset()
    female_name_words: frozenset[str] = frozenset()
    female_given_names: frozenset[str] = frozenset()
    common_surnames: frozenset[str] = frozenset()
    district_posts: frozenset[str] = frozenset()  # lower case


@cache
def lexicon() -> Lexicon:
    data: dict[str, Any] = tomllib.loads((DATA_DIR / "lexicon.toml").read_text(encoding="utf-8"))
    heads = frozenset(w.casefold() for w in data["title_heads"])
    return Lexicon(
        honorifics=frozenset(data["honorifics"]),
        female_honorifics=frozenset(data["female_honorifics"]),
        male_honorifics=frozenset(data["male_honorifics"]),
        title_words=heads | frozenset(w.casefold() for w in data["title_modifiers"]),
        title_heads=heads,
        person_nouns=frozenset(data["person_nouns"]),
        not_name_words=frozenset(data["not_name_words"]),
        non_person_heads=frozenset(data["non_person_heads"]),
        speech_verbs=tuple(sorted(data["speech_verbs"], key=len, reverse=True)),
        foreign_adjectives=frozenset(w.casefold() for w in data["foreign_product_adjectives"]),
        org_nouns=dict(data["org_nouns"]),
        org_heads=dict(data["org_heads"]),
        sports={k: frozenset(v) for k, v in data["sports"].items()},
        sport_words=frozenset(data["sport_words"]),
        given_name_forms=frozenset(data.get("given_name_forms", [])),
        female_name_words=frozenset(data.get("female_name_words", [])),
        female_given_names=frozenset(data.get("female_given_names", [])),
        common_surnames=frozenset(data.get("common_surnames", [])),
        district_posts=frozenset(w.casefold() for w in data.get("district_posts", [])),
    )


def alternation(words: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternation of literal words, longest first (so "New Delhi" wins over "Delhi")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# ------------------------------------------------------------------------------ capitalised phrases

# A capitalised token: a word ("Haatkart", "e-commerce" is not one), an acronym ("MSME"), an initial
# ("A."), a shortened given name ("Mohd."), a word with a possessive ("UP's") or a plural possessive ("Exporters'").
TOKEN = (r"(?:(?:[A-Z]\.){1,3}(?=[ ])|(?:Mohd|Md)\.(?=[ ][A-Z])"
         r"|[A-Z][A-Za-z0-9]*(?:[-\u2019'&.][A-Za-z0-9]+)*(?:['\u2019](?![A-Za-z]))?)")
CONNECTORS = ("of", "and", "for", "as", "&", "de", "bin", "al", "van", "von", "da", "del")
_RUN = re.compile(rf"{TOKEN}(?:[ ]+(?:(?:{'|'.join(CONNECTORS)})[ ]+)?{TOKEN})*")
_TOKEN_RE = re.compile(rf"{TOKEN}|\b(?:{'|'.join(CONNECTORS)})\b")
# Capitalised only because they start a sentence or clause.
FUNCTION_WORDS = frozenset({
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "Our", "His", "Her", "Their", "According",
    "Under", "Over", "After", "Before", "While", "When", "As", "At", "In", "On", "Of", "For", "From", "With",
    "By", "To", "And", "But", "Or", "If", "Also", "Both", "Each", "Every", "Some", "Many", "Most", "All",
})
POSSESSIVE = re.compile(r"['\u2019]s$")


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    text: str

    @property
    def bare(self) -> str:
        """The token without a possessive ending."""
        return POSSESSIVE.sub("", self.text).rstrip("'\u2019")

    @property
    def possessive(self) -> bool:
        return bool(POSSESSIVE.search(self.text))

    @property
    def connector(self) -> bool:
        return self.text in CONNECTORS


# ------------------------------------------------------------------------------------------- entities


@dataclass
class Ent:
    key: str
    kind: str
    name: str
    mentions: dict[tuple[int, int], Span] = field(default_factory=dict)
    aliases: set[str] = field(default_factory=set)
    canonical: str | None = None
    gender: str | None = None
    noun: str | None = None  # the noun an apposition used for it ("firm", "cooperative")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    key: str


def family(kind: str) -> str:
    if kind in ORGANISATION_KINDS:
        return "org"
    if kind in PLACE_KINDS:
        return "place"
    return kind.lower()


@dataclass
class PlaceHit:
    """A gazetteer match before its kind is settled (a UP district name may be a district or a city)."""

    start: int
    end: int
    surface: str
    name: str  # canonical gazetteer name
    kind: str  # "UPDistrict", "State", "Country", "City"


class Context:
    def __init__(self, doc: Document, parsed: ParsedDoc | None = None) -> None:
        self.doc = doc
        self._parsed = parsed
        self.text = doc.text
        self.lex = lexicon()
        self.ents: dict[str, Ent] = {}
        self._mentions: list[Mention] = []
        self._sorted = True
        # Every mention, kept in `mentions()` order as it is added, so a range lookup is a bisection.
        self._by_position: list[tuple[int, int, str]] = []
        # Entity keys by the words of their names and aliases, and the order entities were found in.
        self._by_word: dict[str, dict[str, None]] = {}
        self._found: dict[str, int] = {}
        self.taken: list[tuple[int, int]] = []
        self._claimed = _Claimed()
        self.place_hits: list[PlaceHit] = []
        self._places: _PlaceIndex | None = None
        self.sentence_starts = [s.start for s in doc.sentences]
        self._runs_cache: dict[tuple[int, int], list[list[Tok]]] = {}
        self.extraction = Extraction(doc.id)
        self.main_state: str | None = None
        self.sport: str | None = None
        # Place hits kept although an organisation's name covers them ("Uttar Pradesh government").
        self.government_places: set[tuple[int, int]] = set()
        self.place_keys: dict[tuple[int, int], str] = {}
        self.towns: dict[str, tuple[PlaceHit, int]] = {}
        # (product key, district hit start, end, district name, evidence start, end), settled later.
        self.pending_origins: list[tuple[str, int, int, str, int, int]] = []
        self.name_counts: dict[str, int] = {}
        self._word_counts: Counter[str] | None = None

    @property
    def parsed(self) -> ParsedDoc:
        """The spaCy Doc of the article (kg.extract.nlp.parse_article): same character offsets as `text`."""
        if self._parsed is None:
            from kg.extract.nlp import parse_article

            self._parsed = parse_article(self.doc)
        return self._parsed

    # --- entities and mentions

    def add(self, key: str, kind: str, name: str, start: int | None = None, end: int | None = None,
            **attrs: Any) -> str:
        ent = self.ents.get(key)
        if ent is None:
            ent = self.ents[key] = Ent(key, kind, name)
            self._found[key] = len(self._found)
            self._index_name(key, name)
        elif len(name) > len(ent.name) and family(kind) != "place":
            ent.aliases.add(ent.name)
            ent.name = name
            self._index_name(key, name)
        elif name != ent.name and name not in ent.aliases:
            ent.aliases.add(name)
            self._index_name(key, name)
        for k, v in attrs.items():
            if v is not None and getattr(ent, k) is None:
                setattr(ent, k, v)
        if start is not None and end is not None and (start, end) not in ent.mentions:
            ent.mentions[(start, end)] = self.doc.span(start, end)
            self._mentions.append(Mention(start, end, key))
            self._sorted = False
            bisect.insort(self._by_position, (start, -end, key))
        return key

    def alias(self, key: str, alias: str) -> None:
        ent = self.ents[key]
        if alias != ent.name and alias not in ent.aliases:
            ent.aliases.add(alias)
            self._index_name(key, alias)

    def _index_name(self, key: str, name: str) -> None:
        for word in set(norm_key(name).split()):
            self._by_word.setdefault(word, {})[key] = None

    def entities_with_word(self, word: str) -> list[Ent]:
        """The entities with `word` (a word of `norm_key`) in their name or an alias, in the order found."""
        return [self.ents[key] for key in sorted(self._by_word.get(word, ()), key=self._found.__getitem__)]

    def mentions(self) -> list[Mention]:
        if not self._sorted:
            self._mentions = [m for m in self._mentions if m.key in self.ents]
            self._mentions.sort(key=lambda m: (m.start, -m.end, m.key))
            self._sorted = True
        return self._mentions

    def mentions_in(self, start: int, end: int, fam: str | None = None) -> list[Mention]:
        """The mentions inside text[start:end], in `mentions()` order."""
        index = self._by_position
        out = []
        for i in range(bisect.bisect_left(index, (start,)), len(index)):
            m_start, neg_end, key = index[i]
            if m_start >= end:
                break
            if -neg_end <= end and (fam is None or family(self.ents[key].kind) == fam):
                out.append(Mention(m_start, -neg_end, key))
        return out

    def mention_starting(self, offset: int, fam: str, slack: str = r"(?:the\s+)?") -> Mention | None:
        """A mention of family `fam` that starts at `offset`, allowing the words `slack` before it."""
        m = re.compile(slack).match(self.text, offset)
        pos = m.end() if m else offset
        for cand in self.mentions_in(offset, pos + 200, fam):
            if cand.start in (offset, pos):
                return cand
            if cand.start > pos:
                break
        return None

    def mention_ending(self, offset: int, fam: str) -> Mention | None:
        found = None
        for m in self.mentions_in(max(0, offset - 200), offset, fam):
            if m.end == offset and (found is None or m.start < found.start):
                found = m
        return found

    def kind_of(self, key: str) -> str:
        return self.ents[key].kind

    def word_counts(self) -> Counter[str]:
        """How often each word ([\\w-]+) occurs in the text."""
        if self._word_counts is None:
            self._word_counts = Counter(re.findall(r"[\w-]+", self.text))
        return self._word_counts

    # --- claimed text

    def take(self, start: int, end: int) -> None:
        bisect.insort(self.taken, (start, end))
        self._claimed.add(start, end)

    def is_free(self, start: int, end: int) -> bool:
        """No claimed span overlaps text[start:end]."""
        return not self._claimed.overlaps(start, end)

    # --- place hits by position

    def places_overlapping(self, start: int, end: int) -> list[PlaceHit]:
        """The place hits that overlap text[start:end], in text order."""
        return self._place_index().overlapping(start, end)

    def place_at(self, start: int) -> PlaceHit | None:
        """A place hit that starts at `start`."""
        return self._place_index().starting.get(start)

    def _place_index(self) -> _PlaceIndex:
        # Steps replace or extend `place_hits`; the index is rebuilt when the list is another or has grown.
        if self._places is None or not self._places.indexes(self.place_hits):
            self._places = _PlaceIndex(self.place_hits)
        return self._places

    # --- text helpers

    def sentence_of(self, offset: int) -> Sentence:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        return self.doc.sentences[max(i, 0)]

    def body(self) -> Iterator[Span]:
        return iter(self.doc.paragraphs)

    def runs(self, start: int, end: int) -> Iterator[list[Tok]]:
        """Runs of capitalised tokens in text[start:end], cut where text has been claimed already."""
        raw = self._runs_cache.get((start, end))
        if raw is None:
            raw = self._runs_cache[(start, end)] = [
                [Tok(t.start(), t.end(), t.group()) for t in _TOKEN_RE.finditer(self.text, m.start(), m.end())]
                for m in _RUN.finditer(self.text, start, end)
            ]
        for tokens in raw:
            current: list[Tok] = []
            for tok in tokens:
                # "Noida-based Sattvik Foods": the place's "-based" word is not part of a name.
                if not self.is_free(tok.start, tok.end) or tok.text.endswith("-based"):
                    if current and _trim(current):
                        yield _trim(current)
                    current = []
                    continue
                current.append(tok)
            if current and _trim(current):
                yield _trim(current)

    # --- the result

    def to_extraction(self) -> Extraction:
        ex = self.extraction
        used = set(self.ents)
        ex.entities = [
            Entity(e.key, e.kind, e.name, tuple(sorted(e.mentions.values(), key=lambda s: (s.start, s.end))),
                   tuple(sorted(a for a in e.aliases if a != e.name)), e.canonical)
            for e in sorted(self.ents.values(), key=lambda e: e.key)
            if e.key in used
        ]
        return ex


class _Claimed:
    """The claimed text as sorted intervals, any two that overlap kept as their union, so whether a span
    overlaps a claim is one bisection (a span overlaps a union exactly when it overlaps one of its parts)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        # Disjoint intervals sorted by start have sorted ends: the ones a new span overlaps are a run.
        first = bisect.bisect_right(self.spans, start, key=_span_end)
        stop = bisect.bisect_left(self.spans, end, key=_span_start)
        if first < stop:
            self.spans[first:stop] = [(min(start, self.spans[first][0]), max(end, self.spans[stop - 1][1]))]
        else:
            bisect.insort(self.spans, (start, end))

    def overlaps(self, start: int, end: int) -> bool:
        # Of the intervals that start before `end`, the last one reaches furthest.
        i = bisect.bisect_left(self.spans, end, key=_span_start)
        return i > 0 and start < self.spans[i - 1][1]


def _span_start(span: tuple[int, int]) -> int:
    return span[0]


def _span_end(span: tuple[int, int]) -> int:
    return span[1]


class _PlaceIndex:
    """Place hits sorted by start, for overlap lookups by bisection."""

    def __init__(self, hits: list[PlaceHit]) -> None:
        self.source, self.size = hits, len(hits)
        self.hits = sorted(hits, key=lambda h: (h.start, h.end))
        self.starts = [h.start for h in self.hits]
        self.longest = max((h.end - h.start for h in self.hits), default=0)
        self.starting: dict[int, PlaceHit] = {}
        for h in self.hits:
            self.starting.setdefault(h.start, h)

    def indexes(self, hits: list[PlaceHit]) -> bool:
        return hits is self.source and len(hits) == self.size

    def overlapping(self, start: int, end: int) -> list[PlaceHit]:
        # A hit overlapping [start, end) starts before `end` and no more than the longest hit before `start`.
        lo = bisect.bisect_right(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [h for h in self.hits[lo:hi] if h.start < end and start < h.end]


def _trim(tokens: list[Tok]) -> list[Tok]:
    while tokens and tokens[-1].connector:
        tokens = tokens[:-1]
    while tokens and tokens[0].connector:
        tokens = tokens[1:]
    return tokens


def norm_key(name: str) -> str:
    name = name.casefold().replace("\u2019", "'")
    name = re.sub(r"'s\b", "s", name)
    return " ".join(re.findall(r"\w+", name))
