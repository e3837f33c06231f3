"""Helpers for the extractor tests: extract invented text and look facts up by name."""

from __future__ import annotations

from kg.documents import parse_document
from kg.extract import extract
from kg.extract.model import Extraction


def run(text: str, name: str = "t.txt") -> Extraction:
    return extract(parse_document(text, name, "0" * 64))


def names(ex: Extraction, *kinds: str) -> set[str]:
    return {e.name for e in ex.entities if e.kind in kinds}


def name_of(ex: Extraction, key: str | None) -> str | None:
    return ex.entity(key).name if key else None


def roles(ex: Extraction) -> set[tuple[str, str, str | None]]:
    return {(name_of(ex, r.person) or "", r.title, name_of(ex, r.organisation)) for r in ex.roles}


def origins(ex: Extraction) -> set[tuple[str, str]]:
    return {(ex.entity(o.product).name, ex.entity(o.district).name) for o in ex.origins}


def partnerships(ex: Extraction) -> set[frozenset[str]]:
    return {frozenset(ex.entity(k).name for k in p.organisations) for p in ex.partnerships}


def quotes(ex: Extraction) -> list[tuple[str | None, str]]:
    return [(name_of(ex, q.speaker), q.text) for q in ex.quotations]


def places(ex: Extraction) -> set[tuple[str, str]]:
    return {(e.name, e.kind) for e in ex.entities if e.kind in ("City", "District", "State", "Country")}
