"""An invented article with a hand-written extraction holding every kind of fact, as quads.

Used by the validation and inference tests, so that they do not depend on what the extractor finds today.
Every name, quote and figure in it is made up.
"""

from __future__ import annotations

import hashlib

from pyoxigraph import Quad

from kg.documents import Document, Span, parse_document
from kg.extract.model import (
    BasedIn,
    Containment,
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

TEXT = """ date 2024-03-02 Potters of Chauri sign a pact with Kilnworks

Lucknow, Mar 2 (IANS) Kilnworks, a Pune-based company, signed an MoU with the Uttar Pradesh government \
to sell terracotta from Gorakhpur. Chauri, a village in Gorakhpur district, has 300 potters.

"Our potters will reach every home," said Meera Joshi, Director of Kilnworks. \
Sales rose to Rs 12 crore in 2023-24 under the ODOP scheme of the Uttar Pradesh government.
--IANS
"""


def document() -> Document:
    return parse_document(TEXT, "fixture/chauri.txt", hashlib.sha256(TEXT.encode()).hexdigest())


def span(doc: Document, text: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return doc.span(start, start + len(text))


def extraction(doc: Document) -> Extraction:
    s = lambda text, nth=0: span(doc, text, nth)  # noqa: E731
    ex = Extraction(doc.id)
    ex.entities = [
        Entity("kilnworks", "Company", "Kilnworks", (s("Kilnworks", 1), s("Kilnworks", 2))),
        Entity("upgov", "GovernmentBody", "Uttar Pradesh government",
               (s("Uttar Pradesh government"), s("Uttar Pradesh government", 1))),
        Entity("ians", "NewsAgency", "IANS", (s("IANS"),)),
        Entity("meera", "Person", "Meera Joshi", (s("Meera Joshi"),)),
        Entity("gorakhpur", "District", "Gorakhpur", (s("Gorakhpur"), s("Gorakhpur", 1))),
        Entity("chauri", "City", "Chauri", (s("Chauri", 1),)),
        Entity("pune", "City", "Pune", (s("Pune"),)),
        Entity("lucknow", "City", "Lucknow", (s("Lucknow"),)),
        Entity("terracotta", "Product", "terracotta", (s("terracotta"),)),
        Entity("odop", "Programme", "ODOP", (s("ODOP"),)),
    ]
    ex.dateline_place = "lucknow"
    ex.agency = "ians"
    ex.roles = [Role("meera", "Director", "kilnworks", s("Meera Joshi, Director of Kilnworks"))]
    ex.origins = [ProductOrigin("terracotta", "gorakhpur", s("terracotta from Gorakhpur"))]
    ex.partnerships = [Partnership(("kilnworks", "upgov"), "MoU", s("signed an MoU"))]
    quote = s("Our potters will reach every home,")
    ex.quotations = [Quotation("meera", "Our potters will reach every home,", (quote,), quote)]
    ex.figures = [
        Figure("sales", "120000000", "INR", s("Rs 12 crore"), Period("2023-24", "2023-04-01", "2024-03-31"),
               "kilnworks"),
        Figure("potters", "300", "potters", s("300 potters"), None, "chauri"),
    ]
    ex.containments = [Containment("chauri", "gorakhpur", s("Chauri, a village in Gorakhpur district"))]
    ex.programme_owners = [ProgrammeOwner("odop", "upgov", s("ODOP scheme of the Uttar Pradesh government"))]
    ex.based_in = [BasedIn("kilnworks", "pune", s("Pune-based"))]
    return ex


def quads(extraction_: Extraction | None = None, doc: Document | None = None) -> list[Quad]:
    """Every quad a build writes for the fixture article (before inference)."""
    from kg.build import asserted_quads
    from kg.resolve import resolve

    doc = doc or document()
    ex = extraction_ or extraction(doc)
    return asserted_quads([doc], [ex], resolve([ex]))
