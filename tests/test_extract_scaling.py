"""Extraction work grows linearly with the article: counted in lines of kg/extract run, never timed
(benchmarks/extract_scaling.py prints the seconds)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from conftest import bench_corpus
from kg.documents import parse_document
from kg.extract import orgs
from kg.extract.context import Context
from kg.extract.gazetteer import find_place_hits

brand = bench_corpus().brand
EXTRACT_DIR = str(Path(orgs.__file__).resolve().parent)
DISTRICTS = ["Agra", "Varanasi", "Moradabad", "Kanpur", "Lucknow", "Gorakhpur"]


def _article(paragraph_count: int) -> str:
    """One long paragraph (as a one-line article has) of invented sentences, each naming new brands."""
    sentences = []
    for i in range(paragraph_count):
        a, b, c, d = (brand(4 * i + k) for k in range(4))
        place = DISTRICTS[i % len(DISTRICTS)]
        sentences.append(
            f"{a} Crafts, a {place}-based start-up, signed an MoU with {b} Exports Limited in {place}. "
            f"The online marketplace {c} said weavers from Varanasi and Agra would sell there. "
            f"The company tied up with the {d} Weavers Cooperative Society last year.")
    return "Invented story\n\n" + " ".join(sentences) + "\n"


def _lines_run(work: Callable[[], Any]) -> int:
    """How many lines of kg/extract `work` runs (each pass through a loop or generator counts)."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if not frame.f_code.co_filename.startswith(EXTRACT_DIR):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def _organisation_work(paragraph_count: int) -> tuple[int, int]:
    ctx = Context(parse_document(_article(paragraph_count), "big.txt", "0" * 64))
    find_place_hits(ctx)
    lines = _lines_run(lambda: orgs.find_organisations(ctx))
    return lines, len(ctx.ents)


def test_organisation_steps_work_is_linear_in_the_text() -> None:
    small, small_ents = _organisation_work(60)
    large, large_ents = _organisation_work(240)
    assert large_ents > 3 * small_ents  # every sentence names new organisations: the work is real
    # Four times the text: about four times the lines (a quadratic step makes it sixteen).
    assert large / small < 5, (small, large)


def test_claimed_text_and_mention_lookups_are_linear() -> None:
    def work(n: int) -> int:
        text = "word " * (4 * n + 10)
        ctx = Context(parse_document("Story\n\n" + text + "end.\n", "t.txt", "0" * 64))

        def steps() -> None:
            for i in range(n):
                start = 7 + 20 * i
                ctx.take(start, start + 9)
                ctx.add(f"org:x{i}", "Company", f"X{i}", start, start + 9)
                assert not ctx.is_free(start + 3, start + 4)
                assert ctx.is_free(start + 10, start + 12)
                assert [m.key for m in ctx.mentions_in(start - 25, start + 15)][-1] == f"org:x{i}"

        return _lines_run(steps)

    small, large = work(500), work(2000)
    assert large / small < 5, (small, large)


def test_a_long_claim_covers_every_span_inside_it() -> None:
    # Many short claims inside one long one (a quotation, then names inside it): text near the end of the
    # long claim is still taken, however many claims start after it.
    ctx = Context(parse_document("Story\n\n" + "word " * 100 + "\n", "t.txt", "0" * 64))
    ctx.take(10, 400)
    for start in range(20, 300, 10):
        ctx.take(start, start + 5)
    assert not ctx.is_free(350, 360)
    assert ctx.is_free(400, 405)
    assert not ctx.is_free(399, 401)
