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
from kg.cli import analytics_cmd  # noqa: E402, F401, I001  (registers stats, path, export)
from kg.cli import query_typer  # noqa: E402, F401  (registers query, queries; runs bypass Typer)
from kg.cli import viz_cmd  # noqa: E402, F401  (registers viz)
from kg.cli import validate_cmd  # noqa: E402, F401  (registers validate, ontology)
# (more commands register here)
