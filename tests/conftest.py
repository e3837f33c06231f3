"""Shared fixtures: the project's paths and a graph built once from the seed article."""

from __future__ import annotations

from pathlib import Path

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
