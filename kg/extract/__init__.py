"""Extraction: one document in, entities and facts with their text spans out (see `model.py`).

`extract` looks at one document only, so documents can be extracted in parallel and cached; the
corpus-wide step that merges entities across documents is `kg.resolve`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.documents import Document
from kg.extract.model import Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc


def extract(doc: Document, parsed: ParsedDoc | None = None) -> Extraction:
    """Everything kg reads from one article. `parsed` is its spaCy parse when it was made already (in a
    batch, by `kg.extract.nlp.parse_articles`); otherwise it is made here."""
    from kg.extract.pipeline import run

    return run(doc, parsed)
