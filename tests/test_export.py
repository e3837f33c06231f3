"""kg export: every format is read back by its standard reader with the same node, edge or triple counts."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from analytics_fixture import ASHA, BLUEBIRD, GUILD, UP_GOVERNMENT, shared_analytics_kg
from pyoxigraph import Store

from kg.analytics.export import FORMATS, export, export_graph, flatten
from kg.cli.entry import main
from kg.errors import GraphMissingError, KgError, UsageError
from kg.files import write_atomic
from kg.views.entity_graph import load_entity_graph


@pytest.fixture(scope="module")
def kg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_analytics_kg(tmp_path_factory)


@pytest.fixture(scope="module")
def graph(kg_dir: Path) -> nx.MultiDiGraph:
    return load_entity_graph(kg_dir)


def store_counts(kg_dir: Path) -> tuple[int, int]:
    """(quads, distinct triples) of the graph's store, counted by pyoxigraph."""
    store = Store.read_only(str(kg_dir / "store"))
    quads = list(store)
    return len(quads), len({(q.subject, q.predicate, q.object) for q in quads})


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_read_back_with_networkx(kg_dir: Path, graph: nx.MultiDiGraph, fmt: str) -> None:
    data = export(kg_dir, fmt)
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    back = reader(io.BytesIO(data))
    assert back.is_directed()
    assert back.number_of_nodes() == graph.number_of_nodes() > 10
    assert back.number_of_edges() == graph.number_of_edges() > 10
    assert set(back.nodes) == set(graph.nodes)
    assert back.nodes[BLUEBIRD]["label"] == "Bluebird Bazaar"
    assert back.nodes[BLUEBIRD]["kind"] == "Company"
    # Lists and dicts were flattened to JSON strings that decode to the original values.
    assert json.loads(back.nodes[BLUEBIRD]["sources"]) == graph.nodes[BLUEBIRD]["sources"]
    relations = sorted(d["relation"] for _u, _v, d in back.edges(data=True))
    assert relations == sorted(d["relation"] for _u, _v, d in graph.edges(data=True))
    works_for = [d for u, v, d in back.edges(data=True) if (u, v) == (ASHA, BLUEBIRD)]
    assert [d["relation"] for d in works_for] == ["works for"]
    assert json.loads(works_for[0]["sources"])[0]["sentence"].startswith("Asha Verma, Director, Bluebird Bazaar")


def test_parallel_edges_and_mixed_attribute_types_survive_graphml_and_gexf() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", kind="Company", rank=1, sources=[{"article": "x", "begin": 1, "end": 2}])
    g.add_node("b", label="B", kind="Person", rank="first", details={"role": "Director"}, missing=None)
    g.add_edge("a", "b", key="works for", relation="works for", sources=[])
    g.add_edge("a", "b", key="partnered with", relation="partnered with", sources=[])
    g.add_edge("b", "a", key="said", relation="said", sources=[])
    flat = flatten(g)
    assert flat.nodes["a"]["rank"] == "1"  # an attribute that is not always a number is always a string
    assert flat.nodes["b"]["details"] == '{"role": "Director"}'
    assert "missing" not in flat.nodes["b"]
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        back = reader(io.BytesIO(export_graph(g, fmt)))
        assert back.number_of_nodes() == 2
        assert back.number_of_edges() == 3, fmt
        assert sorted(d["relation"] for _u, _v, d in back.edges(data=True)) == [
            "partnered with", "said", "works for"]


def test_nodes_csv(kg_dir: Path, graph: nx.MultiDiGraph) -> None:
    rows = list(csv.DictReader(io.StringIO(export(kg_dir, "nodes-csv").decode("utf-8"))))
    assert len(rows) == graph.number_of_nodes()
    assert [r["id"] for r in rows] == sorted(graph.nodes)
    bluebird = next(r for r in rows if r["id"] == BLUEBIRD)
    assert (bluebird["label"], bluebird["kind"], bluebird["degree"]) == ("Bluebird Bazaar", "Company", "4")
    assert bluebird["articles"] == "2"
    assert json.loads(bluebird["sources"]) == graph.nodes[BLUEBIRD]["sources"]


def test_edges_csv(kg_dir: Path, graph: nx.MultiDiGraph) -> None:
    rows = list(csv.DictReader(io.StringIO(export(kg_dir, "edges-csv").decode("utf-8"))))
    assert len(rows) == graph.number_of_edges()
    assert {(r["source"], r["target"], r["relation"]) for r in rows} == {
        (u, v, d["relation"]) for u, v, d in graph.edges(data=True)}
    row = next(r for r in rows if r["source"] == ASHA and r["target"] == BLUEBIRD)
    assert (row["source_label"], row["target_label"], row["relation"]) == ("Asha Verma", "Bluebird Bazaar", "works for")
    assert row["predicate"] == "https://w3id.org/odop-kg/ontology#worksFor"
    assert row["sentence"].startswith("Asha Verma, Director, Bluebird Bazaar, said")
    reference = [r for r in rows if r["relation"] == "located in"]
    assert reference and all(r["sentence"] == "" and json.loads(r["sources"]) == [] for r in reference)


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("ttl", "turtle"), ("nt", "nt")])
def test_triple_formats_read_back_with_rdflib(kg_dir: Path, fmt: str, rdflib_format: str) -> None:
    _quads, triples = store_counts(kg_dir)
    g = rdflib.Graph()
    g.parse(data=export(kg_dir, fmt), format=rdflib_format)
    assert len(g) == triples > 500
    label = (rdflib.URIRef(BLUEBIRD), rdflib.RDFS.label, rdflib.Literal("Bluebird Bazaar"))
    assert label in g


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_quad_formats_read_back_with_rdflib(kg_dir: Path, fmt: str, rdflib_format: str) -> None:
    quads, _triples = store_counts(kg_dir)
    ds = rdflib.Dataset()
    ds.parse(data=export(kg_dir, fmt), format=rdflib_format)
    assert sum(1 for _ in ds.quads((None, None, None, None))) == quads > 500
    graphs = {str(c.identifier) for c in ds.graphs()}
    assert "https://w3id.org/odop-kg/id/graph/article/01_kanpur_leather" in graphs
    assert "https://w3id.org/odop-kg/id/graph/entities" in graphs


@pytest.mark.parametrize("fmt", ["nq", "trig", "nt", "ttl"])
def test_rdf_formats_read_back_with_pyoxigraph(kg_dir: Path, fmt: str) -> None:
    from pyoxigraph import RdfFormat, parse

    quads, triples = store_counts(kg_dir)
    rdf_format = {"nq": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG, "nt": RdfFormat.N_TRIPLES,
                  "ttl": RdfFormat.TURTLE}[fmt]
    parsed = list(parse(export(kg_dir, fmt), format=rdf_format))
    assert len(parsed) == (quads if fmt in ("nq", "trig") else triples)


def test_nq_and_nt_hold_exactly_what_the_store_holds(kg_dir: Path) -> None:
    from pyoxigraph import RdfFormat, parse

    store = list(Store.read_only(str(kg_dir / "store")))
    assert {str(q) for q in parse(export(kg_dir, "nq"), format=RdfFormat.N_QUADS)} == {str(q) for q in store}
    triples = {str(t) for t in parse(export(kg_dir, "nt"), format=RdfFormat.N_TRIPLES)}
    assert triples == {f"{q.subject} {q.predicate} {q.object}" for q in store}


def test_trig_export_is_the_graph_file(kg_dir: Path) -> None:
    assert export(kg_dir, "trig") == (kg_dir / "kg.trig").read_bytes()


def test_exports_are_byte_identical_across_builds(kg_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    again = shared_analytics_kg(tmp_path_factory, "again")
    for fmt in FORMATS:
        assert export(again, fmt) == export(kg_dir, fmt), fmt


def run_kg(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, check=False)


def test_cli_writes_to_stdout_without_o(kg_dir: Path) -> None:
    result = run_kg("export", "nt", "--kg", str(kg_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout == export(kg_dir, "nt")


def test_cli_writes_the_file_with_o(kg_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "graph.gexf"
    result = run_kg("export", "gexf", "--kg", str(kg_dir), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert out.read_bytes() == export(kg_dir, "gexf")
    assert sorted(p.name for p in out.parent.iterdir()) == ["graph.gexf"]  # no temporary file left behind
    assert out.stat().st_mode & 0o044  # readable by others, like any new file (mkstemp's default is 0600)


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(KgError, match="cannot write .*out.ttl: No space left on device"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_write_atomic_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        write_atomic(tmp_path, b"x")


PARTNERS_QUERY = """PREFIX kgo: <https://w3id.org/odop-kg/ontology#>
CONSTRUCT { ?a kgo:partneredWith ?b } WHERE { ?a kgo:partneredWith ?b }
"""


def test_query_restricts_the_entity_graph_formats(kg_dir: Path, tmp_path: Path) -> None:
    back = nx.read_graphml(io.BytesIO(export(kg_dir, "graphml", PARTNERS_QUERY)))
    assert set(back.nodes) == {BLUEBIRD, UP_GOVERNMENT, GUILD}
    assert sorted(d["relation"] for _u, _v, d in back.edges(data=True)) == ["partnered with", "partnered with"]
    query = tmp_path / "partners.rq"
    query.write_text(PARTNERS_QUERY, encoding="utf-8")
    result = run_kg("export", "edges-csv", "--kg", str(kg_dir), "--query", str(query))
    assert result.returncode == 0, result.stderr
    assert len(list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"))))) == 2


def test_query_is_refused_for_rdf_formats(kg_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    query = tmp_path / "partners.rq"
    query.write_text(PARTNERS_QUERY, encoding="utf-8")
    assert main(["export", "nq", "--kg", str(kg_dir), "--query", str(query)]) == 2
    assert capsys.readouterr().err == (
        "Error: --query applies to graphml, gexf, nodes-csv, edges-csv; for part of the RDF graph, "
        "run a CONSTRUCT with kg query -f ttl\n")
    assert main(["export", "gexf", "--kg", str(kg_dir), "--query", str(tmp_path / "missing.rq")]) == 2
    missing = tmp_path / "missing.rq"
    assert capsys.readouterr().err == f"Error: cannot read query file {missing}: no such file\n"


def test_unknown_format_is_a_usage_error(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "xlsx", "--kg", str(kg_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: unknown export format 'xlsx'; choose one of graphml, gexf, nodes-csv")
    assert err.count("\n") == 1


@pytest.mark.parametrize("fmt", ["graphml", "ttl"])
def test_missing_graph(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(GraphMissingError):
        export(tmp_path / "nothing", fmt)
    assert main(["export", fmt, "--kg", str(tmp_path / "nothing")]) == 1
    assert capsys.readouterr().err == f"Error: no graph in {tmp_path / 'nothing'}/, run kg build first\n"


def test_seed_exports_read_back(seed_kg: Path) -> None:
    graph = load_entity_graph(seed_kg)
    back = nx.read_graphml(io.BytesIO(export(seed_kg, "graphml")))
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    quads, _triples = store_counts(seed_kg)
    ds = rdflib.Dataset()
    ds.parse(data=export(seed_kg, "jsonld"), format="json-ld")
    assert sum(1 for _ in ds.quads((None, None, None, None))) == quads
