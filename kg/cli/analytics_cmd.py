"""`kg stats`, `kg path` and `kg export`: thin wrappers over kg.analytics."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg import formats as registry
from kg.cli.common import QUERY_TIMEOUT, TIMEOUT_HELP, query_time_limit, read_query_file
from kg.cli.spec import choice
from kg.cli.typer_spec import completes
from kg.paths import DEFAULT_KG


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class Measure(StrEnum):
    degree = "degree"
    betweenness = "betweenness"
    pagerank = "pagerank"


ExportFormat = registry.choices("ExportFormat", registry.EXPORT_FORMATS)
KgOption = Annotated[Path, typer.Option("--kg", help="Knowledge-graph folder to read (written by kg build).")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table (for people) or json (for scripts).",
                                           autocompletion=completes(OutputFormat))]


def _check_format(value: str) -> OutputFormat:
    found = choice(OutputFormat, value, "unknown --format {value!r}; choose one of {choices}")
    assert found is not None
    return found


def _dump(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)


def stats_cli(
    kg: KgOption = DEFAULT_KG,
    top: Annotated[int, typer.Option("--top", help="How many central entities to list.")] = 10,
    by: Annotated[str, typer.Option("--by", help="Rank central entities by degree, betweenness or pagerank.",
                                    autocompletion=completes(Measure))] = Measure.degree,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Counts per class and relation, the most central entities, components and communities."""
    from kg.analytics.stats import compute_stats, format_stats

    _check_format(fmt)
    stats = compute_stats(kg, top=top, by=by)
    typer.echo(_dump(stats.to_json()) if fmt == "json" else format_stats(stats), nl=fmt == "json")


def path_cli(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Label of the first entity (any case).")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Label of the second entity (any case).")],
    kg: KgOption = DEFAULT_KG,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The shortest chain of relations between two entities, each link with the sentence it came from.

    Name an entity by its label; when several share it, write "Label (Kind)", e.g. "Varanasi (District)".
    """
    from kg.analytics.paths import find_path, format_path

    _check_format(fmt)
    chain = find_path(kg, source, target)
    typer.echo(_dump(chain.to_json()) if fmt == "json" else format_path(chain), nl=fmt == "json")


def export_cli(
    fmt: Annotated[str, typer.Argument(
        metavar="FORMAT",
        help="graphml, gexf, nodes-csv, edges-csv (entity graph); ttl, nt, nq, trig, jsonld (RDF).",
        autocompletion=completes(ExportFormat))],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")]
    = None,
    kg: KgOption = DEFAULT_KG,
    query: Annotated[Path | None, typer.Option(
        "--query", metavar="FILE.rq",
        help="Export only the entities a SPARQL CONSTRUCT or SELECT ?s ?p ?o in this file names "
             "(entity graph formats).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS", help=TIMEOUT_HELP)] = QUERY_TIMEOUT,
) -> None:
    """Export the graph for Gephi, spreadsheets or another triple store."""
    from kg.analytics.export import export
    from kg.files import write_atomic

    query_text = read_query_file(query)
    data = export(kg, fmt, query_text, query_time_limit(timeout))
    if output is None or str(output) == "-":
        typer.echo(data, nl=False)
    else:
        write_atomic(output, data)
