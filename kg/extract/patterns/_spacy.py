"""The article's spaCy parse for the phrasing patterns: the one made by kg.extract.nlp (hash-checked model)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.extract.nlp import parse, readable_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["body_text", "doc_of", "parse"]


def doc_of(ctx: Any) -> Doc:
    """The parse of the article's title and paragraphs, made once per Context (`Context.parsed`)."""
    parsed: Doc = ctx.parsed
    return parsed


def body_text(document: Any) -> str:
    """The article's text with everything but its title and paragraphs blanked (offsets unchanged)."""
    return readable_text(document)
