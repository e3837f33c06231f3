"""What kg push sent to each store, kept in the graph folder, so that the next push to the same store can
drop the graphs of articles that have been removed from the corpus since.

The record is `.kg/pushed/<key>.json`, one per target URL (without credentials): the target and the graph
names sent. A missing or unreadable record means "nothing known", never an error: the push then drops
nothing and writes a new record.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kg.errors import KgError
from kg.files import write_atomic
from kg.rdf.store import INTERNAL_DIR

RECORD_DIR = "pushed"


def record_path(kg_dir: Path, target: str) -> Path:
    key = hashlib.sha256(target.encode()).hexdigest()[:16]
    return kg_dir / INTERNAL_DIR / RECORD_DIR / f"{key}.json"


def pushed_before(kg_dir: Path, target: str) -> set[str]:
    """The graph names an earlier push sent to `target`."""
    try:
        data = json.loads(record_path(kg_dir, target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("target") != target or not isinstance(data.get("graphs"), list):
        return set()
    return {name for name in data["graphs"] if isinstance(name, str)}


def remember(kg_dir: Path, target: str, graphs: set[str]) -> str | None:
    """Write the record; on failure (a read-only graph folder) the reason, for a warning: the push itself
    succeeded, and the next one only drops less."""
    record = {"target": target, "graphs": sorted(graphs)}
    try:
        write_atomic(record_path(kg_dir, target), json.dumps(record, indent=1) + "\n")
    except KgError as exc:
        return str(exc)
    return None
