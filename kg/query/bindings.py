"""`--bind NAME=VALUE`: a value for a variable, passed to the engine as an RDF term, never pasted as text.

A value is typed by its look: `<...>`, `http(s)://...`, `urn:...` or a predeclared prefixed name
(`kg:district/agra`) is an IRI; `52` an xsd:integer, `52.5` an xsd:decimal, `5e3` an xsd:double;
`"52"` (quoted) a string, `"text"@en` a string in a language; anything else a plain string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from kg.query.errors import BindingError
from kg.query.prefixes import expand
from kg.vocab import XSD

Term = NamedNode | Literal

_NAME = re.compile(r"[?$]?(\w+)")
_IRI_SCHEME = re.compile(r"(?:https?|urn|ftp|file|mailto|tag):\S+")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+)")
_DOUBLE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+")
_QUOTED = re.compile(r'"(.*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*))?', re.DOTALL)


def parse_binding(spec: str) -> tuple[str, Term]:
    """"entity=Agra" -> ("entity", "Agra" as a string literal)."""
    name, sep, value = spec.partition("=")
    match = _NAME.fullmatch(name.strip())
    if not sep or not match:
        raise BindingError(f"bad --bind {spec!r}: expected NAME=VALUE, for example --bind entity=Agra")
    return match.group(1), term_for(value, spec)


def parse_bindings(specs: Iterable[str]) -> dict[str, Term]:
    out: dict[str, Term] = {}
    for spec in specs:
        name, term = parse_binding(spec)
        if name in out:
            raise BindingError(f"bad --bind {spec!r}: ?{name} is bound twice")
        out[name] = term
    return out


def term_for(value: str, spec: str = "") -> Term:
    """The RDF term a --bind value stands for."""
    try:
        if value.startswith("<") and value.endswith(">"):
            return NamedNode(value[1:-1])
        if _IRI_SCHEME.fullmatch(value):
            return NamedNode(value)
        iri = expand(value)
        if iri is not None:
            return NamedNode(iri)
    except ValueError as exc:
        raise BindingError(f"bad --bind {spec or value!r}: not a valid IRI ({exc})") from None
    if _INTEGER.fullmatch(value):
        return Literal(value, datatype=NamedNode(XSD.integer))
    if _DECIMAL.fullmatch(value):
        return Literal(value, datatype=NamedNode(XSD.decimal))
    if _DOUBLE.fullmatch(value):
        return Literal(value, datatype=NamedNode(XSD.double))
    quoted = _QUOTED.fullmatch(value)
    if quoted:
        text, language = quoted.groups()
        return Literal(text, language=language) if language else Literal(text)
    return Literal(value)
