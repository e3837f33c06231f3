"""Updating the previous graph instead of rewriting it, when only some articles changed.

Each build leaves `.kg/graph-state.json` beside its graph: every article's hash and the place of its block
in kg.trig, the entity index and the IRIs it gave, the corpus graph's shared triples with the number of
articles stating each, and what the corpus graphs imply. The next build then:
- takes the changed and deleted articles' old extractions (still in the extraction cache) out of the
  entity index, and their shared triples and inferences out of the corpus graphs, and adds the new ones;
- resolves again, from the index (it is the size of the entities, not of the corpus);
- copies the unchanged articles' blocks of kg.trig, writes the changed ones, and rewrites the corpus graphs;
- copies the previous store version (hard links: its files are immutable) and replaces in it only the
  changed articles' graphs and the corpus graphs.
The result is byte for byte what a build from scratch gives. When anything needed is missing, or when
resolution gives a new IRI to an entity that unchanged articles mention (a kind changed), the build
starts from scratch instead.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.build import Candidate, Progress, Scan, _extracted, _Indexed, count_facts
from kg.documents import Skipped
from kg.extraction_cache import ExtractionCache
from kg.paths import GRAPH_FILE
from kg.resolve import EntityIndex, Resolution

if TYPE_CHECKING:
    from kg.rdf.graph_writer import Previous, WrittenGraph

STATE_FILE = "graph-state.json"
# Above this share of changed articles, updating saves little over a build from scratch.
MAX_CHANGED_SHARE = 0.5


@dataclass
class Update:
    indexed: _Indexed
    resolution: Resolution
    previous: Previous
    # Article graphs (ids) to take out of the previous store: the changed and the deleted articles.
    replaced: list[str]


def save_state(folder: Path, inputs: str, indexed: _Indexed, resolution: Resolution, graph: WrittenGraph,
               infer: bool) -> None:
    """Write what the next build needs to update this graph (into the build's staging folder)."""
    from kg.extraction_cache import code_version

    state = {
        "code": code_version(),
        "infer": infer,
        "inputs": inputs,
        "trig_size": (folder / GRAPH_FILE).stat().st_size,
        "articles": {c.id: [c.path, c.sha256, *graph.blocks[c.id], indexed.facts_of[c.id]] for c in indexed.built},
        "index": {key: [indexed.index.kinds[key], indexed.index.names[key], indexed.index.aliases.get(key, {})]
                  for key in sorted(indexed.index.kinds)},
        "iri_of_key": resolution.iri_of_key,
        "shared": graph.shared,
        "global_inferred": graph.global_inferred,
        "inferred_block": list(graph.inferred_block),
    }
    (folder / STATE_FILE).write_text(json.dumps(state, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def _load_state(kg_dir: Path, infer: bool) -> dict[str, Any] | None:
    from kg.extraction_cache import code_version
    from kg.rdf.store import INTERNAL_DIR, read_manifest

    try:
        state = json.loads((kg_dir / INTERNAL_DIR / STATE_FILE).read_text(encoding="utf-8"))
        manifest = read_manifest(kg_dir)
        size = (kg_dir / GRAPH_FILE).stat().st_size
    except (OSError, ValueError, KeyError):
        return None
    if not isinstance(state, dict) or state.get("code") != code_version() or state.get("infer") != infer:
        return None
    if state.get("inputs") != manifest.get("inputs") or state.get("trig_size") != size:
        return None  # the state is not the published graph's (a build was killed between the two)
    return state


def plan_update(kg_dir: Path, scan: Scan, cache: ExtractionCache, infer: bool, jobs: int | None,
                progress: Progress | None) -> tuple[Update | None, int]:
    """How to update the previous graph to `scan`'s articles, or None when a build from scratch is needed;
    and how many articles were extracted (into the cache) while finding out."""
    from kg.rdf.graph_writer import Previous

    state = _load_state(kg_dir, infer)
    if state is None:
        return None, 0
    extracted = [0]
    try:
        return _plan(kg_dir, state, scan, cache, infer, jobs, progress, Previous, extracted), extracted[0]
    except (KeyError, ValueError, TypeError, IndexError):
        return None, extracted[0]  # a state of another shape, or one that does not match the cache


def _plan(kg_dir: Path, state: dict[str, Any], scan: Scan, cache: ExtractionCache, infer: bool, jobs: int | None,
          progress: Progress | None, previous_type: type[Previous], extracted: list[int]) -> Update | None:
    from kg.rdf.inference import Schema, inference_input, materialise
    from kg.rdf.quads import ENTITIES_GRAPH, document_quads
    from kg.rdf.reference import ontology_quads

    old: dict[str, list[Any]] = state["articles"]
    kept = {c.id for c in scan.candidates if c.id in old and old[c.id][:2] == [c.path, c.sha256]}
    fresh = [c for c in scan.candidates if c.id not in kept]
    replaced = sorted(set(old) - kept)
    if len(fresh) + len(replaced) > MAX_CHANGED_SHARE * max(len(scan.candidates), 1):
        return None

    index = EntityIndex()
    for key, (kinds, names, aliases) in state["index"].items():
        index.kinds[key], index.names[key], index.aliases[key] = Counter(kinds), Counter(names), Counter(aliases)
    old_resolution = Resolution({}, {}, dict(state["iri_of_key"]))
    shared: dict[str, int] = dict(state["shared"])
    removed: set[str] = set(state["global_inferred"])
    schema = Schema(ontology_quads()) if infer else None
    from pyoxigraph import NamedNode

    corpus = NamedNode(ENTITIES_GRAPH)
    for doc_id in replaced:
        path, sha256 = old[doc_id][0], old[doc_id][1]
        entry = cache.get(Candidate(doc_id, path, path, sha256))
        if entry is None:
            return None  # the old extraction is gone: its contribution cannot be taken out
        doc, ex = entry
        index.remove(ex)
        own = []
        for q in document_quads(doc, ex, old_resolution.for_document(ex)):
            if q.graph_name == corpus:
                shared[str(q)] -= 1
            else:
                own.append(q)
        if schema is not None:
            removed.update(str(q) for q in materialise(inference_input(own), schema=schema))

    indexed = _Indexed([], list(scan.skipped), index)
    for doc_id in kept:
        indexed.facts_of[doc_id] = int(old[doc_id][5])
    added: set[str] = set()
    for c, result, was_extracted in _extracted(fresh, cache, jobs, progress):
        indexed.extracted += was_extracted
        extracted[0] += was_extracted
        if isinstance(result, Skipped):
            indexed.skipped.append(result)
            continue
        index.add(result[1])
        indexed.facts_of[c.id] = count_facts([result[1]])
        added.add(c.id)
    indexed.built = [c for c in scan.candidates if c.id in kept or c.id in added]
    indexed.facts = sum(indexed.facts_of[c.id] for c in indexed.built)
    indexed.skipped.sort(key=lambda s: s.path)

    resolution = index.resolve()
    before = old_resolution.iri_of_key
    if any(before[key] != iri for key, iri in resolution.iri_of_key.items() if key in before):
        return None  # an entity's IRI changed: the articles that mention it must be written again
    previous = previous_type(
        trig=kg_dir / GRAPH_FILE,
        copy={doc_id: (int(old[doc_id][2]), int(old[doc_id][3]), int(old[doc_id][4])) for doc_id in kept},
        shared=shared,
        inferred_block=(int(state["inferred_block"][0]), int(state["inferred_block"][1])),
        inferred_removed=removed,
    )
    return Update(indexed, resolution, previous, replaced)
