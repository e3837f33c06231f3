"""SHACL validation: built graphs conform; graphs broken on purpose are caught with a readable line each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import validation_fixture as fx
from pyoxigraph import Literal, NamedNode, Quad

from kg.cli.entry import main
from kg.rdf.quads import REFERENCE_GRAPH
from kg.rdf.store import write_graph_folder
from kg.validate import ValidationReport, Violation, validate_graph, validate_quads
from kg.vocab import KGID, KGO, RDFS, XSD

FIXTURE_ARTICLE = KGID.base + "article/fixture/chauri"
MEERA = KGID.base + "person/meera-joshi"
GORAKHPUR = KGID.base + "district/gorakhpur"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def good() -> list[Quad]:
    return fx.quads()


def only(report: ValidationReport, rule: str) -> list[Violation]:
    return [v for v in report.violations if v.rule == rule]


def replace_object(quads: list[Quad], predicate: str, subject_part: str, obj: Literal | NamedNode) -> list[Quad]:
    out = []
    for q in quads:
        if q.predicate.value == predicate and subject_part in q.subject.value:
            q = Quad(q.subject, q.predicate, obj, q.graph_name)
        out.append(q)
    return out


def integer(n: int) -> Literal:
    return Literal(str(n), datatype=NamedNode(XSD.integer))


def test_the_fixture_graph_conforms(good: list[Quad]) -> None:
    report = validate_quads(good)
    assert report.conforms, report.lines()
    assert report.violations == []
    assert report.triples > 200


def test_the_seed_graph_conforms(seed_kg: Path) -> None:
    report = validate_graph(seed_kg)
    assert report.conforms, "\n".join(report.lines())


def test_a_figure_without_a_unit_is_caught(good: list[Quad]) -> None:
    broken = [q for q in good if not (q.predicate.value == KGO.unit and "figure/352-363" in q.subject.value)]
    report = validate_quads(broken)
    assert not report.conforms
    [v] = report.violations
    assert v.rule == "figure unit"
    assert v.focus == FIXTURE_ARTICLE + "/figure/352-363"
    assert v.label == "Rs 12 crore"
    assert "a figure needs exactly one kgo:unit" in v.message
    assert v.sentence is not None and v.sentence.startswith("Sales rose to Rs 12 crore")
    assert v.line() == (
        f'"Rs 12 crore" <{FIXTURE_ARTICLE}/figure/352-363>: figure unit: a figure needs exactly one kgo:unit '
        '(INR, USD, percent, year or the noun counted) | sentence: "Sales rose to Rs 12 crore in 2023-24 under '
        'the ODOP scheme of the Uttar Pradesh government."'
    )


def test_a_figure_without_a_numeric_value_is_caught(good: list[Quad]) -> None:
    broken = replace_object(good, KGO.value, "figure/246-257", Literal("three hundred"))
    [v] = validate_quads(broken).violations
    assert v.rule == "figure value"
    assert "numeric kgo:value" in v.message and '"three hundred"' in v.message


def test_offsets_past_the_end_of_the_text_are_caught(good: list[Quad]) -> None:
    broken = replace_object(good, KGO.endIndex, "figure/246-257", integer(999))
    report = validate_quads(broken)
    [v] = only(report, "offsets inside the text")
    assert v.focus == FIXTURE_ARTICLE + "/figure/246-257"
    assert v.message == f"kgo:endIndex 999 is past the end of the article text ({len(fx.TEXT)} characters)"
    assert v.sentence == "Chauri, a village in Gorakhpur district, has 300 potters."
    # The anchor no longer matches the offsets either; nothing else is reported.
    assert {x.rule for x in report.violations} == {"offsets inside the text", "anchor text matches offsets"}


def test_a_sentence_past_the_end_of_the_text_is_caught(good: list[Quad]) -> None:
    broken = replace_object(good, KGO.endIndex, "chauri/sentence/3", integer(len(fx.TEXT) + 1))
    [v] = only(validate_quads(broken), "offsets inside the text")
    assert v.focus == FIXTURE_ARTICLE + "/sentence/3"
    assert v.sentence is not None and v.sentence.startswith("Sales rose")


def test_begin_after_end_is_caught(good: list[Quad]) -> None:
    broken = replace_object(good, KGO.beginIndex, "role/302-336", integer(340))
    rules = {v.rule for v in validate_quads(broken).violations}
    assert "begin before end" in rules


def test_a_person_with_two_labels_is_caught(good: list[Quad]) -> None:
    [label] = [q for q in good if q.subject.value == MEERA and q.predicate.value == RDFS.label]
    broken = good + [Quad(label.subject, label.predicate, Literal("Meera J."), label.graph_name)]
    [v] = validate_quads(broken).violations
    assert v.rule == "one preferred label"
    assert v.focus == MEERA
    assert v.message.startswith("an entity needs exactly one preferred label (rdfs:label)")
    assert v.message.endswith('(has 2: "Meera J.", "Meera Joshi")')
    assert v.sentence is not None and "said Meera Joshi" in v.sentence


def test_an_entity_without_a_label_is_caught(good: list[Quad]) -> None:
    broken = [q for q in good if not (q.subject.value == MEERA and q.predicate.value == RDFS.label)]
    [v] = validate_quads(broken).violations
    assert (v.rule, v.focus, v.label) == ("one preferred label", MEERA, None)


def test_a_district_not_in_a_state_is_caught(good: list[Quad]) -> None:
    broken = [
        q for q in good
        if not (q.subject.value == GORAKHPUR and q.predicate.value == KGO.locatedIn
                and q.graph_name.value == REFERENCE_GRAPH)
    ]
    [v] = validate_quads(broken).violations
    assert (v.rule, v.focus, v.label) == ("district in a state", GORAKHPUR, "Gorakhpur")
    assert v.message == "a district must lie in a state (kgo:locatedIn a kgo:State)"


def test_a_role_without_an_organisation_is_caught(good: list[Quad]) -> None:
    broken = [q for q in good if q.predicate.value != KGO.organisation]
    [v] = validate_quads(broken).violations
    assert v.rule == "role organisation"
    assert v.label == "Meera Joshi, Director of Kilnworks"


def test_a_quotation_without_a_speaker_is_caught(good: list[Quad]) -> None:
    broken = [q for q in good if q.predicate.value != KGO.speaker]
    [v] = validate_quads(broken).violations
    assert v.rule == "quotation speaker"
    assert "needs exactly one kgo:speaker" in v.message


def test_a_dangling_link_is_caught(good: list[Quad]) -> None:
    nowhere = KGID.base + "organisation/nowhere"
    broken = good + [Quad(NamedNode(MEERA), NamedNode(KGO.worksFor), NamedNode(nowhere), good[0].graph_name)]
    report = validate_quads(broken)
    [dangling] = only(report, "no dangling link")
    assert dangling.focus == nowhere
    assert dangling.message == (
        f"is the target of a link but has no type: a dangling link (linked from <{MEERA}> by <{KGO.worksFor}>)"
    )
    [wrong_type] = only(report, "works for an organisation")
    assert wrong_type.focus == MEERA


def test_a_fact_in_another_articles_sentence_is_caught(good: list[Quad]) -> None:
    other = KGID.base + "article/other"
    extra = [
        Quad(NamedNode(other + "/sentence/0"), NamedNode(KGO.inArticle), NamedNode(other), good[0].graph_name),
    ]
    broken = replace_object(good, KGO.inSentence, "figure/246-257", NamedNode(other + "/sentence/0")) + extra
    rules = {v.rule for v in validate_quads(broken).violations}
    assert "fact in its article's sentence" in rules


def test_every_violation_is_one_line(good: list[Quad]) -> None:
    broken = [q for q in good if q.predicate.value not in (KGO.unit, KGO.speaker, KGO.organisation)]
    report = validate_quads(broken)
    assert len(report.violations) == 4
    assert all("\n" not in line for line in report.lines())
    assert report.violations == sorted(report.violations, key=lambda v: (v.focus, v.rule, v.message, v.value or ""))


def test_inferred_triples_are_not_validated(good: list[Quad]) -> None:
    from kg.rdf.inference import materialise

    assert validate_quads(good + materialise(good)).triples == validate_quads(good).triples


# ----------------------------------------------------------------------------------------------- CLI


def test_kg_validate_exits_0_on_the_seed_graph(seed_kg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--kg", str(seed_kg)]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("triples checked).")
    assert "conforms" in out


def test_kg_validate_exits_1_and_prints_violations(
    good: list[Quad], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = [q for q in good if q.predicate.value != KGO.unit]
    write_graph_folder(tmp_path / "kg", broken, {})
    assert main(["validate", "--kg", str(tmp_path / "kg")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert all(": figure unit: a figure needs exactly one kgo:unit" in line for line in lines[:2])
    assert "does not conform: 2 violations (" in lines[2]

    assert main(["validate", "--kg", str(tmp_path / "kg"), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["conforms"] is False
    assert [v["rule"] for v in report["violations"]] == ["figure unit", "figure unit"]
    assert {v["sentence"][:10] for v in report["violations"]} == {"Chauri, a ", "Sales rose"}


def test_kg_validate_exits_2_on_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--kg", str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err.startswith("Error: no graph in")


def test_kg_validate_exits_2_on_broken_shapes(
    seed_kg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("this is not turtle", encoding="utf-8")
    assert main(["validate", "--kg", str(seed_kg), "--shapes", str(shapes)]) == 2
    assert "is not valid Turtle" in capsys.readouterr().err


# --------------------------------------------------------------------------------------------- build


def test_build_skips_validation_of_a_big_graph_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.validate
    from kg.build import build

    monkeypatch.setattr(kg.validate, "BUILD_VALIDATION_LIMIT", 10)
    result = build(SEEDS, tmp_path / "out", html=False)
    assert result.validation_skipped is not None
    assert "not validated" in result.summary() and "kg validate" in result.summary()
    strict = build(SEEDS, tmp_path / "out", html=False, strict=True)
    assert strict.validation_skipped is None and strict.violations == []


def test_build_strict_fails_on_violations_and_keeps_the_previous_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.rdf.quads
    from kg.build import build
    from kg.errors import KgError

    out = tmp_path / "out"
    build(SEEDS, out, html=False)
    before = (out / "kg.trig").read_bytes()
    real = kg.rdf.quads.document_quads

    def without_anchors(*args: object) -> list[Quad]:
        # Every fact (mentions at least) loses its anchor text.
        return [q for q in real(*args) if q.predicate.value != KGO.anchorText]  # type: ignore[arg-type]

    monkeypatch.setattr(kg.rdf.quads, "document_quads", without_anchors)
    # Patching code in-process is invisible to the build's "nothing changed" check: say the code changed.
    monkeypatch.setattr("kg.extraction_cache.code_version", lambda: "document_quads without anchors")
    result = build(SEEDS, out, html=False)
    assert result.violations and "violation" in result.summary()
    assert (out / "kg.trig").read_bytes() != before
    build_again = out.with_name("out2")
    monkeypatch.undo()
    build(SEEDS, build_again, html=False)
    monkeypatch.setattr(kg.rdf.quads, "document_quads", without_anchors)
    monkeypatch.setattr("kg.extraction_cache.code_version", lambda: "document_quads without anchors")
    with pytest.raises(KgError, match="validation violations; the previous graph is kept"):
        build(SEEDS, build_again, html=False, strict=True)
    assert (build_again / "kg.trig").read_bytes() == before


def test_every_object_property_is_checked_for_dangling_links() -> None:
    from pyoxigraph import RdfFormat, parse

    from kg.paths import ONTOLOGY_DIR
    from kg.vocab import OWL, RDF

    shapes = list(parse(path=str(ONTOLOGY_DIR / "shapes.ttl"), format=RdfFormat.TURTLE))
    targets = {
        t.object.value for t in shapes  # type: ignore[union-attr]
        if t.subject.value.endswith("#LinkTargetShape") and t.predicate.value.endswith("#targetObjectsOf")
    }
    ontology = parse(path=str(ONTOLOGY_DIR / "kg.ttl"), format=RdfFormat.TURTLE)
    object_properties = {
        t.subject.value for t in ontology  # type: ignore[union-attr]
        if t.predicate.value == RDF.type and t.object.value == OWL.ObjectProperty
    }
    assert object_properties - targets == set()


def test_a_statement_whose_triple_is_missing_is_caught(good: list[Quad]) -> None:
    pune = KGID.base + "city/pune"
    kilnworks = KGID.base + "organisation/kilnworks"
    broken = [q for q in good if not (q.predicate.value == KGO.basedIn and q.subject.value == kilnworks)]
    [v] = validate_quads(broken).violations
    assert v.rule == "statement triple asserted"
    assert v.label == "Pune-based"
    assert v.message == f"the statement's triple <{kilnworks}> <{KGO.basedIn}> <{pune}> is missing from the graph"


def test_a_line_stays_one_line_and_quotations_keep_their_own_marks() -> None:
    v = Violation(
        focus="https://example.org/q", label='"We sold\nplenty,"', rule="quotation speaker",
        message="a quotation needs\na speaker", sentence='"We sold\n\nplenty," she said.',
    )
    assert v.line() == (
        '"We sold plenty," <https://example.org/q>: quotation speaker: a quotation needs a speaker'
        ' | sentence: ""We sold plenty," she said."'
    )
    long = Violation(focus="x", label="word " * 100, rule="r", message="m")
    assert len(long.line()) < 200 and long.line().startswith('"word word')
