"""Materialising what the ontology implies (placeholder: to be written for issue 5)."""

from __future__ import annotations

from pyoxigraph import Quad


def materialise(quads: list[Quad]) -> list[Quad]:
    return []
