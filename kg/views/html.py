"""The HTML graph view: one self-contained, offline page drawn with pyvis (vis-network) from the entity graph.

The page carries everything it needs: vis-network's script and style come from inside the pyvis package,
nothing is fetched from a CDN, and a Content-Security-Policy lets only the page's own two scripts run
(by hash) and no request leave the page. Text read from articles is untrusted: it reaches the page only
as JSON inside a `<script type="application/json">` block (with `<`, `>` and `&` escaped) or as
escaped HTML text, and the page's script puts it into the document with `textContent`, never as HTML.

The page keeps pyvis's global variables (`network`, `nodes`, `edges`, `allNodes`, `allEdges`), so scripts
and tests can drive the view through `network`, a vis-network Network. When the layout has settled,
physics is switched off and `document.body.dataset.settled` becomes "true".
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.files import write_atomic
from kg.kinds import entity_kinds

if TYPE_CHECKING:
    import networkx

# Above this many nodes the page draws the best-connected ones and says what it left out.
DEFAULT_MAX_NODES = 600
# Source sentences kept per node or link in the page (the panel says how many more there are).
MAX_SOURCES = 25
QUOTE_CHARS_ON_CANVAS = 40
MEASURE_CHARS_ON_CANVAS = 28

STATIC_DIR = Path(__file__).resolve().parent / "static"

# kind -> (legend label, colour, vis-network shape): entity kinds from the kinds table (kg/data/entity_kinds.csv),
# then the facts drawn as nodes. Labels sit inside "box" shapes and below the others.
STYLES: dict[str, tuple[str, str, str]] = {
    **{k.name: (k.legend, k.colour, k.shape) for k in entity_kinds()},
    "Figure": ("figure", "#f1ce63", "box"),
    "Quotation": ("quotation", "#fbe9d0", "box"),
}
_FALLBACK_STYLE = ("other", "#bab0ac", "dot")
SYMMETRIC = frozenset(("partnered with",))  # drawn without an arrow
_FACT_KINDS = frozenset(("Figure", "Quotation"))


def write_html(kg_dir: Path, out: Path, *, query: str | None = None, max_nodes: int = DEFAULT_MAX_NODES,
               notes: list[str] | None = None, timeout: float | None = None) -> Path:
    """Write the view of the graph in `kg_dir` (or of the subgraph `query` returns) to `out`. What the
    query's results could not be matched to is said in the page and appended to `notes`. `timeout` bounds
    the query (None: no limit)."""
    from kg.views.entity_graph import load_entity_graph

    graph = load_entity_graph(kg_dir, query, timeout)
    if notes is not None:
        notes.extend(graph.graph.get("query_notes", []))
    page = render_html(graph, max_nodes=max_nodes, subset=query is not None)
    return write_atomic(out, page)


def render_html(graph: networkx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES, subset: bool = False) -> str:
    """The page for an entity graph (see kg.views.entity_graph for its attributes), as a string."""
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup
    from pyvis.network import Network

    if max_nodes < 1:
        from kg.errors import UsageError

        raise UsageError("--max-nodes must be at least 1")
    shown = _choose_nodes(graph, max_nodes)
    sub = graph.subgraph(shown)
    degree = dict(sub.degree())

    net = Network(directed=True, cdn_resources="in_line")
    details: dict[str, dict[str, Any]] = {}
    for iri in sorted(shown):
        attrs = sub.nodes[iri]
        kind = str(attrs.get("kind", ""))
        legend, colour, shape = STYLES.get(kind, _FALLBACK_STYLE)
        label = str(attrs.get("label", iri))
        net.add_node(
            iri,
            label=_canvas_label(kind, label, dict(attrs.get("details") or {})),
            shape=shape,
            color={"background": colour, "border": _darker(colour),
                   "highlight": {"background": colour, "border": "#111111"}},
            value=degree.get(iri, 0) + 1,
            title=f"{legend}: {label}",  # vis-network sets tooltips with innerText: shown as text
        )
        details[iri] = {
            "kind": kind, "kindLabel": legend, "label": label, "iri": iri,
            "details": sorted([str(k), str(v)] for k, v in dict(attrs.get("details") or {}).items()),
            **_sources(attrs.get("sources") or []),
        }
    edge_details: dict[str, dict[str, Any]] = {}
    for i, (u, v, _key, attrs) in enumerate(sorted(sub.edges(keys=True, data=True), key=lambda e: e[:3])):
        edge_id = f"e{i}"
        relation = str(attrs.get("relation", ""))
        extra: dict[str, Any] = {"arrows": {"to": {"enabled": False}}} if relation in SYMMETRIC else {}
        net.add_edge(u, v, id=edge_id, label=relation,
                     title=f"{sub.nodes[u].get('label', u)} {relation} {sub.nodes[v].get('label', v)}", **extra)
        edge_details[edge_id] = {
            "relation": str(attrs.get("relation", "")), "from": u, "to": v,
            "predicate": str(attrs.get("predicate", "")),
            "details": sorted([str(k), str(val)] for k, val in dict(attrs.get("details") or {}).items()),
            **_sources(attrs.get("sources") or []),
        }
    net.options = _vis_options(len(shown))
    vis_nodes, vis_edges, _heading, _height, _width, options = net.get_network_data()

    payload = {"nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options),
               "details": details, "edgeDetails": edge_details}
    vis_js = _pyvis_lib("vis-9.1.2/vis-network.min.js")
    vis_css = _pyvis_lib("vis-9.1.2/vis-network.css")
    view_js = (STATIC_DIR / "view.js").read_text(encoding="utf-8")
    view_css = (STATIC_DIR / "view.css").read_text(encoding="utf-8")
    for name, text, end in (("vis-network.min.js", vis_js, "</script"), ("view.js", view_js, "</script"),
                            ("vis-network.css", vis_css, "</style"), ("view.css", view_css, "</style")):
        if end in text.lower():
            raise RuntimeError(f"{name} cannot be inlined: it contains {end}")

    kinds = Counter(str(graph.nodes[n].get("kind", "")) for n in graph.nodes)
    shown_kinds = Counter(str(sub.nodes[n].get("kind", "")) for n in sub.nodes)
    legend_rows = [(*STYLES.get(k, _FALLBACK_STYLE), shown_kinds[k])
                   for k in [*STYLES, *sorted(set(shown_kinds) - set(STYLES))] if shown_kinds[k]]
    articles = {str(s.get("article")) for n in graph.nodes for s in graph.nodes[n].get("sources") or []}

    env = Environment(loader=FileSystemLoader(str(STATIC_DIR)), autoescape=True, keep_trailing_newline=True)
    template = env.get_template("view.html")
    return template.render(
        summary=_summary(kinds, len(articles), subset),
        notice=" ".join(
            [f"Query: {note}." for note in graph.graph.get("query_notes", [])]
            + ([_left_out_notice(graph, shown)] if len(shown) < graph.number_of_nodes() else [])
        ),
        empty=("The query selected nothing to draw." if subset else "The graph has no entities to show yet.")
        if graph.number_of_nodes() == 0 else "",
        legend=legend_rows,
        labels=sorted({d["label"] for d in details.values()}),
        payload=payload,
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        view_js=Markup(view_js),
        view_css=Markup(view_css),
        script_hashes=" ".join(f"'sha256-{_sha256(t)}'" for t in (vis_js, view_js)),
    )


def _choose_nodes(graph: networkx.MultiDiGraph, max_nodes: int) -> list[str]:
    """At most `max_nodes` nodes: entities before figures and quotations, then the best connected."""
    nodes = list(graph.nodes)
    if len(nodes) <= max_nodes:
        return sorted(nodes)
    degree = dict(graph.degree())

    def rank(n: str) -> tuple[int, int, int, str]:
        attrs = graph.nodes[n]
        return (1 if attrs.get("kind") in _FACT_KINDS else 0, -degree.get(n, 0),
                -len(attrs.get("sources") or []), n)

    return sorted(sorted(nodes, key=rank)[:max_nodes])


def _left_out_notice(graph: networkx.MultiDiGraph, shown: list[str]) -> str:
    kept = set(shown)
    left = Counter(str(graph.nodes[n].get("kind", "")) for n in graph.nodes if n not in kept)
    parts = [f"{count:,} {_plural(STYLES.get(kind, _FALLBACK_STYLE)[0], count)}"
             for kind, count in sorted(left.items(), key=lambda kc: (-kc[1], kc[0]))]
    total = sum(left.values())
    return (
        f"Showing {len(shown):,} of {graph.number_of_nodes():,} nodes (the best-connected entities first). "
        f"Left out {total:,}: {', '.join(parts)}. "
        "Run kg viz --max-nodes N to draw more, or kg viz --query FILE.rq to draw a chosen part."
    )


def _summary(kinds: Counter[str], articles: int, subset: bool) -> str:
    entities = sum(c for k, c in kinds.items() if k not in _FACT_KINDS)
    text = (f"{entities:,} {_plural('entity', entities)}, {kinds['Figure']:,} {_plural('figure', kinds['Figure'])} "
            f"and {kinds['Quotation']:,} {_plural('quotation', kinds['Quotation'])} "
            f"from {articles:,} {_plural('article', articles)}")
    return text + (" (the part a query selected)" if subset else "")


def _plural(word: str, count: int) -> str:
    """"person" -> "people", "city or town" -> "cities or towns", "government body" -> "government bodies"."""
    if count == 1:
        return word
    words = word.split()
    for i, w in enumerate(words):
        if i == len(words) - 1 or words[i + 1] in ("or", "and"):  # the nouns, not their modifiers
            words[i] = _PLURALS.get(w, w + "s")
    return " ".join(words)


_PLURALS = {"person": "people", "city": "cities", "body": "bodies", "entity": "entities", "agency": "agencies",
            "company": "companies", "country": "countries"}


def _canvas_label(kind: str, label: str, details: dict[str, Any]) -> str:
    """What is written on the canvas: quotations shortened, figures with what they measure below."""
    if kind == "Quotation":
        return _shorten(label, QUOTE_CHARS_ON_CANVAS, "\u201d")
    if kind == "Figure" and details.get("measure") and str(details["measure"]).lower() not in label.lower():
        return f"{label}\n{_shorten(str(details['measure']), MEASURE_CHARS_ON_CANVAS)}"
    return label


def _shorten(text: str, limit: int, closing: str = "") -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:'\u201c\u2019") + "\u2026" + closing


def _sources(sources: list[dict[str, Any]]) -> dict[str, Any]:
    kept = [
        {k: s.get(k, "") for k in ("article", "title", "date", "sentence", "anchor", "begin", "end")}
        for s in sources[:MAX_SOURCES]
    ]
    return {"sources": kept, "moreSources": max(0, len(sources) - MAX_SOURCES)}


def _vis_options(n: int) -> dict[str, Any]:
    """vis-network options: physics lays the graph out, then the page switches it off."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": n <= 150, "randomSeed": 7},
        "nodes": {
            "font": {"size": 14, "face": "system-ui, sans-serif", "color": "#1a1a1a",
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"min": 10, "max": 24, "label": {"enabled": False}},
            "borderWidth": 1,
            "widthConstraint": {"maximum": 220},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9a9a9a", "highlight": "#333333", "hover": "#555555"},
            "font": {"size": 10, "color": "#555555", "strokeWidth": 2, "strokeColor": "#ffffff",
                     "align": "middle"},
            "smooth": {"enabled": n <= 300, "type": "continuous"},
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 200, "navigationButtons": False, "keyboard": False},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.01, "springLength": 110,
                                 "springConstant": 0.08, "avoidOverlap": 0.3},
            "maxVelocity": 50,
            "minVelocity": 1,
            "timestep": 0.5,
            "stabilization": {"enabled": True, "iterations": 1000 if n <= 300 else 400 if n <= 1000 else 250,
                              "updateInterval": 25, "fit": True},
        },
    }


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))


def _pyvis_lib(name: str) -> str:
    import pyvis

    return (Path(pyvis.__file__).resolve().parent / "templates" / "lib" / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
