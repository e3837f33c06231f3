"""Materialising what the ontology implies, so that queries need no reasoner.

Rules (a small, fast subset of RDFS/OWL 2 RL, computed over the quads with dicts, not an rdflib reasoner):
- subclass closure: `x a C` and `C rdfs:subClassOf* D` give `x a D` (up to schema:, org:, prov: classes);
- subproperty closure: `s p o` and `p rdfs:subPropertyOf* q` give `s q o`;
- `p owl:inverseOf q` gives `o q s` from `s p o` (both ways);
- `p a owl:SymmetricProperty` gives `o p s`;
- `p a owl:TransitiveProperty` (kgo:locatedIn) gives `a p c` from `a p b`, `b p c`;
- owl:equivalentClass / owl:equivalentProperty count as subclass / subproperty both ways.

Provenance records are left as they are: mentions and sentences get no inferred types, and the
bookkeeping properties of provenance (kgo:inArticle, kgo:inSentence, kgo:beginIndex, kgo:endIndex,
kgo:anchorText, kgo:text, kgo:sentenceIndex) are not copied to their NIF, PROV and schema.org
super-properties. Expanding them would double the graph for questions nobody asks of it in those
terms; the facts, entities and their links are expanded in full.

Domain and range are not used to type nodes: kg writes every type it means. The ontology's own axioms are
not reasoned over. Inferred triples go to the named graph INFERRED_GRAPH, carry no provenance, and never
repeat a triple that is asserted in any graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from pyoxigraph import BlankNode, NamedNode, Quad

from kg.rdf.quads import INFERRED_GRAPH, ONTOLOGY_GRAPH
from kg.vocab import KGO, OWL, RDF, RDFS

_TYPE = NamedNode(RDF.type)
_SUBCLASS = NamedNode(RDFS.subClassOf)
_SUBPROPERTY = NamedNode(RDFS.subPropertyOf)
_INVERSE = NamedNode(OWL.inverseOf)
_EQ_CLASS = NamedNode(OWL.equivalentClass)
_EQ_PROPERTY = NamedNode(OWL.equivalentProperty)
_SYMMETRIC = NamedNode(OWL.SymmetricProperty)
_TRANSITIVE = NamedNode(OWL.TransitiveProperty)

# Provenance records and their bookkeeping properties: not expanded (see the module docstring).
_PROVENANCE_CLASSES = frozenset(NamedNode(KGO[c]) for c in ("Mention", "Sentence"))
_PROVENANCE_PROPERTIES = frozenset(
    NamedNode(KGO[p])
    for p in ("inArticle", "inSentence", "beginIndex", "endIndex", "anchorText", "text", "sentenceIndex")
)

# A property with an orientation: (q, False) means "s p o gives s q o", (q, True) "gives o q s".
_Directed = tuple[NamedNode, bool]
_Triple = tuple[Any, NamedNode, Any]


class Schema:
    """What the rules need from the ontology: superclasses, property expansions, transitive properties."""

    def __init__(self, axioms: Iterable[Quad]) -> None:
        sub_class: dict[NamedNode, set[NamedNode]] = defaultdict(set)
        sub_prop: dict[NamedNode, set[NamedNode]] = defaultdict(set)
        inverse: dict[NamedNode, set[NamedNode]] = defaultdict(set)
        self.symmetric: set[NamedNode] = set()
        self.transitive: set[NamedNode] = set()
        for q in axioms:
            s, p, o = q.subject, q.predicate, q.object
            if not isinstance(s, NamedNode) or not isinstance(o, NamedNode):
                continue
            if p == _SUBCLASS:
                sub_class[s].add(o)
            elif p == _EQ_CLASS:
                sub_class[s].add(o)
                sub_class[o].add(s)
            elif p == _SUBPROPERTY:
                sub_prop[s].add(o)
            elif p == _EQ_PROPERTY:
                sub_prop[s].add(o)
                sub_prop[o].add(s)
            elif p == _INVERSE:
                inverse[s].add(o)
                inverse[o].add(s)
            elif p == _TYPE and o == _SYMMETRIC:
                self.symmetric.add(s)
            elif p == _TYPE and o == _TRANSITIVE:
                self.transitive.add(s)

        # Every class's strict superclasses (reflexive-transitive closure, minus itself).
        self.superclasses: dict[NamedNode, frozenset[NamedNode]] = {}
        for c in sub_class:
            seen: set[NamedNode] = set()
            stack = list(sub_class[c])
            while stack:
                d = stack.pop()
                if d not in seen:
                    seen.add(d)
                    stack.extend(sub_class.get(d, ()))
            seen.discard(c)
            if seen:
                self.superclasses[c] = frozenset(seen)

        # Every property's expansions: the directed properties reachable through subPropertyOf, inverseOf
        # and symmetry. Orientation flips on inverse and symmetric steps, and sub-properties keep it.
        def step(node: _Directed) -> Iterable[_Directed]:
            p, flipped = node
            for q in sub_prop.get(p, ()):
                yield (q, flipped)
            for q in inverse.get(p, ()):
                yield (q, not flipped)
            if p in self.symmetric:
                yield (p, not flipped)

        props = set(sub_prop) | set(inverse) | self.symmetric
        self.expansions: dict[NamedNode, tuple[_Directed, ...]] = {}
        for p in props:
            start: _Directed = (p, False)
            reached: set[_Directed] = set()
            todo = [start]
            while todo:
                node = todo.pop()
                for nxt in step(node):
                    if nxt not in reached:
                        reached.add(nxt)
                        todo.append(nxt)
            reached.discard(start)
            if reached:
                self.expansions[p] = tuple(sorted(reached, key=lambda d: (d[0].value, d[1])))

    def __bool__(self) -> bool:
        return bool(self.superclasses or self.expansions or self.transitive)


def materialise(
    quads: Sequence[Quad], ontology: Iterable[Quad] | None = None, schema: Schema | None = None
) -> list[Quad]:
    """The triples the ontology implies from `quads`, as quads in INFERRED_GRAPH.

    The ontology is `schema` when given, else read from `ontology`, else from the quads in ONTOLOGY_GRAPH,
    else from ontology/*.ttl. Triples already asserted (in any graph) are not returned. The order follows
    the input's, so the same input gives the same list.
    """
    onto_graph = NamedNode(ONTOLOGY_GRAPH)
    inferred_graph = NamedNode(INFERRED_GRAPH)
    if schema is None:
        if ontology is None:
            ontology = [q for q in quads if q.graph_name == onto_graph]
            if not ontology:
                from kg.rdf.reference import ontology_quads

                ontology = ontology_quads()
        schema = Schema(ontology)
    if not schema:
        return []
    expansions = schema.expansions
    superclasses = schema.superclasses
    transitive = schema.transitive
    data = [q for q in quads if q.graph_name not in (onto_graph, inferred_graph)]
    records = {q.subject for q in data if q.predicate == _TYPE and q.object in _PROVENANCE_CLASSES}

    # Inferred triples, in the order found (a dict keeps insertion order and drops repeats).
    found: dict[_Triple, None] = {}

    def derive(s: Any, p: NamedNode, o: Any, into: dict[_Triple, None]) -> None:
        for r, flipped in expansions.get(p, ()):
            if not flipped:
                into[(s, r, o)] = None
            elif isinstance(o, NamedNode | BlankNode):  # a literal cannot be a subject
                into[(o, r, s)] = None
        if p == _TYPE:
            for c in superclasses.get(o, ()):
                into[(s, _TYPE, c)] = None

    for q in data:
        if q.predicate in _PROVENANCE_PROPERTIES or q.subject in records:
            continue
        derive(q.subject, q.predicate, q.object, found)

    # Transitive properties: close them over asserted and inferred pairs; what closing adds is expanded
    # again, which may feed another transitive property, until nothing new appears.
    if transitive:
        pairs: dict[NamedNode, set[tuple[Any, Any]]] = {p: set() for p in transitive}
        for q in data:
            if q.predicate in pairs:
                pairs[q.predicate].add((q.subject, q.object))
        pending = list(found)
        while pending:
            for s, p, o in pending:
                if p in pairs:
                    pairs[p].add((s, o))
            added: dict[_Triple, None] = {}
            for p in sorted(transitive, key=lambda n: n.value):
                for s, o in _transitive_additions(pairs[p]):
                    triple = (s, p, o)
                    if triple not in found and triple not in added:
                        added[triple] = None
            more: dict[_Triple, None] = {}
            for s, p, o in added:
                derive(s, p, o, more)
            found.update(added)
            pending = [t for t in more if t not in found]
            found.update(more)

    # Drop what is asserted: only triples with a predicate that inference can produce need checking.
    produced = {p for _s, p, _o in found}
    asserted = {(q.subject, q.predicate, q.object) for q in data if q.predicate in produced}
    checked = {p for _s, p, _o in asserted}
    return [
        Quad(s, p, o, inferred_graph) for (s, p, o) in found if p not in checked or (s, p, o) not in asserted
    ]


def _transitive_additions(pairs: set[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The pairs the transitive closure of `pairs` adds, in a fixed order."""
    succ: dict[Any, list[Any]] = defaultdict(list)
    for s, o in pairs:
        succ[s].append(o)
    out: list[tuple[Any, Any]] = []
    for s in sorted(succ, key=str):
        direct = set(succ[s])
        seen: set[Any] = set()
        stack = sorted(direct, key=str)
        order: list[Any] = []
        while stack:
            x = stack.pop()
            if x in seen:
                continue
            seen.add(x)
            order.append(x)
            stack.extend(sorted(succ.get(x, ()), key=str))
        out.extend((s, x) for x in order if x not in direct)
    return out


def inference_input(quads: Iterable[Quad]) -> list[Quad]:
    """The quads of `quads` that `materialise` reads: without provenance records and their bookkeeping.

    A build keeps only these of each article in memory, so inference over a large corpus needs a fraction
    of the graph; `materialise(inference_input(q))` equals `materialise(q)`.
    """
    kept = list(quads)
    records = {q.subject for q in kept if q.predicate == _TYPE and q.object in _PROVENANCE_CLASSES}
    return [q for q in kept if q.predicate not in _PROVENANCE_PROPERTIES and q.subject not in records]
