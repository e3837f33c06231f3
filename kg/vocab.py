"""RDF namespaces, declared once. Terms are plain IRI strings so that importing this module is free.

`KGO.Compnay` (a typo) raises AttributeError: every term of our ontology is listed here, and a test
checks that the list and `ontology/kg.ttl` agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


class Namespace:
    """A namespace whose terms are checked: unknown names raise AttributeError.

    `more` adds terms kept elsewhere (the entity kinds, in kg/data/entity_kinds.csv); it is called the
    first time a term is not among `terms`, so that importing this module stays free.
    """

    def __init__(self, base: str, terms: str | None = None, more: Callable[[], Iterable[str]] | None = None) -> None:
        self.base = base
        self._listed = frozenset(terms.split()) if terms else None
        self._more = more
        self._all: frozenset[str] | None = None if more else self._listed

    @property
    def terms(self) -> frozenset[str] | None:
        if self._all is None and self._listed is not None and self._more is not None:
            self._all = self._listed | frozenset(self._more())
        return self._all

    def __getattr__(self, name: str) -> str:
        if name.startswith("__") or name.startswith("_"):
            raise AttributeError(name)
        if self._listed is not None and name not in self._listed and name not in (self.terms or ()):
            raise AttributeError(f"{name!r} is not a term of <{self.base}>")
        return self.base + name

    def __getitem__(self, name: str) -> str:
        return self.__getattr__(name)


BASE = "https://w3id.org/odop-kg/"

KGO = Namespace(
    BASE + "ontology#",
    """
    NewsArticle Sentence Fact Mention Agent
    Role Period
    ProductOrigin Partnership Quotation Figure PlaceContainment
    title datePublished dateline agency sourceFile text textLength sha256
    inArticle inSentence beginIndex endIndex anchorText sentenceIndex
    mentionOf mentions
    member organisation roleTitle holdsRole worksFor
    locatedIn basedIn
    product district fromDistrict knownFor
    partner partneredWith partnershipKind
    speaker quoteText said
    value unit measure period concerns startDate endDate periodText
    runBy
    """,
    more=lambda: _entity_kinds(),
)


def _entity_kinds() -> tuple[str, ...]:
    from kg.kinds import ENTITY_KINDS

    return ENTITY_KINDS
KGID = Namespace(BASE + "id/")

RDF = Namespace(
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "type Property langString subject predicate object Statement",
)
RDFS = Namespace(
    "http://www.w3.org/2000/01/rdf-schema#",
    "label comment subClassOf subPropertyOf domain range Class Literal Resource seeAlso",
)
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

# Prefixes predeclared for queries and used when writing Turtle/TriG.
PREFIXES: dict[str, str] = {
    "kgo": KGO.base,
    "kg": KGID.base,
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "owl": OWL.base,
    "xsd": XSD.base,
    "skos": SKOS.base,
    "schema": SCHEMA.base,
    "org": ORG.base,
    "prov": PROV.base,
    "time": TIME.base,
    "nif": NIF.base,
    "dcterms": DCTERMS.base,
}
