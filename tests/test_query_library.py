"""The question library (queries/*.rq) on the invented fixture graph: the exact rows, in order.

Each query runs on the graph as written, on the graph with what kg.rdf.inference adds (superclass
types, inverse and symmetric links), and on the graph with every triple in two named graphs (as a
triple several articles share is): one row per answer every way.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from query_fixture import build_fixture_graph

from kg.paths import QUERIES_DIR
from kg.query import GraphResult, SelectResult, find_query, library, plain, run_query, write_result
from kg.query.bindings import parse_bindings

CONTRACT = {
    "organisations": ["organisation", "type"],
    "people": ["person", "role", "organisation"],
    "places": ["place", "type"],
    "products": ["product", "district"],
    "programmes": ["programme"],
    "partnerships": ["organisation", "partner"],
    "quotes": ["speaker", "quote"],
    "figures": ["figure", "value", "unit", "period"],
    "sources": ["article", "sentence", "entity", "mentioned"],
}


@pytest.fixture(scope="module", params=["asserted", "inferred", "repeated"])
def kg_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"query-{request.param}") / "out"
    return build_fixture_graph(out, infer=request.param != "asserted", repeat=request.param == "repeated")


def rows(kg_dir: Path, name: str, *binds: str) -> list[tuple[str, ...]]:
    path = find_query(name)
    assert path is not None, name
    result = run_query(kg_dir, path.read_text(encoding="utf-8"), parse_bindings(binds))
    assert isinstance(result, SelectResult)
    if name in CONTRACT:
        assert result.variables == CONTRACT[name]
    return [tuple(plain(term) for term in row) for row in result.rows]


def test_every_library_file_has_a_title_and_a_description() -> None:
    entries = library()
    names = [q.name for q in entries]
    assert set(CONTRACT) <= set(names)
    assert names == sorted(names)
    for q in entries:
        assert q.path.parent == QUERIES_DIR
        assert q.title and not q.title.startswith("#"), q.name
        assert q.description.endswith("?"), q.name


def test_organisations(kg_dir: Path) -> None:
    assert rows(kg_dir, "organisations") == [
        ("Export Promotion Bureau", "government department"),
        ("Firozabad Glassworks Cooperative", "association"),
        ("Kartly", "company"),
        ("PTI", "news agency"),
        ("Uttar Pradesh government", "government body"),
    ]


def test_people_with_and_without_roles(kg_dir: Path) -> None:
    assert rows(kg_dir, "people") == [
        ("Asha Verma", "Director", "Export Promotion Bureau"),
        ("Imran Qureshi", "Chief Executive Officer", "Kartly"),
        ("Meena Rawat", "", ""),
    ]


def test_places_by_kind(kg_dir: Path) -> None:
    assert rows(kg_dir, "places") == [
        ("Bhadohi", "district"),
        ("Firozabad", "district"),
        ("India", "country"),
        ("Moradabad", "district"),
        ("Pune", "city"),
        ("Uttar Pradesh", "state"),
    ]


def test_products_with_their_districts(kg_dir: Path) -> None:
    assert rows(kg_dir, "products") == [
        ("brassware", "Moradabad"),
        ("carpets", "Bhadohi"),
        ("glass bangles", "Firozabad"),
        ("pottery", ""),
    ]


def test_programmes(kg_dir: Path) -> None:
    assert rows(kg_dir, "programmes") == [("Artisan Credit Card",)]
    assert rows(kg_dir, "programme_owners") == [("Artisan Credit Card", "Uttar Pradesh government")]


def test_partnerships_one_row_per_pair(kg_dir: Path) -> None:
    assert rows(kg_dir, "partnerships") == [
        ("Firozabad Glassworks Cooperative", "Kartly"),
        ("Kartly", "Uttar Pradesh government"),
    ]


def test_quotes_with_and_without_speaker(kg_dir: Path) -> None:
    assert rows(kg_dir, "quotes") == [
        ("", "Every bangle tells a story"),
        ("Asha Verma", "Our artisans now reach buyers abroad."),
    ]


def test_figures_are_plain_normalised_numbers(kg_dir: Path) -> None:
    assert rows(kg_dir, "figures") == [
        ("artisans joined", "15000", "artisans", ""),
        ("exports", "3000000", "USD", "2022"),
        ("growth in sales", "40", "percent", "April 2022 to March 2023"),
        ("new products listed", "1200", "products", ""),
        ("sales", "2500000000", "INR", "April 2022 to March 2023"),
    ]


def test_figure_values_are_typed_decimals(kg_dir: Path) -> None:
    path = find_query("figures")
    assert path is not None
    result = run_query(kg_dir, path.read_text(encoding="utf-8"))
    assert isinstance(result, SelectResult)
    values = [row[1] for row in result.rows]
    assert all(v is not None and v.datatype.value.endswith("#decimal") for v in values)  # type: ignore[union-attr]
    assert sum(Decimal(plain(v)) for v in values) == Decimal("2503016240")


def test_figures_by_organisation(kg_dir: Path) -> None:
    assert rows(kg_dir, "figures_by_organisation") == [
        ("Firozabad Glassworks Cooperative", "exports", "3000000", "USD", "2022"),
        ("Kartly", "growth in sales", "40", "percent", "April 2022 to March 2023"),
        ("Kartly", "new products listed", "1200", "products", ""),
        ("Kartly", "sales", "2500000000", "INR", "April 2022 to March 2023"),
    ]


def test_sources_for_a_bound_entity_matches_other_names_too(kg_dir: Path) -> None:
    brass = "Brass and carpets sell 40% more online"
    glass = "Firozabad bangles get a credit scheme"
    expected = [
        (brass, "Kartly, a Pune-based marketplace, signed an MoU with the Uttar Pradesh government.",
         "up government", "Uttar Pradesh government"),
        (glass, "Firozabad, Jun 9 (PTI) Glass bangles from Firozabad are sold under the Artisan Credit Card "
         "scheme of the UP government.", "up government", "Uttar Pradesh government"),
    ]
    assert rows(kg_dir, "sources", "entity=up government") == expected
    assert [r[:2] for r in rows(kg_dir, "sources", "entity=Pune")] == [
        (brass, "Kartly, a Pune-based marketplace, signed an MoU with the Uttar Pradesh government.")
    ]
    assert rows(kg_dir, "sources", "entity=Nowhere") == []
    exact = rows(kg_dir, "sources", "entity=Kartly Marketplace")  # another name, exactly
    assert len(exact) == 4 and {r[3] for r in exact} == {"Kartly"}
    shouted = rows(kg_dir, "sources", "entity=PUNE")
    assert [r[1] for r in shouted] == [r[1] for r in rows(kg_dir, "sources", "entity=Pune")]


def test_sources_for_an_entity_iri(kg_dir: Path) -> None:
    # The IRI form that tables print (kg:city/pune) and the full IRI both name the entity itself.
    by_label = rows(kg_dir, "sources", "entity=Pune")
    pune = "https://w3id.org/odop-kg/id/city/pune"
    for value in ("kg:city/pune", f"<{pune}>", pune):
        assert rows(kg_dir, "sources", f"entity={value}") == [(a, s, pune, m) for a, s, _, m in by_label]
    assert rows(kg_dir, "sources", "entity=kg:city/nowhere") == []


def test_sources_unbound_lists_every_mention(kg_dir: Path) -> None:
    found = rows(kg_dir, "sources")
    assert len(found) == 23
    assert all(r[2] == r[3] for r in found)  # unbound, the entity column gives each entity's label
    assert ("Firozabad bangles get a credit scheme", "Pottery stalls drew crowds too.", "pottery", "pottery") in found


def test_connected_organisations(kg_dir: Path) -> None:
    assert rows(kg_dir, "connected_organisations") == [
        ("Kartly", "3", "2", "1", "0", "2"),
        ("Uttar Pradesh government", "2", "1", "0", "1", "2"),
        ("Export Promotion Bureau", "1", "0", "1", "0", "1"),
        ("Firozabad Glassworks Cooperative", "1", "1", "0", "0", "1"),
        ("PTI", "0", "0", "0", "0", "2"),
    ]


def test_products_per_district(kg_dir: Path) -> None:
    assert rows(kg_dir, "products_per_district") == [
        ("Bhadohi", "1", "carpets"),
        ("Firozabad", "1", "glass bangles"),
        ("Moradabad", "1", "brassware"),
    ]


def test_articles(kg_dir: Path) -> None:
    assert rows(kg_dir, "articles") == [
        ("Firozabad bangles get a credit scheme", "2023-06-09", "Firozabad", "PTI", "5", "fx-glass.txt"),
        ("Brass and carpets sell 40% more online", "2023-03-03", "Moradabad", "PTI", "4", "fx-brass.txt"),
    ]


def test_entities_most_mentioned_first(kg_dir: Path) -> None:
    found = rows(kg_dir, "entities")
    assert len(found) == 18
    assert found[:3] == [
        ("Kartly", "company", "2", "4"),
        ("PTI", "news agency", "2", "2"),
        ("Uttar Pradesh government", "government body", "2", "2"),
    ]
    assert ("Pune", "city or town", "1", "1") in found


def test_entity_links_construct(kg_dir: Path) -> None:
    path = find_query("entity_links")
    assert path is not None
    result = run_query(kg_dir, path.read_text(encoding="utf-8"))
    assert isinstance(result, GraphResult)
    triples = {(t.subject.value, t.predicate.value.rsplit("#", 1)[-1], plain(t.object)) for t in result.triples}
    kg = "https://w3id.org/odop-kg/id/"
    assert (f"{kg}product/brassware", "fromDistrict", f"{kg}district/moradabad") in triples
    assert (f"{kg}person/asha-verma", "worksFor", f"{kg}organisation/export-promotion-bureau") in triples
    assert (f"{kg}organisation/kartly", "label", "Kartly") in triples


@pytest.fixture(scope="module")
def single_and_repeated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("query-single-repeated")
    return (build_fixture_graph(base / "single", infer=True),
            build_fixture_graph(base / "repeated", infer=True, repeat=True))


def test_every_library_query_ignores_triples_repeated_in_several_graphs(
    single_and_repeated: tuple[Path, Path],
) -> None:
    # pyoxigraph's union default graph returns a triple once per named graph that holds it; a library
    # query must not multiply its rows by that (nor by the number of articles sharing a period node).
    single, repeated = single_and_repeated

    def output(kg_dir: Path, path: Path) -> bytes:
        result = run_query(kg_dir, path.read_text(encoding="utf-8"))
        buffer = io.BytesIO()
        write_result(result, "nt" if isinstance(result, GraphResult) else "csv", buffer)
        return buffer.getvalue()

    for q in library():
        assert output(repeated, q.path) == output(single, q.path), q.name


def test_library_output_is_byte_identical_on_every_run(kg_dir: Path) -> None:
    def output(path: Path) -> bytes:
        result = run_query(kg_dir, path.read_text(encoding="utf-8"))
        buffer = io.BytesIO()
        write_result(result, "ttl" if isinstance(result, GraphResult) else "csv", buffer)
        return buffer.getvalue()

    for q in library():
        first = output(q.path)
        assert first.count(b"\n") >= 2, q.name
        assert output(q.path) == first, q.name
