"""How long extraction takes per article: spaCy's parse (batched with nlp.pipe, and one by one) beside
kg's rule-based steps on the same articles, and the two together as `kg build` runs them.

Run: python benchmarks/extract_speed.py [ARTICLES_DIR ...]
(default: the seed, the development and held-out sets in tests/, tests/fixtures/extract)
Prints articles per second and milliseconds per article for each, on one core.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from kg.documents import Document, read_document
from kg.extract import extract
from kg.extract.nlp import get_nlp, parse_article, parse_articles

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ["seeds", "tests/realcopy/articles", "tests/heldout/articles", "tests/heldout2/articles",
           "tests/heldout3/articles", "tests/fixtures/extract"]


def timed(label: str, n: int, work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    print(f"{label:34} {n / seconds:8.1f} articles/s {1000 * seconds / n:8.2f} ms/article")
    return seconds


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or [ROOT / d for d in DEFAULT]
    paths = sorted(p for folder in folders for p in folder.glob("*.txt"))
    docs: list[Document] = [read_document(p, p.parent) for p in paths]
    rounds = max(1, 200 // len(docs))
    corpus = docs * rounds
    n = len(corpus)
    started = time.perf_counter()
    nlp = get_nlp()
    print(f"{len(docs)} articles x {rounds} rounds = {n} extractions; model loaded in "
          f"{time.perf_counter() - started:.1f} s; components: {', '.join(nlp.pipe_names)}")
    parsed = list(parse_articles(docs))
    extract(docs[0], parsed[0])  # warm the word lists and pattern tables
    timed("spaCy parse, one by one", n, lambda: [parse_article(d) for d in corpus])
    timed("spaCy parse, nlp.pipe batches", n, lambda: list(parse_articles(corpus)))
    timed("rules (parse made already)", n, lambda: [extract(d, p) for d, p in zip(corpus, parsed * rounds,
                                                                                   strict=True)])
    timed("both: batched parse + rules", n, lambda: [extract(d, p) for d, p in zip(corpus, parse_articles(corpus),
                                                                                   strict=True)])


if __name__ == "__main__":
    main()
