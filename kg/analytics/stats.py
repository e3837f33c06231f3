"""`kg stats`: what the graph holds and which entities are central in it.

Counts of entities per class and of links per relation come from the entity graph (the graph the HTML
view draws), documents and facts from the store. Centrality and communities are computed on the entity
graph taken as undirected: an article saying "A partnered with B" links A and B whichever way it is
written. Every measure is deterministic (sorted input, a fixed seed for Louvain).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.analytics.graph import kind, label, load, undirected
from kg.vocab import KGO, RDF
from kg.wording import count

if TYPE_CHECKING:
    import networkx as nx

# Louvain and sampled betweenness are randomised; a fixed seed gives the same result on every run.
SEED = 42
# Exact betweenness is one traversal from every node (O(n*m)). When that would visit more than this many
# edges, it is estimated from as many sampled sources (seeded) as fit in this budget, but at least
# MIN_SAMPLES: enough to find the hubs, which is what the ranking is for.
BETWEENNESS_BUDGET = 500_000
MIN_SAMPLES = 50
MEASURES = ("degree", "betweenness", "pagerank")
# Nodes of the entity graph that stand for facts, not things: counted, but not listed as central entities
# or as members of components and communities.
FACT_NODE_KINDS = frozenset(("Figure", "Quotation"))
# How much of the community list the table shows (JSON has it all).
COMMUNITIES_SHOWN = 10
MEMBERS_SHOWN = 8
# Digits kept for floating-point measures, so that output is byte-identical across runs and machines.
DIGITS = 6


@dataclass
class Central:
    iri: str
    label: str
    kind: str
    degree: int
    betweenness: float
    pagerank: float


@dataclass
class Group:
    """A connected component or a community: its size and its members, most connected first."""

    size: int
    members: list[str]


@dataclass
class Stats:
    documents: int
    triples: int
    nodes: int
    entities: int
    links: int
    facts: int
    facts_per_class: dict[str, int]
    mentions: int
    nodes_per_class: dict[str, int]
    links_per_relation: dict[str, int]
    central: list[Central]
    ranked_by: str
    betweenness_samples: int | None  # None: exact
    components: list[Group] = field(default_factory=list)
    communities: list[Group] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def compute_stats(kg_dir: Path, top: int = 10, by: str = "degree") -> Stats:
    """Statistics of the graph folder `kg_dir`; `top` central entities ranked by measure `by`."""
    from kg.rdf.store import open_store

    g = load(kg_dir)
    store = open_store(kg_dir)
    documents, facts_per_class, mentions = _document_counts(store)
    result = graph_stats(g, top=top, by=by)
    result.documents = documents
    result.triples = len(store)
    result.facts_per_class = facts_per_class
    result.facts = sum(facts_per_class.values())
    result.mentions = mentions
    return result


def graph_stats(g: nx.MultiDiGraph, top: int = 10, by: str = "degree") -> Stats:
    """The part of the statistics that comes from the entity graph alone (store counts left at zero)."""
    import networkx as nx

    from kg.errors import UsageError

    if by not in MEASURES:
        raise UsageError(f"unknown measure {by!r}; choose one of {', '.join(MEASURES)}")
    if top < 0:
        raise UsageError("--top must be 0 or more")
    h = undirected(g)
    degree = {n: int(d) for n, d in g.degree()}
    samples = betweenness_samples(h.number_of_nodes(), h.number_of_edges())
    if h.number_of_nodes() == 0:
        betweenness: dict[str, float] = {}
        pagerank: dict[str, float] = {}
    else:
        betweenness = nx.betweenness_centrality(h, k=samples, seed=SEED, normalized=True)
        pagerank = nx.pagerank(h, weight="weight")
    measure: dict[str, dict[str, float]] = {
        "degree": {n: float(d) for n, d in degree.items()}, "betweenness": betweenness, "pagerank": pagerank}

    def rank_key(n: str) -> tuple[float, float, float, float, str, str]:
        primary = measure[by].get(n, 0)
        return (-round(primary, DIGITS), -degree.get(n, 0), -round(betweenness.get(n, 0.0), DIGITS),
                -round(pagerank.get(n, 0.0), DIGITS), label(g, n).casefold(), n)

    entities = [n for n in g.nodes if kind(g, n) not in FACT_NODE_KINDS]
    shared = Counter(label(g, n) for n in entities)
    # Members are listed by label, with the kind added where two entities share a label.
    display = {n: label(g, n) if shared[label(g, n)] == 1 else f"{label(g, n)} ({kind(g, n)})" for n in entities}
    ranked = sorted(entities, key=rank_key)[:top]
    central = [
        Central(n, label(g, n), kind(g, n), degree.get(n, 0), round(betweenness.get(n, 0.0), DIGITS),
                round(pagerank.get(n, 0.0), DIGITS))
        for n in ranked
    ]

    def group(nodes: set[str] | frozenset[str]) -> Group:
        members = sorted((n for n in nodes if kind(g, n) not in FACT_NODE_KINDS),
                         key=lambda n: (-degree.get(n, 0), label(g, n).casefold(), n))
        return Group(len(members), [display[n] for n in members])

    def order(groups: list[Group]) -> list[Group]:
        kept = [c for c in groups if c.size]
        return sorted(kept, key=lambda c: (-c.size, [m.casefold() for m in c.members]))

    components = order([group(c) for c in nx.connected_components(h)])
    if h.number_of_edges():
        found = nx.community.louvain_communities(h, weight="weight", seed=SEED)
    else:  # modularity is undefined without edges: every node is its own community
        found = [{n} for n in h.nodes]
    communities = order([group(c) for c in found])

    relations = Counter(str(d.get("relation") or d.get("predicate") or "") for _u, _v, d in g.edges(data=True))
    classes = Counter(kind(g, n) or "(no kind)" for n in g.nodes)
    return Stats(
        documents=0, triples=0, nodes=g.number_of_nodes(), entities=len(entities), links=g.number_of_edges(),
        facts=0,
        facts_per_class={}, mentions=0,
        nodes_per_class=_by_count(classes), links_per_relation=_by_count(relations),
        central=central, ranked_by=by, betweenness_samples=samples,
        components=components, communities=communities,
    )


def betweenness_samples(nodes: int, edges: int) -> int | None:
    """How many sources to sample for betweenness (None: all of them, the exact measure)."""
    if nodes * max(edges, 1) <= BETWEENNESS_BUDGET:
        return None
    return min(nodes, max(MIN_SAMPLES, BETWEENNESS_BUDGET // max(edges, 1)))


def _by_count(counter: Counter[str]) -> dict[str, int]:
    return {k: counter[k] for k in sorted(counter, key=lambda k: (-counter[k], k))}


_FACTS_QUERY = f"""
SELECT ?class (COUNT(DISTINCT ?fact) AS ?n) WHERE {{
  GRAPH ?g {{ ?fact <{KGO.inArticle}> ?article ; <{RDF.type}> ?class . }}
  FILTER(STRSTARTS(STR(?class), "{KGO.base}") && ?class != <{KGO.Sentence}>)
}} GROUP BY ?class
"""
_DOCUMENTS_QUERY = f"""
SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a <{RDF.type}> <{KGO.NewsArticle}> }} }}
"""


def _document_counts(store: Any) -> tuple[int, dict[str, int], int]:
    """Documents; facts per class (without mentions); mentions."""
    documents = 0
    for row in store.query(_DOCUMENTS_QUERY):
        documents = int(row["n"].value)
    counts: Counter[str] = Counter()
    for row in store.query(_FACTS_QUERY):
        counts[row["class"].value.removeprefix(KGO.base)] = int(row["n"].value)
    mentions = counts.pop("Mention", 0)
    return documents, _by_count(counts), mentions


def format_stats(stats: Stats) -> str:
    """The statistics as readable tables."""
    lines = [
        f"{count(stats.documents, 'document')}, {count(stats.facts, 'fact')} "
        f"(and {count(stats.mentions, 'mention')}), {count(stats.entities, 'entity', 'entities')} "
        f"(and {stats.nodes - stats.entities} figures and quotations), "
        f"{count(stats.links, 'link')}, {count(stats.triples, 'triple')}",
        "",
    ]
    lines += _table(["class", "nodes"], [[k, str(v)] for k, v in stats.nodes_per_class.items()])
    lines.append("")
    lines += _table(["relation", "links"], [[k, str(v)] for k, v in stats.links_per_relation.items()])
    lines.append("")
    if stats.facts_per_class:
        lines += _table(["fact class", "facts"], [[k, str(v)] for k, v in stats.facts_per_class.items()])
        lines.append("")
    if stats.central:
        samples = stats.betweenness_samples
        note = f" (betweenness estimated from {samples} sampled nodes)" if samples else ""
        lines.append(f"Most central entities, by {stats.ranked_by}{note}:")
        lines += _table(
            ["#", "entity", "kind", "degree", "betweenness", "pagerank"],
            [[str(i), c.label, c.kind, str(c.degree), f"{c.betweenness:.4f}", f"{c.pagerank:.4f}"]
             for i, c in enumerate(stats.central, 1)],
            right={0, 3, 4, 5},
        )
        lines.append("")
    sizes = Counter(c.size for c in stats.components)
    listed = ", ".join(str(n) if sizes[n] == 1 else f"{n} \u00d7{sizes[n]}" for n in sorted(sizes, reverse=True))
    lines.append(f"{len(stats.components)} connected components" + (f" (sizes {listed})" if listed else ""))
    lines.append("")
    lines.append(f"{len(stats.communities)} communities (Louvain, seed {SEED}):")
    groups = [c for c in stats.communities if c.size > 1]
    for i, c in enumerate(groups[:COMMUNITIES_SHOWN], 1):
        shown = ", ".join(c.members[:MEMBERS_SHOWN])
        more = f", and {c.size - MEMBERS_SHOWN} more" if c.size > MEMBERS_SHOWN else ""
        lines.append(f"  {i}. ({c.size}) {shown}{more}")
    rest = len(groups) - COMMUNITIES_SHOWN
    singles = len(stats.communities) - len(groups)
    if rest > 0:
        lines.append(f"  and {rest} more of 2 or more entities (--format json lists them all)")
    if singles:
        lines.append(f"  and {singles} entities on their own")
    return "\n".join(lines).rstrip() + "\n"


def _table(header: list[str], rows: list[list[str]], right: set[int] | frozenset[int] = frozenset()) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        out = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "  ".join(out).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
