"""`kg validate` (SHACL shapes over a built graph) and `kg ontology` (the ontology as a readable page)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.spec import choice
from kg.cli.typer_spec import completes
from kg.errors import KgError
from kg.paths import DEFAULT_KG


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


def validate_cli(
    kg: Annotated[Path, typer.Option("--kg", help="Knowledge-graph folder to check (written by kg build).")]
    = DEFAULT_KG,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="text: one line per violation; json: the report as JSON.",
        autocompletion=completes(ReportFormat),
    )] = ReportFormat.text,
    shapes: Annotated[Path | None, typer.Option(
        "--shapes", metavar="FILE.ttl", help="SHACL shapes to check against (default: ontology/shapes.ttl).",
    )] = None,
) -> None:
    """Check the graph against the SHACL shapes. Exit 0: it conforms; 1: it does not; 2: error."""
    from kg.validate import validate_graph

    format = choice(ReportFormat, fmt, "unknown --format {value!r}; choose one of {choices}")
    try:
        report = validate_graph(kg, shapes)
    except KgError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(2) from None
    if format is ReportFormat.json:
        typer.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        for line in report.lines():
            typer.echo(line)
        if report.conforms:
            typer.echo(f"{kg}/ conforms ({report.triples} triples checked).")
        else:
            typer.echo(f"{kg}/ does not conform: {len(report.violations)} violations "
                       f"({report.triples} triples checked).")
    raise typer.Exit(0 if report.conforms else 1)


def ontology_cli(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE.md", help="Write the page to this file instead of printing it.",
    )] = None,
) -> None:
    """Describe the ontology: classes and properties with labels, comments and alignments, and the shapes."""
    from kg.files import write_atomic
    from kg.rdf.ontology_doc import ontology_markdown

    page = ontology_markdown()
    if output is None:
        typer.echo(page, nl=False)
    else:
        write_atomic(output, page)
