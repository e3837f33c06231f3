"""Peak memory and wall time of `kg query` writing a large result (well over 100,000 rows) in each format, on the
synthetic graph of benchmarks/query_startup.py (built once, reused).

    python benchmarks/query_output.py [--triples 1000000] [--dir DIR]

Each run is a fresh process; its peak resident memory is read from the kernel (ru_maxrss of the child).
A table shows its first rows and counts the rest; the other formats stream. Not a test: figures depend on
the machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from query_startup import ensure_graph, kg_command

LARGE_QUERY = "SELECT ?x ?article ?begin WHERE { ?x kgo:inArticle ?article ; kgo:beginIndex ?begin }"


def measured(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and output lines of `cmd` run in a fresh child process."""
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: output to a file, so that a pipe reader's memory is not counted
        with tempfile.TemporaryFile() as out:
            os.dup2(out.fileno(), 1)
            os.execv(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    lines = subprocess.run(cmd, capture_output=True, check=True).stdout.count(b"\n")
    return elapsed, usage.ru_maxrss / 1024, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.gettempdir()) / f"kg-query-startup-{args.triples}"
    ensure_graph(folder, args.triples)
    print(f"graph: {folder}; query: {LARGE_QUERY}")
    for fmt in ("table", "csv", "tsv", "json"):
        wall, rss, lines = measured([*kg_command(), "query", "--kg", str(folder), "--timeout", "0", "-f", fmt,
                                     "-q", LARGE_QUERY])
        print(f"  -f {fmt:5s}  {wall:6.2f} s   peak RSS {rss:7.1f} MB   {lines:,} lines of output")


if __name__ == "__main__":
    main()
