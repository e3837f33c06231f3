"""The prefixes every query may use without declaring them, and compact IRIs for display."""

from __future__ import annotations

from kg.vocab import PREFIXES

# Predeclared for queries (a query's own PREFIX line wins over these).
QUERY_PREFIXES: dict[str, str] = dict(PREFIXES)

# Written at the top of Turtle output. Entity IRIs (kg:) are written in full: as prefixed names their
# slashes would need escaping, and readers copy them into queries.
OUTPUT_PREFIXES: dict[str, str] = {k: v for k, v in PREFIXES.items() if k != "kg"}

# Longest namespace first, so that a namespace nested in another wins.
_BY_LENGTH = sorted(QUERY_PREFIXES.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def compact(iri: str) -> str:
    """`kg:organisation/kalpa-retail` for people to read (tables); the full IRI when no prefix fits."""
    for prefix, base in _BY_LENGTH:
        if iri.startswith(base) and len(iri) > len(base):
            return f"{prefix}:{iri[len(base):]}"
    return f"<{iri}>"


def expand(name: str) -> str | None:
    """The IRI of a prefixed name with a predeclared prefix (`kgo:Product`), else None."""
    prefix, sep, local = name.partition(":")
    if not sep or prefix not in QUERY_PREFIXES or not local or any(c.isspace() for c in local):
        return None
    return QUERY_PREFIXES[prefix] + local
