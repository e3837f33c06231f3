"""How long `kg build` takes on corpora of growing size, and how much memory it uses.

Run: `python benchmarks/build_speed.py [N ...]` (default 100 1000). Each size is built in a fresh
process (`kg build --no-html`), timed wall-clock, with its peak resident memory from the OS. The
figures are printed; nothing is asserted.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402


def measure(n: int, work: Path) -> tuple[float, float, str]:
    seeds = work / f"seeds-{n}"
    write_corpus(n, seeds)
    out = work / f"out-{n}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", "--seeds", str(seeds), "--kg", str(out), "--no-html"],
        capture_output=True, text=True, check=True,
    )
    seconds = time.perf_counter() - started
    peak_mb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return seconds, peak_mb, done.stdout.strip()


def main(sizes: list[int]) -> None:
    print(f"{'articles':>9} {'seconds':>8} {'articles/s':>11} {'peak MB':>8}  summary")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            seconds, peak, summary = measure(n, Path(tmp))
            print(f"{n:>9} {seconds:>8.2f} {n / seconds:>11.1f} {peak:>8.0f}  {summary}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
