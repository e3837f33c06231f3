"""Entity kinds come from one table (kg/data/entity_kinds.csv): the ontology agrees with it, and a kind
added there (plus its ontology terms) shows in the IRIs, the view's legend and the stats."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, parse

from conftest import ROOT
from kg import iris, kinds
from kg.extract import model
from kg.views import entity_graph, html
from kg.vocab import KGO, OWL, RDF, RDFS


def _ontology_classes() -> tuple[set[str], dict[str, set[str]]]:
    classes: set[str] = set()
    parents: dict[str, set[str]] = {}
    for t in parse(path=str(ROOT / "ontology" / "kg.ttl"), format=RdfFormat.TURTLE):
        s, p, o = t.subject, t.predicate, t.object
        if not (isinstance(s, NamedNode) and s.value.startswith(KGO.base)):
            continue
        name = s.value[len(KGO.base):]
        if p.value == RDF.type and o.value == OWL.Class:
            classes.add(name)
        elif p.value == RDFS.subClassOf and isinstance(o, NamedNode) and o.value.startswith(KGO.base):
            parents.setdefault(name, set()).add(o.value[len(KGO.base):])
    return classes, parents


def test_every_kind_is_an_ontology_class_and_outranks_its_superclasses() -> None:
    classes, parents = _ontology_classes()
    assert set(kinds.ENTITY_KINDS) <= classes
    for kind in kinds.entity_kinds():
        for parent in parents.get(kind.name, set()) & set(kinds.ENTITY_KINDS):
            assert kind.rank > kinds.RANKS[parent], (kind.name, parent)
    assert len({k.rank for k in kinds.entity_kinds()}) == len(kinds.ENTITY_KINDS)


def test_every_consumer_reads_the_table() -> None:
    table = kinds.entity_kinds()
    assert tuple(k.name for k in table) == model.ENTITY_KINDS
    assert {k.name: k.segment for k in table} == iris.ENTITY_SEGMENTS
    assert {k: html.STYLES[k] for k in kinds.ENTITY_KINDS} == {k.name: (k.legend, k.colour, k.shape) for k in table}
    assert set(entity_graph.ENTITY_KINDS) == set(kinds.ENTITY_KINDS)
    assert all(KGO[k] == KGO.base + k for k in kinds.ENTITY_KINDS)


ADD_A_KIND = """
import json, sys
from pathlib import Path
from pyoxigraph import Literal, NamedNode, Quad
import kg
from kg import iris
from kg.cli.entry import main
from kg.rdf.quads import ENTITIES_GRAPH
from kg.rdf.reference import ontology_quads
from kg.rdf.store import write_graph_folder
from kg.vocab import KGO, RDF, RDFS

assert Path(kg.__file__).resolve().is_relative_to(Path.cwd().resolve()), kg.__file__
out = Path(sys.argv[1])
museum, agra = iris.entity("Museum", "Kashi Museum"), iris.entity("District", "Agra")
g = NamedNode(ENTITIES_GRAPH)
quads = list(ontology_quads()) + [
    Quad(NamedNode(museum), NamedNode(RDF.type), NamedNode(KGO.Museum), g),
    Quad(NamedNode(museum), NamedNode(RDFS.label), Literal("Kashi Museum"), g),
    Quad(NamedNode(museum), NamedNode(KGO.locatedIn), NamedNode(agra), g),
    Quad(NamedNode(agra), NamedNode(RDF.type), NamedNode(KGO.District), g),
    Quad(NamedNode(agra), NamedNode(RDFS.label), Literal("Agra"), g),
]
write_graph_folder(out, quads, {"test": "a new kind"})
print(museum)
assert main(["viz", "--kg", str(out), "-o", str(out / "view.html")]) == 0
assert main(["stats", "--kg", str(out), "--format", "json"]) == 0
"""


def test_a_kind_added_in_one_row_reaches_the_iris_the_legend_and_the_stats(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("kg", "ontology", "queries"):
        shutil.copytree(ROOT / name, copy / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "kg" / "data" / "entity_kinds.csv").open("a", encoding="utf-8") as f:
        f.write("Museum,place,museum,20,museum or gallery,#123456,star\n")
    with (copy / "ontology" / "kg.ttl").open("a", encoding="utf-8") as f:
        f.write('\nkgo:Museum a owl:Class ;\n    rdfs:label "museum"@en ;\n'
                '    rdfs:comment "A museum or gallery."@en ;\n    rdfs:subClassOf kgo:Place .\n')
    env = {**os.environ, "PYTHONPATH": str(copy)}
    done = subprocess.run([sys.executable, "-c", ADD_A_KIND, str(tmp_path / "out")], cwd=copy, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "https://w3id.org/odop-kg/id/museum/kashi-museum"
    page = (tmp_path / "out" / "view.html").read_text(encoding="utf-8")
    assert 'style="--swatch: #123456"></span>museum or gallery <span class="kg-count">1</span>' in page
    stats = json.loads("\n".join(lines[2:]))
    assert stats["nodes_per_class"]["Museum"] == 1
    assert any(c["kind"] == "Museum" and c["label"] == "Kashi Museum" for c in stats["central"])
