"""`kg serve`: a thin wrapper over kg.serve.server.serve."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer

from kg.paths import DEFAULT_KG
from kg.serve.server import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT


def serve_cli(
    kg: Annotated[Path, typer.Option("--kg", help="Knowledge-graph folder to serve (written by kg build).")]
    = DEFAULT_KG,
    host: Annotated[str, typer.Option("--host", help="Address to listen on. The default is this machine only; "
                                      "another address opens the endpoint to the network.")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0: any free port).")] = DEFAULT_PORT,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run before it is stopped "
                                           "with HTTP 503.")] = DEFAULT_TIMEOUT,
    cors: Annotated[bool, typer.Option("--cors", help="Let web pages from any origin query the endpoint "
                                       "(dashboards in a browser).")] = False,
) -> None:
    """Serve the graph read-only over HTTP: SPARQL 1.1 Protocol at /query, the graph view at /, the question
    library at /queries. Updates and SERVICE are refused, as in kg query. A rebuilt graph is served as soon
    as kg build finishes."""
    from kg.serve.server import serve

    # Ctrl-C is how a server is stopped, even while it is still starting (serve() has cleaned up by then).
    with contextlib.suppress(KeyboardInterrupt):
        serve(kg, host=host, port=port, timeout=timeout, cors=cors,
              notify=lambda message: typer.echo(f"kg serve: {message}", err=True))
    typer.echo("kg serve: stopped", err=True)
