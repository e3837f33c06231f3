"""An invented two-article graph (tests/fixtures/query/graph.trig) built into a graph folder for kg query.

The TriG holds the article, entity and reference graphs; the real ontology is added as kg build adds it,
and optionally what kg.rdf.inference materialises, so that the queries are tested on both shapes.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, parse

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "query" / "graph.trig"


def build_fixture_graph(out: Path, infer: bool = False) -> Path:
    from kg.rdf.reference import ontology_quads
    from kg.rdf.store import write_graph_folder

    quads = list(parse(path=str(FIXTURE), format=RdfFormat.TRIG))
    quads.extend(ontology_quads())
    if infer:
        from kg.rdf.inference import materialise

        quads.extend(materialise(quads))
    write_graph_folder(out, quads, {"fixture": FIXTURE.name, "inferred": infer})
    return out
