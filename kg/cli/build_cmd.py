"""`kg build` and `kg eval`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.paths import DEFAULT_KG, DEFAULT_SEEDS

SeedsOption = Annotated[Path, typer.Option("--seeds", help="Folder of articles (.txt, .md) to read.")]
KgOption = Annotated[Path, typer.Option("--kg", help="Knowledge-graph folder to write.")]


def build_cli(
    seeds: SeedsOption = DEFAULT_SEEDS,
    kg: KgOption = DEFAULT_KG,
    infer: Annotated[bool, typer.Option(help="Materialise what the ontology implies (subclasses, inverses).")] = True,
    validate: Annotated[bool, typer.Option(help="Check the graph against ontology/shapes.ttl.")] = True,
    strict: Annotated[
        bool, typer.Option(help="Fail (keeping the previous graph) when an article cannot be read or validation "
                           "finds violations.")
    ] = False,
    html: Annotated[bool, typer.Option(help="Write the HTML view kg.html.")] = True,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes for extraction (0: one per core).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Read the articles in SEEDS and write the knowledge graph, its store and its HTML view to KG."""
    import signal

    from kg.build import build
    from kg.cli.progress import BuildProgress

    # SIGTERM stops a build as Ctrl-C does: the staging files are removed and the previous graph stays.
    signal.signal(signal.SIGTERM, _interrupt)
    bar = BuildProgress(enabled=not quiet)
    try:
        result = build(seeds, kg, infer=infer, validate=validate, strict=strict, html=html,
                       jobs=jobs or None, progress=bar.update, notify=lambda m: typer.echo(m, err=True))
    finally:
        bar.close()
    for skipped in result.skipped:
        typer.echo(f"skipped {skipped}", err=True)
    if not quiet:
        typer.echo(result.summary())
        for v in result.violations[:10]:
            typer.echo(f"  violation: {v}", err=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def eval_cli(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold JSON files (format of shared/dev/gold).")],
    seeds: SeedsOption = DEFAULT_SEEDS,
    misses: Annotated[bool, typer.Option(help="List the misses and false positives per category.")] = True,
) -> None:
    """Score extraction on SEEDS against gold files: precision, recall and F1 per category."""
    from kg.evaluate import evaluate, format_report

    report = evaluate(seeds, gold)
    for skipped in report.skipped:
        typer.echo(f"skipped {skipped}", err=True)
    typer.echo(format_report(report, misses=misses))
