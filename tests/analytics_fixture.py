"""A graph folder for the analytics tests (stats, path, export), built by `kg.build.build` from the
invented articles in tests/fixtures/analytics/seeds/ with a hand-written extraction in place of the
extractor, so that these tests do not depend on what the extractor finds today."""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import pytest

from kg.documents import Document, Span
from kg.extract.model import (
    BasedIn,
    Entity,
    Extraction,
    Figure,
    Partnership,
    Period,
    ProductOrigin,
    ProgrammeOwner,
    Quotation,
    Role,
)

SEEDS = Path(__file__).resolve().parent / "fixtures" / "analytics" / "seeds"
ID = "https://w3id.org/odop-kg/id/"
BLUEBIRD = ID + "organisation/bluebird-bazaar"
UP_GOVERNMENT = ID + "organisation/uttar-pradesh-government"
UP = ID + "state/uttar-pradesh"
INDIA = ID + "country/india"
KANPUR = ID + "district/kanpur"
VARANASI_DISTRICT = ID + "district/varanasi"
VARANASI_CITY = ID + "city/varanasi"
GUILD = ID + "organisation/kashi-weavers-guild"
LAKEVIEW = ID + "organisation/lakeview-dairy-cooperative"
PUNE = ID + "city/pune"
ASHA = ID + "person/asha-verma"
KNS = ID + "organisation/kns"


def find(doc: Document, text: str, nth: int = 0) -> Span:
    start = [m.start() for m in re.finditer(re.escape(text), doc.text)][nth]
    return doc.span(start, start + len(text))


def mentions(doc: Document, name: str) -> tuple[Span, ...]:
    """Every mention of `name` in the body (the headline is not a sentence)."""
    body = doc.sentences[0].start
    return tuple(doc.span(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", doc.text)
                 if m.start() >= body)


def _entities(doc: Document, ex: Extraction, table: list[tuple[str, str, str]]) -> None:
    for key, kind, name in table:
        # The platform is also called "Bluebird" (an alias, written as skos:altLabel).
        aliases = ("Bluebird",) if key == "bluebird" else ()
        ex.entities.append(Entity(key, kind, name, mentions(doc, name), aliases))
    ex.entities.append(Entity("kns", "NewsAgency", "KNS", (doc.agency,) if doc.agency else ()))
    ex.agency = "kns"


def _kanpur(doc: Document) -> Extraction:
    ex = Extraction(doc.id)
    _entities(doc, ex, [
        ("bluebird", "Company", "Bluebird Bazaar"),
        ("upgov", "GovernmentBody", "Uttar Pradesh government"),
        ("odop", "Programme", "ODOP"),
        ("kanpur", "District", "Kanpur"),
        ("leather", "Product", "leather goods"),
        ("asha", "Person", "Asha Verma"),
    ])
    ex.origins.append(ProductOrigin("leather", "kanpur", find(doc, "leather goods from Kanpur")))
    ex.based_in.append(BasedIn("bluebird", "kanpur", find(doc, "Kanpur-based")))
    ex.partnerships.append(Partnership(("bluebird", "upgov"), "MoU", find(doc, "signed an MoU")))
    ex.programme_owners.append(ProgrammeOwner("odop", "upgov", find(doc, "its ODOP scheme")))
    ex.roles.append(Role("asha", "Director", "bluebird", find(doc, "Asha Verma, Director, Bluebird Bazaar")))
    words = "Artisans in Kanpur now reach buyers across the country within days."
    ex.quotations.append(Quotation("asha", words, (find(doc, words),), find(doc, words)))
    ex.figures.append(Figure("sales growth", "40", "percent", find(doc, "40 per cent"),
                             Period("in 2022", "2022-01-01", "2022-12-31"), "leather"))
    return ex


def _varanasi(doc: Document) -> Extraction:
    ex = Extraction(doc.id)
    _entities(doc, ex, [
        ("guild", "Association", "Kashi Weavers Guild"),
        ("bluebird", "Company", "Bluebird Bazaar"),
        ("silk", "Product", "Silk sarees"),
        ("lakeview", "Association", "Lakeview Dairy Cooperative"),
        ("pune", "City", "Pune"),
    ])
    # "Varanasi" names the district the sarees come from, and the city of the dateline.
    district = tuple(s for s in mentions(doc, "Varanasi") if doc.text[s.start - 5:s.start] == "from ")
    ex.entities.append(Entity("varanasi-district", "District", "Varanasi", district))
    assert doc.dateline is not None
    ex.entities.append(Entity("varanasi-city", "City", "Varanasi", (doc.dateline,)))
    ex.dateline_place = "varanasi-city"
    ex.origins.append(ProductOrigin("silk", "varanasi-district", find(doc, "Silk sarees from Varanasi")))
    ex.based_in.append(BasedIn("guild", "varanasi-city", find(doc, "Varanasi-based")))
    ex.partnerships.append(Partnership(("guild", "bluebird"), "partnered", find(doc, "partnered with")))
    ex.based_in.append(BasedIn("lakeview", "pune", find(doc, "Pune-based")))
    return ex


def fake_extract(doc: Document) -> Extraction:
    return {"01_kanpur_leather": _kanpur, "02_varanasi_silk": _varanasi}[doc.id](doc)


def build_analytics_kg(out: Path) -> Path:
    """Build the fixture graph folder at `out` (through kg build, with the hand-written extraction).

    Validation is left out: it is tested elsewhere, and these tests only read the graph.
    """
    from kg.build import build

    with mock.patch("kg.extract.extract", fake_extract):
        build(SEEDS, out, html=False, validate=False, jobs=1)
    return out


_built: dict[str, Path] = {}


def shared_analytics_kg(tmp_path_factory: pytest.TempPathFactory, name: str = "out") -> Path:
    """The fixture graph folder, built once per test session (tests must not change it)."""
    if name not in _built:
        _built[name] = build_analytics_kg(tmp_path_factory.mktemp("analytics") / name)
    return _built[name]
