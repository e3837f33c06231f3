"""Where a query and its graph come from: a byte-order mark is not part of the query, and every bad path
is a one-line error with exit 1 or 2, never a traceback or an "internal error"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from query_fixture import build_fixture_graph
from query_fixture import run_cli as run

ASK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def kg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("inputs") / "out")


def test_a_query_file_with_a_byte_order_mark(kg_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.rq"
    path.write_bytes(b"\xef\xbb\xbf" + ASK.encode("utf-8"))
    assert run(["query", "--kg", str(kg_dir), "-f", "csv", str(path)], capsys) == (0, "true\n", "")
    assert run(["query", "--kg", str(kg_dir), "-f", "csv", "-q", "\ufeff" + ASK], capsys) == (0, "true\n", "")
    assert run(["export", "graphml", "--kg", str(kg_dir), "--query", str(path)], capsys)[0] != 0  # an ASK draws nothing
    construct = tmp_path / "c.rq"
    construct.write_bytes(b"\xef\xbb\xbfCONSTRUCT WHERE { ?s a kgo:Product }")
    assert run(["export", "graphml", "--kg", str(kg_dir), "--query", str(construct)], capsys)[0] == 0


def test_graph_folder_errors(kg_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["query", "--kg", ".", "-q", ASK], capsys) == (1, "", "Error: no graph in ./, run kg build first\n")
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert run(["query", "--kg", "a-file", "-q", ASK], capsys) == (
        1, "", "Error: a-file is a file; give --kg the graph folder kg build wrote\n")
    broken = tmp_path / "broken"
    (broken / "store").mkdir(parents=True)
    (broken / "store" / "CURRENT").write_text("garbage\n", encoding="utf-8")
    code, out, err = run(["query", "--kg", str(broken), "-q", ASK], capsys)
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: the graph store in {broken}/ cannot be opened (") and err.count("\n") == 1
    assert "internal error" not in err


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.rq", "no such file"),
    (lambda d: d, "it is a folder, not a .rq file"),
    (lambda d: (d / "latin1.rq").write_bytes(b"ASK { ?s ?p '\xe9' }") and d / "latin1.rq", "not UTF-8 text (byte 13)"),
])
def test_query_file_errors(
    kg_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    for args in (["query", "--kg", str(kg_dir), str(path)], ["viz", "--kg", str(kg_dir), "--query", str(path)],
                 ["export", "graphml", "--kg", str(kg_dir), "--query", str(path)]):
        code, out, err = run(args, capsys)
        assert code == 2, args
        assert err.startswith(f"Error: cannot read query file {path}: {message}"), (args, err)
        assert err.count("\n") == 1


def test_output_into_a_folder(kg_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["query", "--kg", str(kg_dir), "-q", ASK, "-o", str(tmp_path)], capsys) == (
        2, "", f"Error: {tmp_path} is a folder; give a file name to -o\n")
