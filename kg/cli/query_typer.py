"""The Typer face of `kg query` and `kg queries`: their help in `kg --help` and `kg query --help`.

Running a query normally bypasses Typer (kg/cli/entry.py calls kg/cli/query_cmd.py directly, for start-up
time); these commands declare the same options and call the same function, so either path behaves alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli import query_cmd
from kg.cli.app import app
from kg.paths import DEFAULT_KG

H = query_cmd.HELP


@app.command(
    "query",
    help=query_cmd.DESCRIPTION,
    short_help="Run a read-only SPARQL query: a .rq file, a library query's name, or -q TEXT.",
)
def query_cli(
    file: Annotated[str | None, typer.Argument(help=H["file"], show_default=False)] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help=H["query"], show_default=False)] = None,
    kg: Annotated[Path, typer.Option("--kg", help=H["kg"])] = DEFAULT_KG,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=H["format"], show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=H["output"], show_default=False)] = None,
    bind: Annotated[list[str] | None, typer.Option("--bind", "-b", help=H["bind"], show_default=False)] = None,
    list_: Annotated[bool, typer.Option("--list", help=H["list"])] = False,
) -> None:
    query_cmd.query(file, query, kg, fmt, output, bind or [], list_)


@app.command("queries")
def queries_cli() -> None:
    """List the question library (queries/*.rq) with each query's one-line description."""
    query_cmd.list_queries()
