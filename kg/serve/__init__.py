"""`kg serve`: the built graph as a read-only SPARQL 1.1 Protocol endpoint.

The Oxigraph server (PyPI `oxigraph`, the engine of pyoxigraph) answers the queries, read-only, on an
internal loopback port. It would run SERVICE calls and has no notion of kg's predeclared prefixes, so a
thin WSGI front served by waitress owns the public port: it refuses what `kg query` refuses, adds the
prefixes, enforces the time limit, and serves the HTML view and the question library.
"""
