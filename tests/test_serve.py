"""kg serve as a real server on a loopback port, queried by real SPARQL clients and compared with kg query."""

from __future__ import annotations

import csv
import io
import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from serve_fixture import KG, alive, kg_serve

from conftest import ROOT, SEEDS
from kg.build import build
from kg.query.library import library

QUESTIONS = ["products", "organisations", "people", "figures", "partnerships"]


def kg_query_rows(kg_dir: Path, name: str) -> list[list[str]]:
    done = subprocess.run([*KG, "query", name, "--kg", str(kg_dir), "-f", "csv"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return list(csv.reader(io.StringIO(done.stdout)))


def served_rows(endpoint: str, text: str) -> list[list[str]]:
    response = httpx.post(endpoint, data={"query": text}, headers={"Accept": "text/csv"}, timeout=30)
    assert response.status_code == 200, response.text
    return list(csv.reader(io.StringIO(response.text)))


@pytest.fixture(scope="module")
def served_seed(seed_kg: Path):
    with kg_serve(seed_kg) as served:
        yield served


@pytest.fixture(scope="module")
def served_synthetic(synthetic_kg: Path):
    with kg_serve(synthetic_kg) as served:
        yield served


@pytest.mark.parametrize("name", QUESTIONS)
def test_library_questions_give_kg_query_rows_over_http(served_seed, seed_kg: Path, name: str) -> None:
    text = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    assert served_rows(served_seed.endpoint, text) == kg_query_rows(seed_kg, name)


@pytest.mark.parametrize("name", QUESTIONS)
def test_sparqlwrapper_on_synthetic_graph_gives_kg_query_rows(served_synthetic, synthetic_kg: Path, name: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(served_synthetic.endpoint)
    client.setQuery((ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8"))
    client.setReturnFormat(JSON)
    data = client.queryAndConvert()
    names = data["head"]["vars"]
    rows = [[b[n]["value"] if n in b else "" for n in names] for b in data["results"]["bindings"]]
    expected = kg_query_rows(synthetic_kg, name)
    assert len(rows) > 5
    assert [names, *rows] == expected


def test_rdflib_sparqlstore_counts_like_kg_query(served_synthetic, synthetic_kg: Path) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(served_synthetic.endpoint, returnFormat="json")
    text = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kgo:Product }"
    served = [int(row[0]) for row in store.query(text)]
    expected = kg_query_rows(synthetic_kg, "products")  # one row per product and district
    assert served[0] >= 10
    direct = subprocess.run([*KG, "query", "-q", text, "--kg", str(synthetic_kg), "-f", "csv"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split()
    assert served == [int(direct[1])]
    assert len(expected) > served[0]


def test_a_large_result_streams_whole(served_synthetic, synthetic_kg: Path) -> None:
    # Far more than the front reads before answering (BUFFER_BYTES), so this goes through the streaming path.
    from kg.serve.front import BUFFER_BYTES

    text = "CONSTRUCT WHERE { ?s ?p ?o }"
    with httpx.stream("POST", served_synthetic.endpoint, data={"query": text},
                      headers={"Accept": "application/n-triples"}, timeout=60) as response:
        assert response.status_code == 200
        body = response.read()
    assert len(body) > 2 * BUFFER_BYTES
    direct = subprocess.run([*KG, "query", "-q", text, "--kg", str(synthetic_kg), "-f", "nt"], cwd=ROOT,
                            capture_output=True, check=True).stdout
    assert set(body.splitlines()) == set(direct.splitlines())


def test_update_is_refused_over_http(served_seed) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = served_rows(served_seed.endpoint, count)
    insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    for response in (
        httpx.post(served_seed.endpoint, data={"update": insert}),
        httpx.post(f"{served_seed.url}/update", data={"update": insert}),
        httpx.post(served_seed.endpoint, content=insert, headers={"Content-Type": "application/sparql-update"}),
        httpx.post(served_seed.endpoint, data={"query": insert}),
    ):
        assert response.status_code == 403, response.text
        assert response.text.startswith("Error: SPARQL Update")
    assert served_rows(served_seed.endpoint, count) == before


def test_service_is_refused_over_http(served_seed) -> None:
    # The target is the server itself: were SERVICE run, it would answer.
    text = f"SELECT * WHERE {{ SERVICE <{served_seed.endpoint}> {{ ?s ?p ?o }} }}"
    response = httpx.get(served_seed.endpoint, params={"query": text})
    assert response.status_code == 403
    assert response.text.startswith("Error: SERVICE (line 1) is refused")
    # Spellings the engine reads as SERVICE without a space or word boundary are refused too.
    for hidden in (f"SELECT * WHERE {{ {{}}SERVICE<{served_seed.endpoint}>{{ ?s ?p ?o }} }}",
                   f"SELECT * WHERE {{ SERVICESILENT<{served_seed.endpoint}> {{ ?s ?p ?o }} }}"):
        response = httpx.get(served_seed.endpoint, params={"query": hidden})
        assert response.status_code == 403, hidden
        assert "SERVICE" in response.text


def test_syntax_error_is_400_with_kg_querys_message(served_seed) -> None:
    response = httpx.get(served_seed.endpoint, params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert response.text.startswith("Error: query syntax error at line 1, column")


def test_graph_view_and_question_library_pages(served_seed, seed_kg: Path) -> None:
    page = httpx.get(served_seed.url + "/")
    assert page.status_code == 200
    assert page.content == (seed_kg / "kg.html").read_bytes()
    listing = httpx.get(served_seed.url + "/queries").text
    for query in library():
        assert f'href="/queries/{query.name}"' in listing
    products = httpx.get(served_seed.url + "/queries/products")
    assert products.status_code == 200
    for row in kg_query_rows(seed_kg, "products")[1:]:
        assert f"<td>{row[0]}</td><td>{row[1]}</td>" in products.text
    as_csv = httpx.get(served_seed.url + "/queries/products", params={"format": "csv"})
    assert list(csv.reader(io.StringIO(as_csv.text))) == kg_query_rows(seed_kg, "products")
    assert httpx.get(served_seed.url + "/queries/no-such-question").status_code == 404


def test_every_library_question_runs_from_its_link(served_seed) -> None:
    for query in library():
        page = httpx.get(f"{served_seed.url}/queries/{query.name}", timeout=30)
        assert page.status_code == 200, (query.name, page.text)
        assert "<h2>Query</h2>" in page.text
        text = httpx.get(f"{served_seed.url}/queries/{query.name}.rq").text
        assert text == query.path.read_text(encoding="utf-8")


def test_cors_only_when_asked(served_seed, seed_kg: Path) -> None:
    plain = httpx.get(served_seed.endpoint, params={"query": "ASK {}"}, headers={"Origin": "http://example.org"})
    assert "access-control-allow-origin" not in plain.headers
    with kg_serve(seed_kg, "--cors") as served:
        preflight = httpx.options(served.endpoint, headers={"Origin": "http://example.org",
                                                            "Access-Control-Request-Method": "POST"})
        assert preflight.status_code == 204
        assert preflight.headers["access-control-allow-origin"] == "*"
        assert "POST" in preflight.headers["access-control-allow-methods"]
        answer = httpx.post(served.endpoint, data={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
        assert answer.status_code == 200 and answer.headers["access-control-allow-origin"] == "*"


def test_a_slow_query_is_stopped_with_503(seed_kg: Path) -> None:
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with kg_serve(seed_kg, "--timeout", "1") as served:
        started = time.monotonic()
        response = httpx.get(served.endpoint, params={"query": text}, timeout=30)
        took = time.monotonic() - started
        assert response.status_code == 503
        assert "did not finish within 1 s" in response.text
        assert took < 10
        # The server still answers afterwards.
        assert served_rows(served.endpoint, "ASK { ?s ?p ?o }") == [["true"]]


def test_a_large_result_still_streaming_at_the_limit_is_cut_off(seed_kg: Path) -> None:
    # Billions of rows: the first megabytes come at once (so the answer has begun), the rest never in time.
    # The client must see an incomplete response, never a complete-looking, truncated one.
    text = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with kg_serve(seed_kg, "--timeout", "4") as served:
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.get(served.endpoint, params={"query": text}, headers={"Accept": "text/csv"}, timeout=60)
        assert served_rows(served.endpoint, "ASK { ?s ?p ?o }") == [["true"]]
        code, err = served.interrupt()
    assert code == 0
    assert "a result was still streaming after 4 s; its connection was dropped" in err
    assert "Traceback" not in err


def test_ctrl_c_stops_the_server_and_its_engine(seed_kg: Path) -> None:
    with kg_serve(seed_kg) as served:
        engines = served.children()
        assert engines, "kg serve should run the Oxigraph server as its child"
        code, err = served.interrupt()
        assert code == 0
        assert "kg serve: stopped" in err
        assert "Traceback" not in err
        time.sleep(0.2)
        assert not any(alive(pid) for pid in engines)
        with pytest.raises(httpx.ConnectError):
            httpx.get(served.endpoint, params={"query": "ASK {}"})


def test_the_engine_does_not_outlive_a_killed_server(seed_kg: Path) -> None:
    with kg_serve(seed_kg) as served:
        engines = served.children()
        assert engines
        served.process.kill()  # SIGKILL: kg serve gets no chance to clean up
        served.process.wait()
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in engines):
            assert time.monotonic() < deadline, "the Oxigraph server outlived kg serve"
            time.sleep(0.1)


def test_a_taken_port_is_one_line_error(seed_kg: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([*KG, "serve", "--kg", str(seed_kg), "--port", str(port)], cwd=ROOT,
                              capture_output=True, text=True, timeout=30)
    assert done.returncode == 1
    assert done.stderr == f"Error: 127.0.0.1:{port} is already in use; stop what listens there or choose another " \
                          "--port\n"


def test_no_graph_is_one_line_error(tmp_path: Path) -> None:
    done = subprocess.run([*KG, "serve", "--kg", str(tmp_path / "none"), "--port", "0"], cwd=ROOT,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: no graph in")
    assert done.stderr.count("\n") == 1


def test_a_rebuilt_graph_is_served_without_restart(tmp_path: Path, synthetic_kg: Path) -> None:
    out = tmp_path / "out"
    build(SEEDS, out)
    count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kgo:NewsArticle }"
    with kg_serve(out) as served:
        assert served_rows(served.endpoint, count) == [["n"], ["1"]]
        seeds = tmp_path / "seeds"
        shutil.copytree(SEEDS, seeds)
        for story in sorted((synthetic_kg.parent / "seeds").glob("*.txt"))[:3]:
            shutil.copy(story, seeds / story.name)
        build(seeds, out)
        deadline = time.monotonic() + 20
        while served_rows(served.endpoint, count) != [["n"], ["4"]]:
            assert time.monotonic() < deadline, "the rebuilt graph was not served"
            time.sleep(0.2)


def test_a_build_never_removes_the_store_version_a_running_engine_reads(tmp_path: Path) -> None:
    """The Oxigraph server holds a shared lock on the store version it opened: builds published meanwhile
    keep that version's files until the engine stops, then the next build removes them."""
    from kg.rdf.store import current_store_path
    from kg.serve.server import _engine_on_current_store

    seeds, out = tmp_path / "seeds", tmp_path / "out"
    shutil.copytree(SEEDS, seeds)
    build(seeds, out)
    served_version = current_store_path(out)
    engine, _ = _engine_on_current_store(out, timeout=10)
    try:
        for n in range(2):  # two builds of a changed corpus: two new versions, each removing unused ones
            (seeds / f"extra-{n}.txt").write_text("Lucknow, Jan 2 (PTI) The district of Agra is known for its "
                                                   "leather footwear.\n", encoding="utf-8")
            build(seeds, out)
        assert current_store_path(out) != served_version and served_version.is_dir()
        ask = httpx.get(f"{engine.url}/query", params={"query": "ASK { ?s ?p ?o }"},
                        headers={"Accept": "application/sparql-results+json"}, timeout=10)
        assert ask.status_code == 200 and ask.json()["boolean"] is True
    finally:
        engine.stop()
    (seeds / "extra-0.txt").unlink()
    build(seeds, out)
    assert not served_version.exists()
