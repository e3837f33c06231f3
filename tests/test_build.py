"""`kg build`: determinism, atomic replacement, bad input, and the command line's errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS
from kg.build import build
from kg.errors import KgError


def kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd)


def test_same_input_gives_byte_identical_output(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    build(SEEDS, a, html=False)
    build(SEEDS, b, html=False)
    for name in ("kg.trig", "build.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_rebuild_replaces_graph_and_leaves_no_temporary_folders(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(SEEDS, out, html=False)
    build(SEEDS, out, html=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    manifest = json.loads((out / "build.json").read_text())
    assert [d["path"] for d in manifest["documents"]] == [p.name for p in sorted(SEEDS.glob("*.txt"))]


def test_bad_article_is_skipped_and_strict_keeps_previous_graph(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    out = tmp_path / "out"
    build(seeds, out, html=False)
    before = (out / "kg.trig").read_bytes()
    (seeds / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(KgError, match="broken.txt: not a text file"):
        build(seeds, out, html=False, strict=True)
    assert (out / "kg.trig").read_bytes() == before
    result = build(seeds, out, html=False)
    assert [s.path for s in result.skipped] == ["broken.txt"]
    assert (out / "kg.trig").read_bytes() == before
    manifest = json.loads((out / "build.json").read_text())
    assert manifest["skipped"] == [{"path": "broken.txt", "reason": "not a text file (it contains NUL bytes)"}]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "seeds"]


def test_refuses_to_replace_a_folder_that_is_not_a_graph(tmp_path: Path) -> None:
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "todo.txt").write_text("keep me")
    with pytest.raises(KgError, match="not a kg graph folder"):
        build(SEEDS, precious, html=False)
    assert (precious / "todo.txt").read_text() == "keep me"


def test_offsets_in_graph_recover_anchor_text(seed_kg: Path) -> None:
    from pyoxigraph import Store

    store = Store.read_only(str(seed_kg / "store"))
    rows = store.query(
        """PREFIX kgo: <https://w3id.org/odop-kg/ontology#>
        SELECT ?text ?b ?e ?anchor WHERE {
          ?f kgo:inArticle ?a ; kgo:beginIndex ?b ; kgo:endIndex ?e ; kgo:anchorText ?anchor .
          ?a kgo:text ?text }""",
        use_default_graph_as_union=True,
    )
    checked = 0
    for row in rows:
        text, begin, end, anchor = (row[i].value for i in range(4))
        assert text[int(begin) : int(end)] == anchor
        checked += 1
    assert checked > 0


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "seeds folder not found"),
        ("empty-folder", "no .txt or .md articles"),
        ("empty-file", "file is empty"),
        ("binary", "not a text file"),
    ],
)
def test_cli_bad_input_is_one_line_and_nonzero(tmp_path: Path, setup: str, message: str) -> None:
    seeds = tmp_path / "seeds"
    if setup != "missing":
        seeds.mkdir()
    if setup == "empty-file":
        (seeds / "a.txt").write_text("")
    if setup == "binary":
        (seeds / "a.txt").write_bytes(bytes(range(256)))
    result = kg("build", "--seeds", str(seeds), "--kg", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert message in result.stderr
    if setup not in ("missing", "empty-folder"):
        assert "could be read" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_build_prints_summary(tmp_path: Path) -> None:
    result = kg("build", "--seeds", str(SEEDS), "--kg", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "1 document," in result.stdout and "triples" in result.stdout
    assert (tmp_path / "out" / "kg.html").is_file()


def test_rebuild_keeps_files_the_user_put_in_the_graph_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(SEEDS, out, html=False)
    (out / "my-notes.txt").write_text("mine")
    (out / "exports").mkdir()
    (out / "exports" / "graph.graphml").write_text("<graphml/>")
    build(SEEDS, out, html=False)
    assert (out / "my-notes.txt").read_text() == "mine"
    assert (out / "exports" / "graph.graphml").read_text() == "<graphml/>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_triple_stated_by_two_articles_is_in_one_graph(tmp_path: Path) -> None:
    """The union of all graphs must show a shared link once, or every query would count it twice."""
    from pyoxigraph import Store

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("a.txt", "b.txt"):
        (seeds / name).write_text(
            "Potters of Gorakhpur find new buyers\n\n"
            "Terracotta from Gorakhpur worth Rs 5 crore was sold at the fair in 2023-24, its organisers said.\n",
            encoding="utf-8",
        )
    build(seeds, tmp_path / "out", html=False)
    store = Store.read_only(str(tmp_path / "out" / "store"))
    rows = list(store.query(
        "SELECT ?g WHERE { GRAPH ?g { ?p <https://w3id.org/odop-kg/ontology#fromDistrict> ?d } }"
    ))
    assert len(rows) == 1
    periods = list(store.query(
        "SELECT ?g ?label WHERE { GRAPH ?g { ?x a <https://w3id.org/odop-kg/ontology#Period> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label } }"
    ))
    assert len(periods) == 1


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Two processes with different string hashing write the same bytes (no set-order leaks)."""
    import os

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        # The held-out articles: ten varied stories, so that an order leak has many chances to show.
        articles = Path(__file__).resolve().parent / "heldout" / "articles"
        done = subprocess.run([sys.executable, "-m", "kg", "build", "--seeds", str(articles), "--kg", str(out),
                               "--no-html", "--quiet"], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        outputs.append((out / "kg.trig").read_bytes())
    assert outputs[0] == outputs[1]
