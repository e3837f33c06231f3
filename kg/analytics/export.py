"""`kg export`: the entity graph for Gephi and spreadsheets, the RDF graph for other triple stores.

- graphml, gexf: the entity graph, with list and dict attributes (sources) flattened to JSON strings, so
  the writers accept them and Gephi opens the file;
- nodes-csv, edges-csv: one row per entity or link of the entity graph;
- ttl, nt: every triple of the graph (the union of its named graphs); nq, trig: every quad; jsonld:
  every quad, as JSON-LD with one named graph per article.

Outputs are deterministic: same graph folder, same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import formats as registry
from kg.analytics.graph import label, load, sources
from kg.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx

# kg export's formats, from the registry kg.formats.
ENTITY_GRAPH_FORMATS = registry.names(f for f in registry.EXPORT_FORMATS if f.kind is registry.Kind.ENTITY_GRAPH)
RDF_FORMATS = registry.names(f for f in registry.EXPORT_FORMATS if f.kind is registry.Kind.RDF)
FORMATS = registry.names(registry.EXPORT_FORMATS)


_QUERY_RDF = registry.names(registry.QUERY_TRIPLES)


def export(kg_dir: Path, fmt: str, query: str | None = None, timeout: float | None = None) -> bytes:
    """The graph folder `kg_dir` in format `fmt` (one of FORMATS).

    `query` (a SPARQL CONSTRUCT, or SELECT ?s ?p ?o) restricts the entity graph formats to the nodes it
    names, as `kg viz --query` does.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in RDF_FORMATS:
        if query is not None:
            raise UsageError(f"--query applies to {', '.join(ENTITY_GRAPH_FORMATS)}; for part of the RDF graph, "
                             f"run a CONSTRUCT with kg query -f {fmt if fmt in _QUERY_RDF else 'ttl'}")
        return export_rdf(kg_dir, fmt)
    return export_graph(load(kg_dir, query, timeout), fmt)


def export_graph(g: nx.MultiDiGraph, fmt: str) -> bytes:
    """The entity graph `g` as graphml, gexf, nodes-csv or edges-csv."""
    if fmt == "nodes-csv":
        return _nodes_csv(g)
    if fmt == "edges-csv":
        return _edges_csv(g)
    import networkx as nx

    flat = flatten(g)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat, buffer, encoding="utf-8", prettyprint=True)
    elif fmt == "gexf":
        nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True)
    else:
        raise UsageError(f"unknown graph format {fmt!r}; choose one of {', '.join(ENTITY_GRAPH_FORMATS)}")
    return buffer.getvalue()


def flatten(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `g` in sorted order whose attributes are all strings or numbers.

    Lists and dicts become JSON strings; None is left out. An attribute whose values are not all numbers
    becomes a string everywhere, so that GraphML declares one type per attribute. Edges also get `label`
    (their relation) and nodes `sources_count`, which Gephi shows in its tables.
    """
    import networkx as nx

    nodes = [(n, {**g.nodes[n], "sources_count": len(g.nodes[n].get("sources") or [])}) for n in sorted(g.nodes)]
    edges = [
        (u, v, {**d, "label": str(d.get("relation") or d.get("predicate") or "")})
        for u, v, d in sorted(g.edges(data=True), key=_edge_key)
    ]
    node_types = _attribute_types([d for _n, d in nodes])
    edge_types = _attribute_types([d for _u, _v, d in edges])
    out = nx.MultiDiGraph()
    for n, d in nodes:
        out.add_node(n, **_flat_attributes(d, node_types))
    # Edge keys become GraphML edge ids, which must be unique names without spaces.
    for i, (u, v, d) in enumerate(edges):
        out.add_edge(u, v, key=f"e{i}", **_flat_attributes(d, edge_types))
    return out


def _edge_key(e: tuple[str, str, dict[str, Any]]) -> tuple[str, str, str, str, str]:
    u, v, d = e
    return (u, v, str(d.get("relation", "")), str(d.get("predicate", "")),
            json.dumps(d, sort_keys=True, default=str, ensure_ascii=False))


def _attribute_types(records: list[dict[str, Any]]) -> dict[str, type]:
    seen: dict[str, set[type]] = {}
    for d in records:
        for k, v in d.items():
            if v is not None:
                seen.setdefault(k, set()).add(type(v))
    types: dict[str, type] = {}
    for k, ts in seen.items():
        if ts == {int}:
            types[k] = int
        elif ts <= {int, float}:
            types[k] = float
        else:
            types[k] = str
    return types


def _flat_attributes(d: dict[str, Any], types: dict[str, type]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k in sorted(d):
        v = d[k]
        if v is None or k == "id":  # GEXF uses "id" for the element's own id
            continue
        t = types[k]
        if t is str:
            out[k] = v if isinstance(v, str) else _json(v)
        else:
            out[k] = t(v)
    return out


def _json(value: Any) -> str:
    if isinstance(value, set | frozenset):
        value = sorted(value, key=str)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _first_sentence(found: list[dict[str, Any]]) -> str:
    return " ".join(str(found[0].get("sentence", "")).split()) if found else ""


def _nodes_csv(g: nx.MultiDiGraph) -> bytes:
    rows = []
    for n in sorted(g.nodes):
        d = g.nodes[n]
        found = sources(d)
        rows.append([n, label(g, n), d.get("kind", ""), g.degree(n),
                     len({s.get("article") for s in found}), _first_sentence(found), _json(found)])
    return _csv(["id", "label", "kind", "degree", "articles", "sentence", "sources"], rows)


def _edges_csv(g: nx.MultiDiGraph) -> bytes:
    rows = []
    for u, v, d in sorted(g.edges(data=True), key=_edge_key):
        found = sources(d)
        rows.append([u, v, label(g, u), label(g, v), d.get("relation", ""), d.get("predicate", ""),
                     len({s.get("article") for s in found}), _first_sentence(found), _json(found)])
    return _csv(["source", "target", "source_label", "target_label", "relation", "predicate", "articles",
                 "sentence", "sources"], rows)


def export_rdf(kg_dir: Path, fmt: str) -> bytes:
    """Every quad of the graph's store (ttl, nt: every distinct triple) in one RDF syntax."""
    from pyoxigraph import Triple

    from kg.rdf.store import open_store, serialize_trig
    from kg.rdf.syntax import write_rdf
    from kg.vocab import PREFIXES

    if fmt not in RDF_FORMATS:
        raise UsageError(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")
    store = open_store(kg_dir)
    # A store holds no duplicate quads: sorting is enough for a fixed order (the order kg.trig has).
    quads = sorted(store, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    if fmt == "trig":
        return serialize_trig(quads)
    if registry.BY_NAME[fmt].quads_only or fmt == "jsonld":  # jsonld keeps one named graph per article
        return write_rdf(quads, fmt)
    unique = {Triple(q.subject, q.predicate, q.object) for q in quads}
    ordered = sorted(unique, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    # Entity IRIs are written in full: as prefixed names their slashes would need escaping.
    return write_rdf(ordered, fmt, {k: v for k, v in PREFIXES.items() if k != "kg"} if fmt == "ttl" else None)
