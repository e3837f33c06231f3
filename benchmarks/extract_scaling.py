"""How extraction time grows with the length of one article: seconds for one-paragraph articles of
0.1, 0.5 and 1 MB (the shape of a long one-line article), which should grow linearly. Seconds are CPU
seconds of the benchmark's process.

Run: python benchmarks/extract_scaling.py [--all-rules] [MEGABYTES ...]

The article is the synthetic stories of benchmarks/corpus.py run together, each with its own invented
brand names (so the number of organisations grows with the text, as in real copy). It times the
gazetteer hits (which parse the article with spaCy: minutes for 1 MB) and then the organisation steps
(kg.extract.orgs.find_organisations); with --all-rules, also every rule step of kg.extract.pipeline on
that parse.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ORG_A, brand, story  # noqa: E402

from kg.documents import Document, parse_document  # noqa: E402
from kg.extract.context import Context  # noqa: E402
from kg.extract.gazetteer import find_place_hits  # noqa: E402
from kg.extract.orgs import find_organisations  # noqa: E402

T = TypeVar("T")
def body(i: int, rng: random.Random) -> str:
    """Story i without its header and sign-off, on one line, its companies renamed to brand i."""
    lines = [line for line in story(i, rng).splitlines()[1:] if line.strip() and not line.startswith(("--", "ab/"))]
    text = " ".join(lines)
    for word in ORG_A:
        text = text.replace(word + " ", brand(i) + " ")
    return text


def article(megabytes: float) -> Document:
    rng = random.Random(7)
    size = int(megabytes * 1_000_000)
    parts: list[str] = []
    length = 0
    while True:  # up to `size` characters: spaCy parses at most 1,000,000
        part = body(len(parts), rng)
        if length + len(part) + 1 > size - 100:
            break
        parts.append(part)
        length += len(part) + 1
    return parse_document("Invented long story\n\n" + " ".join(parts) + "\n", "long.txt", "0" * 64)


def timed(work: Callable[[], T]) -> tuple[float, T]:
    """CPU seconds of this process spent in `work` (the machine may be shared: wall-clock time would count
    the other jobs), and what it returned."""
    started = time.process_time()
    result = work()
    return time.process_time() - started, result


def organisations(doc: Document, all_rules: bool) -> None:
    ctx = Context(doc)
    took, _ = timed(lambda: find_place_hits(ctx))
    print(f"{'':9}gazetteer hits (with spaCy's parse) {took:7.2f} s")
    took, _ = timed(lambda: find_organisations(ctx))
    print(f"{'':9}organisation steps {took:7.2f} s, {len(ctx.ents):,} entities")
    if all_rules:
        from kg.extract.pipeline import run

        took, _ = timed(lambda: run(doc, ctx.parsed))
        print(f"{'':9}every rule step {took:7.2f} s")


def main() -> None:
    args = sys.argv[1:]
    sizes = [float(a) for a in args if a != "--all-rules"] or [0.1, 0.5, 1.0]
    for mb in sizes:
        doc = article(mb)
        print(f"{mb:4.1f} MB ({len(doc.text):,} characters)")
        organisations(doc, "--all-rules" in args)


if __name__ == "__main__":
    main()
