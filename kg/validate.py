"""SHACL validation (placeholder: to be written for issue 5)."""

from __future__ import annotations

from pyoxigraph import Quad


def validate_quads(quads: list[Quad]) -> list[str]:
    return []
