"""Phrasings that yield facts, kept as rows of data files in this folder and run by spaCy's matchers.

Each `*.toml` file here holds the rows of one relation. A row has an `id`, a spaCy `DependencyMatcher`
pattern (or, with `matcher = "tokens"`, a `Matcher` token-sequence pattern whose `roles` name pattern
positions: a role is the first token its position matched), `yields` (which captured token plays which
role in the fact), an invented `example` sentence and the yield it must give (`expect`).
`tests/test_patterns.py` runs every row's example, so adding a phrasing means adding a row. A `[words]`
table names word lists that patterns use as `{IN = "@name"}`.

This module only loads rows and runs them; what a captured token stands for (the organisation it
names, the subject of a verb) is decided by the relation's own module.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.matcher import DependencyMatcher, Matcher
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab

PATTERNS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Row:
    """One phrasing: its pattern, what it yields, and the example that proves it."""

    id: str
    pattern: tuple[Any, ...]
    yields: dict[str, str]
    example: str
    expect: tuple[Any, ...]
    matcher: str = "dependency"
    roles: dict[str, int] = field(default_factory=dict)  # token-sequence rows: role -> pattern position
    options: dict[str, Any] = field(default_factory=dict)  # anything else the relation reads


@dataclass(frozen=True)
class Hit:
    """A row matched in a document: the tokens its pattern captured, by name."""

    row: Row
    tokens: dict[str, Token]
    span: tuple[int, int] = (0, 0)  # token-sequence rows: the matched tokens [start, end)


_ROW_KEYS = {"id", "pattern", "yields", "example", "expect", "matcher", "roles"}


def _expand(value: Any, words: dict[str, list[str]]) -> Any:
    """Replace "@name" inside IN/NOT_IN lists by the word list of that name."""
    if isinstance(value, dict):
        return {k: _expand(v, words) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, words) for v in value]
    if isinstance(value, str) and value.startswith("@"):
        return list(words[value[1:]])
    return value


@cache
def load(name: str) -> tuple[Row, ...]:
    """The rows of `kg/extract/patterns/<name>.toml`, in file order."""
    data = tomllib.loads((PATTERNS_DIR / f"{name}.toml").read_text(encoding="utf-8"))
    words = data.get("words", {})
    rows = []
    for raw in data.get("rows", []):
        rows.append(Row(
            id=raw["id"], pattern=tuple(_expand(raw["pattern"], words)), yields=dict(raw.get("yields", {})),
            example=raw["example"], expect=tuple(raw.get("expect", [])), matcher=raw.get("matcher", "dependency"),
            roles=dict(raw.get("roles", {})), options={k: v for k, v in raw.items() if k not in _ROW_KEYS},
        ))
    ids = [r.id for r in rows]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{name}.toml: row ids must be unique")
    return tuple(rows)


@cache
def words(name: str) -> dict[str, tuple[str, ...]]:
    """The `[words]` lists of a pattern file (for code that tests a token against them)."""
    data = tomllib.loads((PATTERNS_DIR / f"{name}.toml").read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in data.get("words", {}).items()}


def run(rows: tuple[Row, ...], doc: Doc | Span) -> list[Hit]:
    """Every match of every row in `doc`, ordered by position then row order (deterministic).

    The rows of one matcher kind run as one spaCy matcher (built once per rows and vocabulary), so the
    text is read once per kind whatever the number of rows."""
    found: list[tuple[int, int, Hit]] = []
    order = {row.id: i for i, row in enumerate(rows)}
    for hit in _hits(_matchers(rows, doc.vocab), doc):
        first = min((t.i for t in hit.tokens.values()), default=hit.span[0])
        found.append((first, order[hit.row.id], hit))
    found.sort(key=lambda f: (f[0], f[1], sorted(t.i for t in f[2].tokens.values())))
    return [f[2] for f in found]


@dataclass(frozen=True)
class _Matchers:
    rows: tuple[Row, ...]
    by_key: dict[int, Row]  # the matchers' match ids (hashes of the row ids)
    tokens: Matcher | None
    dependency: DependencyMatcher | None


# Built matchers by (id of the rows tuple, id of the vocabulary); each entry holds its rows, so the id
# stays theirs while it is cached.
_BUILT: dict[tuple[int, int], _Matchers] = {}


def _matchers(rows: tuple[Row, ...], vocab: Vocab) -> _Matchers:
    key = (id(rows), id(vocab))
    built = _BUILT.get(key)
    if built is not None and built.rows is rows:
        return built
    from spacy.matcher import DependencyMatcher, Matcher

    tokens = [r for r in rows if r.matcher == "tokens"]
    dependency = [r for r in rows if r.matcher != "tokens"]
    token_matcher = Matcher(vocab) if tokens else None
    for row in tokens:
        token_matcher.add(row.id, [list(row.pattern)])  # type: ignore[union-attr]
    dep_matcher = DependencyMatcher(vocab) if dependency else None
    for row in dependency:
        dep_matcher.add(row.id, [list(row.pattern)])  # type: ignore[union-attr]
    built = _BUILT[key] = _Matchers(rows, {vocab.strings[r.id]: r for r in rows}, token_matcher, dep_matcher)
    return built


def _hits(matchers: _Matchers, doc: Doc | Span) -> Iterator[Hit]:
    if matchers.tokens is not None:
        for match_id, start, end, aligned in matchers.tokens(doc, with_alignments=True):  # type: ignore[misc]
            row = matchers.by_key[match_id]
            # A role names a pattern position: the first token that position matched.
            first = {position: start + i for i, position in reversed(list(enumerate(aligned)))}
            yield Hit(row, {role: doc[first[pos]] for role, pos in row.roles.items()}, (start, end))
    if matchers.dependency is not None:
        for match_id, token_ids in matchers.dependency(doc):
            row = matchers.by_key[match_id]
            names = [node["RIGHT_ID"] for node in row.pattern]
            yield Hit(row, {n: doc[i] for n, i in zip(names, token_ids, strict=True)})
