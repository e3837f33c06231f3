"""How long extraction takes per article (the rule-based steps, with and without figures).

Run: python benchmarks/extract_speed.py [ARTICLES_DIR]   (default: the seed and tests/fixtures/extract)
Prints milliseconds per article; 10,000 articles should extract in about a minute on two cores.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import kg.extract.pipeline as pipeline
from kg.documents import read_document

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or [ROOT / "seeds", ROOT / "tests" / "fixtures" / "extract"]
    paths = sorted(p for folder in folders for p in folder.glob("*.txt"))
    docs = [read_document(p, p.parent) for p in paths]
    rounds = max(1, 400 // len(docs))
    for label, figures in (("with figures", True), ("without figures", False)):
        pipeline._HAS_FIGURES = figures and pipeline._HAS_FIGURES
        pipeline.run(docs[0])
        started = time.perf_counter()
        for _ in range(rounds):
            for doc in docs:
                pipeline.run(doc)
        ms = 1000 * (time.perf_counter() - started) / (rounds * len(docs))
        print(f"{label:16} {ms:6.2f} ms/article over {rounds * len(docs)} extractions "
              f"({10000 * ms / 1000 / 2:.0f} s for 10,000 articles on 2 cores)")


if __name__ == "__main__":
    main()
