"""RDF terms as plain values: what CSV cells and tables show."""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.query.prefixes import compact


def plain(term: object) -> str:
    """A literal's lexical form ("52", "Agra"), an IRI as is, a blank node as `_:id`, unbound as ""."""
    if term is None:
        return ""
    if isinstance(term, Literal | NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)  # an RDF-star triple term


def display(term: object) -> str:
    """Like `plain`, for a table: IRIs compacted with the predeclared prefixes, on one line."""
    if isinstance(term, NamedNode):
        return compact(term.value)
    text = plain(term)
    if "\n" in text or "\r" in text or "\t" in text:
        text = " ".join(text.split())
    return text
