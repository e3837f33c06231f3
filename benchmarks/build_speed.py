"""How long `kg build` takes on corpora of growing size, how much memory it uses, and how fast it rebuilds.

Run: `python benchmarks/build_speed.py [N ...]` (default 100 1000). For each size, a synthetic corpus
(benchmarks/corpus.py) is built from scratch in a fresh process (`kg build --no-html`), then built again
with nothing changed; for the largest size, one article is then edited and the graph rebuilt. Each line
gives wall-clock seconds, articles per second and the peak resident memory of the build's processes
(the largest of the build and its workers, from the OS). The figures are printed; nothing is asserted.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

# Runs one command and prints the peak RSS (KB) of its process tree, as the kernel recorded it.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "sys.stderr.write(done.stderr)\n"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "print(done.stdout.strip())\n"
)


def timed_build(seeds: Path, out: Path) -> tuple[float, float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, sys.executable, "-m", "kg", "build", "--seeds", str(seeds), "--kg",
         str(out), "--no-html"],
        capture_output=True, text=True, check=True,
    )
    seconds = time.perf_counter() - started
    status, summary = done.stdout.split("\n", 1)
    code, peak_kb = (int(x) for x in status.split())
    if code != 0:
        raise SystemExit(f"kg build failed: {done.stderr.strip()}")
    return seconds, peak_kb / 1024, summary.strip()


def report(label: str, n: int, seconds: float, peak: float, summary: str) -> None:
    print(f"{label:<24} {n:>8} {seconds:>8.2f} {n / seconds:>11.1f} {peak:>8.0f}  {summary}", flush=True)


def main(sizes: list[int]) -> None:
    print(f"{'build':<24} {'articles':>8} {'seconds':>8} {'articles/s':>11} {'peak MB':>8}  summary")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            seeds, out = Path(tmp) / f"seeds-{n}", Path(tmp) / f"out-{n}"
            write_corpus(n, seeds)
            report("first", n, *timed_build(seeds, out))
            report("nothing changed", n, *timed_build(seeds, out))
        largest = max(sizes)
        seeds, out = Path(tmp) / f"seeds-{largest}", Path(tmp) / f"out-{largest}"
        article = sorted(seeds.glob("*.txt"))[len(sizes) // 2]
        article.write_text(article.read_text(encoding="utf-8").replace(" said", " stated", 1), encoding="utf-8")
        report("one article changed", largest, *timed_build(seeds, out))
        manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
        print(f"(graph of {manifest['quads']} quads; kg.trig {(out / 'kg.trig').stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
