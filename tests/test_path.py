"""kg path: the shortest chain of relations between two named entities, with source sentences."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from analytics_fixture import ASHA, BLUEBIRD, KANPUR, VARANASI_CITY, VARANASI_DISTRICT, shared_analytics_kg

from conftest import SEEDS
from kg.analytics.paths import EntityNotFoundError, NoPathError, aliases, find_path, format_path, resolve_name
from kg.cli.entry import main
from kg.views.entity_graph import load_entity_graph


@pytest.fixture(scope="module")
def kg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_analytics_kg(tmp_path_factory)


@pytest.fixture(scope="module")
def graph(kg_dir: Path) -> nx.MultiDiGraph:
    return load_entity_graph(kg_dir)


def test_names_are_matched_case_insensitively(graph: nx.MultiDiGraph) -> None:
    assert resolve_name(graph, "bluebird BAZAAR") == BLUEBIRD
    assert resolve_name(graph, "  Bluebird   Bazaar ") == BLUEBIRD
    assert resolve_name(graph, BLUEBIRD) == BLUEBIRD


def test_an_ambiguous_name_lists_the_entities_it_names(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(EntityNotFoundError) as err:
        resolve_name(graph, "varanasi")
    # The better connected is named first, as the example to type.
    assert str(err.value) == ('"varanasi" names 2 entities: Varanasi (District), Varanasi (City); '
                              'name one as "Varanasi (District)"')
    assert resolve_name(graph, "Varanasi (District)") == VARANASI_DISTRICT
    assert resolve_name(graph, "varanasi (city)") == VARANASI_CITY


@pytest.mark.parametrize(("name", "suggestion"), [
    ("Blue", "Bluebird Bazaar (Company)"),
    ("Bluebrid", "Bluebird Bazaar (Company)"),
    ("Kanpr", "Kanpur (District)"),
    ("asha varma", "Asha Verma (Person)"),
])
def test_an_unknown_name_suggests_near_matches(graph: nx.MultiDiGraph, name: str, suggestion: str) -> None:
    with pytest.raises(EntityNotFoundError, match=f'^no entity is named "{name}"; did you mean .*') as err:
        resolve_name(graph, name)
    assert suggestion in str(err.value)


def test_other_names_of_an_entity_are_matched_too(kg_dir: Path) -> None:
    chain = find_path(kg_dir, "BLUEBIRD", "Asha Verma")
    assert chain.start.iri == BLUEBIRD
    assert [link.target.iri for link in chain.links] == [ASHA]


def test_entities_with_the_same_label_and_kind_are_named_by_iri() -> None:
    g = nx.MultiDiGraph()
    g.add_node("https://example.org/person/1", label="Rajesh Kumar", kind="Person")
    g.add_node("https://example.org/person/2", label="Rajesh Kumar", kind="Person")
    with pytest.raises(EntityNotFoundError) as err:
        resolve_name(g, "rajesh kumar")
    assert str(err.value) == ('"rajesh kumar" names 2 entities: https://example.org/person/1, '
                              'https://example.org/person/2; name one by its IRI')
    assert resolve_name(g, "https://example.org/person/2") == "https://example.org/person/2"


def test_no_suggestion_for_a_name_like_nothing(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(EntityNotFoundError) as err:
        resolve_name(graph, "Zzyzx")
    assert str(err.value) == 'no entity is named "Zzyzx"'


def test_a_chain_with_its_source_sentences(kg_dir: Path) -> None:
    chain = find_path(kg_dir, "Asha Verma", "leather goods")
    assert chain.start.iri == ASHA
    assert [(link.relation, link.target.label, link.forward) for link in chain.links] == [
        ("works for", "Bluebird Bazaar", True),
        ("based in", "Kanpur", True),
        ("known for", "leather goods", True),
    ]
    first, second, third = (link.sources[0] for link in chain.links)
    assert first["sentence"].startswith("Asha Verma, Director, Bluebird Bazaar")
    assert first["anchor"] == "Asha Verma, Director, Bluebird Bazaar"
    assert second["anchor"] == "Kanpur-based"
    assert third["anchor"] == "leather goods from Kanpur"
    assert first["title"] == "Kanpur leather makers reach new buyers online"
    assert first["date"] == "2023-03-14"


def test_the_graph_is_undirected_for_finding_and_directed_for_showing(kg_dir: Path) -> None:
    chain = find_path(kg_dir, "leather goods", "Asha Verma")
    assert [(link.relation, link.target.label, link.forward) for link in chain.links] == [
        ("known for", "Kanpur", False),
        ("based in", "Bluebird Bazaar", False),
        ("works for", "Asha Verma", False),
    ]
    text = format_path(chain)
    assert text.splitlines()[:3] == [
        "3 links from leather goods to Asha Verma:",
        "leather goods (Product)",
        "  <-[known for]- Kanpur (District)",
    ]


def test_links_from_reference_data_say_so(kg_dir: Path) -> None:
    chain = find_path(kg_dir, "Kanpur", "Varanasi (District)")
    assert [(link.relation, link.target.label, link.forward) for link in chain.links] == [
        ("located in", "Uttar Pradesh", True),
        ("located in", "Varanasi", False),
    ]
    assert all(link.sources == [] for link in chain.links)
    assert format_path(chain).count("(reference data, not read from an article)") == 2


def test_a_path_to_itself_has_no_links(kg_dir: Path) -> None:
    chain = find_path(kg_dir, "kanpur", "Kanpur")
    assert chain.start.iri == KANPUR
    assert chain.links == []
    assert format_path(chain) == "0 links from Kanpur to Kanpur:\nKanpur (District)\n"


def test_unconnected_entities(kg_dir: Path) -> None:
    with pytest.raises(NoPathError, match=r"^no chain of relations links Lakeview Dairy Cooperative \(Association\) "
                                          r"and Kanpur \(District\)$"):
        find_path(kg_dir, "Lakeview Dairy Cooperative", "Kanpur")


def test_same_chain_on_a_rebuilt_graph(kg_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    again = shared_analytics_kg(tmp_path_factory, "again")
    for a, b in [("Asha Verma", "Silk sarees"), ("ODOP", "Kashi Weavers Guild"), ("India", "leather goods")]:
        assert format_path(find_path(again, a, b)) == format_path(find_path(kg_dir, a, b))


def test_cli_text(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "ASHA VERMA", "leather goods", "--kg", str(kg_dir)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "3 links from Asha Verma to leather goods:",
        "Asha Verma (Person)",
        "  -[works for]-> Bluebird Bazaar (Company)",
        '      \u201cAsha Verma, Director, Bluebird Bazaar, said, "Artisans in Kanpur now reach buyers across the '
        'country within days."\u201d',
        "      (Kanpur leather makers reach new buyers online, 2023-03-14)",
        "  -[based in]-> Kanpur (District)",
        "      \u201cSaddle bags and other leather goods from Kanpur are now sold on Bluebird Bazaar, a Kanpur-based "
        "online marketplace.\u201d",
        "      (Kanpur leather makers reach new buyers online, 2023-03-14)",
        "  -[known for]-> leather goods (Product)",
        "      \u201cSaddle bags and other leather goods from Kanpur are now sold on Bluebird Bazaar, a Kanpur-based "
        "online marketplace.\u201d",
        "      (Kanpur leather makers reach new buyers online, 2023-03-14)",
    ]


def test_cli_json(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "Asha Verma", "Bluebird Bazaar", "--kg", str(kg_dir), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["start"]["iri"] == ASHA
    assert [(link["relation"], link["target"]["iri"]) for link in data["links"]] == [("works for", BLUEBIRD)]
    assert data["links"][0]["sources"][0]["anchor"] == "Asha Verma, Director, Bluebird Bazaar"


@pytest.mark.parametrize(("args", "code", "message"), [
    (["varanasi", "Kanpur"], 1, 'Error: "varanasi" names 2 entities: Varanasi (District), Varanasi (City); '
                                'name one as "Varanasi (District)"\n'),
    (["Blue", "Kanpur"], 1, 'Error: no entity is named "Blue"; did you mean Bluebird Bazaar (Company)?\n'),
    (["Pune", "Kanpur"], 1, "Error: no chain of relations links Pune (City) and Kanpur (District)\n"),
    (["Pune", "Kanpur", "--format", "xml"], 2, "Error: unknown --format 'xml'; choose one of table, json\n"),
])
def test_cli_errors(kg_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int,
                    message: str) -> None:
    assert main(["path", *args, "--kg", str(kg_dir)]) == code
    assert capsys.readouterr().err == message


def test_seed_path_from_agra_to_flipkart(seed_kg: Path) -> None:
    """The seed says leather products come from Agra and that Flipkart sells such district products in
    partnership with the Uttar Pradesh government: a chain of its facts links Agra to Flipkart."""
    graph = load_entity_graph(seed_kg)
    names = aliases(seed_kg)
    chain = find_path(seed_kg, "Agra", "Flipkart")
    assert chain.start.iri == resolve_name(graph, "Agra", names)
    assert chain.links and chain.links[-1].target.iri == resolve_name(graph, "Flipkart", names)
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    read = [link for link in chain.links if link.sources]
    assert read, "at least one link of the chain is read from the article"
    for link in read:
        assert link.sources[0]["anchor"] in text
        assert link.sources[0]["sentence"]
