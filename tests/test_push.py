"""kg push into a real Oxigraph server on loopback (SPARQL Update and Graph Store Protocol), then the rows
read back through real SPARQL clients compared with kg query; and the error paths against a server that
requires HTTP Basic auth."""

from __future__ import annotations

import base64
import csv
import io
import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from pyoxigraph import RdfFormat, parse
from serve_fixture import KG, oxigraph_server

from conftest import ROOT
from kg.serve.sparql import prepare_query

QUESTIONS = ["products", "organisations", "people", "figures", "partnerships"]
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPH_NAMES = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"


def kg_push(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KG_PUSH_")}
    return subprocess.run([*KG, "push", *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL, env={**environment, **(env or {})})


def select(base: str, text: str) -> list[list[str]]:
    response = httpx.post(f"{base}/query", data={"query": text}, headers={"Accept": "text/csv"}, timeout=60)
    assert response.status_code == 200, response.text
    return list(csv.reader(io.StringIO(response.text)))


def trig_quads(kg_dir: Path) -> tuple[int, list[str]]:
    quads = {str(q): q for q in parse(path=str(kg_dir / "kg.trig"), format=RdfFormat.TRIG)}
    return len(quads), sorted({q.graph_name.value for q in quads.values()})


def kg_query_rows(kg_dir: Path, name: str) -> list[list[str]]:
    done = subprocess.run([*KG, "query", name, "--kg", str(kg_dir), "-f", "csv"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return list(csv.reader(io.StringIO(done.stdout)))


def test_push_seed_by_sparql_update_twice_gives_the_trig_quads(seed_kg: Path) -> None:
    count, graphs = trig_quads(seed_kg)
    with oxigraph_server() as base:
        for _ in range(2):
            done = kg_push("--kg", str(seed_kg), "--endpoint", f"{base}/update")
            assert done.returncode == 0, done.stderr
            assert select(base, COUNT_QUADS) == [["n"], [str(count)]]
        assert f"pushed {len(graphs)} graphs and {count:,} quads" in done.stdout
        assert [row[0] for row in select(base, GRAPH_NAMES)[1:]] == graphs
        assert any(g.endswith("/graph/inferred") for g in graphs) and any(g.endswith("/graph/ontology") for g in graphs)


@pytest.mark.parametrize("mode", ["--replace", "--append"])
def test_push_synthetic_by_graph_store_protocol_twice_is_the_same_store(synthetic_kg: Path, mode: str) -> None:
    count, graphs = trig_quads(synthetic_kg)
    assert len(graphs) > 200
    with oxigraph_server() as base:
        for _ in range(2):
            done = kg_push("--kg", str(synthetic_kg), "--graph-store", f"{base}/store", mode, "--batch", "5000")
            assert done.returncode == 0, done.stderr
            assert select(base, COUNT_QUADS) == [["n"], [str(count)]]
        assert [row[0] for row in select(base, GRAPH_NAMES)[1:]] == graphs


def test_replace_removes_what_an_earlier_push_put_in_a_graph(seed_kg: Path) -> None:
    count, graphs = trig_quads(seed_kg)
    stale = f"INSERT DATA {{ GRAPH <{graphs[0]}> {{ <http://example.org/s> <http://example.org/p> 'old' }} }}"
    with oxigraph_server() as base:
        assert httpx.post(f"{base}/update", data={"update": stale}).status_code == 204
        for protocol in (["--endpoint", f"{base}/update"], ["--graph-store", f"{base}/store"]):
            assert kg_push("--kg", str(seed_kg), *protocol, "--batch", "300").returncode == 0
            assert select(base, COUNT_QUADS) == [["n"], [str(count)]]
            assert httpx.post(f"{base}/update", data={"update": stale}).status_code == 204


@pytest.mark.parametrize("name", QUESTIONS)
def test_pushed_synthetic_graph_answers_like_kg_query(pushed_synthetic: str, synthetic_kg: Path, name: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    text = prepare_query((ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8"))
    client = SPARQLWrapper(f"{pushed_synthetic}/query")
    client.setQuery(text)
    client.setReturnFormat(JSON)
    data = client.queryAndConvert()
    names = data["head"]["vars"]
    rows = [[b[n]["value"] if n in b else "" for n in names] for b in data["results"]["bindings"]]
    assert len(rows) > 5
    assert [names, *rows] == kg_query_rows(synthetic_kg, name)


def test_pushed_synthetic_graph_through_rdflib_sparqlstore(pushed_synthetic: str, synthetic_kg: Path) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(f"{pushed_synthetic}/query", returnFormat="json")
    text = prepare_query((ROOT / "queries" / "products.rq").read_text(encoding="utf-8"))
    rows = [[str(cell) if cell is not None else "" for cell in row] for row in store.query(text)]
    expected = kg_query_rows(synthetic_kg, "products")
    assert [["product", "district"], *rows] == expected


@pytest.fixture(scope="module")
def pushed_synthetic(synthetic_kg: Path) -> Iterator[str]:
    """An Oxigraph server whose default graph is the union of its graphs, as kg query's is, after kg push."""
    with oxigraph_server("--union-default-graph") as base:
        done = kg_push("--kg", str(synthetic_kg), "--endpoint", f"{base}/update")
        assert done.returncode == 0, done.stderr
        yield base


class _BasicAuthStore(BaseHTTPRequestHandler):
    """Accepts a request only with user kg and password s3cret-pw, or the bearer token t0ken."""

    accepted: list[str] = []

    def _handle(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        good = {f"Basic {base64.b64encode(b'kg:s3cret-pw').decode()}", "Bearer t0ken"}
        if self.headers.get("Authorization") not in good:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        type(self).accepted.append(self.command)
        self.send_response(204)
        self.end_headers()

    do_PUT = do_POST = _handle

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def basic_auth_store() -> Iterator[str]:
    _BasicAuthStore.accepted = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BasicAuthStore)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_auth_errors_are_one_line_and_never_show_the_password(seed_kg: Path) -> None:
    with basic_auth_store() as base:
        anonymous = kg_push("--kg", str(seed_kg), "--graph-store", f"{base}/store")
        assert anonymous.returncode == 1
        assert anonymous.stderr == (f"Error: {base}/store refused the request (HTTP 401 Unauthorized): give --user "
                                    "(the password from KG_PUSH_PASSWORD or a prompt) or set KG_PUSH_TOKEN\n")
        wrong = kg_push("--kg", str(seed_kg), "--graph-store", f"{base}/store", "--user", "kg",
                        env={"KG_PUSH_PASSWORD": "not-the-pw-123"})
        assert wrong.returncode == 1
        assert "HTTP 401" in wrong.stderr and wrong.stderr.count("\n") == 1
        in_url = kg_push("--kg", str(seed_kg), "--endpoint", base.replace("://", "://kg:url-pw-456@") + "/update")
        assert in_url.returncode == 1
        for done in (wrong, in_url):
            assert "not-the-pw-123" not in done.stdout + done.stderr
            assert "url-pw-456" not in done.stdout + done.stderr
        assert _BasicAuthStore.accepted == []

        right = kg_push("--kg", str(seed_kg), "--graph-store", f"{base}/store", "--user", "kg",
                        env={"KG_PUSH_PASSWORD": "s3cret-pw"})
        assert right.returncode == 0, right.stderr
        assert "s3cret-pw" not in right.stdout + right.stderr
        graphs = len(trig_quads(seed_kg)[1])
        assert _BasicAuthStore.accepted == ["PUT"] * graphs
        token = kg_push("--kg", str(seed_kg), "--endpoint", f"{base}/update", env={"KG_PUSH_TOKEN": "t0ken"})
        assert token.returncode == 0, token.stderr
        assert "t0ken" not in token.stdout + token.stderr


def test_user_without_password_off_a_terminal_is_a_usage_error(seed_kg: Path) -> None:
    done = kg_push("--kg", str(seed_kg), "--endpoint", "http://127.0.0.1:9/update", "--user", "kg")
    assert done.returncode == 2
    assert done.stderr == "Error: --user kg needs a password: set KG_PUSH_PASSWORD (or run kg push on a terminal " \
                          "to be asked)\n"


def test_unreachable_store_is_one_line_error(seed_kg: Path) -> None:
    from kg.serve.engine import free_port

    url = f"http://127.0.0.1:{free_port()}/update"
    done = kg_push("--kg", str(seed_kg), "--endpoint", url)
    assert done.returncode == 1
    assert done.stderr == f"Error: cannot reach {url} (connection refused)\n"


def test_store_error_status_is_reported(seed_kg: Path) -> None:
    with oxigraph_server() as base:
        done = kg_push("--kg", str(seed_kg), "--endpoint", f"{base}/query")  # not the update endpoint
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: {base}/query answered POST with HTTP 4")
    assert done.stderr.count("\n") == 1


@pytest.mark.parametrize("protocol", ["endpoint", "graph-store"])
def test_push_after_an_article_is_removed_drops_its_graph(tmp_path: Path, protocol: str) -> None:
    """A store fed by kg push holds what kg.trig holds, also after articles leave the corpus; another
    store's graphs (not sent by this folder) stay."""
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    for article in sorted((ROOT / "tests" / "heldout" / "articles").glob("*.txt"))[:3]:
        (seeds / article.name).write_bytes(article.read_bytes())
    foreign = "INSERT DATA { GRAPH <http://example.org/theirs> { <http://example.org/s> <http://example.org/p> 1 } }"
    build = [*KG, "build", "--seeds", str(seeds), "--kg", str(out), "--no-html"]
    with oxigraph_server() as base:
        assert httpx.post(f"{base}/update", data={"update": foreign}).status_code == 204
        where = ["--endpoint", f"{base}/update"] if protocol == "endpoint" else ["--graph-store", f"{base}/store"]
        subprocess.run(build, cwd=ROOT, capture_output=True, check=True)
        first = kg_push("--kg", str(out), *where)
        assert first.returncode == 0, first.stderr
        assert "dropped" not in first.stdout
        before = {row[0] for row in select(base, GRAPH_NAMES)[1:]}

        removed = sorted(seeds.iterdir())[0]
        removed.unlink()
        subprocess.run(build, cwd=ROOT, capture_output=True, check=True)
        count, graphs = trig_quads(out)
        second = kg_push("--kg", str(out), *where)
        assert second.returncode == 0, second.stderr
        gone = before - set(graphs) - {"http://example.org/theirs"}
        assert len(gone) == 1 and "dropped 1 graph an earlier push sent" in second.stdout
        assert {row[0] for row in select(base, GRAPH_NAMES)[1:]} == set(graphs) | {"http://example.org/theirs"}
        assert select(base, COUNT_QUADS) == [["n"], [str(count + 1)]]


def test_an_unwritable_push_record_only_warns(tmp_path: Path, seed_kg: Path) -> None:
    import shutil

    out = tmp_path / "out"
    shutil.copytree(seed_kg, out, symlinks=True)
    count, _ = trig_quads(out)
    with oxigraph_server() as base:
        assert kg_push("--kg", str(out), "--endpoint", f"{base}/update", "--append").returncode == 0
        # A record that cannot be written (here: a file where its folder should be; a read-only folder
        # does the same for a user other than root) is a one-line warning, not a failed push.
        shutil.rmtree(out / ".kg" / "pushed")
        (out / ".kg" / "pushed").write_text("not a folder")
        done = kg_push("--kg", str(out), "--endpoint", f"{base}/update")
        assert done.returncode == 0, done.stderr
        assert select(base, COUNT_QUADS) == [["n"], [str(count)]]
        assert done.stderr.startswith("Warning: cannot write") and len(done.stderr.splitlines()) == 1
