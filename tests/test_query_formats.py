"""Every output format of kg query, parsed back with a standard parser (csv, json, xml.etree, rdflib)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pyoxigraph import QueryResultsFormat, parse_query_results
from query_fixture import build_fixture_graph

from kg.cli.entry import main
from kg.errors import UsageError
from kg.query import GraphResult, run_query, write_result

KG = "https://w3id.org/odop-kg/id/"
CARPETS = f"<{KG}product/carpets>"
SPARQL_NS = "{http://www.w3.org/2005/sparql-results#}"
FIGURES = "SELECT ?figure ?value ?unit ?period WHERE { ?f kgo:measure ?figure ; kgo:value ?value ; kgo:unit ?unit " \
          ". OPTIONAL { ?f kgo:period/rdfs:label ?period } } ORDER BY ?figure"
SENTENCES = "SELECT ?i ?text WHERE { ?s kgo:sentenceIndex ?i ; kgo:text ?text ; kgo:inArticle ?a . " \
            "?a kgo:sourceFile 'fx-glass.txt' } ORDER BY ?i"
CONSTRUCT = "CONSTRUCT { ?p kgo:fromDistrict ?d ; rdfs:label ?l } WHERE { ?p kgo:fromDistrict ?d ; rdfs:label ?l }"


@pytest.fixture(scope="module")
def kg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("query-formats") / "out")


def output(kg_dir: Path, query: str, fmt: str) -> str:
    buffer = io.BytesIO()
    write_result(run_query(kg_dir, query), fmt, buffer)
    return buffer.getvalue().decode("utf-8")


EXPECTED_FIGURES = [
    ["artisans joined", "15000", "artisans", ""],
    ["exports", "3000000", "USD", "2022"],
    ["growth in sales", "40", "percent", "April 2022 to March 2023"],
    ["new products listed", "1200", "products", ""],
    ["sales", "2500000000", "INR", "April 2022 to March 2023"],
]


def test_csv_has_plain_headers_and_plain_values(kg_dir: Path) -> None:
    text = output(kg_dir, FIGURES, "csv")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0] == ["figure", "value", "unit", "period"]
    assert parsed[1:] == EXPECTED_FIGURES
    assert "^^" not in text and "?" not in text


def test_csv_quotes_cells_with_commas_and_quotes(kg_dir: Path) -> None:
    parsed = list(csv.reader(io.StringIO(output(kg_dir, SENTENCES, "csv"))))
    assert parsed[0] == ["i", "text"]
    assert parsed[2] == ["1", "Imran Qureshi, Chief Executive Officer of Kartly, said the firm would list 1,200 "
                              "new products."]
    assert parsed[3] == ["2", '"Every bangle tells a story," read a banner at the fair.']


def test_csv_writes_iris_in_full(kg_dir: Path) -> None:
    text = output(kg_dir, f"SELECT ?d WHERE {{ {CARPETS} kgo:fromDistrict ?d }}", "csv")
    assert list(csv.reader(io.StringIO(text))) == [["d"], [f"{KG}district/bhadohi"]]


def test_tsv_is_the_sparql_results_tsv_format(kg_dir: Path) -> None:
    text = output(kg_dir, FIGURES, "tsv")
    assert text.splitlines()[0] == "?figure\t?value\t?unit\t?period"
    as_json = json.loads(output(kg_dir, FIGURES, "json"))["results"]["bindings"]
    parsed = parse_query_results(text.encode("utf-8"), format=QueryResultsFormat.TSV)
    assert [[str(row[v]) if row[v] is not None else None for v in ("figure", "value", "unit", "period")]
            for row in parsed] == [[_term(b.get(v)) for v in ("figure", "value", "unit", "period")] for b in as_json]


def test_tsv_escapes_tabs_and_newlines_in_literals(kg_dir: Path) -> None:
    query = 'SELECT ?x ?y WHERE { BIND("a\\tb\\nc \\"d\\"" AS ?x) BIND(<http://x/y> AS ?y) }'
    assert output(kg_dir, query, "tsv") == '?x\t?y\n"a\\tb\\nc \\"d\\""\t<http://x/y>\n'
    # One line per solution, whatever its text holds.
    sentences = output(kg_dir, SENTENCES, "tsv")
    assert sentences.count("\n") == len(json.loads(output(kg_dir, SENTENCES, "json"))["results"]["bindings"]) + 1


def _term(binding: dict[str, str] | None) -> str | None:
    """A SPARQL JSON binding as pyoxigraph writes the term (`"52"^^<...#decimal>`)."""
    if binding is None:
        return None
    if binding["type"] == "uri":
        return f"<{binding['value']}>"
    value = binding["value"].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if "datatype" in binding:
        return f'"{value}"^^<{binding["datatype"]}>'
    if "xml:lang" in binding:
        return f'"{value}"@{binding["xml:lang"]}'
    return f'"{value}"'


def test_json_is_sparql_results_json(kg_dir: Path) -> None:
    data = json.loads(output(kg_dir, FIGURES, "json"))
    assert data["head"]["vars"] == ["figure", "value", "unit", "period"]
    bindings = data["results"]["bindings"]
    assert len(bindings) == 5
    sales = bindings[4]
    assert sales["figure"] == {"type": "literal", "value": "sales"}
    assert sales["value"] == {"type": "literal", "value": "2500000000",
                              "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}
    assert "period" not in bindings[0]  # unbound columns are left out, as the standard says
    iri = json.loads(output(kg_dir, f"SELECT ?d WHERE {{ {CARPETS} kgo:fromDistrict ?d }}", "json"))
    assert iri["results"]["bindings"] == [{"d": {"type": "uri", "value": f"{KG}district/bhadohi"}}]


def test_xml_is_sparql_results_xml(kg_dir: Path) -> None:
    root = ET.fromstring(output(kg_dir, FIGURES, "xml"))
    assert root.tag == f"{SPARQL_NS}sparql"
    assert [v.get("name") for v in root.iter(f"{SPARQL_NS}variable")] == ["figure", "value", "unit", "period"]
    results = list(root.iter(f"{SPARQL_NS}result"))
    assert len(results) == 5
    cells = {b.get("name"): b[0] for b in results[4]}
    assert cells["value"].text == "2500000000"
    assert cells["value"].get("datatype") == "http://www.w3.org/2001/XMLSchema#decimal"
    assert "period" not in {b.get("name") for b in results[0]}


def test_table_is_aligned_with_a_row_count(kg_dir: Path) -> None:
    text = output(kg_dir, FIGURES, "table")
    lines = text.splitlines()
    assert lines[0].split() == ["figure", "value", "unit", "period"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[-1] == "(5 rows)"
    starts = [lines[0].index(h) for h in ("value", "unit", "period")]
    assert [lines[1].index("-", s) for s in starts] == starts  # each dash run starts under its header
    sales = lines[2 + 4]
    assert [sales[s:].split("  ")[0] for s in starts] == ["2500000000", "INR", "April 2022 to March 2023"]
    assert all(line == line.rstrip() for line in lines)


def test_table_compacts_iris_and_keeps_one_line_per_row(kg_dir: Path) -> None:
    text = output(kg_dir, "SELECT ?d ?t WHERE { <https://w3id.org/odop-kg/id/product/carpets> kgo:fromDistrict ?d . "
                          "<https://w3id.org/odop-kg/id/article/fx-brass> kgo:text ?t }", "table")
    lines = text.splitlines()
    assert len(lines) == 4 and lines[-1] == "(1 row)"
    assert lines[2].startswith("kg:district/bhadohi  Moradabad, Mar 3 (PTI)")


def test_empty_result_in_every_format(kg_dir: Path) -> None:
    query = "SELECT ?x WHERE { ?x kgo:partner <https://w3id.org/odop-kg/id/organisation/nobody> }"
    assert output(kg_dir, query, "csv") == "x\n"
    assert output(kg_dir, query, "table").splitlines()[-1] == "(0 rows)"
    assert json.loads(output(kg_dir, query, "json"))["results"]["bindings"] == []
    assert list(ET.fromstring(output(kg_dir, query, "xml")).iter(f"{SPARQL_NS}result")) == []


@pytest.mark.parametrize("query, value", [
    (f"ASK {{ {CARPETS} kgo:fromDistrict <{KG}district/bhadohi> }}", True),
    (f"ASK {{ {CARPETS} kgo:fromDistrict <{KG}district/moradabad> }}", False),
])
def test_ask_in_every_solution_format(kg_dir: Path, query: str, value: bool) -> None:
    word = "true" if value else "false"
    assert output(kg_dir, query, "csv") == f"{word}\n"
    assert output(kg_dir, query, "tsv") == f"{word}\n"
    assert output(kg_dir, query, "table") == ("yes\n" if value else "no\n")
    assert json.loads(output(kg_dir, query, "json")) == {"head": {}, "boolean": value}
    root = ET.fromstring(output(kg_dir, query, "xml"))
    boolean = root.find(f"{SPARQL_NS}boolean")
    assert boolean is not None and boolean.text == word


def _expected_graph(kg_dir: Path):  # type: ignore[no-untyped-def]
    import rdflib

    result = run_query(kg_dir, CONSTRUCT)
    assert isinstance(result, GraphResult)
    graph = rdflib.Graph()
    for t in result.triples:
        obj = t.object
        term = rdflib.URIRef(obj.value) if obj.__class__.__name__ == "NamedNode" else rdflib.Literal(obj.value)
        graph.add((rdflib.URIRef(t.subject.value), rdflib.URIRef(t.predicate.value), term))
    return graph


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_construct_formats_parse_back_to_the_same_graph(kg_dir: Path, fmt: str, rdflib_format: str) -> None:
    import rdflib
    from rdflib.compare import isomorphic

    text = output(kg_dir, CONSTRUCT, fmt)
    graph = rdflib.Graph().parse(data=text, format=rdflib_format)
    expected = _expected_graph(kg_dir)
    assert len(graph) == len(expected) == 6
    assert isomorphic(graph, expected)
    assert (rdflib.URIRef(f"{KG}product/pottery"), None, None) not in graph


def test_turtle_uses_the_predeclared_prefixes(kg_dir: Path) -> None:
    text = output(kg_dir, CONSTRUCT, "ttl")
    assert text.startswith("@prefix ")
    assert "@prefix kgo: <https://w3id.org/odop-kg/ontology#> ." in text
    assert "kgo:fromDistrict" in text
    assert "@prefix schema:" not in text  # only the prefixes the triples use


def test_describe_gives_triples(kg_dir: Path) -> None:
    import rdflib

    text = output(kg_dir, "DESCRIBE <https://w3id.org/odop-kg/id/organisation/kartly>", "nt")
    graph = rdflib.Graph().parse(data=text, format="nt")
    assert (rdflib.URIRef(f"{KG}organisation/kartly"), rdflib.RDFS.label, rdflib.Literal("Kartly")) in graph


@pytest.mark.parametrize("query, fmt, message", [
    (CONSTRUCT, "csv", "--format csv is for SELECT and ASK results; CONSTRUCT and DESCRIBE give triples: "
                       "use ttl, nt, jsonld"),
    (FIGURES, "ttl", "--format ttl is for the triples of CONSTRUCT and DESCRIBE; a SELECT query gives "
                     "solutions: use table, csv, tsv, json, xml"),
    ("ASK { ?s ?p ?o }", "jsonld", "--format jsonld is for the triples of CONSTRUCT and DESCRIBE; a ASK query"),
    (FIGURES, "yaml", "unknown format 'yaml': choose one of table, csv, tsv, json, xml, ttl, nt, jsonld"),
])
def test_a_format_that_does_not_fit_is_a_usage_error(kg_dir: Path, query: str, fmt: str, message: str) -> None:
    with pytest.raises(UsageError) as err:
        output(kg_dir, query, fmt)
    assert str(err.value).startswith(message)
    assert err.value.exit_code == 2


def test_output_file_format_from_its_extension(kg_dir: Path, tmp_path: Path) -> None:
    for name, check in [
        ("figures.csv", lambda t: list(csv.reader(io.StringIO(t)))[1:] == EXPECTED_FIGURES),
        ("figures.tsv", lambda t: t.startswith("?figure\t?value\t?unit\t?period\n") and t.count("\n") == 6),
        ("figures.json", lambda t: len(json.loads(t)["results"]["bindings"]) == 5),
        ("figures.srx", lambda t: len(list(ET.fromstring(t).iter(f"{SPARQL_NS}result"))) == 5),
        ("figures.txt", lambda t: t.splitlines()[-1] == "(5 rows)"),
    ]:
        target = tmp_path / name
        assert main(["query", "--kg", str(kg_dir), "-q", FIGURES, "-o", str(target)]) == 0
        assert check(target.read_text(encoding="utf-8")), name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["figures.csv", "figures.tsv", "figures.json", "figures.srx", "figures.txt"])  # no temporary files left


def test_stdout_defaults_to_csv_when_not_a_terminal(kg_dir: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--kg", str(kg_dir), "-q", FIGURES]) == 0
    out = capfd.readouterr().out
    assert list(csv.reader(io.StringIO(out)))[1:] == EXPECTED_FIGURES
    assert main(["query", "--kg", str(kg_dir), "-q", CONSTRUCT]) == 0
    assert capfd.readouterr().out.startswith("@prefix ")  # triples default to Turtle


def test_bindings_are_terms_not_text(kg_dir: Path, capfd: pytest.CaptureFixture[str]) -> None:
    query = "SELECT ?product ?district WHERE { ?p rdfs:label ?product ; kgo:fromDistrict ?d . " \
            "?d rdfs:label ?district } ORDER BY ?product"
    assert main(["query", "--kg", str(kg_dir), "-q", query, "--bind", "district=Bhadohi"]) == 0
    assert capfd.readouterr().out == "product,district\ncarpets,Bhadohi\n"
    # An IRI value is an IRI, a number a number; text that looks like SPARQL stays a string.
    by_iri = "SELECT ?product ?d WHERE { ?p rdfs:label ?product ; kgo:fromDistrict ?d }"
    assert main(["query", "--kg", str(kg_dir), "-q", by_iri, "-b", "d=kg:district/firozabad"]) == 0
    assert capfd.readouterr().out == f"product,d\nglass bangles,{KG}district/firozabad\n"
    by_value = "SELECT ?figure ?value WHERE { ?f kgo:measure ?figure ; kgo:value ?value }"
    assert main(["query", "--kg", str(kg_dir), "-q", by_value, "-b", "value=1200.0"]) == 0  # a decimal
    assert capfd.readouterr().out == "figure,value\nnew products listed,1200\n"
    assert main(["query", "--kg", str(kg_dir), "-q", SENTENCES, "-b", "i=3"]) == 0  # an integer
    assert capfd.readouterr().out == "i,text\n3,\"The Firozabad Glassworks Cooperative joined hands with " \
        "Kartly in 2022, Meena Rawat said, after exports of $3 million in 2022.\"\n"
    assert main(["query", "--kg", str(kg_dir), "-q", query, "--bind", 'district=x" } UNION { ?p ?q "']) == 0
    assert capfd.readouterr().out == "product,district\n"


def test_table_fits_a_width_and_csv_keeps_long_values_whole(kg_dir: Path) -> None:
    from kg.query.formats import table

    query = "SELECT ?i ?text WHERE { ?a kgo:sourceFile 'fx-brass.txt' ; kgo:text ?text . BIND (1 AS ?i) }"
    whole = table(run_query(kg_dir, query))
    assert max(len(line) for line in whole.splitlines()) > 300
    narrow = table(run_query(kg_dir, query), 60).splitlines()
    assert max(len(line) for line in narrow) == 60
    assert narrow[2].startswith("1  Moradabad, Mar 3 (PTI) Brassware") and narrow[2].endswith("...")
    assert len(list(csv.reader(io.StringIO(output(kg_dir, query, "csv"))))[1][1]) > 300


def test_an_output_extension_kg_query_does_not_know_is_a_usage_error(
    kg_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "p.foo"
    assert main(["query", "--kg", str(kg_dir), "-q", FIGURES, "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"Error: cannot tell the format of {target} from its extension: give --format (table, csv, tsv, json, xml, "
        "ttl, nt, jsonld) or name the file .csv, .tsv, .json, .xml, .txt, .ttl, .nt or .jsonld\n")
    assert not target.exists()
    assert main(["query", "--kg", str(kg_dir), "-q", FIGURES, "-o", str(target), "-f", "tsv"]) == 0
    assert target.read_text(encoding="utf-8").startswith("?figure\t?value\t?unit\t?period\n")


def test_a_long_table_shows_the_first_rows_and_counts_the_rest() -> None:
    from pyoxigraph import Store

    from kg.query import SelectResult, execute
    from kg.query.formats import TABLE_ROWS, table

    values = " ".join(str(i) for i in range(TABLE_ROWS + 1500))
    result = execute(Store(), f"SELECT ?i WHERE {{ VALUES ?i {{ {values} }} }}")
    assert isinstance(result, SelectResult)
    lines = table(result).splitlines()
    assert len(lines) == 2 + TABLE_ROWS + 1
    assert lines[2] == "0" and lines[-2] == str(TABLE_ROWS - 1)
    assert lines[-1] == (f"({TABLE_ROWS:,} of {TABLE_ROWS + 1500:,} rows shown; -f csv, tsv or json, or -o FILE, "
                         "gives them all)")


@pytest.mark.parametrize(("query", "columns"), [
    ("SELECT * WHERE { ?zeta a kgo:District ; rdfs:label ?alpha }", ["zeta", "alpha"]),
    ("select distinct * { ?m kgo:mentions ?b . ?m kgo:beginIndex ?a }", ["m", "b", "a"]),
    # '?x' inside a string or a comment is not a variable; the named order of a SELECT list stays.
    ("SELECT * WHERE { # ?c first?\n ?b rdfs:label ?c FILTER(?c != '?a') }", ["b", "c"]),
    ("SELECT ?c ?b WHERE { ?b rdfs:label ?c }", ["c", "b"]),
    ("SELECT ?n WHERE { { SELECT * WHERE { ?z rdfs:label ?n } } }", ["n"]),
])
def test_select_star_columns_follow_the_query(kg_dir: Path, query: str, columns: list[str]) -> None:
    result = run_query(kg_dir, query)
    assert result.variables == columns  # type: ignore[union-attr]
