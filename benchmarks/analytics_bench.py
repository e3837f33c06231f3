"""Speed of kg stats / kg path / kg export on synthetic entity graphs: `python benchmarks/analytics_bench.py [N ...]`.

The graphs have the shape of the entity graph (kind, label, sources on nodes; relation, predicate, sources
on edges) with a news-like degree distribution (a few hubs, many leaves), seeded so that runs compare.
Prints seconds per step; nothing is asserted.
"""

from __future__ import annotations

import random
import sys
import time

import networkx as nx

from kg.analytics.export import export_graph
from kg.analytics.paths import shortest_path
from kg.analytics.stats import graph_stats

KINDS = ["Company", "Person", "District", "Product", "GovernmentBody", "City", "Figure", "Quotation"]
RELATIONS = ["works for", "partnered with", "known for", "located in", "said", "concerns", "based in"]


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n, 2, seed=seed)
    g = nx.MultiDiGraph()
    for i in skeleton.nodes:
        source = {"article": f"a{i % 97}", "title": "t", "date": "2024-01-01", "sentence": "s " * 20,
                  "begin": i, "end": i + 5, "anchor": "x"}
        g.add_node(f"n{i}", kind=rng.choice(KINDS), label=f"entity {i}", sources=[source], details={})
    for u, v in skeleton.edges:
        relation = rng.choice(RELATIONS)
        g.add_edge(f"n{u}", f"n{v}", key=relation, relation=relation, predicate=relation, sources=[], details={})
    return g


def timed(step: str, n: int, fn: object) -> None:
    started = time.perf_counter()
    fn()  # type: ignore[operator]
    print(f"{n:>7} nodes  {step:<14} {time.perf_counter() - started:8.2f} s", flush=True)


def main(sizes: list[int]) -> None:
    for n in sizes:
        g = synthetic(n)
        timed("stats", n, lambda g=g: graph_stats(g))
        timed("path", n, lambda g=g, n=n: shortest_path(g, "entity 0", f"entity {n - 1}"))
        for fmt in ("graphml", "gexf", "edges-csv"):
            timed(fmt, n, lambda g=g, fmt=fmt: export_graph(g, fmt))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000, 20000])
