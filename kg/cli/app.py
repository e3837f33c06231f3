"""The Typer application: one line per command, each implemented in its own module."""

from __future__ import annotations

import typer

from kg.cli import build_cmd

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph with provenance from ODOP news articles, and query it with SPARQL.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

app.command("build")(build_cmd.build_cli)
app.command("eval")(build_cmd.eval_cli)


def _register_commands() -> None:
    """Each of these modules adds its commands to `app` when imported (they import `app` from here)."""
    from kg.cli import analytics_cmd, push_cmd, query_typer, serve_cmd, validate_cmd, viz_cmd  # noqa: F401


_register_commands()

