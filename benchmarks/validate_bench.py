"""What inference and SHACL validation cost as the graph grows.

Run: `python benchmarks/validate_bench.py [--dev-copies N] [--fixture-copies N ...]`.

Corpora:
- the seed article (seeds/);
- the dev articles (../shared/dev/articles) copied N times (default 200) into a temporary folder and run
  through the real pipeline (extraction as it is today, so the fact density follows the extractor);
- the invented fixture article of tests/validation_fixture.py, with its hand-written extraction of every
  kind of fact, repeated N times under different document ids (a graph dense in facts).

For each it prints the quads, the time of `materialise` and of `validate_quads` (the data graph build and
pySHACL together) and the quads per second of validation. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def dev_quads(copies: int) -> list:  # type: ignore[type-arg]
    articles = ROOT.parent / "shared" / "dev" / "articles"
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp)
        for i in range(copies):
            for path in sorted(articles.glob("*.txt")):
                shutil.copy(path, seeds / f"{path.stem}-copy{i:04d}.txt")
        return corpus_quads(seeds)


def corpus_quads(seeds: Path) -> list:  # type: ignore[type-arg]
    """The quads a build writes for the articles in `seeds`, before inference."""
    from kg.build import asserted_quads, extract_all, read_documents
    from kg.resolve import resolve

    docs = read_documents(seeds)
    extractions = extract_all(docs)
    return asserted_quads(docs, extractions, resolve(extractions))


def fixture_quads(copies: int) -> list:  # type: ignore[type-arg]
    import hashlib

    import validation_fixture as fx

    from kg.build import asserted_quads
    from kg.documents import parse_document
    from kg.resolve import resolve

    docs = [
        parse_document(fx.TEXT, f"copy{i:05d}.txt", hashlib.sha256(fx.TEXT.encode()).hexdigest())
        for i in range(copies)
    ]
    extractions = [fx.extraction(d) for d in docs]
    return asserted_quads(docs, extractions, resolve(extractions))


def measure(name: str, quads: list) -> None:  # type: ignore[type-arg]
    from kg.rdf.inference import materialise
    from kg.validate import validate_quads

    started = time.perf_counter()
    inferred = materialise(quads)
    infer_s = time.perf_counter() - started
    report = validate_quads(quads + inferred)
    print(
        f"{name:<24} {len(quads):>9} {len(inferred):>9} {infer_s:>8.2f} {report.triples:>9} "
        f"{report.seconds:>9.2f} {len(quads) / report.seconds:>10.0f} {len(report.violations):>6}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-copies", type=int, nargs="*", default=[1, 200])
    parser.add_argument("--fixture-copies", type=int, nargs="*", default=[1, 100, 1000])
    args = parser.parse_args()
    print(f"{'corpus':<24} {'quads':>9} {'inferred':>9} {'infer s':>8} {'checked':>9} "
          f"{'valid. s':>9} {'quads/s':>10} {'viol.':>6}")
    measure("seed (seeds/)", corpus_quads(ROOT / "seeds"))
    for n in args.dev_copies:
        measure(f"dev x{n} ({7 * n} art.)", dev_quads(n))
    for n in args.fixture_copies:
        measure(f"fixture x{n}", fixture_quads(n))


if __name__ == "__main__":
    main()
