"""kg push into a second, different store: OpenLink Virtuoso from Debian, started on loopback by the test.

Virtuoso's SPARQL differs from Oxigraph's in places (string order in FILTER, FILTER NOT EXISTS with a
property path), so rows are compared on the questions both engines answer the same way by the standard.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from serve_fixture import virtuoso_server
from test_push import kg_push, kg_query_rows, trig_quads

from conftest import ROOT
from kg.serve.sparql import prepare_query

KG_QUADS = ('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
            'FILTER (STRSTARTS(STR(?g), "https://w3id.org/odop-kg/")) }')
SAME_ANSWERS = ["products", "people", "quotes", "programmes"]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as base:
        yield base


def kg_quads_in(base: str) -> int:
    response = httpx.post(f"{base}/sparql", data={"query": KG_QUADS}, headers={"Accept": "text/csv"}, timeout=60)
    assert response.status_code == 200, response.text
    return int(list(csv.reader(io.StringIO(response.text)))[1][0])


def test_push_seed_to_virtuoso_twice_by_update_and_by_graph_store(virtuoso: str, seed_kg: Path) -> None:
    count, graphs = trig_quads(seed_kg)
    try:
        for protocol in (["--endpoint", f"{virtuoso}/sparql"], ["--graph-store", f"{virtuoso}/sparql-graph-crud"]):
            for _ in range(2):
                done = kg_push("--kg", str(seed_kg), *protocol, "--batch", "1000")
                assert done.returncode == 0, done.stderr
                assert kg_quads_in(virtuoso) == count
    finally:  # the next test pushes another build: the seed article's graph would stay beside it
        drop = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs)
        assert httpx.post(f"{virtuoso}/sparql", data={"update": drop}, timeout=60).status_code == 200
        assert kg_quads_in(virtuoso) == 0


def test_synthetic_graph_in_virtuoso_answers_like_kg_query(virtuoso: str, synthetic_kg: Path) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    done = kg_push("--kg", str(synthetic_kg), "--graph-store", f"{virtuoso}/sparql-graph-crud", "--batch", "5000")
    assert done.returncode == 0, done.stderr
    assert kg_quads_in(virtuoso) == trig_quads(synthetic_kg)[0]
    for name in SAME_ANSWERS:
        client = SPARQLWrapper(f"{virtuoso}/sparql")
        client.setQuery(prepare_query((ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")))
        client.setReturnFormat(JSON)
        data = client.queryAndConvert()
        names = data["head"]["vars"]
        rows = [[b[n]["value"] if n in b else "" for n in names] for b in data["results"]["bindings"]]
        assert [names, *rows] == kg_query_rows(synthetic_kg, name), name
