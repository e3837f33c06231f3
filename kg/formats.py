"""The output formats of kg, in one registry that `kg query`, `kg export` and `kg viz` share.

Each format has a name (what users type after --format), the file extensions that imply it, its kind (what
it can hold) and the function that writes it. Writers are named as "module:function" and imported only
when used, so reading the registry costs nothing (`kg query` must start fast).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple


class Kind(StrEnum):
    """What a format can hold."""

    SOLUTIONS = "solutions"  # the rows of a SELECT or the answer of an ASK
    RDF = "rdf"  # triples (CONSTRUCT, DESCRIBE, the whole graph) or quads
    ENTITY_GRAPH = "entity graph"  # the entities and named links of kg.views.entity_graph
    PAGE = "page"  # the HTML view


class Format(NamedTuple):  # a NamedTuple, not a dataclass: dataclasses cost kg query ~10 ms of imports
    name: str
    extensions: tuple[str, ...]
    kind: Kind
    writer: str  # "module:function" that writes this format (see the kind's writer for its signature)
    media_type: str = ""
    quads_only: bool = False  # an RDF syntax for named graphs: offered for the whole graph, not for triples

    def load_writer(self) -> Callable[..., Any]:
        module, _, function = self.writer.partition(":")
        return getattr(importlib.import_module(module), function)


_SOLUTIONS = "kg.query.formats:write_result"
_RDF = "kg.rdf.syntax:write_rdf"
_ENTITY_GRAPH = "kg.analytics.export:export_graph"

# The order is the order in help texts and error messages.
FORMATS: tuple[Format, ...] = (
    Format("table", (".txt",), Kind.SOLUTIONS, _SOLUTIONS, "text/plain"),
    Format("csv", (".csv",), Kind.SOLUTIONS, _SOLUTIONS, "text/csv"),
    Format("tsv", (".tsv",), Kind.SOLUTIONS, _SOLUTIONS, "text/tab-separated-values"),
    Format("json", (".json", ".srj"), Kind.SOLUTIONS, _SOLUTIONS, "application/sparql-results+json"),
    Format("xml", (".xml", ".srx"), Kind.SOLUTIONS, _SOLUTIONS, "application/sparql-results+xml"),
    Format("graphml", (".graphml",), Kind.ENTITY_GRAPH, _ENTITY_GRAPH, "application/graphml+xml"),
    Format("gexf", (".gexf",), Kind.ENTITY_GRAPH, _ENTITY_GRAPH, "application/gexf+xml"),
    Format("nodes-csv", (".csv",), Kind.ENTITY_GRAPH, _ENTITY_GRAPH, "text/csv"),
    Format("edges-csv", (".csv",), Kind.ENTITY_GRAPH, _ENTITY_GRAPH, "text/csv"),
    Format("ttl", (".ttl",), Kind.RDF, _RDF, "text/turtle"),
    Format("nt", (".nt",), Kind.RDF, _RDF, "application/n-triples"),
    Format("nq", (".nq",), Kind.RDF, _RDF, "application/n-quads", quads_only=True),
    Format("trig", (".trig",), Kind.RDF, _RDF, "application/trig", quads_only=True),
    Format("jsonld", (".jsonld",), Kind.RDF, _RDF, "application/ld+json"),
    Format("html", (".html", ".htm"), Kind.PAGE, "kg.views.html:write_html", "text/html"),
)
BY_NAME = {f.name: f for f in FORMATS}

# What each command offers.
QUERY_SOLUTIONS = tuple(f for f in FORMATS if f.kind is Kind.SOLUTIONS)
QUERY_TRIPLES = tuple(f for f in FORMATS if f.kind is Kind.RDF and not f.quads_only)
QUERY_FORMATS = QUERY_SOLUTIONS + QUERY_TRIPLES
EXPORT_FORMATS = tuple(f for f in FORMATS if f.kind in (Kind.ENTITY_GRAPH, Kind.RDF))
VIZ_FORMATS = tuple(f for f in FORMATS if f.kind is Kind.PAGE)


def names(formats: Iterable[Format]) -> tuple[str, ...]:
    return tuple(f.name for f in formats)


def for_path(path: Path, offered: Iterable[Format] = FORMATS) -> Format | None:
    """The first of the `offered` formats that a file's extension implies (`out.csv` -> csv), or None."""
    suffix = path.suffix.lower()
    return next((f for f in offered if suffix in f.extensions), None)


def choices(enum_name: str, formats: Iterable[Format]) -> type[StrEnum]:
    """The format names as a StrEnum, the way kg's commands declare choices (see kg.cli.spec)."""
    made: type[StrEnum] = StrEnum(enum_name, [(f.name, f.name) for f in formats])  # type: ignore[misc]
    return made


def extensions(formats: Iterable[Format]) -> tuple[str, ...]:
    """Each format's first extension, in order, without repeats: what an error message suggests."""
    return tuple(dict.fromkeys(f.extensions[0] for f in formats))
