"""The extraction pipeline: a minimal first version (districts and the agency) to be grown."""

from __future__ import annotations

import csv
import re
from functools import cache

from kg.documents import Document
from kg.extract.model import Entity, Extraction
from kg.paths import DATA_DIR


@cache
def _districts() -> dict[str, str]:
    names: dict[str, str] = {}
    with (DATA_DIR / "up_districts.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names[row["district"]] = row["district"]
    return names


def run(doc: Document) -> Extraction:
    ex = Extraction(doc.id)
    for name in sorted(_districts()):
        spans = tuple(
            doc.span(m.start(), m.end())
            for p in doc.paragraphs
            for m in re.finditer(rf"\b{re.escape(name)}\b", doc.text[: p.end])
            if m.start() >= p.start
        )
        if spans:
            ex.entities.append(Entity(f"district:{name}", "District", name, spans))
    if doc.agency:
        ex.entities.append(Entity("agency", "NewsAgency", doc.agency.text, (doc.agency,)))
        ex.agency = "agency"
    return ex
