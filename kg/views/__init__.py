"""Views of a built graph: the entity graph (networkx) and its HTML rendering (pyvis)."""
