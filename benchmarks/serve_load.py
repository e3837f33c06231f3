"""Queries per second of `kg serve` under a bounded concurrent load on loopback, beside the bare Oxigraph
server on the same store (what kg's front costs) and `kg query` run in a loop (one process per query).

    python benchmarks/serve_load.py [--articles 300] [--clients 8] [--seconds 30] [--max-requests 50000]
                                    [--kg DIR] [--questions products,people]

Builds a graph from that many synthetic articles (benchmarks/corpus.py) unless --kg names a built graph
folder. The clients are threads of this process, each with its own HTTP connection, sending the library
questions below in turn until the time or the request budget is spent: on a 2-core machine they share the
CPU with the servers. All traffic stays on 127.0.0.1. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ["products", "organisations", "people", "figures", "partnerships", "programmes"]


def build_graph(articles: int, folder: Path) -> Path:
    from kg.build import build

    spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec and spec.loader
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    corpus.write_corpus(articles, folder / "seeds")
    build(folder / "seeds", folder / "out", validate=False)
    return folder / "out"


def load(endpoint: str, texts: list[str], clients: int, seconds: float, budget: int) -> dict[str, float]:
    """`clients` threads sending `texts` in turn for `seconds` or until `budget` requests in all."""
    lock = threading.Lock()
    sent = [0]
    errors = [0]
    latencies: list[float] = []
    deadline = time.monotonic() + seconds

    def client(offset: int) -> None:
        with httpx.Client(timeout=60) as http:
            i = offset
            while time.monotonic() < deadline:
                with lock:
                    if sent[0] >= budget:
                        return
                    sent[0] += 1
                started = time.perf_counter()
                response = http.post(endpoint, data={"query": texts[i % len(texts)]}, headers={"Accept": "text/csv"})
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
                    if response.status_code != 200:
                        errors[0] += 1
                i += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "requests": len(latencies), "errors": errors[0], "seconds": elapsed, "qps": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
    }


def kg_query_loop(kg_dir: Path, questions: list[str], seconds: float, budget: int) -> dict[str, float]:
    latencies = []
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    i = 0
    while time.monotonic() < deadline and i < budget:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", "query", questions[i % len(questions)], "--kg", str(kg_dir),
                        "-f", "csv"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        latencies.append(time.perf_counter() - t)
        i += 1
    elapsed = time.monotonic() - started
    latencies.sort()
    return {"requests": len(latencies), "errors": 0, "seconds": elapsed, "qps": len(latencies) / elapsed,
            "p50_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))]}


def start_kg_serve(kg_dir: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--kg", str(kg_dir), "--port", "0"],
                               cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert process.stderr
    line = process.stderr.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        process.kill()
        raise SystemExit(f"kg serve did not start: {line}{process.stderr.read()}")
    return process, f"http://127.0.0.1:{match.group(1)}/query"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--kg", type=Path)
    parser.add_argument("--questions", default=",".join(QUESTIONS), help="library questions to send, by name")
    args = parser.parse_args()

    from kg.rdf.store import open_store
    from kg.serve.engine import Engine
    from kg.serve.server import current_store
    from kg.serve.sparql import prepare_query

    with tempfile.TemporaryDirectory(prefix="kg-serve-load-") as tmp:
        kg_dir = args.kg or build_graph(args.articles, Path(tmp))
        triples = len(open_store(kg_dir))
        questions = args.questions.split(",")
        texts = [(ROOT / "queries" / f"{q}.rq").read_text(encoding="utf-8") for q in questions]
        print(f"graph: {kg_dir} ({triples:,} quads); questions: {', '.join(questions)}")
        print(f"load: {args.clients} clients, at most {args.seconds:g} s and {args.max_requests:,} requests each run")
        results = {}

        process, endpoint = start_kg_serve(kg_dir)
        try:
            load(endpoint, texts, args.clients, 2, 200)  # warm-up
            results["kg serve"] = load(endpoint, texts, args.clients, args.seconds, args.max_requests)
        finally:
            process.terminate()
            process.wait()

        engine = Engine(current_store(kg_dir)[0], timeout=60)
        try:
            prepared = [prepare_query(t) for t in texts]
            load(f"{engine.url}/query", prepared, args.clients, 2, 200)
            results["bare oxigraph server"] = load(f"{engine.url}/query", prepared, args.clients, args.seconds,
                                                   args.max_requests)
        finally:
            engine.stop()

        results["kg query in a loop (1 client)"] = kg_query_loop(kg_dir, questions, args.seconds / 2,
                                                                 args.max_requests)

    print(f"{'what':<32} {'requests':>9} {'errors':>7} {'seconds':>8} {'q/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for name, r in results.items():
        print(f"{name:<32} {r['requests']:>9.0f} {r['errors']:>7.0f} {r['seconds']:>8.1f} {r['qps']:>8.1f} "
              f"{r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f}")


if __name__ == "__main__":
    main()
