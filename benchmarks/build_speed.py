"""How long `kg build` takes on corpora of growing size, how much memory it uses, and how fast it rebuilds.

Run: `python benchmarks/build_speed.py [N ...] [--keep DIR]` (default 100 1000). For each size, a synthetic
corpus (benchmarks/corpus.py) is built from scratch in a fresh process (`kg.build.build`, as `kg build
--no-html` runs it), then built again with nothing changed; for the largest size, one article is then
edited and the graph rebuilt. Each line gives wall-clock seconds, articles per second and the peak
resident memory of the build's processes (the largest of the build and its extraction workers, from the
OS), and, in brackets, the build process alone. For the first build of the largest size, the time of each
stage follows (scan and extraction, resolution, writing kg.trig, loading the store). With `--keep DIR` the
corpora and graph folders stay in DIR (to time later builds on them). Figures are printed; nothing is
asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

# Runs one build in this process and prints, as JSON: the summary, each stage's start (seconds from the
# start), and the peak RSS (KB) of this process and of its workers, as the kernel recorded them.
_BUILD = """
import json, resource, sys, time
from pathlib import Path
from kg.build import build
stages = []
started = time.perf_counter()
def progress(stage, done, total):
    if not stages or stages[-1][0] != stage:
        stages.append((stage, time.perf_counter() - started))
result = build(Path(sys.argv[1]), Path(sys.argv[2]), html=False, progress=progress)
stages.append(("done", time.perf_counter() - started))
print(json.dumps({"summary": result.summary(), "stages": stages,
                  "self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "workers_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def timed_build(seeds: Path, out: Path) -> tuple[float, dict[str, object]]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _BUILD, str(seeds), str(out)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"kg build failed: {done.stderr.strip()[-2000:]}")
    return seconds, json.loads(done.stdout.strip().splitlines()[-1])


def report(label: str, n: int, seconds: float, info: dict[str, object]) -> None:
    own, workers = int(str(info["self_kb"])) / 1024, int(str(info["workers_kb"])) / 1024
    peak = max(own, workers)
    print(f"{label:<22} {n:>8} {seconds:>8.1f} {n / seconds:>11.1f} {peak:>8.0f} ({own:>5.0f})  {info['summary']}",
          flush=True)


def stage_breakdown(info: dict[str, object]) -> None:
    stages = info["stages"]
    assert isinstance(stages, list)
    names = {"extracting": "scan, read and extract (spaCy parse + rules), cache", "resolving entities": "resolution",
             "writing RDF": "writing kg.trig (quads, inference, sort)", "writing the store": "loading the store",
             "validating": "validation"}
    print("  where the time went (first build of the largest size):")
    previous_name, previous_at = "scan, workers start and load spaCy", 0.0
    for name, at in stages:
        print(f"    {names.get(previous_name, previous_name):<55} {at - previous_at:>8.1f} s")
        previous_name, previous_at = name, at


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--keep", type=Path, help="keep the corpora and graph folders in this folder")
    args = parser.parse_args()
    print(f"{'build':<22} {'articles':>8} {'seconds':>8} {'articles/s':>11} {'peak MB':>8} (build)  summary")
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        largest_first: dict[str, object] = {}
        for n in args.sizes:
            seeds, out = base / f"seeds-{n}", base / f"out-{n}"
            write_corpus(n, seeds)
            seconds, info = timed_build(seeds, out)
            report("first", n, seconds, info)
            if n == max(args.sizes):
                largest_first = info
            report("nothing changed", n, *timed_build(seeds, out))
        largest = max(args.sizes)
        seeds, out = base / f"seeds-{largest}", base / f"out-{largest}"
        article = sorted(seeds.glob("*.txt"))[len(args.sizes) // 2]
        article.write_text(article.read_text(encoding="utf-8").replace(" said", " stated", 1), encoding="utf-8")
        report("one article changed", largest, *timed_build(seeds, out))
        manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
        print(f"(graph of {manifest['quads']} quads; kg.trig {(out / 'kg.trig').stat().st_size / 1e6:.0f} MB)")
        stage_breakdown(largest_first)


if __name__ == "__main__":
    main()
