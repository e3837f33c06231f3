"""`kg viz`: write the HTML graph view (a thin wrapper over kg.views.html.write_html)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg import formats as registry
from kg.cli.common import QUERY_TIMEOUT, TIMEOUT_HELP, query_time_limit, read_query_file
from kg.errors import UsageError
from kg.paths import DEFAULT_KG, HTML_FILE
from kg.views.html import DEFAULT_MAX_NODES  # a cheap import: pyvis and networkx load only when drawing


def viz_cli(
    kg: Annotated[Path, typer.Option("--kg", help="Knowledge-graph folder to read (written by kg build).")]
    = DEFAULT_KG,
    query: Annotated[Path | None, typer.Option(
        "--query", metavar="FILE.rq",
        help="Draw only the nodes a SPARQL CONSTRUCT or SELECT in this file returns (by IRI or by label).",
    )] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Where to write the page (default: kg.html in the --kg folder).",
    )] = None,
    max_nodes: Annotated[int, typer.Option(
        "--max-nodes", help="Draw at most this many nodes (the best connected); the page says what it left out.",
    )] = DEFAULT_MAX_NODES,
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in the web browser.")] = False,
    timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS", help=TIMEOUT_HELP)] = QUERY_TIMEOUT,
) -> None:
    """Write the graph as one self-contained HTML page that works offline: search, legend, source sentences."""
    from kg.views.html import write_html

    query_text = read_query_file(query)
    limit = query_time_limit(timeout)
    if max_nodes < 1:
        raise UsageError("--max-nodes must be at least 1")
    out = output if output is not None else kg / HTML_FILE
    _check_page_name(out)
    notes: list[str] = []
    write_html(kg, out, query=query_text, max_nodes=max_nodes, notes=notes, timeout=limit)
    for note in notes:
        typer.echo(f"Warning: {note}", err=True)
    typer.echo(str(out))
    if open_page:
        import webbrowser

        webbrowser.open(out.resolve().as_uri())


def _check_page_name(out: Path) -> None:
    """Refuse `-o graph.graphml` (a format kg export writes), rather than write HTML under that name."""
    other = registry.for_path(out)
    if other is not None and other not in registry.VIZ_FORMATS:
        hint = (f"; for {other.name} use kg export {other.name} -o {out}" if other in registry.EXPORT_FORMATS
                else "")
        raise UsageError(f"kg viz writes an HTML page, not {other.name}: name the file .html{hint}")
