"""`kg build` in bounded memory: the graph is written article by article, inferences are sorted on disk,
the store is loaded in batches, and the extraction cache is JSON that a damaged or tampered entry cannot
turn into a crash or into code."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.build import build
from kg.rdf.trig import ExternalSort, TrigWriter, sorted_quads

HELDOUT = Path(__file__).resolve().parent / "heldout" / "articles"


def _quads(n: int) -> list[Quad]:
    g = [NamedNode(f"https://example.org/g{i}") for i in range(3)]
    return [Quad(NamedNode(f"https://example.org/s{i % 7}"), NamedNode(f"https://example.org/p{i % 3}"),
                 Literal(f"value {i % 11}"), g[i % 3]) for i in range(n)]


def test_external_sort_equals_an_in_memory_sort_however_often_it_spills(tmp_path: Path) -> None:
    quads = _quads(500)
    expected = sorted_quads(quads)
    assert len(expected) < len(quads)  # the input repeats quads: they come out once
    for limit in (1, 7, 100, 10_000):
        spill = tmp_path / f"spill-{limit}"
        spill.mkdir()
        sorter = ExternalSort(spill, limit=limit)
        for i in range(0, len(quads), 13):
            sorter.add(quads[i:i + 13])
        assert (len(sorter.runs) > 1) == (limit <= 100)
        assert list(sorter.merged()) == expected
        assert not list(spill.iterdir())  # the spilled runs are removed


def test_blocks_written_one_at_a_time_are_the_bytes_of_the_whole_dataset(tmp_path: Path) -> None:
    from pyoxigraph import RdfFormat, serialize

    from kg.rdf.trig import _prefixes

    quads = sorted_quads(_quads(300))
    writer = TrigWriter(tmp_path / "blocks.trig")
    blocks = [writer.block([q for q in quads if q.graph_name == g]) for g in sorted({q.graph_name for q in quads},
                                                                                     key=str)]
    writer.close()
    data = (tmp_path / "blocks.trig").read_bytes()
    assert data == serialize(quads, format=RdfFormat.TRIG, prefixes=_prefixes())
    assert writer.quads == len(quads)
    # Each block's place in the file is recorded: a later build can copy it.
    assert [data[o:o + n].split(b" ", 1)[0] for o, n in blocks] == [
        f"<https://example.org/g{i}>".encode() for i in range(3)]


def test_small_spills_and_store_batches_give_the_same_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.rdf.store
    import kg.rdf.trig

    build(HELDOUT, tmp_path / "plain", html=False, validate=False)
    monkeypatch.setattr(kg.rdf.trig, "SPILL_LIMIT", 50)
    monkeypatch.setattr(kg.rdf.store, "STORE_LOAD_BATCH", 1000)
    build(HELDOUT, tmp_path / "small", html=False, validate=False)
    plain, small = (tmp_path / "plain" / "kg.trig").read_bytes(), (tmp_path / "small" / "kg.trig").read_bytes()
    assert plain == small
    a = Store.read_only(str((tmp_path / "plain" / "store").resolve()))
    b = Store.read_only(str((tmp_path / "small" / "store").resolve()))
    assert len(a) == len(b) > 1000
    assert set(map(str, a)) == set(map(str, b))


def _entries(out: Path) -> list[Path]:
    return sorted((out / ".kg" / "cache" / "extract").rglob("*.json"))


def test_cache_entries_are_json_and_damaged_ones_are_misses(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(HELDOUT, seeds)
    out = tmp_path / "out"
    first = build(seeds, out, html=False, validate=False)
    entries = _entries(out)
    assert len(entries) == first.documents >= 4
    for entry in entries:
        document, extraction = json.loads(entry.read_text(encoding="utf-8")).values()
        assert isinstance(document, list) and isinstance(extraction, list)
    truncated, wrong_shape, not_json, wrong_type = entries[:4]
    truncated.write_bytes(truncated.read_bytes()[:100])
    wrong_shape.write_text(json.dumps({"document": [1, 2], "extraction": []}), encoding="utf-8")
    not_json.write_bytes(b"\x80\x04not json at all")
    data = json.loads(wrong_type.read_text(encoding="utf-8"))
    data["extraction"][0] = 12345  # doc_id must be a string
    wrong_type.write_text(json.dumps(data), encoding="utf-8")
    again = build(seeds, out, html=False, validate=False, infer=False)  # other options: not "unchanged"
    assert again.extracted == 4
    scratch = build(seeds, tmp_path / "scratch", html=False, validate=False, infer=False)
    assert (out / "kg.trig").read_bytes() == (tmp_path / "scratch" / "kg.trig").read_bytes()
    assert scratch.extracted == scratch.documents


class _Planted:
    """A pickle that would create a file if it were ever unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_planted_in_the_cache_is_never_run(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(HELDOUT, seeds)
    out = tmp_path / "out"
    build(seeds, out, html=False, validate=False)
    marker = tmp_path / "pwned"
    for entry in _entries(out):
        entry.write_bytes(pickle.dumps(_Planted(marker)))
    again = build(seeds, out, html=False, validate=False, infer=False)
    assert again.extracted == again.documents
    assert not marker.exists()


def test_merging_a_few_quads_into_a_sorted_stream_keeps_the_order_and_drops_repeats() -> None:
    from kg.rdf.graph_writer import _merge_few

    one_graph = [Quad(q.subject, q.predicate, q.object, NamedNode("https://example.org/g")) for q in _quads(300)]
    quads = sorted_quads(one_graph)
    assert len(quads) > 50
    for step in (1, 3, 17, 1000):
        few = quads[::step]
        many = [q for i, q in enumerate(quads) if i % step or i % 2]  # some quads in both
        assert list(_merge_few(iter(many), few)) == quads
    assert list(_merge_few(iter(quads), [])) == quads
    assert list(_merge_few(iter([]), quads)) == quads
