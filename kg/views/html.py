"""The HTML graph view (placeholder: to be written for issue 4)."""

from __future__ import annotations

from pathlib import Path


def write_html(kg_dir: Path, out: Path) -> Path:
    out.write_text("<!doctype html><title>kg</title>\n", encoding="utf-8")
    return out
