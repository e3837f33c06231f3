"""Quads that come from reference data and the ontology, not from any article."""

from __future__ import annotations

import csv
from functools import cache

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg import iris
from kg.paths import DATA_DIR, ONTOLOGY_DIR
from kg.rdf.quads import ONTOLOGY_GRAPH, REFERENCE_GRAPH
from kg.resolve import Resolution
from kg.vocab import KGO, RDF, RDFS

# Every district in the gazetteer is a district of this state, which is in this country.
GAZETTEER_STATE = ("State", "Uttar Pradesh")
GAZETTEER_COUNTRY = ("Country", "India")


@cache
def district_names() -> frozenset[str]:
    with (DATA_DIR / "up_districts.csv").open(encoding="utf-8") as f:
        return frozenset(row["district"] for row in csv.DictReader(f))


def reference_quads(res: Resolution) -> list[Quad]:
    """District in state in country, for the districts the corpus mentions; types for places it implies."""
    g = NamedNode(REFERENCE_GRAPH)
    state = iris.entity(*GAZETTEER_STATE)
    country = iris.entity(*GAZETTEER_COUNTRY)
    out: list[Quad] = []

    def link(a: str, b: str) -> None:
        out.append(Quad(NamedNode(a), NamedNode(KGO.locatedIn), NamedNode(b), g))

    def declare(iri: str, kind: str, label: str) -> None:
        if iri not in res.entities:
            out.append(Quad(NamedNode(iri), NamedNode(RDF.type), NamedNode(KGO[kind]), g))
            out.append(Quad(NamedNode(iri), NamedNode(RDFS.label), Literal(label), g))

    districts = sorted(iri for iri, e in res.entities.items() if e.kind == "District")
    if districts or state in res.entities:
        declare(state, *GAZETTEER_STATE)
        declare(country, *GAZETTEER_COUNTRY)
        link(state, country)
    for d in districts:
        link(d, state)
    return out


@cache
def _ontology_quads() -> tuple[Quad, ...]:
    g = NamedNode(ONTOLOGY_GRAPH)
    quads: list[Quad] = []
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        if path.name == "shapes.ttl":
            continue  # SHACL shapes are for validation, not part of the graph
        for t in parse(path=str(path), format=RdfFormat.TURTLE):
            quads.append(Quad(t.subject, t.predicate, t.object, g))
    return tuple(quads)


def ontology_quads() -> list[Quad]:
    """The ontology itself, in its own named graph, so that queries can read class labels."""
    return list(_ontology_quads())
