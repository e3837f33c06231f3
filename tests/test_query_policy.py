"""No query form reaches the network; updates, deep nesting and huge queries are refused with exit 2.

A real HTTP server listens on a loopback port and answers like a SPARQL endpoint. Each hostile form is
first shown to reach it when given to the bare engine (so the test would notice a form that is not a
SERVICE call at all), then shown to be refused by kg.query.policy.check_query and by every command
that runs SPARQL, with the server counting zero requests.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import QueryBoolean, Store
from query_fixture import build_fixture_graph

from kg.cli.entry import main
from kg.query.errors import QueryRefusedError
from kg.query.policy import MAX_NESTING, MAX_QUERY_CHARS, check_query, tokens

_ANSWER = b'{"head":{"vars":["r"]},"results":{"bindings":[{"r":{"type":"literal","value":"REMOTE"}}]}}'


class Endpoint:
    """A loopback SPARQL endpoint that counts the requests it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                owner.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(_ANSWER)))
                self.end_headers()
                self.wfile.write(_ANSWER)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.url = self.base + "sparql"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[Endpoint]:
    served = Endpoint()
    thread = threading.Thread(target=served.server.serve_forever, daemon=True)
    thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()


@pytest.fixture(scope="module")
def kg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("policy") / "out")


# {url} is the endpoint, {base} its folder (so that `:sparql` names it).
HOSTILE = [
    "SELECT ?r WHERE {{ SERVICE <{url}> {{ ?x ?y ?r }} }}",
    "PREFIX : <{base}> SELECT ?r WHERE {{ SERVICE:sparql {{ ?x ?y ?r }} }}",
    "PREFIX e: <{base}> SELECT ?r WHERE {{ service  e:sparql {{ ?x ?y ?r }} }}",
    "SELECT ?r WHERE {{ SERVICE SILENT <{url}> {{ ?x ?y ?r }} }}",
    "SELECT ?r WHERE {{ SERVICESILENT<{url}> {{ ?x ?y ?r }} }}",
    "SELECT ?r WHERE {{ {{}}SERVICE<{url}>{{ ?x ?y ?r }} }}",
    "SELECT ?r WHERE {{ SeRvIcE # a comment\n <{url}> {{ ?x ?y ?r }} }}",
    "SELECT ?r WHERE {{ VALUES ?s {{ <{url}> }} LATERAL {{ SERVICE ?s {{ ?x ?y ?r }} }} }}",
    "SELECT ?r WHERE {{ {{ SELECT * WHERE {{ OPTIONAL {{ SERVICE <{url}> {{ ?x ?y ?r }} }} }} }} }}",
    "SELECT ?r WHERE {{ {{ }} UNION {{ SERVICE <{url}> {{ ?x ?y ?r }} }} }}",
    "SELECT ?r WHERE {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?x ?y ?r }} }} }}",
    "SELECT * WHERE {{ MINUS {{ SERVICE <{url}> {{ ?x ?y ?r }} }} }}",
    "SELECT (EXISTS {{ SERVICE <{url}> {{ ?x ?y ?r }} }} AS ?e) WHERE {{ }}",
    "ASK {{ SERVICE <{url}> {{ ?x ?y ?r }} }}",
    "CONSTRUCT {{ ?x ?y ?r }} WHERE {{ SERVICE <{url}> {{ ?x ?y ?r }} }}",
    "SELECT ?r WHERE {{ SERVICE <{url}> {{ SERVICE <{url}> {{ ?x ?y ?r }} }} }}",
    # One reading takes `<2)SERVICE:sparql#>` for an IRI; the engine reads "less than 2", SERVICE and a
    # comment.
    "PREFIX : <{base}> SELECT ?r WHERE {{ BIND(1 AS ?a) FILTER(?a<2)SERVICE:sparql#>\n{{ ?x ?y ?r }} }}",
]


def hostile(endpoint: Endpoint) -> list[str]:
    return [form.format(url=endpoint.url, base=endpoint.base) for form in HOSTILE]


def drain(result: object) -> None:
    if not isinstance(result, QueryBoolean | bool):
        list(result)  # type: ignore[call-overload]


@pytest.mark.parametrize("index", range(len(HOSTILE)))
def test_the_bare_engine_sends_each_form_to_the_server(endpoint: Endpoint, index: int) -> None:
    query = hostile(endpoint)[index]
    before = len(endpoint.requests)
    drain(Store().query(query))
    assert len(endpoint.requests) > before


@pytest.mark.parametrize("index", range(len(HOSTILE)))
def test_check_query_refuses_each_form(endpoint: Endpoint, index: int) -> None:
    with pytest.raises(QueryRefusedError, match=r"^SERVICE \(line \d+\) is refused"):
        check_query(hostile(endpoint)[index])


@pytest.mark.parametrize("index", range(len(HOSTILE)))
def test_no_command_reaches_the_server(
    endpoint: Endpoint, kg_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], index: int
) -> None:
    query = hostile(endpoint)[index]
    path = tmp_path / "q.rq"
    path.write_text(query, encoding="utf-8")
    before = len(endpoint.requests)
    for args in (
        ["query", "--kg", str(kg_dir), "-q", query],
        ["query", "--kg", str(kg_dir), str(path)],
        ["viz", "--kg", str(kg_dir), "--query", str(path), "-o", str(tmp_path / "v.html")],
        ["export", "graphml", "--kg", str(kg_dir), "--query", str(path)],
    ):
        code = main(args)
        err = capsys.readouterr().err
        assert code == 2, (args, err)
        assert err.startswith("Error: SERVICE (line ") and err.count("\n") == 1
    assert len(endpoint.requests) == before
    assert not (tmp_path / "v.html").exists()


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s <http://schema.org/Service> ?o }",
    "PREFIX schema: <http://schema.org/> SELECT * WHERE { ?s schema:serviceType ?o }",
    "PREFIX service: <http://x/> SELECT ?service WHERE { ?service service:x 'SERVICE <http://a> {}' }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> {",
    "SELECT * WHERE { ?s ?p \"\"\"SERVICE\n<http://x/> {\"\"\" }",
    "SELECT * WHERE { FILTER(1<2) FILTER(?a < <http://x/SERVICE>) }",
    "SELECT ('INSERT' AS ?x) {}",
])
def test_service_outside_code_is_not_refused(query: str) -> None:
    check_query(query)
    Store().query(query)  # and the engine agrees it is a query


@pytest.mark.parametrize("query, word", [
    ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "INSERT"),
    ("PREFIX x: <http://x/>\nDELETE WHERE { ?s x:p ?o }", "DELETE"),
    ("WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("LOAD <http://127.0.0.1:1/data.ttl>", "LOAD"),
    ("COPY <http://x/a> TO <http://x/b>", "COPY"),
    ("clear all", "CLEAR"),
])
def test_updates_are_refused(query: str, word: str) -> None:
    with pytest.raises(QueryRefusedError, match=rf"^SPARQL Update \({word}\) is refused"):
        check_query(query)


def test_tokens_follow_the_engine_on_prefixed_names_and_keywords() -> None:
    assert [t.text for t in tokens("SERVICE:sparql{")] == ["SERVICE:sparql", "{"]
    # The engine reads ex:a.b.c as ex:a.b then .c (its grammar allows one dotted tail).
    assert [t.text for t in tokens("?s ex:a.b.c")] == ["?s", "ex:a.b", ".", "c"]
    assert [t.kind for t in tokens("FILTER(?a<?b) ?s <http://x/> ?o")] == [
        "word", "punct", "var", "punct", "var", "punct", "var", "iri", "var"]
    # `<?b&&?c>` has the shape of an IRI; after the operand ?a the engine reads "less than".
    assert [t.kind for t in tokens("FILTER(?a<?b&&?c>?d)")][2:5] == ["var", "punct", "var"]
    assert [t.kind for t in tokens("FILTER(?a<?b&&?c>?d)", less_than_after_operands=False)][2:4] == ["var", "iri"]


def test_deep_nesting_is_refused_not_a_crash(kg_dir: Path) -> None:
    # 5,000 nested brackets used to crash the engine with a segmentation fault (exit 139).
    query = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    done = subprocess.run([sys.executable, "-m", "kg", "query", "--kg", str(kg_dir), "-q", query],
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"Error: the query nests brackets more than {MAX_NESTING} deep (line 1); "
                           "kg refuses it rather than risk the engine crashing\n")


def test_nesting_within_the_limit_runs() -> None:
    query = "SELECT * WHERE { FILTER(" + "(" * (MAX_NESTING - 2) + "1" + ")" * (MAX_NESTING - 2) + ") }"
    check_query(query)


def test_a_huge_query_is_refused() -> None:
    query = "SELECT * WHERE { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(10_000)) + " }"
    assert len(query) > MAX_QUERY_CHARS
    with pytest.raises(QueryRefusedError, match=r"^the query is [\d,]+ characters long; kg runs queries of"):
        check_query(query)
