"""The Typer application: every command, registered from the modules that implement them.

Imports point one way: entry -> app -> the command modules -> the library. Command modules never import
this one, so a command module can be imported (and tested) on its own.
"""

from __future__ import annotations

from typing import Annotated

import typer

from kg import __version__
from kg.cli import analytics_cmd, build_cmd, push_cmd, query_cmd, serve_cmd, validate_cmd, viz_cmd
from kg.cli.typer_spec import typer_command

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph with provenance from ODOP news articles, and query it with SPARQL.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True, help="Print kg's version and exit.")] = False,
) -> None:
    """Build a knowledge graph with provenance from ODOP news articles, and query it with SPARQL."""


app.command("build")(build_cmd.build_cli)
typer_command(app, query_cmd.QUERY, query_cmd.query)
typer_command(app, query_cmd.QUERIES, query_cmd.list_queries)
app.command("viz")(viz_cmd.viz_cli)
app.command("validate")(validate_cmd.validate_cli)
app.command("ontology")(validate_cmd.ontology_cli)
app.command("stats")(analytics_cmd.stats_cli)
app.command("path")(analytics_cmd.path_cli)
app.command("export")(analytics_cmd.export_cli)
app.command("serve")(serve_cmd.serve_cli)
app.command("push")(push_cmd.push_cli)
app.command("eval")(build_cmd.eval_cli)
