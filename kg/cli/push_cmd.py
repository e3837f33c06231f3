"""`kg push`: a thin wrapper over kg.push.push.push, with the credentials read from the environment."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from kg.errors import UsageError
from kg.paths import DEFAULT_KG
from kg.push.push import DEFAULT_BATCH, DEFAULT_TIMEOUT, Credentials

PASSWORD_ENV = "KG_PUSH_PASSWORD"
TOKEN_ENV = "KG_PUSH_TOKEN"


def push_cli(
    endpoint: Annotated[str | None, typer.Option("--endpoint", metavar="URL", help="SPARQL Update endpoint of "
                        "the store (Oxigraph: http://HOST:7878/update; Fuseki: http://HOST:3030/DATASET/update).")]
    = None,
    graph_store: Annotated[str | None, typer.Option("--graph-store", metavar="URL", help="Graph Store Protocol "
                           "endpoint; used instead of SPARQL Update when given (Oxigraph: http://HOST:7878/store; "
                           "Fuseki: http://HOST:3030/DATASET/data).")] = None,
    replace: Annotated[bool, typer.Option("--replace/--append", help="Replace each graph kg sends (default), or "
                       "add its triples to what the store has.")] = True,
    user: Annotated[str | None, typer.Option("--user", help=f"User name for HTTP Basic auth; the password is "
                    f"read from {PASSWORD_ENV} or asked for. A bearer token is read from {TOKEN_ENV}.")] = None,
    kg: Annotated[Path, typer.Option("--kg", help="Knowledge-graph folder to push (written by kg build).")]
    = DEFAULT_KG,
    batch: Annotated[int, typer.Option("--batch", help="Triples per HTTP request.")] = DEFAULT_BATCH,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for each answer.")]
    = DEFAULT_TIMEOUT,
) -> None:
    """Load the built dataset (every article's graph, the corpus, inferred and ontology graphs) into a triple
    store over SPARQL 1.1 Update or the Graph Store Protocol. Pushing twice leaves the same store."""
    from kg.push.push import push

    credentials = _credentials(user)
    with _progress() as progress:
        summary = push(kg, endpoint, graph_store, replace=replace, credentials=credentials, batch=batch,
                       timeout=timeout, progress=progress)
    mode = "replaced" if summary.replace else "added to"
    typer.echo(f"pushed {summary.graphs} graph{'s' if summary.graphs != 1 else ''} and {summary.quads:,} quads "
               f"in {summary.requests} request{'s' if summary.requests != 1 else ''} to {summary.target} "
               f"({summary.protocol}, graphs {mode}) in {summary.seconds:.2f} s")
    if summary.dropped:
        typer.echo(f"dropped {summary.dropped} graph{'s' if summary.dropped != 1 else ''} an earlier push sent "
                   "that the graph no longer has (articles removed)")
    if summary.unrecorded:
        typer.echo(f"Warning: {summary.unrecorded}; the next push cannot drop graphs of articles removed "
                   "before it", err=True)


def _credentials(user: str | None) -> Credentials:
    token = os.environ.get(TOKEN_ENV) or None
    if user is None:
        return Credentials(token=token)
    if token:
        raise UsageError(f"give either --user or {TOKEN_ENV}, not both")
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise UsageError(f"--user {user} needs a password: set {PASSWORD_ENV} (or run kg push on a terminal "
                             "to be asked)")
        import getpass

        password = getpass.getpass(f"Password for {user}: ")
    return Credentials(user=user, password=password)


class _progress:
    """A rich progress bar of triples sent, on stderr when it is a terminal; nothing otherwise."""

    def __enter__(self) -> Callable[[int, int], None]:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        self.bar = Progress(TextColumn("pushing"), BarColumn(), MofNCompleteColumn(), TextColumn("triples"),
                            TimeElapsedColumn(), console=console, disable=not console.is_terminal, transient=True)
        self.bar.start()
        self.task = self.bar.add_task("push", total=None)
        return self.update

    def update(self, sent: int, total: int) -> None:
        self.bar.update(self.task, completed=sent, total=total)

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()
