"""`kg stats`, `kg path` and `kg export`: thin wrappers over kg.analytics."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import app
from kg.cli.common import read_query_file
from kg.errors import UsageError
from kg.paths import DEFAULT_KG

KgOption = Annotated[Path, typer.Option("--kg", help="Knowledge-graph folder to read (written by kg build).")]
OUTPUT_FORMATS = ("table", "json")


def _check_format(value: str, allowed: tuple[str, ...] = OUTPUT_FORMATS) -> str:
    if value not in allowed:
        raise UsageError(f"unknown --format {value!r}; choose one of {', '.join(allowed)}")
    return value


def _dump(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)


@app.command("stats")
def stats_cli(
    kg: KgOption = DEFAULT_KG,
    top: Annotated[int, typer.Option("--top", help="How many central entities to list.")] = 10,
    by: Annotated[str, typer.Option("--by", help="Rank central entities by degree, betweenness or pagerank.")]
    = "degree",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table (for people) or json (for scripts).")] = "table",
) -> None:
    """Counts per class and relation, the most central entities, components and communities."""
    from kg.analytics.stats import compute_stats, format_stats

    _check_format(fmt)
    stats = compute_stats(kg, top=top, by=by)
    typer.echo(_dump(stats.to_json()) if fmt == "json" else format_stats(stats), nl=fmt == "json")


@app.command("path")
def path_cli(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Label of the first entity (any case).")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Label of the second entity (any case).")],
    kg: KgOption = DEFAULT_KG,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table (for people) or json (for scripts).")] = "table",
) -> None:
    """The shortest chain of relations between two entities, each link with the sentence it came from.

    Name an entity by its label; when several share it, write "Label (Kind)", e.g. "Varanasi (District)".
    """
    from kg.analytics.paths import find_path, format_path

    _check_format(fmt)
    chain = find_path(kg, source, target)
    typer.echo(_dump(chain.to_json()) if fmt == "json" else format_path(chain), nl=fmt == "json")


@app.command("export")
def export_cli(
    fmt: Annotated[str, typer.Argument(
        metavar="FORMAT",
        help="graphml, gexf, nodes-csv, edges-csv (entity graph); ttl, nt, nq, trig, jsonld (RDF).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")]
    = None,
    kg: KgOption = DEFAULT_KG,
    query: Annotated[Path | None, typer.Option(
        "--query", metavar="FILE.rq",
        help="Export only the entities a SPARQL CONSTRUCT or SELECT ?s ?p ?o in this file names "
             "(entity graph formats).")] = None,
) -> None:
    """Export the graph for Gephi, spreadsheets or another triple store."""
    from kg.analytics.export import export, write_atomic

    query_text = read_query_file(query)
    data = export(kg, fmt, query_text)
    if output is None or str(output) == "-":
        typer.echo(data, nl=False)
    else:
        write_atomic(output, data)
