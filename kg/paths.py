"""Where kg finds its own files and where it writes the graph."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
# The ontology and query library live at the top of the project, as the user's layout asks.
PROJECT_DIR = PACKAGE_DIR.parent
ONTOLOGY_DIR = PROJECT_DIR / "ontology"
QUERIES_DIR = PROJECT_DIR / "queries"

DEFAULT_SEEDS = Path("seeds")
DEFAULT_KG = Path("out")

# Names of the files inside a knowledge-graph folder (--kg DIR).
GRAPH_FILE = "kg.trig"
STORE_DIR = "store"
HTML_FILE = "kg.html"
MANIFEST_FILE = "build.json"
