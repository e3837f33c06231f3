"""Serialising triples or quads in one of the RDF formats of the registry (kg.formats), for kg query and
kg export alike."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from kg.errors import UsageError
from kg.formats import BY_NAME, Kind


def rdf_format(name: str) -> RdfFormat:
    """The pyoxigraph syntax of a registered RDF format name ("ttl" -> Turtle)."""
    fmt = BY_NAME.get(name)
    if fmt is None or fmt.kind is not Kind.RDF:
        raise UsageError(f"unknown RDF format {name!r}")
    found = RdfFormat.from_media_type(fmt.media_type)
    assert found is not None, fmt  # every registered RDF media type is one pyoxigraph knows (tested)
    return found


def write_rdf(statements: Iterable[Triple] | Iterable[Quad], fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """`statements`, in the order given, as the RDF format `fmt` (Turtle and TriG use `prefixes`)."""
    return serialize(statements, None, rdf_format(fmt), prefixes=prefixes) or b""
