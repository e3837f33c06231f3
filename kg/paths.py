"""Where kg finds its own files and where it writes the graph."""

from functools import cache
from pathlib import Path

# kg's own files are package data, found with importlib.resources wherever kg is installed (a wheel, an
# editable install, a checkout). In the source tree, kg/ontology and kg/queries are links to the project's
# top-level ontology/ and queries/ folders, the one copy that people edit; a wheel carries their files.
_RESOURCE_DIRS = {
    "PACKAGE_DIR": "",
    "DATA_DIR": "data",
    "ONTOLOGY_DIR": "ontology",
    "QUERIES_DIR": "queries",
}

DEFAULT_SEEDS = Path("seeds")
DEFAULT_KG = Path("out")

# Names of the files inside a knowledge-graph folder (--kg DIR).
GRAPH_FILE = "kg.trig"
STORE_DIR = "store"
HTML_FILE = "kg.html"
MANIFEST_FILE = "build.json"


@cache
def package_dir() -> Path:
    """The installed package's folder. importlib.resources is imported here, not at the top, because it
    costs `kg query -q ...` a few milliseconds of start-up that such a query does not need."""
    from importlib.resources import files

    # kg is always installed as files on disk (never zipped), so its resources are plain paths.
    return Path(str(files("kg")))


def __getattr__(name: str) -> Path:
    """DATA_DIR, ONTOLOGY_DIR, QUERIES_DIR and PACKAGE_DIR, resolved on first use (PEP 562)."""
    if name in _RESOURCE_DIRS:
        return package_dir() / _RESOURCE_DIRS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
