"""The HTML view as a file: self-contained, escaped, deterministic, bounded (no browser needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from viz_fixture import HOSTILE_ORG, HOSTILE_PERSON, HOSTILE_QUOTE, PITAMBAR, build_fixture_kg

from kg.cli.entry import main
from kg.errors import UsageError
from kg.views.entity_graph import load_entity_graph
from kg.views.html import render_html, write_html


@pytest.fixture(scope="module")
def fixture_kg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_kg(["brass.txt", "hostile.txt"], tmp_path_factory.mktemp("viz") / "kg")


def payload(page: str) -> dict:  # type: ignore[type-arg]
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m
    data: dict = json.loads(m.group(1))  # type: ignore[type-arg]
    return data


def test_page_is_self_contained(fixture_kg: Path, tmp_path: Path) -> None:
    page = write_html(fixture_kg, tmp_path / "kg.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "<link" not in page
    assert "bootstrap" not in page.lower()
    assert "jsdelivr" not in page and "cdnjs" not in page and "unpkg" not in page
    assert "vis.Network" in page  # vis-network is inline
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1) and "unsafe-inline" not in csp.group(1).split(";")[1]
    assert "var network;" in page


def test_untrusted_text_never_appears_as_markup(fixture_kg: Path) -> None:
    page = render_html(load_entity_graph(fixture_kg))
    for hostile in (HOSTILE_ORG, HOSTILE_PERSON, HOSTILE_QUOTE, "<script>window", "<img src=x", "onerror=\""):
        assert hostile not in page
    # Only the page's own scripts: vis-network, the view script and the JSON data block.
    assert len(re.findall(r"^<script", page, re.M)) == 3
    data = payload(page)
    labels = {d["label"] for d in data["details"].values()}
    assert HOSTILE_PERSON in labels  # the text itself survives, as data
    assert "&lt;script&gt;window.__pwned=4&lt;/script&gt;" in page  # in the search list, escaped


def test_page_holds_nodes_links_and_sources(fixture_kg: Path) -> None:
    data = payload(render_html(load_entity_graph(fixture_kg)))
    ids = {n["id"] for n in data["nodes"]}
    assert PITAMBAR in ids
    pitambar = data["details"][PITAMBAR]
    assert pitambar["kindLabel"] == "company"
    assert pitambar["sources"][0]["title"] == "Moradabad brass makers sign up with Pitambar Crafts"
    relations = {e["relation"] for e in data["edgeDetails"].values()}
    assert {"partnered with", "works for", "known for", "said", "concerns", "based in", "located in"} <= relations
    assert {e["label"] for e in data["edges"]} == relations
    assert data["options"]["physics"]["stabilization"]["enabled"] is True
    canvas = {n["label"] for n in data["nodes"]}
    assert "40%\ngrowth in sales" in canvas  # a figure says what it measures
    assert "\u201cOur buyers love the shine of Moradabad\u2026\u201d" in canvas  # quotations are shortened


def test_same_page_every_time(fixture_kg: Path, tmp_path: Path) -> None:
    a = write_html(fixture_kg, tmp_path / "a.html").read_bytes()
    b = write_html(fixture_kg, tmp_path / "b.html").read_bytes()
    assert a == b


def test_max_nodes_says_what_was_left_out(fixture_kg: Path) -> None:
    graph = load_entity_graph(fixture_kg)
    page = render_html(graph, max_nodes=5)
    data = payload(page)
    assert len(data["nodes"]) == 5
    assert all(data["details"][n["id"]]["kind"] not in ("Figure", "Quotation") for n in data["nodes"])
    notice = re.search(r'<p id="kg-notice"[^>]*>(.*?)</p>', page, re.S)
    assert notice
    assert f"Showing 5 of {graph.number_of_nodes()} nodes" in notice.group(1)
    assert "3 figures" in notice.group(1) and "2 quotations" in notice.group(1)
    assert "--max-nodes" in notice.group(1)
    assert 'id="kg-notice"' not in render_html(graph)
    with pytest.raises(UsageError):
        render_html(graph, max_nodes=0)


def test_query_draws_a_subgraph(fixture_kg: Path, tmp_path: Path) -> None:
    query = tmp_path / "known.rq"
    query.write_text("# Districts and what they are known for\n"
                     "CONSTRUCT { ?d kgo:knownFor ?p } WHERE { ?p kgo:fromDistrict ?d }\n", encoding="utf-8")
    out = tmp_path / "known.html"
    assert main(["viz", "--kg", str(fixture_kg), "--query", str(query), "-o", str(out)]) == 0
    data = payload(out.read_text(encoding="utf-8"))
    assert {d["label"] for d in data["details"].values()} == {"Moradabad", "brassware", "Bulandshahr", "ceramics"}


def test_cli_errors(fixture_kg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["viz", "--kg", str(fixture_kg), "--max-nodes", "0", "-o", str(tmp_path / "x.html")]) == 2
    assert main(["viz", "--kg", str(fixture_kg), "--query", str(tmp_path / "none.rq")]) == 2
    assert main(["viz", "--kg", str(tmp_path / "no-graph")]) == 1
    err = capsys.readouterr().err
    assert "Error: --max-nodes must be at least 1" in err
    assert "Error: cannot read query file " in err
    assert "run kg build first" in err


def test_cli_default_output_is_in_the_graph_folder(fixture_kg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["viz", "--kg", str(fixture_kg)]) == 0
    assert capsys.readouterr().out.strip() == str(fixture_kg / "kg.html")
    assert (fixture_kg / "kg.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_build_writes_the_view(seed_kg: Path) -> None:
    page = (seed_kg / "kg.html").read_text(encoding="utf-8")
    data = payload(page)
    assert "https://w3id.org/odop-kg/id/district/agra" in {n["id"] for n in data["nodes"]}


def test_empty_graph_says_so() -> None:
    import networkx as nx

    page = render_html(nx.MultiDiGraph())
    assert 'id="kg-empty"' in page
    assert payload(page)["nodes"] == []


@pytest.mark.parametrize(("word", "plural"), [
    ("person", "people"), ("city or town", "cities or towns"), ("government body", "government bodies"),
    ("product or craft", "products or crafts"), ("company", "companies"), ("figure", "figures"),
])
def test_notice_plurals(word: str, plural: str) -> None:
    from kg.views.html import _plural

    assert _plural(word, 2) == plural
    assert _plural(word, 1) == word


def test_cli_open_opens_the_page(fixture_kg: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    out = tmp_path / "view.html"
    assert main(["viz", "--kg", str(fixture_kg), "-o", str(out), "--open", "--max-nodes", "3"]) == 0
    assert opened == [out.resolve().as_uri()]
    assert len(payload(out.read_text(encoding="utf-8"))["nodes"]) == 3


def test_query_rows_that_match_nothing_are_reported(fixture_kg: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    query = tmp_path / "names.rq"
    query.write_text("SELECT ?name WHERE { VALUES ?name { 'Moradabad' 'Atlantis' } }\n", encoding="utf-8")
    out = tmp_path / "names.html"
    assert main(["viz", "--kg", str(fixture_kg), "--query", str(query), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err == "Warning: 1 of 2 result rows match no node of the graph (Atlantis)\n"
    assert captured.out == f"{out}\n"
    page = out.read_text(encoding="utf-8")
    notice = re.search(r'<p id="kg-notice" class="kg-notice">(.*?)</p>', page)
    assert notice and notice.group(1) == "Query: 1 of 2 result rows match no node of the graph (Atlantis)."
    assert {d["label"] for d in payload(page)["details"].values()} == {"Moradabad"}
