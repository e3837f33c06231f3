"""SHACL validation of a graph against ontology/shapes.ttl, with pySHACL, as a report of readable violations.

pySHACL works on rdflib graphs, which are slow to build and to query, so only what the shapes read is
loaded: the asserted data (not the inferred graph), without the article and sentence texts (kgo:text; the
offset checks use kgo:textLength), plus the ontology's rdfs:subClassOf triples so that a shape for
kgo:Organisation also applies to companies. Violations are then described with the source sentence of the
node at fault, read from the quads.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from kg.errors import KgError
from kg.paths import ONTOLOGY_DIR
from kg.rdf.quads import INFERRED_GRAPH, ONTOLOGY_GRAPH
from kg.vocab import KGO, RDF, RDFS, XSD

if TYPE_CHECKING:
    import rdflib

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

# Predicates no shape reads: left out of the data graph because they are most of its bytes.
_NOT_VALIDATED = frozenset({KGO.text})

# Above this many asserted quads (about 150 articles) a build skips validation unless asked (`kg build
# --strict`, or `kg validate` afterwards): pySHACL checks some 15,000 quads a second here, so 1,400
# articles (730,000 quads) take about 50 s, and 10,000 articles would take minutes
# (see benchmarks/validate_bench.py).
BUILD_VALIDATION_LIMIT = 100_000

_SENTENCE_WIDTH = 160
_LINK_TARGET_SHAPE = "https://w3id.org/odop-kg/shapes#LinkTargetShape"


@dataclass(frozen=True)
class Violation:
    """One way the graph breaks a shape."""

    focus: str  # the IRI (or blank node id) of the node at fault
    label: str | None  # its rdfs:label, or for a fact its anchor text
    rule: str  # the name of the broken constraint (its rdfs:label in shapes.ttl)
    message: str  # what is wrong
    path: str | None = None
    value: str | None = None
    sentence: str | None = None  # the sentence the node was read from, where there is one
    severity: str = "Violation"

    def line(self) -> str:
        """The violation as one readable line: node, rule, what is wrong, source sentence."""
        label = _shorten(self.label) if self.label else None
        if not label:
            node = f"<{self.focus}>"
        elif label[0] in "\"'\u201c\u2018":  # a quotation's anchor brings its own quotation marks
            node = f"{label} <{self.focus}>"
        else:
            node = f'"{label}" <{self.focus}>'
        text = f"{node}: {self.rule}: {' '.join(self.message.split())}"
        if self.sentence:
            text += f' | sentence: "{_shorten(self.sentence)}"'
        return text

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ValidationReport:
    """What validation found: `conforms` is true when there is no violation."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0  # the triples given to pySHACL
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [v.line() for v in self.violations]

    def as_dict(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "violations": [v.as_dict() for v in self.violations],
            "triples": self.triples,
        }


def validate_quads(quads: Sequence[Quad], shapes: Path | None = None) -> ValidationReport:
    """Validate the asserted data in `quads` against the SHACL shapes (ontology/shapes.ttl by default)."""
    from pyshacl import validate

    started = time.perf_counter()
    shapes_graph = load_shapes(shapes or SHAPES_FILE)
    data = data_graph(quads)
    try:
        conforms, results, _text = validate(
            # advanced: the SPARQL-based targets of shapes.ttl; inplace: the data graph is ours, no copy.
            data, shacl_graph=shapes_graph, inference="none", advanced=True, inplace=True,
            abort_on_first=False, allow_warnings=True,
        )
    except Exception as exc:  # pySHACL raises its own errors for broken shapes
        raise KgError(f"SHACL validation failed to run: {_first_line(exc)}") from None
    violations = _violations(results, shapes_graph, data, quads)
    return ValidationReport(
        conforms=bool(conforms) and not any(v.severity == "Violation" for v in violations),
        violations=violations,
        triples=len(data),
        seconds=time.perf_counter() - started,
    )


def load_shapes(path: Path) -> rdflib.Graph:
    import rdflib

    if not path.is_file():
        raise KgError(f"SHACL shapes not found: {path}")
    g = rdflib.Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:
        raise KgError(f"{path} is not valid Turtle ({_first_line(exc)})") from None
    return g


def data_graph(quads: Iterable[Quad]) -> rdflib.Graph:
    """The rdflib graph pySHACL checks: asserted data without texts, plus the ontology's subclass axioms."""
    import rdflib

    onto = NamedNode(ONTOLOGY_GRAPH)
    inferred = NamedNode(INFERRED_GRAPH)
    subclass = NamedNode(RDFS.subClassOf)
    skip = {NamedNode(p) for p in _NOT_VALIDATED}
    convert = _Converter()
    g = rdflib.Graph()
    triples = []
    saw_ontology = False
    for q in quads:
        graph = q.graph_name
        if graph == onto:
            saw_ontology = True
            if q.predicate != subclass:
                continue
        elif graph == inferred or q.predicate in skip:
            continue
        triples.append((convert(q.subject), convert(q.predicate), convert(q.object)))
    if not saw_ontology:
        from kg.rdf.reference import ontology_quads

        for q in ontology_quads():
            if q.predicate == subclass:
                triples.append((convert(q.subject), convert(q.predicate), convert(q.object)))
    for t in triples:
        g.add(t)
    return g


class _Converter:
    """pyoxigraph terms to rdflib terms, with IRIs cached (the same few thousand recur millions of times)."""

    def __init__(self) -> None:
        import rdflib

        self.rdflib = rdflib
        self.iris: dict[str, rdflib.URIRef] = {}
        self.string = XSD.string

    def __call__(self, term: object) -> Any:
        rdflib = self.rdflib
        if isinstance(term, NamedNode):
            iri = term.value
            node = self.iris.get(iri)
            if node is None:
                node = self.iris[iri] = rdflib.URIRef(iri)
            return node
        if isinstance(term, Literal):
            if term.language:
                return rdflib.Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            if datatype == self.string:
                return rdflib.Literal(term.value)
            return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))
        if isinstance(term, BlankNode):
            return rdflib.BNode(term.value)
        raise KgError(f"cannot validate a graph holding {term!r}")


# ------------------------------------------------------------------------------------------- results


def _violations(
    results: rdflib.Graph, shapes: rdflib.Graph, data: rdflib.Graph, quads: Sequence[Quad]
) -> list[Violation]:
    from rdflib import RDF as R
    from rdflib import RDFS as RS
    from rdflib import SH, URIRef

    raw: list[dict[str, Any]] = []
    for result in results.subjects(R.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        shape = results.value(result, SH.sourceShape)
        constraint = results.value(result, SH.sourceConstraint)
        component = results.value(result, SH.sourceConstraintComponent)
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        rule = (
            (constraint is not None and shapes.value(constraint, RS.label))
            or (shape is not None and shapes.value(shape, RS.label))
            or (str(component).rsplit("#", 1)[-1] if component is not None else "shape")
        )
        message = messages[0] if messages else "does not conform"
        if component in (SH.MinCountConstraintComponent, SH.MaxCountConstraintComponent) and isinstance(
            path, URIRef
        ):
            found = sorted(_show(v) for v in set(data.objects(focus, path)))
            if found:
                message += f" (has {len(found)}: {', '.join(found[:4])}{', ...' if len(found) > 4 else ''})"
        elif component == SH.SPARQLConstraintComponent:
            pass  # the message template already names the values
        elif value is not None and value != focus and str(value) not in message:
            message += f" (found {_show(value)})"
        owner = shapes.value(None, SH.property, shape) if shape is not None else None
        if str(owner or shape) == _LINK_TARGET_SHAPE:
            referrers = sorted(data.subject_predicates(focus))
            if referrers:
                s, p = referrers[0]
                message += f" (linked from {_show(s)} by {_show(p)})"
        raw.append({
            "focus": str(focus),
            "rule": str(rule),
            "message": message,
            "path": str(path) if isinstance(path, URIRef) else None,
            "value": str(value) if value is not None else None,
            "severity": str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        })
    if not raw:
        return []
    context = _Context(quads, {r["focus"] for r in raw})
    out = [
        Violation(label=context.label(r["focus"]), sentence=context.sentence(r["focus"]), **r)
        for r in raw
    ]
    out.sort(key=lambda v: (v.focus, v.rule, v.message, v.value or ""))
    return out


class _Context:
    """Labels and source sentences for the nodes at fault, read from the quads in one pass."""

    def __init__(self, quads: Sequence[Quad], nodes: set[str]) -> None:
        label, anchor, text = NamedNode(RDFS.label), NamedNode(KGO.anchorText), NamedNode(KGO.text)
        in_sentence, mention_of = NamedNode(KGO.inSentence), NamedNode(KGO.mentionOf)
        onto = NamedNode(ONTOLOGY_GRAPH)
        inferred = NamedNode(INFERRED_GRAPH)
        self.labels: dict[str, str] = {}
        self.anchors: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self.sentence_of: dict[str, str] = {}
        # For an entity or a dangling target: the nodes that point to it (first one in IRI order wins).
        self.referrers: dict[str, str] = {}
        rdf_type = NamedNode(RDF.type)
        for q in quads:
            if q.graph_name == onto or q.graph_name == inferred:
                continue
            s = _key(q.subject)
            p = q.predicate
            o = q.object
            if p == in_sentence and isinstance(o, NamedNode):
                self.sentence_of[s] = o.value
            elif p == text and isinstance(o, Literal):
                self.texts[s] = o.value
            elif s in nodes and p == label and isinstance(o, Literal):
                if s not in self.labels or o.value < self.labels[s]:
                    self.labels[s] = o.value
            elif s in nodes and p == anchor and isinstance(o, Literal):
                self.anchors[s] = o.value
            if p != rdf_type and isinstance(o, NamedNode) and o.value in nodes:
                prefer = p == mention_of
                old = self.referrers.get(o.value)
                if old is None or (prefer and s < old):
                    self.referrers[o.value] = s

    def label(self, node: str) -> str | None:
        return self.labels.get(node) or self.anchors.get(node)

    def sentence(self, node: str) -> str | None:
        if node in self.sentence_of:
            return self.texts.get(self.sentence_of[node])
        if "/sentence/" in node and node in self.texts:
            return self.texts[node]
        referrer = self.referrers.get(node)
        if referrer and referrer in self.sentence_of:
            return self.texts.get(self.sentence_of[referrer])
        return None


def _first_line(exc: Exception) -> str:
    """An exception's message on one line, cut short: error messages are one line."""
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text if len(text) <= 200 else text[:199] + "\u2026"


def _key(term: object) -> str:
    return term.value if isinstance(term, NamedNode | BlankNode) else str(term)


def _show(term: object) -> str:
    text = str(term)
    return f"<{text}>" if text.startswith(("http://", "https://")) else f'"{text}"'


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SENTENCE_WIDTH else text[: _SENTENCE_WIDTH - 1] + "\u2026"


def validate_graph(kg_dir: Path, shapes: Path | None = None) -> ValidationReport:
    """Validate the graph that `kg build` wrote to `kg_dir` (read from its store)."""
    from kg.rdf.store import open_store

    store = open_store(kg_dir)
    quads = list(store)
    return validate_quads(quads, shapes)
