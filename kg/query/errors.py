"""Errors of `kg query` beyond those in kg.errors (syntax errors, missing graph, usage errors)."""

from __future__ import annotations

from kg.errors import UsageError


class QueryRefusedError(UsageError):
    """A query kg will not run: a SPARQL Update (the graph is read-only) or a SERVICE call (no network)."""


class BindingError(UsageError):
    """A `--bind NAME=VALUE` that cannot be used."""
