"""Readers never see a half-swapped graph: queries keep working, with whole answers, while builds replace it."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from kg.build import build

ARTICLE = (
    "Potters of {district} find new buyers\n\n"
    "Terracotta from {district} worth Rs {n} crore was sold at the fair in 2023-24, its organisers said.\n"
)

# Each reader process opens the graph afresh for every query, as `kg query` does, and checks that the
# answer is one a whole build gives (2 or 3 articles), never an error or a mixture.
READER = """
import sys, time
from pathlib import Path
from kg.query.run import run_query
out, stop, progress = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
ok = failures = 0
while not stop.exists() or ok + failures == 0:
    try:
        result = run_query(out, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kgo:NewsArticle }")
        n = int(next(iter(result.rows))[0].value)
        if n in (2, 3):
            ok += 1
        else:
            failures += 1
            print("wrong count", n, file=sys.stderr)
    except Exception as exc:
        failures += 1
        print(type(exc).__name__, exc, file=sys.stderr)
    progress.write_text(str(ok + failures))
print(ok, failures)
"""


def test_queries_during_twenty_rebuilds_all_succeed(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i, district in enumerate(("Gorakhpur", "Agra")):
        (seeds / f"a{i}.txt").write_text(ARTICLE.format(district=district, n=i + 2), encoding="utf-8")
    out = tmp_path / "out"
    build(seeds, out, html=False, validate=False)
    stop = tmp_path / "stop"
    progress = [tmp_path / f"progress-{r}" for r in range(3)]
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(out), str(stop), str(p)], text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE) for p in progress]

    def queries_so_far() -> int:
        return sum(int(p.read_text() or 0) for p in progress if p.exists())
    builds_failed: list[BaseException] = []

    def rebuild() -> None:
        try:
            # At least 20 rebuilds, and on until the readers have run 500 queries (bounded: a fast machine
            # rebuilds faster than the readers query).
            i = 0
            while i < 20 or (queries_so_far() < 500 and i < 400):
                extra = seeds / "extra.txt"
                if i % 2:
                    extra.unlink()
                else:
                    extra.write_text(ARTICLE.format(district="Varanasi", n=10 + i), encoding="utf-8")
                build(seeds, out, html=False, validate=False)
                i += 1
        except BaseException as exc:  # reported below
            builds_failed.append(exc)
        finally:
            stop.touch()

    builder = threading.Thread(target=rebuild)
    builder.start()
    builder.join(timeout=600)
    results = [r.communicate(timeout=120) for r in readers]
    assert not builds_failed
    counts = [tuple(int(x) for x in stdout.split()) for stdout, _ in results]
    errors = "".join(stderr for _, stderr in results)
    queries = sum(ok for ok, _ in counts)
    assert sum(failed for _, failed in counts) == 0, errors
    assert queries >= 500, f"only {queries} queries ran during the rebuilds"

    # Once no reader holds them, old store versions are removed (the current and the one before are kept
    # for servers still draining queries on it).
    build(seeds, out, html=False, validate=False)
    extra = seeds / "extra.txt"
    extra.write_text(ARTICLE.format(district="Meerut", n=99), encoding="utf-8")
    build(seeds, out, html=False, validate=False)
    versions = [p for p in (out / ".kg" / "stores").iterdir() if p.is_dir()]
    assert len(versions) <= 2
