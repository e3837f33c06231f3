"""Running SPARQL queries against a built graph, read-only, and writing their results.

Importing this package is cheap (pyoxigraph and the standard library only), because `kg query` must start
fast: no typer, rdflib, networkx, pyvis or pyshacl on this path.

    from kg.query import run_query, write_result
    result = run_query(Path("out"), "SELECT ?p WHERE { ?p a kgo:Product }")
"""

from __future__ import annotations

from kg.query.bindings import parse_binding, parse_bindings
from kg.query.errors import QueryRefusedError
from kg.query.formats import FORMATS, format_for_path, write_result
from kg.query.library import LibraryQuery, find_query, library
from kg.query.run import AskResult, GraphResult, QueryResult, SelectResult, execute, run_query
from kg.query.terms import plain

__all__ = [
    "FORMATS",
    "AskResult",
    "GraphResult",
    "LibraryQuery",
    "QueryRefusedError",
    "QueryResult",
    "SelectResult",
    "execute",
    "find_query",
    "format_for_path",
    "library",
    "parse_binding",
    "parse_bindings",
    "plain",
    "run_query",
    "write_result",
]
