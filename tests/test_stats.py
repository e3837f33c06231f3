"""kg stats: counts, central entities, components and communities, as tables and as JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from analytics_fixture import BLUEBIRD, shared_analytics_kg

from kg.analytics.paths import aliases, resolve_name
from kg.analytics.stats import compute_stats, format_stats, graph_stats
from kg.cli.entry import main
from kg.errors import UsageError
from kg.views.entity_graph import load_entity_graph


@pytest.fixture(scope="module")
def kg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_analytics_kg(tmp_path_factory)


def test_counts(kg_dir: Path) -> None:
    stats = compute_stats(kg_dir)
    assert stats.documents == 2
    # The hand-written extraction: 2 partnerships, 2 origins, 1 role, 1 quotation, 1 figure, and four
    # simple statements (three "based in", one "run by").
    assert stats.facts_per_class == {"Fact": 4, "Partnership": 2, "ProductOrigin": 2, "Figure": 1,
                                     "Quotation": 1, "Role": 1}
    assert stats.facts == 11
    assert stats.mentions > 11
    assert stats.nodes_per_class["District"] == 2
    assert stats.nodes_per_class["City"] == 2
    assert stats.nodes_per_class["Company"] == 1
    assert (stats.nodes_per_class["Figure"], stats.nodes_per_class["Quotation"]) == (1, 1)
    assert stats.nodes == 17
    assert stats.entities == 15
    assert stats.links_per_relation == {"based in": 3, "located in": 3, "known for": 2, "partnered with": 2,
                                        "concerns": 1, "runs": 1, "said": 1, "works for": 1}
    assert stats.links == 14
    assert stats.triples > 500


def test_central_entities(kg_dir: Path) -> None:
    stats = compute_stats(kg_dir, top=3)
    assert len(stats.central) == 3
    first = stats.central[0]
    assert (first.iri, first.label, first.kind, first.degree) == (BLUEBIRD, "Bluebird Bazaar", "Company", 4)
    assert first.betweenness == max(c.betweenness for c in compute_stats(kg_dir, top=100).central)
    # Figures and quotations are nodes of the graph, but not entities to rank.
    assert all(c.kind not in ("Figure", "Quotation") for c in compute_stats(kg_dir, top=100).central)


@pytest.mark.parametrize("by", ["degree", "betweenness", "pagerank"])
def test_ranking_by_each_measure_is_descending(kg_dir: Path, by: str) -> None:
    central = compute_stats(kg_dir, top=100, by=by).central
    values = [getattr(c, by) for c in central]
    assert values == sorted(values, reverse=True)
    assert len(central) == 15


def test_components_and_communities(kg_dir: Path) -> None:
    stats = compute_stats(kg_dir)
    assert [c.size for c in stats.components] == [12, 2, 1]
    assert stats.components[1].members == ["Lakeview Dairy Cooperative", "Pune"]
    assert stats.components[2].members == ["KNS"]
    # Communities partition the entities; two entities that share a label are told apart by their kind.
    members = [m for c in stats.communities for m in c.members]
    assert len(members) == len(set(members)) == stats.entities
    assert {"Varanasi (City)", "Varanasi (District)"} <= set(members)
    assert len(stats.communities) >= 3
    assert all(c.size == len(c.members) for c in stats.communities)


def test_output_is_deterministic(kg_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    again = shared_analytics_kg(tmp_path_factory, "again")
    assert format_stats(compute_stats(again)) == format_stats(compute_stats(kg_dir))
    assert compute_stats(again).to_json() == compute_stats(kg_dir).to_json()


def test_the_table_summarises_long_lists() -> None:
    g = nx.MultiDiGraph()
    for i in range(30):  # 12 pairs, 6 loners
        g.add_node(f"n{i}", label=f"entity {i:02d}", kind="Company")
    for i in range(0, 24, 2):
        g.add_edge(f"n{i}", f"n{i + 1}", relation="partnered with")
    text = format_stats(graph_stats(g))
    assert "18 connected components (sizes 2 \u00d712, 1 \u00d76)" in text
    assert "  10. (2) " in text and "  11. (2) " not in text
    assert "  and 2 more of 2 or more entities (--format json lists them all)" in text
    assert text.endswith("  and 6 entities on their own\n")


def test_graph_stats_without_links() -> None:
    g = nx.MultiDiGraph()
    g.add_node("b", label="B", kind="Company")
    g.add_node("a", label="A", kind="Person")
    stats = graph_stats(g)
    assert [c.members for c in stats.communities] == [["A"], ["B"]]
    assert [c.members for c in stats.components] == [["A"], ["B"]]


def test_graph_stats_on_an_empty_graph() -> None:
    stats = graph_stats(nx.MultiDiGraph())
    assert (stats.nodes, stats.links, stats.central, stats.components, stats.communities) == (0, 0, [], [], [])
    assert "0 connected components" in format_stats(stats)


def test_bad_options() -> None:
    g = nx.MultiDiGraph()
    with pytest.raises(UsageError, match="unknown measure 'closeness'; choose one of degree, betweenness"):
        graph_stats(g, by="closeness")
    with pytest.raises(UsageError, match="--top"):
        graph_stats(g, top=-1)


def test_cli_table(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--kg", str(kg_dir), "--top", "5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 documents, 11 facts")
    assert "class           nodes" in out
    assert "relation        links" in out
    assert "Most central entities, by degree:" in out
    row = next(line for line in out.splitlines() if "Bluebird Bazaar" in line and "Company" in line)
    assert row.split()[:5] == ["1", "Bluebird", "Bazaar", "Company", "4"]
    assert "3 connected components (sizes 12, 2, 1)" in out
    assert "communities (Louvain, seed 42):" in out


def test_cli_json(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--kg", str(kg_dir), "--format", "json", "--by", "pagerank"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == json.loads(json.dumps(compute_stats(kg_dir, by="pagerank").to_json()))
    assert data["ranked_by"] == "pagerank"
    assert data["central"][0]["label"] == "Bluebird Bazaar"
    assert {"documents", "facts_per_class", "nodes_per_class", "links_per_relation", "components",
            "communities"} <= set(data)


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "xml"], "Error: unknown --format 'xml'; choose one of table, json\n"),
    (["--by", "closeness"], "Error: unknown measure 'closeness'; choose one of degree, betweenness, pagerank\n"),
])
def test_cli_usage_errors(kg_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert main(["stats", "--kg", str(kg_dir), *args]) == 2
    assert capsys.readouterr().err == message


def test_cli_missing_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--kg", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"Error: no graph in {tmp_path}/, run kg build first\n"


def test_seed_central_entities(seed_kg: Path) -> None:
    """A reader of the seed article would call Flipkart, the Uttar Pradesh government and Uttar Pradesh
    central: Flipkart and the government partnered, the state holds every district named."""
    graph = load_entity_graph(seed_kg)
    names = aliases(seed_kg)
    expected = {resolve_name(graph, name, names) for name in ("Flipkart", "Uttar Pradesh government", "Uttar Pradesh")}
    for by in ("degree", "betweenness", "pagerank"):
        top = {c.iri for c in compute_stats(seed_kg, top=8, by=by).central}
        assert expected <= top, by


_SCRIPT = """
import json, sys
from pathlib import Path
from kg.analytics.export import export
from kg.analytics.paths import find_path, format_path
from kg.analytics.stats import compute_stats, format_stats
kg = Path(sys.argv[1])
stats = compute_stats(kg)
sys.stdout.write(format_stats(stats) + json.dumps(stats.to_json()) + format_path(find_path(kg, "India", "Asha Verma")))
sys.stdout.buffer.write(export(kg, "graphml") + export(kg, "edges-csv"))
"""


def test_same_output_whatever_the_hash_seed(kg_dir: Path) -> None:
    """Set iteration order changes with PYTHONHASHSEED; no output may depend on it."""
    outputs = [
        subprocess.run([sys.executable, "-c", _SCRIPT, str(kg_dir)], env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True, check=True).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert b"Bluebird Bazaar" in outputs[0]
