"""The built dataset as kg push sends it: graph by graph, each as N-Triples lines, in a fixed order."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Graph(NamedTuple):
    iri: str | None  # None for the default graph
    lines: list[bytes]  # one N-Triples line per triple, sorted


def read_graphs(kg_dir: Path) -> list[Graph]:
    """Every graph of the build (each article's, the corpus graphs, the inferred graph, the ontology)."""
    from pyoxigraph import DefaultGraph, RdfFormat, Triple, serialize

    from kg.rdf.store import open_store

    store = open_store(kg_dir)
    by_graph: dict[str | None, list[Triple]] = {}
    for quad in store.quads_for_pattern(None, None, None, None):
        name = None if isinstance(quad.graph_name, DefaultGraph) else quad.graph_name.value
        by_graph.setdefault(name, []).append(Triple(quad.subject, quad.predicate, quad.object))
    graphs = []
    for name in sorted(by_graph, key=lambda n: (n is not None, n or "")):
        data = serialize(by_graph[name], format=RdfFormat.N_TRIPLES)
        assert data is not None
        graphs.append(Graph(name, sorted(line + b"\n" for line in data.splitlines() if line)))
    return graphs
