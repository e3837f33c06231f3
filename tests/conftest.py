"""Shared fixtures: the project's paths and a graph built once from the seed article."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DEV_ARTICLES = SHARED / "dev" / "articles"
DEV_GOLD = SHARED / "dev" / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_kg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge-graph folder built from seeds/ (built once per test session; do not modify it)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seed") / "out"
    build(SEEDS, out)
    return out


def bench_corpus() -> ModuleType:
    """benchmarks/corpus.py, the synthetic corpus the benchmarks use (not a package: loaded by path)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("kg_bench_corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    return corpus


@pytest.fixture(scope="session")
def synthetic_kg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graph folder built from 200 synthetic articles (benchmarks/corpus.py), once per test session."""
    from kg.build import build

    corpus = bench_corpus()
    base = tmp_path_factory.mktemp("synthetic")
    corpus.write_corpus(200, base / "seeds")
    out = base / "out"
    build(base / "seeds", out)
    return out
