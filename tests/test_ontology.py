"""The ontology: its terms match kg/vocab.py, each has a label and a comment; its documentation is current."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from kg.cli.entry import main
from kg.paths import ONTOLOGY_DIR
from kg.rdf.ontology_doc import ontology_markdown
from kg.vocab import KGO, OWL, RDF, RDFS

ONTOLOGY = ONTOLOGY_DIR / "kg.ttl"
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
DOC = ONTOLOGY_DIR / "kg.md"


def _terms_used(path: Path) -> set[str]:
    used = set()
    for t in parse(path=str(path), format=RdfFormat.TURTLE):
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, NamedNode) and term.value.startswith(KGO.base):
                used.add(term.value[len(KGO.base):])
    return used


@pytest.fixture(scope="module")
def declared() -> dict[str, dict[str, list[Literal | NamedNode]]]:
    out: dict[str, dict[str, list[Literal | NamedNode]]] = defaultdict(lambda: defaultdict(list))
    for t in parse(path=str(ONTOLOGY), format=RdfFormat.TURTLE):
        if isinstance(t.subject, NamedNode) and t.subject.value.startswith(KGO.base):
            out[t.subject.value[len(KGO.base):]][t.predicate.value].append(t.object)  # type: ignore[arg-type]
    return out


def test_vocab_and_ontology_declare_the_same_terms(declared: dict[str, dict[str, list]]) -> None:  # type: ignore[type-arg]
    assert KGO.terms is not None
    assert set(declared) == set(KGO.terms), (
        f"only in kg/vocab.py: {sorted(set(KGO.terms) - set(declared))}; "
        f"only in ontology/kg.ttl: {sorted(set(declared) - set(KGO.terms))}"
    )


def test_every_term_has_one_english_label_and_comment(declared: dict[str, dict[str, list]]) -> None:  # type: ignore[type-arg]
    for name, props in declared.items():
        for p in (RDFS.label, RDFS.comment):
            values = props.get(p, [])
            assert len(values) == 1, f"kgo:{name} needs exactly one {p}"
            [v] = values
            assert isinstance(v, Literal) and v.language == "en" and v.value.strip(), f"kgo:{name} {p}"


def test_every_term_is_a_class_or_a_property(declared: dict[str, dict[str, list]]) -> None:  # type: ignore[type-arg]
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    for name, props in declared.items():
        types = {t.value for t in props.get(RDF.type, [])}
        assert types & kinds, f"kgo:{name} is neither a class nor a property"


def test_every_term_the_shapes_and_ontology_use_is_declared(declared: dict[str, dict[str, list]]) -> None:  # type: ignore[type-arg]
    assert _terms_used(SHAPES) - set(declared) == set()
    assert _terms_used(ONTOLOGY) - set(declared) == set()


def test_the_characteristics_inference_relies_on(declared: dict[str, dict[str, list]]) -> None:  # type: ignore[type-arg]
    def types(name: str) -> set[str]:
        return {t.value for t in declared[name][RDF.type]}

    assert OWL.TransitiveProperty in types("locatedIn")
    assert OWL.SymmetricProperty in types("partneredWith")
    assert [t.value for t in declared["knownFor"][OWL.inverseOf]] == [KGO.fromDistrict]
    for org_kind in ("Company", "GovernmentBody", "NewsAgency", "Association", "SportsTeam"):
        assert KGO.Organisation in {t.value for t in declared[org_kind][RDFS.subClassOf]}


def test_the_generated_ontology_page_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == ontology_markdown(), (
        "ontology/kg.md is out of date: run `kg ontology --output ontology/kg.md`"
    )


def test_the_page_lists_every_term_with_its_label(declared: dict[str, dict[str, list]]) -> None:  # type: ignore[type-arg]
    page = ontology_markdown()
    for name, props in declared.items():
        label = props[RDFS.label][0].value
        assert f"| `kgo:{name}` | {label} |" in page
    assert "| `kgo:Company` | company | A business: marketplace, bank, start-up, manufacturer. " \
        "| schema:Corporation, kgo:Organisation |" in page
    assert "| `kgo:locatedIn` | located in |" in page and "transitive" in page
    assert "| district | district in a state | a district must lie in a state" in page


def test_kg_ontology_prints_the_page_or_writes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ontology"]) == 0
    assert capsys.readouterr().out == ontology_markdown()
    target = tmp_path / "onto.md"
    assert main(["ontology", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == ontology_markdown()


def test_every_rule_of_the_shapes_has_a_name_and_a_message() -> None:
    sh = "http://www.w3.org/ns/shacl#"
    by_subject: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for t in parse(path=str(SHAPES), format=RdfFormat.TURTLE):
        by_subject[str(t.subject)][t.predicate.value].append(str(t.object))
    rules = [
        o for props in by_subject.values() for p in (sh + "property", sh + "sparql") for o in props.get(p, [])
    ]
    assert len(rules) > 30
    for rule in rules:
        assert by_subject[rule].get(RDFS.label), f"a rule without rdfs:label: {by_subject[rule]}"
        assert by_subject[rule].get(sh + "message"), f"a rule without sh:message: {by_subject[rule]}"
