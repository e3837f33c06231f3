"""An invented two-article graph (tests/fixtures/query/graph.trig) built into a graph folder for kg query.

The TriG holds the article, entity and reference graphs; the real ontology is added as kg build adds it,
and optionally what kg.rdf.inference materialises, so that the queries are tested on both shapes.

With `repeat`, every triple is also written into a second named graph: the union default graph that
queries see then holds each triple twice, as it does for a triple that several articles share (a period
node, a shortcut such as kgo:fromDistrict). A query must give the same rows either way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, RdfFormat, parse

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "query" / "graph.trig"
REPEAT_GRAPH = NamedNode("https://w3id.org/odop-kg/id/graph/article/fx-repeat")


def build_fixture_graph(out: Path, infer: bool = False, repeat: bool = False) -> Path:
    from kg.rdf.reference import ontology_quads
    from kg.rdf.store import write_graph_folder

    quads = list(parse(path=str(FIXTURE), format=RdfFormat.TRIG))
    quads.extend(ontology_quads())
    if infer:
        from kg.rdf.inference import materialise

        quads.extend(materialise(quads))
    if repeat:
        quads.extend(Quad(q.subject, q.predicate, q.object, REPEAT_GRAPH) for q in list(quads))
    write_graph_folder(out, quads, {"fixture": FIXTURE.name, "inferred": infer, "repeated": repeat})
    return out


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `kg ARGS` in this process: the exit code, stdout and stderr."""
    from kg.cli.entry import main

    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err
