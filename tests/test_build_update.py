"""Incremental builds: the previous graph is updated in place of a rewrite, and the result is what a build
from scratch gives, byte for byte in kg.trig and quad for quad in the store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Store
from test_build_safety import ARTICLE, write_corpus

from kg.build import build


def _store_quads(out: Path) -> set[str]:
    return {str(q) for q in Store.read_only(str((out / "store").resolve()))}


def _query(out: Path, name: str) -> str:
    done = subprocess.run([sys.executable, "-m", "kg", "query", name, "--kg", str(out), "-f", "csv"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _same_as_scratch(seeds: Path, out: Path, scratch: Path) -> None:
    from_scratch = build(seeds, scratch, html=False)
    assert not from_scratch.updated
    assert (out / "kg.trig").read_bytes() == (scratch / "kg.trig").read_bytes()
    assert json.loads((out / "build.json").read_text()) == json.loads((scratch / "build.json").read_text())
    assert _store_quads(out) == _store_quads(scratch)
    for name in ("products", "people", "partnerships", "figures"):
        assert _query(out, name) == _query(scratch, name)


def test_additions_edits_and_deletions_update_the_graph_as_a_build_from_scratch(tmp_path: Path) -> None:
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    write_corpus(16, seeds)
    first = build(seeds, out, html=False)
    assert not first.updated and first.extracted == 16
    old_version = (out / "store").resolve()
    old_quads = _store_quads(out)

    edited = seeds / "story-00003.txt"
    edited.write_text(edited.read_text().replace(" said", " stated", 1), encoding="utf-8")
    (seeds / "story-00005.txt").unlink()
    (seeds / "new.txt").write_text(ARTICLE, encoding="utf-8")  # Gorakhpur, terracotta: new links
    result = build(seeds, out, html=False)
    assert result.updated and result.extracted == 2 and result.documents == 16
    assert "previous graph updated" in result.summary()
    # The previous store version was copied, never changed: a reader holding it still sees the old graph.
    assert (out / "store").resolve() != old_version
    if old_version.exists():
        assert {str(q) for q in Store.read_only(str(old_version))} == old_quads
    _same_as_scratch(seeds, out, tmp_path / "scratch")

    # A second update, on top of the first: an article removed, one put back.
    (seeds / "new.txt").unlink()
    write_corpus(6, tmp_path / "again")
    (seeds / "story-00005.txt").write_text((tmp_path / "again" / "story-00005.txt").read_text(), encoding="utf-8")
    again = build(seeds, out, html=False)
    assert again.updated and again.extracted == 1
    _same_as_scratch(seeds, out, tmp_path / "scratch2")


def test_when_resolution_gives_an_entity_a_new_iri_the_graph_is_built_from_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.iris

    seeds, out = tmp_path / "seeds", tmp_path / "out"
    write_corpus(8, seeds)
    build(seeds, out, html=False)
    # As when an edit makes a shared entity's kind win differently: its IRI moves, and every article that
    # mentions it (not only the edited one) must be written again.
    minted = kg.iris.entity
    monkeypatch.setattr(kg.iris, "entity", lambda kind, name: minted(kind, name) + ("-d" if kind == "District" else ""))
    (seeds / "story-00004.txt").write_text(ARTICLE, encoding="utf-8")
    result = build(seeds, out, html=False)
    assert not result.updated and result.extracted == 1
    assert "/district/moradabad-d>" in (out / "kg.trig").read_text()
    _same_as_scratch(seeds, out, tmp_path / "scratch")


def test_a_state_that_does_not_match_the_graph_is_not_used(tmp_path: Path) -> None:
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    write_corpus(8, seeds)
    build(seeds, out, html=False)
    state = out / ".kg" / "graph-state.json"
    data = json.loads(state.read_text())
    data["trig_size"] += 1  # as if a build had been killed between writing the state and kg.trig
    state.write_text(json.dumps(data))
    (seeds / "story-00002.txt").unlink()
    result = build(seeds, out, html=False)
    assert not result.updated
    _same_as_scratch(seeds, out, tmp_path / "scratch")
    state.write_text("{not json")
    (seeds / "story-00003.txt").unlink()
    assert not build(seeds, out, html=False).updated
    _same_as_scratch(seeds, out, tmp_path / "scratch2")
