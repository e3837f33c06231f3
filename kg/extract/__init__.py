"""Extraction: one document in, entities and facts with their text spans out (see `model.py`).

`extract` looks at one document only, so documents can be extracted in parallel and cached; the
corpus-wide step that merges entities across documents is `kg.resolve`.
"""

from __future__ import annotations

from kg.documents import Document
from kg.extract.model import Extraction


def extract(doc: Document) -> Extraction:
    """Everything kg reads from one article."""
    from kg.extract.pipeline import run

    return run(doc)
