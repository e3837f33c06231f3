"""--timeout and Ctrl-C stop a query the engine is still running; the process exits at once with one line.

The engine (Rust) does not look at signals and has no timeout of its own, so these run the real `kg`
command in a child process on a query that would run for hours: a four-way cross product, counted (so
that it needs no memory).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from query_fixture import build_fixture_graph

from kg.cli.entry import main

ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def kg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("limits") / "out")


def kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def test_timeout_stops_the_query(kg_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "n.csv"
    done = subprocess.run(kg("query", "--kg", str(kg_dir), "--timeout", "0.5", "-q", ENDLESS, "-o", str(target)),
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == ("Error: the query ran longer than 0.5 s and was stopped; give --timeout SECONDS for "
                           "more time (0: no limit)\n")
    assert list(tmp_path.iterdir()) == []  # no output file, no temporary file


def test_ctrl_c_stops_the_engine(kg_dir: Path) -> None:
    child = subprocess.Popen(kg("query", "--kg", str(kg_dir), "--timeout", "0", "-q", ENDLESS),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(2)  # start-up and into the engine
        assert child.poll() is None
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=10)  # before the fix it ran on for minutes
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert (child.returncode, out, err) == (130, "", "Error: interrupted\n")


@pytest.mark.parametrize("value", ["-1", "soon"])
def test_bad_timeout(kg_dir: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    assert main(["query", "--kg", str(kg_dir), "--timeout", value, "-q", "ASK {}"]) == 2
    assert capsys.readouterr().err.startswith("Error: ")


def test_a_quick_query_within_the_timeout(kg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--kg", str(kg_dir), "--timeout", "30", "-f", "csv", "-q", "ASK {}"]) == 0
    assert capsys.readouterr().out == "true\n"


@pytest.mark.parametrize("command", [["viz", "-o"], ["export", "graphml", "-o"]])
def test_viz_and_export_stop_a_query_at_the_timeout(kg_dir: Path, tmp_path: Path, command: list[str]) -> None:
    endless = tmp_path / "endless.rq"
    endless.write_text(ENDLESS, encoding="utf-8")
    target = tmp_path / "out" / ("view.html" if command[0] == "viz" else "view.graphml")
    done = subprocess.run(kg(*command, str(target), "--kg", str(kg_dir), "--query", str(endless), "--timeout", "0.5"),
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("Error: the query ran longer than 0.5 s and was stopped")
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


@pytest.mark.parametrize("command", [["viz"], ["export", "graphml"]])
def test_viz_and_export_refuse_a_negative_timeout(kg_dir: Path, capsys: pytest.CaptureFixture[str],
                                                  command: list[str]) -> None:
    assert main([*command, "--kg", str(kg_dir), "--timeout", "-1"]) == 2
    assert capsys.readouterr().err.startswith("Error: --timeout -1")
