"""Just enough of SPARQL's lexical structure for syntax messages and --bind checks (what a query may do
is decided in kg/query/policy.py).

Strings, IRIs and comments are blanked out first, so that a label such as "Insert Coin" or a comment
mentioning SERVICE refuses nothing. The real parsing is done by Oxigraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_OPAQUE = re.compile(
    r"""
      '''(?:[^'\\]|\\.|'(?!''))*'''
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>
    | \#[^\n\r]*
    """,
    re.VERBOSE | re.DOTALL,
)

# The prologue (BASE and PREFIX declarations) as it looks once IRIs are blanked out.
_PROLOGUE = re.compile(r"\s*(?:(?:BASE|PREFIX\s+[^\s:]*:)\s*)*", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[A-Za-z]+")
_PREFIX_DECL = re.compile(r"PREFIX\s+([^\s:]*):", re.IGNORECASE)
_PREFIXED_NAME = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:(?=[\w%\\]|\s|[.;,)}\]]|$)")


def mask(text: str) -> str:
    """`text` with every string, IRI and comment replaced by spaces (newlines kept, so positions hold)."""
    return _OPAQUE.sub(lambda m: re.sub(r"[^\n\r]", " ", m.group()), text)


def first_keyword(text: str) -> tuple[str, int] | None:
    """The first word after the prologue (SELECT, ASK, INSERT, ...) and its offset in `text`."""
    code = mask(text)
    prologue = _PROLOGUE.match(code)
    word = _FIRST_WORD.match(code, prologue.end() if prologue else 0)
    return (word.group().upper(), word.start()) if word else None


def undeclared_prefix(text: str, predeclared: Iterable[str]) -> tuple[str, int] | None:
    """The first prefixed name whose prefix neither the query nor `predeclared` declares, and its offset."""
    code = mask(text)
    known = set(predeclared) | {m.group(1) for m in _PREFIX_DECL.finditer(code)}
    for m in _PREFIXED_NAME.finditer(code):
        name = m.group(1) or ""
        if name not in known:
            return name, m.start()
    return None


def check_read_only(text: str) -> None:
    """Raise QueryRefusedError for a query kg does not run (kept for callers of the old name): see
    kg.query.policy.check_query, which decides it from the query's tokens."""
    from kg.query.policy import check_query

    check_query(text)
