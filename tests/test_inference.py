"""Inference: what the ontology implies is materialised into its own graph, without provenance or repeats."""

from __future__ import annotations

from pathlib import Path

import pytest
import validation_fixture as fx
from pyoxigraph import NamedNode, Quad, Store

from kg.cli.entry import main
from kg.rdf.inference import materialise
from kg.rdf.quads import INFERRED_GRAPH, ONTOLOGY_GRAPH
from kg.rdf.store import open_store, write_graph_folder
from kg.vocab import KGID, KGO, ORG, OWL, PROV, RDF, RDFS, SCHEMA

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
KILNWORKS = KGID.base + "organisation/kilnworks"
UP_GOVERNMENT = KGID.base + "organisation/uttar-pradesh-government"
IANS = KGID.base + "organisation/ians"
CHAURI = KGID.base + "city/chauri"
GORAKHPUR = KGID.base + "district/gorakhpur"
UP = KGID.base + "state/uttar-pradesh"
INDIA = KGID.base + "country/india"
TERRACOTTA = KGID.base + "product/terracotta"
MEERA = KGID.base + "person/meera-joshi"

ORGANISATION_KINDS = ("Organisation", "Company", "GovernmentBody", "Department", "NewsAgency", "Association",
                      "SportsTeam")


@pytest.fixture(scope="module")
def asserted() -> list[Quad]:
    return fx.quads()


@pytest.fixture(scope="module")
def inferred(asserted: list[Quad]) -> list[Quad]:
    return materialise(asserted)


def triples(quads: list[Quad]) -> set[tuple[str, str, str]]:
    return {(q.subject.value, q.predicate.value, q.object.value) for q in quads}  # type: ignore[union-attr]


def test_subclass_closure_reaches_schema_org_and_prov(inferred: list[Quad]) -> None:
    got = triples(inferred)
    for org in (KILNWORKS, UP_GOVERNMENT, IANS):
        for cls in (KGO.Organisation, KGO.Agent, SCHEMA.Organization, ORG.Organization, PROV.Agent):
            assert (org, RDF.type, cls) in got
    assert (KILNWORKS, RDF.type, SCHEMA.Corporation) in got
    assert (UP_GOVERNMENT, RDF.type, SCHEMA.GovernmentOrganization) in got
    assert (MEERA, RDF.type, SCHEMA.Person) in got
    assert (GORAKHPUR, RDF.type, SCHEMA.AdministrativeArea) in got
    assert (GORAKHPUR, RDF.type, SCHEMA.Place) in got
    # Facts are PROV entities; a role is an org:Membership.
    role = KGID.base + "article/fixture/chauri/role/302-336"
    assert (role, RDF.type, ORG.Membership) in got and (role, RDF.type, PROV.Entity) in got


def test_subproperty_inverse_symmetric_and_transitive(inferred: list[Quad]) -> None:
    got = triples(inferred)
    assert (MEERA, SCHEMA.worksFor, KILNWORKS) in got  # sub-property
    assert (GORAKHPUR, KGO.knownFor, TERRACOTTA) in got  # inverse of fromDistrict
    assert (UP_GOVERNMENT, KGO.partneredWith, KILNWORKS) in got  # symmetric
    assert (KILNWORKS, KGO.partneredWith, UP_GOVERNMENT) not in got  # asserted, so not repeated
    # Transitive: Chauri is in Gorakhpur (read from the text), which is in Uttar Pradesh, in India.
    assert (CHAURI, KGO.locatedIn, UP) in got
    assert (CHAURI, KGO.locatedIn, INDIA) in got
    assert (GORAKHPUR, KGO.locatedIn, INDIA) in got
    # ... and the closure feeds the super-property.
    assert (CHAURI, SCHEMA.containedInPlace, INDIA) in got
    # Inverse of a sub-property's inverse: the role's org:member comes from kgo:member.
    role = KGID.base + "article/fixture/chauri/role/302-336"
    assert (role, ORG.member, MEERA) in got


def test_inferred_quads_are_in_their_own_graph_and_repeat_nothing(
    asserted: list[Quad], inferred: list[Quad]
) -> None:
    assert inferred
    assert {q.graph_name.value for q in inferred} == {INFERRED_GRAPH}  # type: ignore[union-attr]
    assert not triples(inferred) & triples(asserted)
    assert len(triples(inferred)) == len(inferred)


def test_inferred_quads_carry_no_provenance_and_mint_no_nodes(asserted: list[Quad], inferred: list[Quad]) -> None:
    provenance = {KGO.inArticle, KGO.inSentence, KGO.beginIndex, KGO.endIndex, KGO.anchorText}
    assert not [q for q in inferred if q.predicate.value in provenance]
    known = {q.subject for q in asserted} | {q.object for q in asserted}
    assert all(q.subject in known for q in inferred)


def test_the_ontology_graph_is_not_reasoned_over(inferred: list[Quad]) -> None:
    subjects = {q.subject.value for q in inferred}  # type: ignore[union-attr]
    assert KGO.Company not in subjects
    assert not [q for q in inferred if q.predicate.value in (RDFS.subClassOf, RDFS.subPropertyOf)]


def test_inference_is_deterministic_and_reaches_a_fixpoint(asserted: list[Quad], inferred: list[Quad]) -> None:
    assert materialise(list(asserted)) == inferred
    # A previous run's inferred graph is ignored (recomputed), not taken as asserted.
    assert materialise(asserted + inferred) == inferred
    # Fixpoint: taken as asserted, the inferred triples imply nothing more.
    elsewhere = NamedNode(KGID.base + "graph/elsewhere")
    assert materialise(asserted + [Quad(q.subject, q.predicate, q.object, elsewhere) for q in inferred]) == []
    # The order of the input does not change what is inferred.
    assert triples(materialise(list(reversed(asserted)))) == triples(inferred)


def test_an_ontology_can_be_given_explicitly() -> None:
    g = NamedNode(KGID.base + "graph/test")
    a, b, c, d = (NamedNode(KGID.base + f"x/{n}") for n in "abcd")
    p, q = NamedNode(KGO.locatedIn), NamedNode(KGO.basedIn)
    ontology = [
        Quad(q, NamedNode(RDFS.subPropertyOf), p, g),  # basedIn feeds the transitive locatedIn here
        Quad(p, NamedNode(RDF.type), NamedNode(OWL.TransitiveProperty), g),
    ]
    data = [Quad(a, q, b, g), Quad(b, p, c, g), Quad(c, q, d, g)]
    got = triples(materialise(data, ontology))
    assert got == {
        (a.value, p.value, b.value), (c.value, p.value, d.value),
        (a.value, p.value, c.value), (a.value, p.value, d.value), (b.value, p.value, d.value),
    }


def test_no_ontology_means_nothing_to_infer() -> None:
    g = NamedNode(KGID.base + "graph/test")
    data = [Quad(NamedNode(KILNWORKS), NamedNode(RDF.type), NamedNode(KGO.Company), g)]
    assert materialise(data, []) == []


# ----------------------------------------------------------------------------- queries on the built store

ORGANISATIONS = """
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?x WHERE { ?x a schema:Organization . ?x a org:Organization }
"""


def query_iris(store: Store, query: str) -> set[str]:
    return {row[0].value for row in store.query(query, use_default_graph_as_union=True)}  # type: ignore[union-attr]


def organisations_by_kind(store: Store) -> set[str]:
    values = " ".join(f"<{KGO[k]}>" for k in ORGANISATION_KINDS)
    return query_iris(store, f"SELECT DISTINCT ?x WHERE {{ VALUES ?k {{ {values} }} ?x a ?k }}")


def test_superclass_query_on_a_store_finds_companies_and_government_bodies(
    asserted: list[Quad], inferred: list[Quad], tmp_path: Path
) -> None:
    write_graph_folder(tmp_path / "with", asserted + inferred, {})
    write_graph_folder(tmp_path / "without", asserted, {})
    with_inference = query_iris(open_store(tmp_path / "with"), ORGANISATIONS)
    assert with_inference == {KILNWORKS, UP_GOVERNMENT, IANS}
    assert query_iris(open_store(tmp_path / "without"), ORGANISATIONS) == set()


def test_kg_build_infers_and_no_infer_skips(seed_kg: Path, tmp_path: Path) -> None:
    store = open_store(seed_kg)
    organisations = organisations_by_kind(store)
    kinds = {
        row[0].value  # type: ignore[union-attr]
        for row in store.query("SELECT DISTINCT ?k WHERE { GRAPH ?g { ?x a ?k } VALUES ?x { "
                               + " ".join(f"<{o}>" for o in sorted(organisations)) + " } }")
    }
    assert {KGO.Company, KGO.GovernmentBody} <= kinds  # the seed names both
    assert query_iris(store, ORGANISATIONS) == organisations
    assert store.contains_named_graph(NamedNode(INFERRED_GRAPH))

    assert main(["build", "--seeds", str(SEEDS), "--kg", str(tmp_path / "plain"), "--no-infer", "--no-html",
                 "--quiet"]) == 0
    plain = open_store(tmp_path / "plain")
    assert organisations_by_kind(plain) == organisations
    assert query_iris(plain, ORGANISATIONS) == set()
    assert not list(plain.quads_for_pattern(None, None, None, NamedNode(INFERRED_GRAPH)))


def test_the_ontology_graph_is_in_the_store(seed_kg: Path) -> None:
    store = open_store(seed_kg)
    assert list(store.quads_for_pattern(NamedNode(KGO.Company), NamedNode(RDFS.label), None,
                                        NamedNode(ONTOLOGY_GRAPH)))


def test_provenance_records_are_not_expanded(asserted: list[Quad], inferred: list[Quad]) -> None:
    """Mentions and sentences get no inferred types, and offsets are not copied to NIF or PROV terms."""
    records = {q.subject for q in asserted if q.predicate == NamedNode(RDF.type)
               and q.object in (NamedNode(KGO.Mention), NamedNode(KGO.Sentence))}
    assert records, "the fixture has mentions and sentences"
    assert not [q for q in inferred if q.subject in records]
    bookkeeping = {NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex"),
                   NamedNode(PROV.wasDerivedFrom)}
    assert not [q for q in inferred if q.predicate in bookkeeping]
    # The facts themselves are still typed up the hierarchy.
    facts = {q.subject for q in asserted if q.predicate == NamedNode(RDF.type) and q.object == NamedNode(KGO.Figure)}
    assert any(q.subject in facts and q.object == NamedNode(SCHEMA.QuantitativeValue) for q in inferred)
