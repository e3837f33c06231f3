"""`kg build` at the edges: bad files, colliding names, links out of the seeds folder, a folder kg did not
make, two builds at once, killed builds and their workers, very long sentences."""

from __future__ import annotations

import fcntl
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from kg.build import build
from kg.documents import MAX_SENTENCE_CHARS, parse_document
from kg.errors import KgError

ARTICLE = (
    "Potters of Gorakhpur find new buyers\n\n"
    "Terracotta from Gorakhpur worth Rs 5 crore was sold at the fair in 2023-24, its organisers said.\n"
)


def kg(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)  # type: ignore[call-overload]


def write_corpus(n: int, folder: Path) -> None:
    spec = importlib.util.spec_from_file_location("kg_bench_corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    corpus.write_corpus(n, folder)


def test_files_whose_names_differ_only_in_extension_or_case_get_their_own_ids(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("report.txt", "report.md", "Report.txt", "other.txt"):
        (seeds / name).write_text(ARTICLE, encoding="utf-8")
    build(seeds, tmp_path / "out", html=False)
    documents = json.loads((tmp_path / "out" / "build.json").read_text())["documents"]
    ids = {d["path"]: d["id"] for d in documents}
    if len(ids) == 3:  # a case-insensitive file system holds one of report.txt and Report.txt
        pytest.skip("case-insensitive file system")
    assert len(set(ids.values())) == 4
    assert ids["other.txt"] == "other"  # no collision: the plain id, as before
    assert all(ids[p].startswith("report-") for p in ("report.txt", "report.md", "Report.txt"))
    trig = (tmp_path / "out" / "kg.trig").read_text()
    for doc_id in ids.values():
        assert f"/id/graph/article/{doc_id}>" in trig


def test_a_link_out_of_the_seeds_folder_is_skipped_and_reported(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "story.txt").write_text(ARTICLE, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes of the owner. Nobody should publish them.\n", encoding="utf-8")
    (seeds / "leak.txt").symlink_to(secret)
    (seeds / "inside.txt").symlink_to(seeds / "story.txt")  # a link that stays inside is an article
    result = build(seeds, tmp_path / "out", html=False)
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("leak.txt", "a symbolic link to a file outside the seeds folder")]
    assert result.documents == 2
    assert "Private notes" not in (tmp_path / "out" / "kg.trig").read_text()
    manifest = json.loads((tmp_path / "out" / "build.json").read_text())
    assert manifest["skipped"][0]["path"] == "leak.txt"


def test_cli_reports_each_skipped_file_on_one_line(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "empty.txt").write_text("")
    (seeds / "latin1.txt").write_bytes("caf\xe9 au lait in Agra.\n".encode("latin-1"))
    (seeds / "huge.txt").write_text("word " * 30_000, encoding="utf-8")
    proc = kg("build", "--seeds", str(seeds), "--kg", str(tmp_path / "out"), "--no-html")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    lines = err.splitlines()
    assert lines == [
        f"skipped {seeds / 'empty.txt'}: file is empty",
        f"skipped {seeds / 'huge.txt'}: too long for one article (150,000 characters; the limit is 100,000): "
        "split it into articles",
        f"skipped {seeds / 'latin1.txt'}: not UTF-8 text (byte 3 cannot be decoded)",
    ]
    assert "1 document," in out and "3 files skipped" in out
    strict = kg("build", "--seeds", str(seeds), "--kg", str(tmp_path / "out"), "--no-html", "--strict")
    _, err = strict.communicate(timeout=120)
    assert strict.returncode == 1
    assert err.startswith("Error: 3 articles could not be read and --strict is set; the previous graph is kept")


def test_an_unreadable_file_is_skipped(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "locked.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "locked.txt").chmod(0)
    result = build(seeds, tmp_path / "out", html=False)
    assert [s.reason for s in result.skipped] == ["cannot be read (Permission denied)"]


def test_a_folder_with_a_build_json_kg_did_not_write_is_left_alone(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    (theirs / "store").mkdir(parents=True)
    (theirs / "store" / "data.bin").write_bytes(b"theirs")
    (theirs / "kg.html").write_text("<p>mine</p>")
    (theirs / "build.json").write_text('{"name": "my web app", "version": 3}')
    with pytest.raises(KgError, match="has a build.json that kg did not write"):
        build(SEEDS, theirs, html=False)
    assert (theirs / "store" / "data.bin").read_bytes() == b"theirs"
    assert (theirs / "kg.html").read_text() == "<p>mine</p>"
    assert sorted(p.name for p in theirs.iterdir()) == ["build.json", "kg.html", "store"]


def test_build_json_marks_what_kg_wrote(tmp_path: Path) -> None:
    build(SEEDS, tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "build.json").read_text())
    assert manifest["generator"] == "kg"
    assert manifest["outputs"] == ["kg.trig", "store", "build.json", "kg.html"]
    build(SEEDS, tmp_path / "out", html=False)  # a build without the view removes the stale view
    assert not (tmp_path / "out" / "kg.html").exists()


def test_leftovers_of_killed_builds_are_removed_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(SEEDS, out, html=False)
    dead = _dead_pid()
    staging = out / ".kg" / f"tmp-{dead}"
    (staging / "store").mkdir(parents=True)
    (staging / "kg.trig").write_text("half")
    old_layout = tmp_path / f".out.tmp-{dead}"  # what kg wrote before graph folders had a .kg folder
    old_layout.mkdir()
    build(SEEDS, out, html=False)
    assert [p.name for p in (out / ".kg").glob("tmp-*")] == []
    assert not old_layout.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(SEEDS, out, html=False)
    fd = os.open(out / ".kg" / "lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)  # stands for a build in progress
    try:
        proc = kg("build", "--seeds", str(SEEDS), "--kg", str(out), "--no-html")
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert line.startswith("waiting for the kg build") and str(out) in line
        time.sleep(1)
        assert proc.poll() is None  # still waiting
    finally:
        os.close(fd)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err


def test_very_long_sentences_are_cut_so_no_article_stalls_extraction() -> None:
    body = " ".join(["Varanasi silk weavers and Agra leather makers said Flipkart growth"] * 1500)
    doc = parse_document("Title here\n\n" + body + "\n", "x.txt", "0" * 64)
    assert len(doc.sentences) > 90
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in doc.sentences)
    assert all(doc.text[s.start:s.end] == s.text for s in doc.sentences)
    # Pieces follow each other (a last piece with no full stop may be dropped as a cut-off fragment).
    joined = " ".join(s.text for s in doc.sentences)
    assert body.startswith(joined) and len(joined) > len(body) - MAX_SENTENCE_CHARS - 1


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def _start_parallel_build(tmp_path: Path) -> tuple[subprocess.Popen[str], list[int], Path]:
    seeds = tmp_path / "seeds"
    write_corpus(600, seeds)
    out = tmp_path / "out"
    build(SEEDS, out, html=False)
    proc = kg("build", "--seeds", str(seeds), "--kg", str(out), "--no-html", "-j", "2", start_new_session=True)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build did not start its workers"
    time.sleep(0.5)
    return proc, workers, out


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_killed_build_leaves_no_workers_and_the_previous_graph(tmp_path: Path, how: str) -> None:
    proc, workers, out = _start_parallel_build(tmp_path)
    before = (out / "kg.trig").read_bytes()
    if how == "SIGINT":  # Ctrl-C on a terminal signals the whole process group
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(getattr(signal, how))
    _, err = proc.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(w) for w in workers):
        time.sleep(0.05)
    assert not any(_running(w) for w in workers), "a worker outlived the build"
    if how != "SIGKILL":
        assert proc.returncode == 130
        assert err.strip().splitlines()[-1] == "Error: interrupted"
        assert "Traceback" not in err
    assert (out / "kg.trig").read_bytes() == before
    build(SEEDS, out, html=False)  # the next build cleans what a killed one left
    assert [p.name for p in (out / ".kg").glob("tmp-*")] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "seeds"]


def test_a_graph_folder_of_the_previous_layout_is_upgraded(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(SEEDS, out, html=False)
    version = (out / "store").resolve()
    (out / "store").unlink()
    shutil.move(version, out / "store")  # a real folder, as kg wrote it before store versions
    shutil.rmtree(out / ".kg")
    build(SEEDS, out, html=False)
    assert (out / "store").is_symlink()
    from kg.rdf.store import open_store

    assert len(open_store(out)) > 0


def _trig_and_manifest(out: Path) -> tuple[bytes, dict[str, object]]:
    manifest = json.loads((out / "build.json").read_text())
    return (out / "kg.trig").read_bytes(), manifest


def test_rebuild_extracts_only_changed_articles_and_equals_a_build_from_scratch(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    write_corpus(12, seeds)
    out = tmp_path / "out"
    first = build(seeds, out, html=False)
    assert first.extracted == 12
    again = build(seeds, out, html=False)
    assert again.unchanged and again.extracted == 0
    assert (again.entities, again.facts, again.triples) == (first.entities, first.facts, first.triples)

    # An edit, an addition and a deletion: three misses, the other ten articles come from the cache.
    edited = seeds / "story-00003.txt"
    edited.write_text(edited.read_text().replace("said", "stated", 1), encoding="utf-8")
    (seeds / "story-00001.txt").rename(tmp_path / "removed.txt")
    (seeds / "new.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "new2.txt").write_text(ARTICLE.replace("Gorakhpur", "Agra"), encoding="utf-8")
    incremental = build(seeds, out, html=False)
    assert not incremental.unchanged and incremental.extracted == 3
    scratch = tmp_path / "scratch"
    from_scratch = build(seeds, scratch, html=False)
    assert from_scratch.extracted == 13
    assert _trig_and_manifest(out) == _trig_and_manifest(scratch)
    cached = sorted(p.name for p in (out / ".kg" / "cache").rglob("*.json"))
    assert len(cached) == 13  # the deleted and the edited article's old entries are gone


def test_a_changed_extractor_misses_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import extraction_cache

    seeds = tmp_path / "seeds"
    write_corpus(3, seeds)
    out = tmp_path / "out"
    build(seeds, out, html=False)
    monkeypatch.setattr(extraction_cache, "extractor_version", lambda: "a new pattern file")
    monkeypatch.setattr(extraction_cache, "code_version", lambda: "new code")
    result = build(seeds, out, html=False)
    assert result.extracted == 3 and not result.unchanged
