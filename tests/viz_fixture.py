"""Graph folders for the view tests, built from the invented articles in tests/fixtures/viz/ with a
hand-written extraction, so that the tests do not depend on what the extractor finds today."""

from __future__ import annotations

import re
from pathlib import Path

from kg.documents import Document, Span, read_document
from kg.extract.model import (
    BasedIn,
    Entity,
    Extraction,
    Figure,
    Partnership,
    Period,
    ProductOrigin,
    Quotation,
    Role,
)

VIZ = Path(__file__).resolve().parent / "fixtures" / "viz"

PITAMBAR = "https://w3id.org/odop-kg/id/organisation/pitambar-crafts"
COOPERATIVE = "https://w3id.org/odop-kg/id/organisation/moradabad-brass-artisans-cooperative"
MORADABAD = "https://w3id.org/odop-kg/id/district/moradabad"
BRASSWARE = "https://w3id.org/odop-kg/id/product/brassware"
MEERA = "https://w3id.org/odop-kg/id/person/meera-lal"
NOIDA = "https://w3id.org/odop-kg/id/city/noida"


def find(doc: Document, text: str, nth: int = 0) -> Span:
    starts = [m.start() for m in re.finditer(re.escape(text), doc.text)]
    start = starts[nth]
    return doc.span(start, start + len(text))


def mentions(doc: Document, name: str) -> tuple[Span, ...]:
    return tuple(doc.span(m.start(), m.end()) for m in re.finditer(re.escape(name), doc.text)
                 if doc.title is None or m.start() >= doc.title.end)


def brass_extraction(doc: Document) -> Extraction:
    ex = Extraction(doc.id)
    for key, kind, name in [
        ("pitambar", "Company", "Pitambar Crafts"),
        ("coop", "Association", "Moradabad Brass Artisans Cooperative"),
        ("moradabad", "District", "Moradabad"),
        ("noida", "City", "Noida"),
        ("brassware", "Product", "brassware"),
        ("meera", "Person", "Meera Lal"),
        ("agency", "NewsAgency", "KNS"),
    ]:
        ex.entities.append(Entity(key, kind, name, mentions(doc, name)))
    ex.agency = "agency"
    ex.roles.append(Role("meera", "Managing Director", "pitambar",
                         find(doc, "Meera Lal, Managing Director, Pitambar Crafts")))
    ex.origins.append(ProductOrigin("brassware", "moradabad", find(doc, "brassware from Moradabad")))
    ex.partnerships.append(Partnership(("pitambar", "coop"), "MoU", find(doc, "signed an MoU")))
    quote = "Our buyers love the shine of Moradabad brass & they keep coming back for more."
    ex.quotations.append(Quotation("meera", quote, (find(doc, quote),), find(doc, quote)))
    ex.figures.append(Figure("sales of brassware", "125000000", "INR", find(doc, "Rs 12.5 crore"),
                             Period("2022-23", "2022-04-01", "2023-03-31"), "pitambar"))
    ex.figures.append(Figure("growth in sales", "40", "percent", find(doc, "40 per cent"), None, "pitambar"))
    ex.figures.append(Figure("artisans who gain", "300000", "artisans", find(doc, "3 lakh artisans")))
    ex.based_in.append(BasedIn("pitambar", "noida", find(doc, "Noida-based")))
    return ex


HOSTILE_ORG = 'The <b>Khurja</b> Potters Guild <img src=x onerror="window.__pwned=3">'
HOSTILE_PERSON = "Ravi <script>window.__pwned=4</script> Verma"
HOSTILE_QUOTE = "<img src=x onerror=window.__pwned=5> We sold </script><script>window.__pwned=6</script> plenty."


def hostile_extraction(doc: Document) -> Extraction:
    ex = Extraction(doc.id)
    for key, kind, name in [
        ("guild", "Association", HOSTILE_ORG),
        ("bulandshahr", "District", "Bulandshahr"),
        ("ceramics", "Product", "ceramics"),
        ("ravi", "Person", HOSTILE_PERSON),
    ]:
        ex.entities.append(Entity(key, kind, name, mentions(doc, name)))
    ex.roles.append(Role("ravi", "Secretary", "guild", find(doc, f"{HOSTILE_PERSON}, Secretary")))
    ex.origins.append(ProductOrigin("ceramics", "bulandshahr", find(doc, "ceramics from Bulandshahr")))
    ex.quotations.append(Quotation("ravi", HOSTILE_QUOTE, (find(doc, HOSTILE_QUOTE),), find(doc, HOSTILE_QUOTE)))
    return ex


EXTRACTIONS = {"brass.txt": brass_extraction, "hostile.txt": hostile_extraction}


def build_fixture_kg(names: list[str], out: Path, infer: bool = True) -> Path:
    """A graph folder (kg.trig, store/, build.json) for the named fixture articles, without kg.html."""
    from kg.build import asserted_quads
    from kg.rdf.store import write_graph_folder
    from kg.resolve import resolve

    docs = [read_document(VIZ / name, VIZ) for name in names]
    extractions = [EXTRACTIONS[name](doc) for name, doc in zip(names, docs, strict=True)]
    quads = asserted_quads(docs, extractions, resolve(extractions))
    if infer:
        from kg.rdf.inference import materialise

        quads.extend(materialise(quads))
    write_graph_folder(out, quads, {"documents": names})
    return out
