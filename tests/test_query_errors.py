"""kg query's errors: message and exit code pinned, no traceback; run through the real `kg` command too."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from query_fixture import build_fixture_graph
from query_fixture import run_cli as run

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def kg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("query-errors") / "out")


def kg_command() -> list[str]:
    script = shutil.which("kg")
    if script is None:
        pytest.skip("the kg console command is not installed")
    return [script]


def test_syntax_error_shows_line_column_and_caret(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT ?p\nWHERE {\n  ?p a kgo:Product .\n  FILTER (?p = ) \n}"
    code, out, err = run(["query", "--kg", str(kg_dir), "-q", query], capsys)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        'Error: query syntax error at line 4, column 16: unexpected ")" where a value (a variable, IRI, number '
        "or string) should be",
        "    FILTER (?p = ) ",
        "                 ^",
    ]


def test_syntax_error_in_a_file_points_at_the_users_mistake(
    kg_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Oxigraph itself reports the end of the file (line 7, column 1) with a long "expected one of" list.
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?l\nWHERE {\n  ?p a kgo:Product ;\n     rdfs:label ?l .\n  FILTER(?l = )\n}\n",
                    encoding="utf-8")
    code, _, err = run(["query", str(path), "--kg", str(kg_dir)], capsys)
    assert code == 2
    assert err.splitlines() == [
        'Error: query syntax error at line 5, column 15: unexpected ")" where a value (a variable, IRI, number '
        "or string) should be",
        "    FILTER(?l = )",
        "                ^",
    ]


def test_syntax_error_line_is_relative_to_the_users_query(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The predeclared prefixes are not pasted in front of the query, so line 3 is the user's line 3.
    query = "PREFIX ex: <http://example.org/>\nSELECT ?p WHERE {\n  ?p a kgo:Product } LIMIT many"
    code, _, err = run(["query", "--kg", str(kg_dir), "-q", query], capsys)
    assert code == 2
    assert err.splitlines() == [
        'Error: query syntax error at line 3, column 28: unexpected "many" where a value (a variable, IRI, '
        "number or string) should be",
        "    ?p a kgo:Product } LIMIT many",
        "                             ^",
    ]


def test_a_slash_in_a_prefixed_name_asks_for_the_full_iri(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["query", "--kg", str(kg_dir), "-q", "SELECT ?x WHERE { BIND(kg:district/agra AS ?x) }"],
                       capsys)
    assert code == 2
    assert err.splitlines() == [
        'Error: query syntax error at line 1, column 24: kg:district/agra: "/" cannot appear in a prefixed name; '
        "write entity IRIs in full: <https://w3id.org/odop-kg/id/district/agra>",
        "  SELECT ?x WHERE { BIND(kg:district/agra AS ?x) }",
        "                         ^",
    ]
    # A property path is not a prefixed name with a slash.
    code, _, _ = run(["query", "--kg", str(kg_dir), "-q", "SELECT ?l { ?p kgo:fromDistrict/rdfs:label ?l }"],
                     capsys)
    assert code == 0


@pytest.mark.parametrize("query, expected", [
    ("SELECT ?p WHERE {\n  ?p a ?x \n\n", [
        "line 2, column 10: the query ends before the '{' of line 1, column 17 is closed", "    ?p a ?x ",
        "           ^"]),
    ("SELECT ?p WHERE { ?p a ?x }}", ['line 1, column 28: unexpected "}"', "  SELECT ?p WHERE { ?p a ?x }}",
                                      "                             ^"]),
    ('SELECT ?p WHERE { ?p rdfs:label "Agra }', ["line 1, column 33: a string that is not closed on its line",
                                                 '  SELECT ?p WHERE { ?p rdfs:label "Agra }',
                                                 "                                  ^"]),
    ("SELECT ?p WHERE { ?p a ?x . BIND(1 AS ?x) }", [
        "line 1, column 39: ?x is in use before this AS: BIND and SELECT need a new variable",
        "  SELECT ?p WHERE { ?p a ?x . BIND(1 AS ?x) }", "                                        ^"]),
])
def test_syntax_error_messages(kg_dir: Path, capsys: pytest.CaptureFixture[str], query: str,
                               expected: list[str]) -> None:
    code, _, err = run(["query", "--kg", str(kg_dir), "-q", query], capsys)
    assert code == 2
    first, *rest = err.splitlines()
    assert [first.removeprefix("Error: query syntax error at "), *rest] == expected


@pytest.mark.parametrize("name", ["connected_organisations", "products_per_district", "sources"])
def test_a_mistake_anywhere_in_a_library_query_is_found_where_it_is(name: str) -> None:
    from kg.query.prefixes import QUERY_PREFIXES
    from kg.query.syntax import _tokens, locate

    text = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    for start, _ in _tokens(text)[::5]:
        broken = text[:start] + "@@ " + text[start:]
        assert locate(broken, QUERY_PREFIXES)[0] == start, broken[max(0, start - 60):start + 10]


def test_unknown_prefix_is_named(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["query", "--kg", str(kg_dir), "-q", "SELECT * WHERE {\n\t?s foaf:name ?n }"], capsys)
    assert code == 2
    assert err.splitlines() == [
        "Error: query syntax error at line 2, column 5: unknown prefix foaf: (declare it with PREFIX foaf: <...>)",
        "  \t?s foaf:name ?n }",
        "  \t   ^",
    ]


def test_not_a_query_form(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["query", "--kg", str(kg_dir), "-q", "SELCT ?s WHERE { ?s ?p ?o }"], capsys)
    assert code == 2
    assert err.splitlines() == [
        "Error: query syntax error at line 1, column 1: a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE "
        "(after PREFIX lines), not SELCT",
        "  SELCT ?s WHERE { ?s ?p ?o }",
        "  ^",
    ]


def test_missing_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["query", "products"], capsys)
    assert (code, out, err) == (1, "", "Error: no graph in out/, run kg build first\n")


@pytest.mark.parametrize("query, word", [
    ("INSERT DATA { <http://example.org/a> <http://example.org/b> 'c' }", "INSERT"),
    ("PREFIX ex: <http://example.org/>\n# a comment\ndelete where { ?s ex:p ?o }", "DELETE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("DROP GRAPH <http://example.org/g>", "DROP"),
])
def test_updates_are_refused(kg_dir: Path, capsys: pytest.CaptureFixture[str], query: str, word: str) -> None:
    code, out, err = run(["query", "--kg", str(kg_dir), "-q", query], capsys)
    assert (code, out) == (2, "")
    assert err == (f"Error: SPARQL Update ({word}) is refused: kg query is read-only; change the articles and "
                   "run kg build instead\n")


def test_service_is_refused(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT * WHERE {\n  ?s a kgo:Product .\n  SERVICE <http://example.org/sparql> { ?s ?p ?o }\n}"
    code, out, err = run(["query", "--kg", str(kg_dir), "-q", query], capsys)
    assert (code, out) == (2, "")
    assert err == "Error: SERVICE (line 3) is refused: kg query does not send queries over the network\n"


def test_service_in_a_string_or_comment_is_not_refused(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "# no SERVICE here\nSELECT ?service WHERE { BIND ('SERVICE <x>' AS ?service) }"
    code, out, _ = run(["query", "--kg", str(kg_dir), "-q", query, "-f", "csv"], capsys)
    assert (code, out) == (0, "service\nSERVICE <x>\n")


@pytest.mark.parametrize("bind, message", [
    ("entity", "bad --bind 'entity': expected NAME=VALUE, for example --bind entity=Agra"),
    ("=Agra", "bad --bind '=Agra': expected NAME=VALUE, for example --bind entity=Agra"),
    ("my var=1", "bad --bind 'my var=1': expected NAME=VALUE, for example --bind entity=Agra"),
    ("nothing=1", "--bind nothing: the query has no variable ?nothing (its variables: ?d, ?district, ?p, "
                  "?product)"),
    ("p=1", "--bind p: the query uses ?p but does not select it; only variables of the SELECT clause can be "
            "bound"),
])
def test_bad_bind(kg_dir: Path, capsys: pytest.CaptureFixture[str], bind: str, message: str) -> None:
    code, out, err = run(["query", "products", "--kg", str(kg_dir), "--bind", bind], capsys)
    assert (code, out, err) == (2, "", f"Error: {message}\n")


def test_bound_twice(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["query", "sources", "--kg", str(kg_dir), "-b", "entity=a", "-b", "entity=b"], capsys)
    assert (code, err) == (2, "Error: bad --bind 'entity=b': ?entity is bound twice\n")


@pytest.mark.parametrize("args, message", [
    (["query"], "no query: give a query file, - to read standard input, or --query TEXT"),
    (["query", "nosuch.rq"], "cannot read query file nosuch.rq: no such file (kg queries lists the library)"),
    (["query", "productz"], "cannot read query file productz: no such file; did you mean products? (kg queries "
                            "lists the library)"),
    (["query", "figures_by_org"], "cannot read query file figures_by_org: no such file; did you mean "
                                  "figures_by_organisation or figures? (kg queries lists the library)"),
    (["query", "products", "-q", "ASK {}"], "give either a query file or --query, not both"),
    (["query", "products", "--format", "yaml"], "unknown format 'yaml': choose one of table, csv, tsv, json, "
                                                "xml, ttl, nt, jsonld"),
    (["query", "products", "--frobnicate"], "unrecognized arguments: --frobnicate (see kg query --help)"),
    (["queries", "extra"], "kg queries takes no arguments, got 'extra'"),
])
def test_usage_errors(kg_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run([*args, "--kg", str(kg_dir)] if args[0] == "query" else args, capsys)
    assert (code, out, err) == (2, "", f"Error: {message}\n")


def test_errors_through_the_real_kg_command(kg_dir: Path, tmp_path: Path) -> None:
    kg = kg_command()
    env = {**os.environ, "KG_DEBUG": ""}

    def call(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*kg, *args], capture_output=True, text=True, input=stdin, cwd=tmp_path, env=env)

    syntax = call("query", "--kg", str(kg_dir), "-", stdin="SELECT * WHERE {\n  ?s ?p \n")
    assert syntax.returncode == 2 and syntax.stdout == ""
    assert syntax.stderr.startswith("Error: query syntax error at line 2, column 8: the query ends before the '{'")
    assert "Traceback" not in syntax.stderr

    missing = call("query", "products")
    assert (missing.returncode, missing.stdout, missing.stderr) == (
        1, "", "Error: no graph in out/, run kg build first\n")

    update = call("query", "--kg", str(kg_dir), "-q", "INSERT DATA { <http://a> <http://b> <http://c> }")
    assert (update.returncode, update.stderr) == (
        2, "Error: SPARQL Update (INSERT) is refused: kg query is read-only; change the articles and run kg build "
           "instead\n")

    service = call("query", "--kg", str(kg_dir), "-q", "SELECT * { SERVICE <http://example.org/s> { ?s ?p ?o } }")
    assert (service.returncode, service.stderr) == (
        2, "Error: SERVICE (line 1) is refused: kg query does not send queries over the network\n")

    bind = call("query", "sources", "--kg", str(kg_dir), "--bind", "entity")
    assert (bind.returncode, bind.stderr) == (
        2, "Error: bad --bind 'entity': expected NAME=VALUE, for example --bind entity=Agra\n")

    ok = call("query", "programmes", "--kg", str(kg_dir))
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "programme\nArtisan Credit Card\n", "")


def test_query_from_stdin_and_from_a_file(kg_dir: Path, tmp_path: Path) -> None:
    kg = kg_command()
    query = "SELECT ?programme WHERE { ?p a kgo:Programme ; rdfs:label ?programme }"
    piped = subprocess.run([*kg, "query", "--kg", str(kg_dir), "-"], input=query, capture_output=True, text=True)
    assert (piped.returncode, piped.stdout) == (0, "programme\nArtisan Credit Card\n")
    path = tmp_path / "mine.rq"
    path.write_text(query, encoding="utf-8")
    from_file = subprocess.run([*kg, "query", str(path), "--kg", str(kg_dir), "-f", "json"],
                               capture_output=True, text=True)
    assert from_file.returncode == 0
    assert '"value":"Artisan Credit Card"' in from_file.stdout


def test_help_and_the_library_listing(kg_dir: Path) -> None:
    kg = kg_command()
    helped = subprocess.run([*kg, "query", "--help"], capture_output=True, text=True)
    assert helped.returncode == 0
    for option in ("--query", "--kg", "--format", "--output", "--bind", "--list"):
        assert option in helped.stdout
    listed = subprocess.run([*kg, "queries"], capture_output=True, text=True)
    also = subprocess.run([*kg, "query", "--list"], capture_output=True, text=True)
    assert listed.returncode == also.returncode == 0
    assert listed.stdout == also.stdout
    entries = dict(line.split(None, 1) for line in listed.stdout.splitlines())
    assert entries["products"] == "Which products and crafts, from which district?"
    assert entries["people"] == "Who is mentioned, in which role, at which organisation?"
    assert len(entries) == len(list((ROOT / "queries").glob("*.rq")))
    overview = subprocess.run([*kg, "--help"], capture_output=True, text=True)
    assert "query" in overview.stdout and "queries" in overview.stdout


def test_a_query_does_not_import_typer_or_heavy_libraries(kg_dir: Path) -> None:
    code = (
        "import sys\n"
        "from kg.cli.entry import main\n"
        f"assert main(['query', 'organisations', '--kg', {str(kg_dir)!r}, '-f', 'csv']) == 0\n"
        "heavy = sorted(m for m in ('typer', 'click', 'rich', 'rdflib', 'networkx', 'pyvis', 'pyshacl', 'pydantic',"
        " 'spacy') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "HEAVY []"
