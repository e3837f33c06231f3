"""RDF: extraction results as quads with provenance, and the store they are written to."""
