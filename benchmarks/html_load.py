"""How long the HTML view takes to render, load and settle: `python benchmarks/html_load.py [N ...]`.

For each size N (default 500 1000 2000) a synthetic entity graph of N nodes (the shape of
kg.views.entity_graph: a few hubs, many leaves, a source sentence per node and link) is rendered with
`--max-nodes N`, then opened in Debian's headless chromium (/usr/bin/chromium, through pip's playwright)
with every request but the page itself refused. Printed per size: render seconds, page size, seconds to
the load event, seconds until the layout has settled and physics is off, and how many nodes are drawn.
Nothing is asserted.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.views.html import render_html

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
KINDS = ["Company", "Person", "District", "Product", "GovernmentBody", "City", "Programme", "Figure", "Quotation"]
RELATIONS = ["works for", "partnered with", "known for", "located in", "said", "concerns", "based in"]


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n, 1, seed=seed)
    g = nx.MultiDiGraph()

    def source(i: int) -> dict[str, str | int]:
        return {"article": f"https://example.org/article/{i % 211}", "title": f"Invented headline {i % 211}",
                "date": "2024-01-01", "sentence": f"An invented sentence about thing {i} and its district.",
                "begin": i, "end": i + 5, "anchor": f"thing {i}"}

    for i in skeleton.nodes:
        kind = KINDS[rng.randrange(len(KINDS))]
        g.add_node(f"https://example.org/id/{i}", kind=kind, label=f"{kind} {i}", sources=[source(i)], details={})
    for u, v in sorted(skeleton.edges):
        relation = RELATIONS[rng.randrange(len(RELATIONS))]
        g.add_edge(f"https://example.org/id/{u}", f"https://example.org/id/{v}", key=relation, relation=relation,
                   predicate="https://example.org/p", sources=[source(u + v)], details={})
    return g


def _only(url: str):  # type: ignore[no-untyped-def]
    """A route handler that lets the page itself load and refuses every other request."""

    def handle(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()

    return handle


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    print(f"{'nodes':>6} {'edges':>6} {'render s':>9} {'page MB':>8} {'load s':>7} {'settled s':>10} {'drawn':>6}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for n in sizes:
            graph = synthetic(n)
            started = time.perf_counter()
            page_text = render_html(graph, max_nodes=n)
            render_s = time.perf_counter() - started
            path = Path(tmp) / f"view-{n}.html"
            path.write_text(page_text, encoding="utf-8")
            url = path.as_uri()

            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", _only(url))
            started = time.perf_counter()
            page.goto(url, wait_until="load", timeout=600_000)
            load_s = time.perf_counter() - started
            # A selector wait: wait_for_function would need eval, which the page's CSP forbids.
            page.wait_for_selector("body[data-settled='true']", state="attached", timeout=600_000)
            settled_s = time.perf_counter() - started
            drawn = page.evaluate("network.body.data.nodes.length")
            page.close()
            print(f"{n:>6} {graph.number_of_edges():>6} {render_s:>9.2f} {len(page_text) / 1e6:>8.2f} "
                  f"{load_s:>7.2f} {settled_s:>10.2f} {drawn:>6}")
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 1000, 2000])
