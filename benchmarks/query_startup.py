"""Start-up cost of `kg query`: wall time for a small query on a graph of about a million triples, beside a
bare pyoxigraph script doing the same query on the same store, each in a fresh process.

    python benchmarks/query_startup.py [--triples 1000000] [--runs 15] [--dir DIR]

The synthetic graph (news-shaped: articles with sentences, mentions, roles, figures; entities; the
ontology) is written once with kg.rdf.store.write_graph_folder into DIR (default: a folder under the
system temp dir) and reused by later runs. Prints the median and spread of each command and the ratio;
the goal is `kg query` within 2x of the bare script. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from kg import iris
from kg.rdf.quads import ENTITIES_GRAPH, article_graph, decimal, integer
from kg.rdf.reference import ontology_quads
from kg.rdf.store import write_graph_folder
from kg.vocab import KGO, RDF, RDFS, XSD

SMALL_QUERY = "SELECT ?label WHERE { <https://w3id.org/odop-kg/id/organisation/company-7> rdfs:label ?label }"
BARE_SCRIPT = """
import sys
from pyoxigraph import QueryResultsFormat, Store
store = Store.read_only(sys.argv[1])
result = store.query(sys.argv[2], prefixes={"rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
                     use_default_graph_as_union=True)
sys.stdout.buffer.write(result.serialize(format=QueryResultsFormat.CSV))
"""


def synthetic_quads(target: int) -> list[Quad]:
    """About `target` quads shaped like kg build's output (deterministic)."""
    a = NamedNode(RDF.type)
    label = NamedNode(RDFS.label)
    quads: list[Quad] = list(ontology_quads())
    entities = NamedNode(ENTITIES_GRAPH)
    orgs = [iris.entity("Company", f"company {i}") for i in range(2000)]
    people = [iris.entity("Person", f"person {i}") for i in range(3000)]
    products = [iris.entity("Product", f"product {i}") for i in range(300)]
    districts = [iris.entity("District", f"district {i}") for i in range(75)]
    for kind, group in (("Company", orgs), ("Person", people), ("Product", products), ("District", districts)):
        for i, iri in enumerate(group):
            quads.append(Quad(NamedNode(iri), a, NamedNode(KGO[kind]), entities))
            quads.append(Quad(NamedNode(iri), label, Literal(f"{kind.lower()} {i}"), entities))

    def n(x: str) -> NamedNode:
        return NamedNode(x)

    doc = 0
    while len(quads) < target:
        doc_id = f"bench-{doc:06d}"
        g = n(article_graph(doc_id))
        art = iris.article(doc_id)
        add = quads.append
        add(Quad(n(art), a, n(KGO.NewsArticle), g))
        add(Quad(n(art), label, Literal(f"Story {doc}"), g))
        add(Quad(n(art), n(KGO.datePublished), Literal(f"2021-{doc % 12 + 1:02d}-01", datatype=n(XSD.date)), g))
        for s in range(12):
            sent = iris.sentence(doc_id, s)
            add(Quad(n(sent), a, n(KGO.Sentence), g))
            add(Quad(n(sent), n(KGO.inArticle), n(art), g))
            add(Quad(n(sent), n(KGO.sentenceIndex), integer(s), g))
            add(Quad(n(sent), n(KGO.beginIndex), integer(s * 100), g))
            add(Quad(n(sent), n(KGO.endIndex), integer(s * 100 + 90), g))
            add(Quad(n(sent), n(KGO.text), Literal(f"Sentence {s} of story {doc} about product {doc % 300}."), g))
            for k, target_iri in enumerate((orgs[(doc + s) % 2000], people[(doc * 3 + s) % 3000])):
                fact = iris.fact(doc_id, "mention", s * 100 + k * 10, s * 100 + k * 10 + 8)
                add(Quad(n(fact), a, n(KGO.Mention), g))
                add(Quad(n(fact), n(KGO.inArticle), n(art), g))
                add(Quad(n(fact), n(KGO.inSentence), n(sent), g))
                add(Quad(n(fact), n(KGO.beginIndex), integer(s * 100 + k * 10), g))
                add(Quad(n(fact), n(KGO.endIndex), integer(s * 100 + k * 10 + 8), g))
                add(Quad(n(fact), n(KGO.mentionOf), n(target_iri), g))
                add(Quad(n(art), n(KGO.mentions), n(target_iri), g))
        fig = iris.fact(doc_id, "figure", 5, 15)
        add(Quad(n(fig), a, n(KGO.Figure), g))
        add(Quad(n(fig), n(KGO.measure), Literal("sales"), g))
        add(Quad(n(fig), n(KGO.value), decimal(str(doc * 1000)), g))
        add(Quad(n(fig), n(KGO.unit), Literal("INR"), g))
        add(Quad(n(products[doc % 300]), n(KGO.fromDistrict), n(districts[doc % 75]), g))
        doc += 1
    return quads


def ensure_graph(folder: Path, triples: int) -> int:
    manifest = folder / "build.json"
    if manifest.is_file():
        data = json.loads(manifest.read_text())
        if data.get("benchmark_target") == triples:
            return int(data["quads"])
    started = time.perf_counter()
    quads = synthetic_quads(triples)
    written = write_graph_folder(folder, quads, {"benchmark_target": triples, "quads": len(quads)})
    print(f"built a graph of {written:,} quads in {time.perf_counter() - started:.1f} s -> {folder}")
    return written


def timed(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Wall times per command; the commands take turns, so that a busy moment hits them all alike."""
    for cmd in commands.values():
        subprocess.run(cmd, check=True, capture_output=True)  # warm the page cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            started = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times[name].append(time.perf_counter() - started)
    return times


def kg_command() -> list[str]:
    """The installed console script next to this interpreter (not a shell shim), else `python -m kg`."""
    script = Path(sys.executable).parent / "kg"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "kg"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.gettempdir()) / f"kg-query-startup-{args.triples}"
    quads = ensure_graph(folder, args.triples)

    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "bare pyoxigraph script": [sys.executable, "-c", BARE_SCRIPT, str(folder / "store"), SMALL_QUERY],
        "kg query": [*kg_command(), "query", "--kg", str(folder), "-f", "csv", "-q", SMALL_QUERY],
        "kg query products.rq": [*kg_command(), "query", "products", "--kg", str(folder), "-f", "csv"],
    }
    outputs = {name: subprocess.run(cmd, capture_output=True, check=True).stdout for name, cmd in commands.items()}
    assert outputs["kg query"].split() == outputs["bare pyoxigraph script"].split(), outputs
    print(f"graph: {quads:,} quads; {args.runs} runs each, fresh process per run; kg: {' '.join(kg_command())}")
    medians = {}
    for name, times in timed(commands, args.runs).items():
        medians[name] = statistics.median(times)
        print(f"  {name:24s} median {medians[name] * 1000:7.1f} ms   min {min(times) * 1000:7.1f}   "
              f"max {max(times) * 1000:7.1f}")
    ratio = medians["kg query"] / medians["bare pyoxigraph script"]
    print(f"kg query / bare script: {ratio:.2f}x (goal: within 2x)")
    if shutil.which("kg") and Path(shutil.which("kg") or "").resolve() != Path(kg_command()[0]).resolve():
        print(f"note: `kg` on PATH is {shutil.which('kg')} (a shim adds its own start-up on top)")


if __name__ == "__main__":
    main()
