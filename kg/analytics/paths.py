"""`kg path`: the shortest chain of relations between two entities, each link with its source sentence.

Entities are named by label, case-insensitively; "Varanasi (District)" or a full IRI picks one of several
entities that share a label. The graph is taken as undirected to find the chain (a product "from" a
district links the district to the product as well); each link is shown in the direction it was stated.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.analytics.graph import kind, label, load, sources, undirected
from kg.errors import KgError

if TYPE_CHECKING:
    import networkx as nx

SUGGESTIONS = 5


class EntityNotFoundError(KgError):
    """No entity, or more than one, has the name given."""


class NoPathError(KgError):
    """The two entities are not connected."""


@dataclass
class Entity:
    iri: str
    label: str
    kind: str


@dataclass
class Link:
    """One step of a path: from the previous entity to `target` by `relation`.

    `forward` is True when the relation was stated from the previous entity to `target`.
    """

    target: Entity
    relation: str
    predicate: str
    forward: bool
    sources: list[dict[str, Any]] = field(default_factory=list)
    other_relations: list[str] = field(default_factory=list)


@dataclass
class Chain:
    start: Entity
    links: list[Link]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def find_path(kg_dir: Path, source: str, target: str) -> Chain:
    """The shortest chain of relations between the entities named `source` and `target` in `kg_dir`."""
    return shortest_path(load(kg_dir), source, target, aliases(kg_dir))


def aliases(kg_dir: Path) -> dict[str, list[str]]:
    """Other names of the entities (skos:altLabel: "Kalpa Retail Group" for Kalpa Retail), from the store."""
    from pyoxigraph import QuerySolutions

    from kg.rdf.store import open_store
    from kg.vocab import SKOS

    found: dict[str, set[str]] = {}
    rows = open_store(kg_dir).query(f"SELECT ?e ?name WHERE {{ GRAPH ?g {{ ?e <{SKOS.altLabel}> ?name }} }}")
    assert isinstance(rows, QuerySolutions)
    for row in rows:
        entity, name = row["e"], row["name"]
        if entity is not None and name is not None:
            found.setdefault(entity.value, set()).add(name.value)
    return {e: sorted(names) for e, names in sorted(found.items())}


def shortest_path(g: nx.MultiDiGraph, source: str, target: str,
                  other_names: dict[str, list[str]] | None = None) -> Chain:
    import networkx as nx

    a = resolve_name(g, source, other_names)
    b = resolve_name(g, target, other_names)
    try:
        nodes = nx.shortest_path(undirected(g), a, b)
    except nx.NetworkXNoPath:
        raise NoPathError(
            f"no chain of relations links {_describe(g, a)} and {_describe(g, b)}"
        ) from None
    links = [_link(g, u, v) for u, v in zip(nodes, nodes[1:], strict=False)]
    return Chain(_entity(g, a), links)


def resolve_name(g: nx.MultiDiGraph, name: str, other_names: dict[str, list[str]] | None = None) -> str:
    """The node an entity name refers to: its IRI, its label (any case), "label (Kind)", or another name."""
    if name in g:
        return name
    wanted = _normal(name)
    other_names = other_names or {}
    tiers = (
        lambda n: wanted == _normal(label(g, n)),
        lambda n: wanted == _normal(f"{label(g, n)} ({kind(g, n)})"),
        lambda n: wanted in {_normal(a) for a in other_names.get(n, [])},
    )
    for matches_name in tiers:
        # The best-connected first: it is the one offered as the example to type.
        matches = sorted((n for n in g.nodes if matches_name(n)),
                         key=lambda n: (-g.degree(n), _describe(g, n).casefold(), n))
        if len(matches) == 1:
            return matches[0]
        if matches:
            described = [_describe(g, n) for n in matches]
            if len(set(described)) < len(described):  # same label and kind: only the IRI tells them apart
                raise EntityNotFoundError(
                    f'"{name}" names {len(matches)} entities: {", ".join(matches)}; name one by its IRI')
            raise EntityNotFoundError(
                f'"{name}" names {len(matches)} entities: {", ".join(described)}; '
                f'name one as "{described[0]}"'
            )
    near = suggestions(g, wanted, other_names)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise EntityNotFoundError(f'no entity is named "{name}"{hint}')


def suggestions(g: nx.MultiDiGraph, wanted: str, other_names: dict[str, list[str]] | None = None) -> list[str]:
    """Entities whose names contain `wanted` or are close to it, described as "label (Kind)"."""
    by_name: dict[str, list[str]] = {}
    for n in sorted(g.nodes):
        for name in sorted({_normal(label(g, n)), *(_normal(a) for a in (other_names or {}).get(n, []))}):
            by_name.setdefault(name, []).append(n)
    names = sorted(by_name)
    # Containment either way ("Kalpa Retail" ~ "Kalpa Retail Group"), for names long enough to mean something.
    picked = [k for k in names if min(len(k), len(wanted)) >= 3 and (wanted in k or k in wanted)]
    picked.sort(key=lambda k: (abs(len(k) - len(wanted)), k))
    picked += difflib.get_close_matches(wanted, names, n=SUGGESTIONS, cutoff=0.6)
    out: list[str] = []
    for k in picked:
        for n in by_name[k]:
            text = _describe(g, n)
            if text not in out:
                out.append(text)
    return out[:SUGGESTIONS]


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def _describe(g: nx.MultiDiGraph, node: str) -> str:
    k = kind(g, node)
    return f"{label(g, node)} ({k})" if k else label(g, node)


def _entity(g: nx.MultiDiGraph, node: str) -> Entity:
    return Entity(node, label(g, node), kind(g, node))


def _link(g: nx.MultiDiGraph, u: str, v: str) -> Link:
    """The link from `u` to `v`: of the relations between them, one with a source sentence first."""
    candidates: list[tuple[bool, dict[str, Any]]] = []
    for a, b, forward in ((u, v, True), (v, u, False)):
        if g.has_edge(a, b):
            candidates += [(forward, d) for d in g.get_edge_data(a, b).values()]

    def key(c: tuple[bool, dict[str, Any]]) -> tuple[bool, str, bool, str]:
        forward, d = c
        return (not d.get("sources"), _relation(d), not forward, str(d.get("predicate", "")))

    candidates.sort(key=key)
    forward, best = candidates[0]
    others = sorted({_relation(d) for _f, d in candidates[1:]} - {_relation(best)})
    return Link(_entity(g, v), _relation(best), str(best.get("predicate", "")), forward, sources(best), others)


def _relation(d: dict[str, Any]) -> str:
    return str(d.get("relation") or d.get("predicate") or "related to")


def format_path(path: Chain) -> str:
    """The path as text: one line per entity, each link with the sentence that states it."""

    def entity(e: Entity) -> str:
        return f"{e.label} ({e.kind})" if e.kind else e.label

    n = len(path.links)
    lines = [f"{n} link{'' if n == 1 else 's'} from {path.start.label} to "
             f"{path.links[-1].target.label if path.links else path.start.label}:", entity(path.start)]
    for link in path.links:
        arrow = f"-[{link.relation}]->" if link.forward else f"<-[{link.relation}]-"
        lines.append(f"  {arrow} {entity(link.target)}")
        if link.sources:
            s = link.sources[0]
            where = ", ".join(str(s[k]) for k in ("title", "date") if s.get(k)) or str(s.get("article", ""))
            lines.append(f'      \u201c{" ".join(str(s.get("sentence", "")).split())}\u201d')
            if where:
                lines.append(f"      ({where})")
        else:
            lines.append("      (reference data, not read from an article)")
        if link.other_relations:
            lines.append(f"      also: {', '.join(link.other_relations)}")
    return "\n".join(lines) + "\n"
