"""How long figure extraction (amounts, periods, figures) takes per article.

Run: `python benchmarks/figures_speed.py [N]` (default 300 synthetic stories, plus the seed and, when
present, the shared dev articles). Only `extract_figures` is timed, on documents read and parsed by spaCy
beforehand, with an empty extraction (so no entity work is counted). Then one long article made of N copies of
a figure-heavy paragraph is timed for N = 10, 20, 40, 80: the time per character should stay flat (linear in the
text length). The figures are printed; nothing is asserted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from kg.documents import discover, parse_document, read_document  # noqa: E402
from kg.extract.figures import extract_figures  # noqa: E402
from kg.extract.model import Extraction  # noqa: E402
from kg.extract.nlp import parse_article  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(n, Path(tmp))
        paths = discover(Path(tmp)) + discover(ROOT / "seeds")
        dev = ROOT.parent / "shared" / "dev" / "articles"
        if dev.is_dir():
            paths += discover(dev)
        docs = [read_document(p) for p in paths]
    parsed = [parse_article(d) for d in docs]
    for doc, p in list(zip(docs, parsed, strict=True))[:20]:  # warm up (regex compilation, caches)
        extract_figures(doc, Extraction(doc.id), p)
    times: list[float] = []
    figures = 0
    for doc, p in zip(docs, parsed, strict=True):
        start = time.perf_counter()
        figures += len(extract_figures(doc, Extraction(doc.id), p))
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    chars = sum(len(d.text) for d in docs)
    print(f"articles {len(docs)}, {chars / len(docs):.0f} characters each on average, {figures} figures")
    print(f"per article: median {statistics.median(times):.2f} ms, p95 {times[int(len(times) * 0.95)]:.2f} ms, "
          f"max {times[-1]:.2f} ms, total {sum(times) / 1000:.2f} s")


PARAGRAPH = (
    "Weavers of the district sold goods worth Rs 6.4 crore in FY24, up 27 per cent, and nine districts sent "
    "between 40 and 45 lakh pieces to 118 stalls, the fourth largest haul in the state. "
)


def linearity() -> None:
    for copies in (10, 20, 40, 80):
        doc = parse_document(" date 2024-01-10 Long\n\n" + PARAGRAPH * copies + "\n", "long.txt", "0" * 64)
        parsed = parse_article(doc)
        start = time.perf_counter()
        n = len(extract_figures(doc, Extraction(doc.id), parsed))
        ms = (time.perf_counter() - start) * 1000
        print(f"{len(doc.text):>7} characters: {ms:8.1f} ms, {ms * 1000 / len(doc.text):6.2f} us a character, "
              f"{n} figures")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
    linearity()
