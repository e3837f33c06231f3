"""How long figure extraction (amounts, periods, figures) takes per article.

Run: `python benchmarks/figures_speed.py [N]` (default 300 synthetic stories, plus the seed and, when
present, the shared dev articles). Only `extract_figures` is timed, on documents read beforehand, with an
empty extraction (so no entity work is counted). The figures are printed; nothing is asserted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from kg.documents import discover, read_document  # noqa: E402
from kg.extract.figures import extract_figures  # noqa: E402
from kg.extract.model import Extraction  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(n, Path(tmp))
        paths = discover(Path(tmp)) + discover(ROOT / "seeds")
        dev = ROOT.parent / "shared" / "dev" / "articles"
        if dev.is_dir():
            paths += discover(dev)
        docs = [read_document(p) for p in paths]
    for doc in docs[:20]:  # warm up (regex compilation, caches)
        extract_figures(doc, Extraction(doc.id))
    times: list[float] = []
    figures = 0
    for doc in docs:
        start = time.perf_counter()
        figures += len(extract_figures(doc, Extraction(doc.id)))
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    chars = sum(len(d.text) for d in docs)
    print(f"articles {len(docs)}, {chars / len(docs):.0f} characters each on average, {figures} figures")
    print(f"per article: median {statistics.median(times):.2f} ms, p95 {times[int(len(times) * 0.95)]:.2f} ms, "
          f"max {times[-1]:.2f} ms, total {sum(times) / 1000:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
