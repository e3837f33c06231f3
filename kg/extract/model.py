"""What extraction produces for one document: entities with their mentions, and facts with their evidence.

Everything here is plain, frozen and picklable, so that documents can be extracted in parallel worker
processes and cached. Entities are referred to by a document-local `key`; the corpus step
(`kg.resolve`) turns keys into one IRI per real-world thing across all documents.

Every `Span` is an exact slice of `Document.text`: `doc.text[span.start:span.end] == span.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.documents import Span

# The kinds of entity, as named in the ontology (kgo:<Kind>), from the kinds table (kg/data/entity_kinds.csv).
from kg.kinds import ENTITY_KINDS, ORGANISATION_KINDS, PLACE_KINDS  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class Entity:
    """A thing the document talks about. `name` is its fullest name in this document."""

    key: str
    kind: str
    name: str
    mentions: tuple[Span, ...]
    aliases: tuple[str, ...] = ()
    # For places from the gazetteer: the canonical name there (for example "Sant Ravidas Nagar").
    canonical: str | None = None


@dataclass(frozen=True)
class Role:
    """A person holds a title (at an organisation, when the text names one)."""

    person: str
    title: str
    organisation: str | None
    evidence: Span


@dataclass(frozen=True)
class ProductOrigin:
    """A product or craft associated with a district ("brassware from Moradabad")."""

    product: str
    district: str
    evidence: Span


@dataclass(frozen=True)
class Partnership:
    """Two organisations that partnered (MoU, tie-up, joined hands). `kind` is the text's word for it."""

    organisations: tuple[str, str]
    kind: str
    evidence: Span
    year: int | None = None


@dataclass(frozen=True)
class Quotation:
    """A direct quotation: `text` is the quoted words (one or more quoted pieces joined by a space)."""

    speaker: str | None
    text: str
    pieces: tuple[Span, ...]
    evidence: Span


@dataclass(frozen=True)
class Period:
    """The period a figure refers to, as stated, with ISO dates where the text allows."""

    text: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Figure:
    """A reported number: `value` normalised (10 crore -> 100000000), `unit` INR/USD/percent/a noun/year."""

    measure: str
    value: str  # a decimal number written without exponent, e.g. "100000000" or "52.5"
    unit: str
    evidence: Span  # the number as written, with its unit ("Rs 3,750 crore")
    period: Period | None = None
    concerns: str | None = None


@dataclass(frozen=True)
class Containment:
    """One place lies in another ("Khurja, a town in Bulandshahr district")."""

    place: str
    container: str
    evidence: Span


@dataclass(frozen=True)
class ProgrammeOwner:
    """A programme run by an organisation ("the Uttar Pradesh government's ODOP scheme")."""

    programme: str
    organisation: str
    evidence: Span


@dataclass(frozen=True)
class BasedIn:
    """An organisation based in a place ("a Bengaluru-based firm")."""

    organisation: str
    place: str
    evidence: Span


@dataclass
class Extraction:
    """Everything read from one document."""

    doc_id: str
    entities: list[Entity] = field(default_factory=list)
    # Keys of the dateline's place (a City) and of the agency that filed the story (a NewsAgency).
    dateline_place: str | None = None
    agency: str | None = None
    roles: list[Role] = field(default_factory=list)
    origins: list[ProductOrigin] = field(default_factory=list)
    partnerships: list[Partnership] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    containments: list[Containment] = field(default_factory=list)
    programme_owners: list[ProgrammeOwner] = field(default_factory=list)
    based_in: list[BasedIn] = field(default_factory=list)

    def entity(self, key: str) -> Entity:
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)

    def spans(self) -> list[Span]:
        """Every span this extraction claims was read from the text (for the offsets invariant)."""
        out: list[Span] = [m for e in self.entities for m in e.mentions]
        for group in (self.roles, self.origins, self.partnerships, self.figures, self.containments,
                      self.programme_owners, self.based_in):
            out.extend(f.evidence for f in group)
        for q in self.quotations:
            out.append(q.evidence)
            out.extend(q.pieces)
        return out
