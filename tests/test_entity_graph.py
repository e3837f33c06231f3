"""The entity graph (kg.views.entity_graph): nodes, named links and their source sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from viz_fixture import (
    BRASSWARE,
    COOPERATIVE,
    HOSTILE_PERSON,
    MEERA,
    MORADABAD,
    NOIDA,
    PITAMBAR,
    build_fixture_kg,
)

from kg.errors import GraphMissingError, QuerySyntaxError, UsageError
from kg.views.entity_graph import figure_label, load_entity_graph, quote_label
from kg.vocab import KGO

UP = "https://w3id.org/odop-kg/id/state/uttar-pradesh"


@pytest.fixture(scope="module")
def fixture_kg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_kg(["brass.txt", "hostile.txt"], tmp_path_factory.mktemp("viz") / "kg")


def edge(graph, u: str, v: str, relation: str) -> dict:  # type: ignore[no-untyped-def]
    assert graph.has_edge(u, v, key=relation), f"no {relation!r} edge {u} -> {v}"
    return graph.edges[u, v, relation]


def test_entities_have_kind_label_and_mentions(fixture_kg: Path) -> None:
    g = load_entity_graph(fixture_kg)
    assert g.nodes[PITAMBAR]["kind"] == "Company"
    assert g.nodes[PITAMBAR]["label"] == "Pitambar Crafts"
    assert g.nodes[COOPERATIVE]["kind"] == "Association"
    assert g.nodes[MORADABAD]["kind"] == "District"
    assert g.nodes[BRASSWARE]["kind"] == "Product"
    assert g.nodes[MEERA]["kind"] == "Person"
    assert g.nodes[MEERA]["details"] == {"role": "Managing Director"}
    assert g.nodes[UP]["kind"] == "State"  # from the gazetteer, with no source
    assert g.nodes[UP]["sources"] == []
    src = g.nodes[MEERA]["sources"]
    assert src == [{
        "article": "https://w3id.org/odop-kg/id/article/brass",
        "title": "Moradabad brass makers sign up with Pitambar Crafts",
        "date": "2023-03-14",
        "sentence": 'Meera Lal, Managing Director, Pitambar Crafts, said, "Our buyers love the shine of '
                    'Moradabad brass & they keep coming back for more."',
        "begin": src[0]["begin"],
        "end": src[0]["begin"] + len("Meera Lal"),
        "anchor": "Meera Lal",
    }]
    text = (Path(__file__).parent / "fixtures" / "viz" / "brass.txt").read_text(encoding="utf-8")
    for node in g.nodes:
        for s in g.nodes[node]["sources"]:
            assert text[s["begin"]:s["end"]] == s["anchor"] or s["article"].endswith("/hostile")
            assert s["anchor"] in s["sentence"]
            assert all(type(v) in (str, int) for v in s.values())


def test_named_links_with_sources(fixture_kg: Path) -> None:
    g = load_entity_graph(fixture_kg)
    known = edge(g, MORADABAD, BRASSWARE, "known for")
    assert known["predicate"] == KGO.knownFor
    assert known["sources"][0]["anchor"] == "brassware from Moradabad"
    partners = edge(g, COOPERATIVE, PITAMBAR, "partnered with")  # sorted by IRI, drawn once
    assert not g.has_edge(PITAMBAR, COOPERATIVE)
    assert partners["details"] == {"kind": "MoU"}
    assert partners["sources"][0]["anchor"] == "signed an MoU"
    works = edge(g, MEERA, PITAMBAR, "works for")
    assert works["details"] == {"role": "Managing Director"}
    assert edge(g, PITAMBAR, NOIDA, "based in")["predicate"] == KGO.basedIn
    located = edge(g, MORADABAD, UP, "located in")
    assert located["sources"] == []
    # Inference adds Moradabad located in India and the inverse links; the view does not draw them twice.
    assert not g.has_edge(MORADABAD, "https://w3id.org/odop-kg/id/country/india")
    assert not g.has_edge(BRASSWARE, MORADABAD)
    assert all(len(g[u][v]) == 1 for u, v in g.edges())


def test_figures_and_quotations_are_nodes(fixture_kg: Path) -> None:
    g = load_entity_graph(fixture_kg)
    figures = {g.nodes[n]["label"]: n for n in g.nodes if g.nodes[n]["kind"] == "Figure"}
    assert set(figures) == {"Rs 12.5 crore", "40%", "3 lakh artisans"}
    sales = g.nodes[figures["Rs 12.5 crore"]]
    assert sales["details"] == {"measure": "sales of brassware", "value": "125000000", "unit": "INR",
                                "period": "April 2022 to March 2023"}
    assert sales["sources"][0]["anchor"] == "Rs 12.5 crore"
    assert edge(g, figures["40%"], PITAMBAR, "concerns")["predicate"] == KGO.concerns
    quotes = [n for n in g.nodes if g.nodes[n]["kind"] == "Quotation"]
    mine = [n for n in quotes if g.has_edge(MEERA, n, key="said")]
    assert len(mine) == 1
    assert g.nodes[mine[0]]["details"]["text"].startswith("Our buyers love the shine")
    assert g.nodes[mine[0]]["details"]["speaker"] == "Meera Lal"
    assert g.nodes[mine[0]]["label"].startswith("\u201cOur buyers")


def test_untrusted_text_is_kept_as_data(fixture_kg: Path) -> None:
    g = load_entity_graph(fixture_kg)
    assert HOSTILE_PERSON in {g.nodes[n]["label"] for n in g.nodes}


def test_same_graph_every_time(fixture_kg: Path) -> None:
    a, b = load_entity_graph(fixture_kg), load_entity_graph(fixture_kg)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert list(a.nodes) == sorted(a.nodes)


def test_query_construct_restricts_the_graph(fixture_kg: Path) -> None:
    g = load_entity_graph(fixture_kg, "CONSTRUCT { ?d kgo:knownFor ?p } WHERE { ?p kgo:fromDistrict ?d }")
    assert MORADABAD in g and BRASSWARE in g
    assert PITAMBAR not in g and MEERA not in g
    assert g.has_edge(MORADABAD, BRASSWARE, key="known for")


def test_query_select_through_a_fact_node(fixture_kg: Path) -> None:
    # A partnership fact node names both partners.
    g = load_entity_graph(fixture_kg, "SELECT ?s ?p ?o WHERE { ?s a kgo:Partnership ; ?p ?o }")
    assert {PITAMBAR, COOPERATIVE} <= set(g.nodes)
    assert g.has_edge(COOPERATIVE, PITAMBAR, key="partnered with")
    assert MORADABAD not in g


def test_query_select_of_labels(fixture_kg: Path) -> None:
    # The question library selects labels, not IRIs: a literal equal to a node's label selects that node.
    query = "SELECT ?product ?district WHERE { ?p kgo:fromDistrict ?d ; rdfs:label ?product . ?d rdfs:label ?district }"
    g = load_entity_graph(fixture_kg, query)
    assert set(g.nodes) >= {MORADABAD, BRASSWARE}
    assert PITAMBAR not in g
    assert g.has_edge(MORADABAD, BRASSWARE, key="known for")
    assert load_entity_graph(fixture_kg, "SELECT ?x WHERE { ?x a kgo:Nothing }").number_of_nodes() == 0


def test_query_errors(fixture_kg: Path) -> None:
    with pytest.raises(QuerySyntaxError):
        load_entity_graph(fixture_kg, "CONSTRUCT WHERE {")
    with pytest.raises(UsageError, match="ASK"):
        load_entity_graph(fixture_kg, "ASK { ?x ?y ?z }")


def test_missing_graph(tmp_path: Path) -> None:
    with pytest.raises(GraphMissingError):
        load_entity_graph(tmp_path / "nothing")


@pytest.mark.parametrize(("value", "unit", "words"), [
    ("10000000000", "INR", "Rs 1,000 crore"),
    ("52", "percent", "52%"),
    ("52.5", "percent", "52.5%"),
    ("20000000", "products", "2 crore products"),
    ("300000", "artisans", "3 lakh artisans"),
    ("125000000", "INR", "Rs 12.5 crore"),
    ("5000", "artisans", "5,000 artisans"),
    ("1500000000000", "INR", "Rs 1.5 lakh crore"),
    ("5000000", "USD", "$5 million"),
    ("2500000000", "USD", "$2.5 billion"),
    ("2021", "year", "2021"),
    ("4.5", "year", "4.5 years"),
])
def test_figure_label(value: str, unit: str, words: str) -> None:
    assert figure_label(value, unit) == words


def test_quote_label_is_short() -> None:
    label = quote_label("word " * 40)
    assert label.startswith("\u201cword") and label.endswith("\u2026\u201d") and len(label) <= 84


def test_seed_graph(seed_kg: Path) -> None:
    g = load_entity_graph(seed_kg)
    agra = "https://w3id.org/odop-kg/id/district/agra"
    assert g.nodes[agra]["kind"] == "District"
    assert g.nodes[agra]["label"] == "Agra"
    sentences = [s["sentence"] for s in g.nodes[agra]["sources"]]
    assert any("leather products from Agra" in s for s in sentences)
    assert all(s["title"] and s["date"] == "2022-01-05" for s in g.nodes[agra]["sources"])


@pytest.fixture(scope="module")
def library_kg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The query library's invented graph, with a city named like one of its districts."""
    from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse
    from query_fixture import FIXTURE

    from kg.rdf.reference import ontology_quads
    from kg.rdf.store import write_graph_folder

    quads = list(parse(path=str(FIXTURE), format=RdfFormat.TRIG))
    quads.extend(ontology_quads())
    city, graph = NamedNode("https://w3id.org/odop-kg/id/city/moradabad"), NamedNode(
        "https://w3id.org/odop-kg/id/graph/entities")
    quads.append(Quad(city, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(KGO.City), graph))
    quads.append(Quad(city, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Moradabad"), graph))
    out = tmp_path_factory.mktemp("viz-library") / "kg"
    write_graph_folder(out, quads, {"fixture": FIXTURE.name})
    return out


def library_query(name: str) -> str:
    return (Path(__file__).resolve().parents[1] / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def test_query_of_figures_draws_every_figure(library_kg: Path) -> None:
    # figures.rq selects measures, values and units, not IRIs nor labels: each row still names its figure.
    g = load_entity_graph(library_kg, library_query("figures"))
    assert sorted(g.nodes[n]["details"]["measure"] for n in g.nodes) == [
        "artisans joined", "exports", "growth in sales", "new products listed", "sales"]
    assert g.graph["query_notes"] == []


def test_query_label_shared_by_a_district_and_a_city_takes_the_columns_kind(library_kg: Path) -> None:
    g = load_entity_graph(library_kg, library_query("products"))
    assert MORADABAD in g.nodes and "https://w3id.org/odop-kg/id/city/moradabad" not in g.nodes
    assert g.has_edge(MORADABAD, "https://w3id.org/odop-kg/id/product/brassware", key="known for")
    assert g.graph["query_notes"] == []
    places = load_entity_graph(library_kg, library_query("places"))  # the type column says which
    assert {MORADABAD, "https://w3id.org/odop-kg/id/city/moradabad"} <= set(places.nodes)


def test_query_says_what_it_could_not_match(library_kg: Path) -> None:
    g = load_entity_graph(library_kg, "SELECT ?x WHERE { VALUES ?x { 'Moradabad' 'Atlantis' 'Kartly' } }")
    assert set(g.nodes) >= {MORADABAD, "https://w3id.org/odop-kg/id/city/moradabad",
                            "https://w3id.org/odop-kg/id/organisation/kartly"}
    assert g.graph["query_notes"] == [
        "'Moradabad' names 2 nodes (city, district); all are drawn",
        "1 of 3 result rows match no node of the graph (Atlantis)",
    ]
