"""Loading the entity graph for analytics, and the plain undirected graph the measures run on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import GraphMissingError
from kg.paths import STORE_DIR

if TYPE_CHECKING:
    import networkx as nx


def load(kg_dir: Path, query: str | None = None, timeout: float | None = None) -> nx.MultiDiGraph:
    """The entity graph of the graph folder `kg_dir` (the one the HTML view draws).

    With `query` (a SPARQL CONSTRUCT, or SELECT ?s ?p ?o), only the part of it the query names, the query
    stopped after `timeout` seconds (None: no limit).
    """
    if not (kg_dir / STORE_DIR).is_dir():
        raise GraphMissingError(f"no graph in {kg_dir}/, run kg build first")
    from kg.views.entity_graph import load_entity_graph

    return load_entity_graph(kg_dir, query, timeout)


def undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """`g` as a simple undirected graph; `weight` counts the relations between two entities.

    Nodes and edges are inserted in sorted order so that traversals, and so every measure, come out the
    same whatever order the entity graph was built in. Self-loops are left out.
    """
    import networkx as nx

    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes))
    weights: dict[tuple[str, str], int] = {}
    for u, v in g.edges():
        if u == v:
            continue
        a, b = sorted((u, v))
        weights[(a, b)] = weights.get((a, b), 0) + 1
    for (a, b), w in sorted(weights.items()):
        h.add_edge(a, b, weight=w)
    return h


def label(g: nx.MultiDiGraph, node: str) -> str:
    value = g.nodes[node].get("label")
    return str(value) if value else node.rstrip("/").rsplit("/", 1)[-1]


def kind(g: nx.MultiDiGraph, node: str) -> str:
    return str(g.nodes[node].get("kind") or "")


def sources(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The sources of a node or edge in a fixed order (article, then offsets)."""
    found = data.get("sources") or []
    return sorted(
        (s for s in found if isinstance(s, dict)),
        key=lambda s: (str(s.get("article", "")), _int(s.get("begin")), _int(s.get("end")),
                       json.dumps(s, sort_keys=True, default=str)),
    )


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return -1
