"""Phrasings that yield facts, kept as rows of data files in this folder and run by spaCy's matchers.

Each `*.toml` file here holds the rows of one relation. A row has an `id`, a spaCy `DependencyMatcher`
pattern (or, with `matcher = "tokens"`, a `Matcher` token-sequence pattern whose `roles` name token
positions), `yields` (which captured token plays which role in the fact), an invented `example`
sentence and the yield it must give (`expect`). `tests/test_patterns.py` runs every row's example, so
adding a phrasing means adding a row. A `[words]` table names word lists that patterns use as
`{IN = "@name"}`.

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
    from spacy.tokens import Doc, Span, Token

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
    roles: dict[str, int] = field(default_factory=dict)  # token-sequence rows: role -> position
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
    """Every match of every row in `doc`, ordered by position then row order (deterministic)."""
    found: list[tuple[int, int, Hit]] = []
    for order, row in enumerate(rows):
        for hit in _run_row(row, doc):
            first = min((t.i for t in hit.tokens.values()), default=hit.span[0])
            found.append((first, order, hit))
    found.sort(key=lambda f: (f[0], f[1], sorted(t.i for t in f[2].tokens.values())))
    return [f[2] for f in found]


def _run_row(row: Row, doc: Doc | Span) -> Iterator[Hit]:
    if row.matcher == "tokens":
        from spacy.matcher import Matcher

        matcher = Matcher(doc.vocab)
        matcher.add(row.id, [list(row.pattern)])
        for _, start, end in matcher(doc):
            span = doc[start:end]
            yield Hit(row, {role: span[pos] for role, pos in row.roles.items()}, (start, end))
        return
    from spacy.matcher import DependencyMatcher

    dep = DependencyMatcher(doc.vocab)
    dep.add(row.id, [list(row.pattern)])
    names = [node["RIGHT_ID"] for node in row.pattern]
    for _, token_ids in dep(doc):
        yield Hit(row, {n: doc[i] for n, i in zip(names, token_ids, strict=True)})
