"""--bind values become typed RDF terms; the lexical checks that refuse updates and SERVICE."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode

from kg.query.bindings import parse_binding, parse_bindings
from kg.query.errors import BindingError, QueryRefusedError
from kg.query.lexer import check_read_only, first_keyword, mask, undeclared_prefix
from kg.query.prefixes import compact, expand
from kg.query.terms import display, plain

XSD = "http://www.w3.org/2001/XMLSchema#"
KG = "https://w3id.org/odop-kg/id/"


@pytest.mark.parametrize("spec, term", [
    ("entity=Agra", Literal("Agra")),
    ("entity=UP government", Literal("UP government")),
    ("?entity=Agra", Literal("Agra")),
    ("entity=", Literal("")),
    ("x=a=b", Literal("a=b")),
    ("n=52", Literal("52", datatype=NamedNode(XSD + "integer"))),
    ("n=-7", Literal("-7", datatype=NamedNode(XSD + "integer"))),
    ("n=52.5", Literal("52.5", datatype=NamedNode(XSD + "decimal"))),
    ("n=1e9", Literal("1e9", datatype=NamedNode(XSD + "double"))),
    ('n="52"', Literal("52")),
    ('t="Agra"@en', Literal("Agra", language="en")),
    ("e=<https://example.org/x>", NamedNode("https://example.org/x")),
    ("e=https://example.org/x?y=1", NamedNode("https://example.org/x?y=1")),
    ("e=urn:isbn:123", NamedNode("urn:isbn:123")),
    ("e=kg:district/agra", NamedNode(KG + "district/agra")),
    ("e=kgo:Product", NamedNode("https://w3id.org/odop-kg/ontology#Product")),
    ("e=Note: fine", Literal("Note: fine")),  # a colon with a space is text
    ("e=foo:bar", Literal("foo:bar")),  # an unknown prefix is text
])
def test_values_are_typed_by_their_look(spec: str, term: object) -> None:
    assert parse_binding(spec)[1] == term


def test_the_name_may_carry_a_question_mark() -> None:
    assert parse_bindings(["?a=1", "$b=x"]) == {
        "a": Literal("1", datatype=NamedNode(XSD + "integer")), "b": Literal("x")}


def test_text_is_never_pasted_into_the_query() -> None:
    # Whatever the value, it is one literal: quotes and braces are characters of it.
    value = 'x" } ; DROP ALL ; SELECT * { "'
    assert parse_binding(f"e={value}")[1] == Literal(value)


@pytest.mark.parametrize("spec", ["entity", "=x", "two words=x", "a-b=1"])
def test_bad_names(spec: str) -> None:
    with pytest.raises(BindingError) as err:
        parse_binding(spec)
    assert err.value.exit_code == 2


def test_a_bad_iri_is_an_error() -> None:
    with pytest.raises(BindingError, match="not a valid IRI"):
        parse_binding("e=<not an iri>")


def test_mask_blanks_strings_iris_and_comments_keeping_positions() -> None:
    text = "SELECT ?s # SERVICE\nWHERE { ?s <http://x/SERVICE> 'SERVICE' ; \"\"\"a\nSERVICE\"\"\" }"
    masked = mask(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert "SERVICE" not in masked
    assert masked.startswith("SELECT ?s ")


@pytest.mark.parametrize("query, word", [
    ("SELECT * {}", "SELECT"),
    ("PREFIX a: <http://x/>\nBASE <http://y/>\n ask {}", "ASK"),
    ("# INSERT\nCONSTRUCT WHERE {}", "CONSTRUCT"),
    ("prefix : <http://x/> insert data {}", "INSERT"),
])
def test_first_keyword(query: str, word: str) -> None:
    found = first_keyword(query)
    assert found is not None and found[0] == word


@pytest.mark.parametrize("query", [
    "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "COPY <http://x/a> TO <http://x/b>",
    "select * { service <http://x/sparql> { ?s ?p ?o } }",
    "SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }",
])
def test_refused(query: str) -> None:
    with pytest.raises(QueryRefusedError):
        check_read_only(query)


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service ?p ?o }",
    "SELECT * WHERE { ?s <http://x/service> 'SERVICE' . ?s ex:service ?o }",
    "SELECT ('INSERT' AS ?x) {}",
])
def test_not_refused(query: str) -> None:
    check_read_only(query)


def test_undeclared_prefix() -> None:
    assert undeclared_prefix("SELECT * { ?s foaf:name ?o }", ["kgo"]) == ("foaf", 14)
    assert undeclared_prefix("SELECT * { ?s :p ?o }", ["kgo"]) == ("", 14)
    assert undeclared_prefix("PREFIX foaf: <http://x/>\nSELECT * { ?s foaf:name ?o }", ["kgo"]) is None
    assert undeclared_prefix("SELECT * { ?s kgo:p 'a:b' ; <http://x/y:z> _:b }", ["kgo"]) is None


def test_compact_and_expand_are_inverse_for_entities() -> None:
    assert compact(KG + "district/agra") == "kg:district/agra"
    assert expand("kg:district/agra") == KG + "district/agra"
    assert compact("https://w3id.org/odop-kg/ontology#Product") == "kgo:Product"
    assert compact("http://example.org/x") == "<http://example.org/x>"
    assert expand("nope:x") is None and expand("kg:") is None


def test_plain_and_display_values() -> None:
    assert plain(Literal("52", datatype=NamedNode(XSD + "decimal"))) == "52"
    assert plain(NamedNode(KG + "district/agra")) == KG + "district/agra"
    assert plain(None) == ""
    assert display(NamedNode(KG + "district/agra")) == "kg:district/agra"
    assert display(Literal("two\nlines\tand tab")) == "two lines and tab"
