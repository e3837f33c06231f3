"""Extraction results as RDF quads, with provenance on every fact.

Layout of the graph (see ontology/kg.ttl):
- one named graph per article (`id/graph/article/<doc>`) with the article, its sentences, and the mentions
  and facts read from it: everything in it belongs to that article alone, so it can be replaced alone;
- `id/graph/entities`: every entity's type, label and other names (the corpus-level step), and what
  several articles can state alike: the shortcut links the facts imply (product kgo:fromDistrict
  district, kgo:partneredWith, kgo:worksFor, kgo:locatedIn ...) and period nodes. A triple is written
  once, because a query over the union of all graphs would see it once per graph that holds it;
- `id/graph/reference`: gazetteer facts (district in state in country), not read from any article.

Every fact node (kgo:Fact and its subclasses) carries kgo:inArticle, kgo:inSentence, kgo:beginIndex,
kgo:endIndex and kgo:anchorText, where anchorText == article text[beginIndex:endIndex].
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from kg import iris
from kg.documents import Document, Span
from kg.extract.model import Extraction
from kg.resolve import Resolution
from kg.vocab import KGO, RDF, RDFS, SKOS, XSD

ENTITIES_GRAPH = iris.graph("entities")
REFERENCE_GRAPH = iris.graph("reference")
INFERRED_GRAPH = iris.graph("inferred")
ONTOLOGY_GRAPH = iris.graph("ontology")

_A = NamedNode(RDF.type)


def article_graph(doc_id: str) -> str:
    return iris.graph(f"article/{doc_id}")


def integer(n: int) -> Literal:
    return Literal(str(n), datatype=NamedNode(XSD.integer))


def decimal(value: str) -> Literal:
    return Literal(canonical_decimal(value), datatype=NamedNode(XSD.decimal))


def canonical_decimal(value: str) -> str:
    """"1.50E+3" -> "1500", "52.0" -> "52": one spelling per number, so outputs compare byte for byte."""
    d = Decimal(value).normalize()
    text = format(d, "f")
    return text


class _Writer:
    def __init__(self, graph: str) -> None:
        self.graph = NamedNode(graph)
        self.shared_graph = NamedNode(ENTITIES_GRAPH)
        self.quads: list[Quad] = []

    def add(self, s: str, p: str, o: str | Literal | NamedNode) -> None:
        obj = NamedNode(o) if isinstance(o, str) else o
        self.quads.append(Quad(NamedNode(s), NamedNode(p), obj, self.graph))

    def shared(self, s: str, p: str, o: str | Literal | NamedNode) -> None:
        """A triple other articles may state too: it goes to the corpus graph (deduplicated on writing)."""
        obj = NamedNode(o) if isinstance(o, str) else o
        self.quads.append(Quad(NamedNode(s), NamedNode(p), obj, self.shared_graph))

    def text(self, s: str, p: str, value: str) -> None:
        self.add(s, p, Literal(value))


def document_quads(doc: Document, ex: Extraction, res: Resolution) -> list[Quad]:
    """The quads of one article's graph."""
    w = _Writer(article_graph(doc.id))
    art = iris.article(doc.id)
    w.add(art, RDF.type, KGO.NewsArticle)
    w.text(art, RDFS.label, doc.title.text if doc.title else doc.path)
    if doc.title:
        w.text(art, KGO.title, doc.title.text)
    if doc.date:
        w.add(art, KGO.datePublished, Literal(doc.date, datatype=NamedNode(XSD.date)))
    w.text(art, KGO.sourceFile, doc.path)
    w.text(art, KGO.sha256, doc.sha256)
    w.text(art, KGO.text, doc.text)
    w.add(art, KGO.textLength, integer(len(doc.text)))
    if ex.dateline_place:
        w.add(art, KGO.dateline, res.iri(doc.id, ex.dateline_place))
    if ex.agency:
        w.add(art, KGO.agency, res.iri(doc.id, ex.agency))

    for s in doc.sentences:
        node = iris.sentence(doc.id, s.index)
        w.add(node, RDF.type, KGO.Sentence)
        w.add(node, KGO.inArticle, art)
        w.add(node, KGO.sentenceIndex, integer(s.index))
        w.add(node, KGO.beginIndex, integer(s.start))
        w.add(node, KGO.endIndex, integer(s.end))
        w.text(node, KGO.text, s.text)

    def provenance(fact: str, kind: str, span: Span) -> None:
        w.add(fact, RDF.type, kind)
        w.add(fact, KGO.inArticle, art)
        w.add(fact, KGO.inSentence, iris.sentence(doc.id, doc.sentence_at(span.start).index))
        w.add(fact, KGO.beginIndex, integer(span.start))
        w.add(fact, KGO.endIndex, integer(span.end))
        w.text(fact, KGO.anchorText, span.text)

    seen: dict[str, int] = {}

    def fact_iri(kind: str, span: Span) -> str:
        base = iris.fact(doc.id, kind, span.start, span.end)
        n = seen.get(base, 0)
        seen[base] = n + 1
        return iris.fact(doc.id, kind, span.start, span.end, n)

    def ent(key: str) -> str:
        return res.iri(doc.id, key)

    mentioned: set[str] = set()
    for e in ex.entities:
        target = ent(e.key)
        mentioned.add(target)
        for m in e.mentions:
            fact = fact_iri("mention", m)
            provenance(fact, KGO.Mention, m)
            w.add(fact, KGO.mentionOf, target)
    for target in sorted(mentioned):
        w.add(art, KGO.mentions, target)

    for r in ex.roles:
        fact = fact_iri("role", r.evidence)
        provenance(fact, KGO.Role, r.evidence)
        w.add(fact, KGO.member, ent(r.person))
        w.text(fact, KGO.roleTitle, r.title)
        w.add(ent(r.person), KGO.holdsRole, fact)
        if r.organisation:
            w.add(fact, KGO.organisation, ent(r.organisation))
            w.shared(ent(r.person), KGO.worksFor, ent(r.organisation))

    for o in ex.origins:
        fact = fact_iri("origin", o.evidence)
        provenance(fact, KGO.ProductOrigin, o.evidence)
        w.add(fact, KGO.product, ent(o.product))
        w.add(fact, KGO.district, ent(o.district))
        w.shared(ent(o.product), KGO.fromDistrict, ent(o.district))

    for p in ex.partnerships:
        fact = fact_iri("partnership", p.evidence)
        provenance(fact, KGO.Partnership, p.evidence)
        a, b = sorted(ent(k) for k in p.organisations)
        w.add(fact, KGO.partner, a)
        w.add(fact, KGO.partner, b)
        w.text(fact, KGO.partnershipKind, p.kind)
        w.shared(a, KGO.partneredWith, b)

    for q in ex.quotations:
        fact = fact_iri("quotation", q.evidence)
        provenance(fact, KGO.Quotation, q.evidence)
        w.text(fact, KGO.quoteText, q.text)
        if q.speaker:
            w.add(fact, KGO.speaker, ent(q.speaker))
            w.add(ent(q.speaker), KGO.said, fact)

    for f in ex.figures:
        fact = fact_iri("figure", f.evidence)
        provenance(fact, KGO.Figure, f.evidence)
        w.text(fact, KGO.measure, f.measure)
        w.add(fact, KGO.value, decimal(f.value))
        w.text(fact, KGO.unit, f.unit)
        if f.concerns:
            w.add(fact, KGO.concerns, ent(f.concerns))
        if f.period:
            w.text(fact, KGO.periodText, f.period.text)
            if f.period.start or f.period.end:
                node = iris.period(f"{f.period.start or 'open'}_{f.period.end or 'open'}")
                w.add(fact, KGO.period, node)
                w.shared(node, RDF.type, KGO.Period)
                w.shared(node, RDFS.label, Literal(period_label(f.period.start, f.period.end)))
                if f.period.start:
                    w.shared(node, KGO.startDate, Literal(f.period.start, datatype=NamedNode(XSD.date)))
                if f.period.end:
                    w.shared(node, KGO.endDate, Literal(f.period.end, datatype=NamedNode(XSD.date)))

    # Simple relations read from the text are reified as rdf:Statement-shaped facts with provenance.
    simple = (
        [(c.place, KGO.locatedIn, c.container, c.evidence) for c in ex.containments]
        + [(p.programme, KGO.runBy, p.organisation, p.evidence) for p in ex.programme_owners]
        + [(b.organisation, KGO.basedIn, b.place, b.evidence) for b in ex.based_in]
    )
    for subject, predicate, obj, span in simple:
        fact = fact_iri("statement", span)
        provenance(fact, KGO.Fact, span)
        w.add(fact, RDF.subject, ent(subject))
        w.add(fact, RDF.predicate, predicate)
        w.add(fact, RDF.object, ent(obj))
        w.shared(ent(subject), predicate, ent(obj))
    return w.quads


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]


def period_label(start: str | None, end: str | None) -> str:
    """"2020-04-01".."2021-10-31" -> "April 2020 to October 2021"; whole years read as years."""

    def month(d: str) -> str:
        return f"{_MONTH_NAMES[int(d[5:7]) - 1]} {d[:4]}"

    if start and end:
        if start[4:] == "-01-01" and end[4:] == "-12-31":
            return start[:4] if start[:4] == end[:4] else f"{start[:4]} to {end[:4]}"
        if start[:7] == end[:7]:
            return month(start)
        return f"{month(start)} to {month(end)}"
    if start:
        return f"from {month(start)}"
    if end:
        return f"until {month(end)}"
    return "unspecified period"


def entity_quads(res: Resolution) -> Iterator[Quad]:
    g = NamedNode(ENTITIES_GRAPH)
    for iri in sorted(res.entities):
        e = res.entities[iri]
        node = NamedNode(iri)
        yield Quad(node, _A, NamedNode(KGO[e.kind]), g)
        yield Quad(node, NamedNode(RDFS.label), Literal(e.label), g)
        for alias in e.aliases:
            yield Quad(node, NamedNode(SKOS.altLabel), Literal(alias), g)
