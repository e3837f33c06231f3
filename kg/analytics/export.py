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
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.analytics.graph import label, load, sources
from kg.errors import KgError, UsageError

if TYPE_CHECKING:
    import networkx as nx

GRAPH_FORMATS = ("graphml", "gexf", "nodes-csv", "edges-csv")
RDF_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")
FORMATS = GRAPH_FORMATS + RDF_FORMATS


def export(kg_dir: Path, fmt: str, query: str | None = None) -> bytes:
    """The graph folder `kg_dir` in format `fmt` (one of FORMATS).

    `query` (a SPARQL CONSTRUCT, or SELECT ?s ?p ?o) restricts the entity graph formats to the nodes it
    names, as `kg viz --query` does.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in RDF_FORMATS:
        if query is not None:
            raise UsageError(f"--query applies to {', '.join(GRAPH_FORMATS)}; for part of the RDF graph, "
                             f"run a CONSTRUCT with kg query -f {fmt if fmt in ('ttl', 'nt', 'jsonld') else 'ttl'}")
        return export_rdf(kg_dir, fmt)
    return export_graph(load(kg_dir, query), fmt)


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
        raise UsageError(f"unknown graph format {fmt!r}; choose one of {', '.join(GRAPH_FORMATS)}")
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
    from pyoxigraph import RdfFormat, Triple, serialize

    from kg.rdf.store import open_store, serialize_trig
    from kg.vocab import PREFIXES

    store = open_store(kg_dir)
    # A store holds no duplicate quads: sorting is enough for a fixed order (the order kg.trig has).
    quads = sorted(store, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    if fmt == "trig":
        return serialize_trig(quads)
    # Entity IRIs are written in full: as prefixed names their slashes would need escaping.
    prefixes = {k: v for k, v in PREFIXES.items() if k != "kg"}
    if fmt in ("ttl", "nt"):
        unique = {Triple(q.subject, q.predicate, q.object) for q in quads}
        ordered = sorted(unique, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        if fmt == "nt":
            data = serialize(ordered, format=RdfFormat.N_TRIPLES)
        else:
            data = serialize(ordered, format=RdfFormat.TURTLE, prefixes=prefixes)
    elif fmt == "nq":
        data = serialize(quads, format=RdfFormat.N_QUADS)
    elif fmt == "jsonld":
        data = serialize(quads, format=RdfFormat.JSON_LD)
    else:
        raise UsageError(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")
    return data or b""


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, so readers never see half a file."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name to -o")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise KgError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private; give it the permissions any new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise KgError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    return path
