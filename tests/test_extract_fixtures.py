"""What the extractor reads from invented articles (tests/fixtures/extract), phrased unlike the dev set."""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_helpers import names, origins, partnerships, places, quotes, roles

from conftest import FIXTURES
from kg.documents import read_document
from kg.extract import extract
from kg.extract.model import Extraction


def _extract(name: str) -> Extraction:
    path: Path = FIXTURES / "extract" / name
    return extract(read_document(path, path.parent))


@pytest.fixture(scope="module")
def toys() -> Extraction:
    return _extract("jhansi-toys.txt")


@pytest.fixture(scope="module")
def wood() -> Extraction:
    return _extract("saharanpur-wood.txt")


@pytest.fixture(scope="module")
def hockey() -> Extraction:
    return _extract("hockey.txt")


def test_toys_organisations_and_people(toys: Extraction) -> None:
    assert names(toys, "Association") == {"Bundelkhand Khilona Udyog Sangh"}
    assert "Lindqvist Trading Company" in names(toys, "Company")
    assert names(toys, "NewsAgency") == {"PTI"}
    assert names(toys, "Person") == {"Pradeep Varshney", "Kavita Yadav", "Erik Lindqvist"}
    assert "Uttar Pradesh government" in names(toys, "GovernmentBody")  # "the state government"


def test_toys_roles(toys: Extraction) -> None:
    found = roles(toys)
    assert ("Kavita Yadav", "president", "Bundelkhand Khilona Udyog Sangh") in found  # "president of the sangh"
    assert ("Erik Lindqvist", "sourcing head", "Lindqvist Trading Company") in found  # "X's sourcing head, Mr Y"
    # A government title in an article about Uttar Pradesh is the state government's.
    assert ("Pradeep Varshney", "District Magistrate, Jhansi", "Uttar Pradesh government") in found


def test_toys_products_and_districts(toys: Extraction) -> None:
    assert origins(toys) == {
        ("soft toys", "Jhansi"),  # "Soft toys from Jhansi"
        ("wooden toys", "Chitrakoot"),  # "wooden toys from Chitrakoot"
        ("gaura stone craft", "Mahoba"),  # "Mahoba, a neighbouring district, is known for ..."
        ("silk sarees", "Lalitpur"),  # "Lalitpur has zari silk sarees as its ODOP product"
    }


def test_toys_places_dateline_and_kinds(toys: Extraction) -> None:
    assert toys.dateline_place and toys.entity(toys.dateline_place).name == "Jhansi"
    found = places(toys)
    assert {("Jhansi", "City"), ("Jhansi", "District"), ("Germany", "Country"),
            ("Netherlands", "Country"), ("Mahoba", "District")} <= found
    # "Hamburg-based" is not in the gazetteer and is not made a district.
    assert not any(name == "Hamburg" and kind == "District" for name, kind in found)


def test_toys_partnership_and_split_quote(toys: Extraction) -> None:
    assert partnerships(toys) == {frozenset({"Bundelkhand Khilona Udyog Sangh", "Lindqvist Trading Company"})}
    [(speaker, text)] = quotes(toys)
    assert speaker == "Kavita Yadav"  # "said Smt. Kavita Yadav"
    assert text.startswith("Our members have been stitching toys")
    assert "Now a buyer will see" in text  # the second piece continues the same quotation


def test_wood_departments_institutes_and_back_references(wood: Extraction) -> None:
    assert "Department of Industries" in names(wood, "Department")
    assert "Uttar Pradesh Export Promotion Council" in names(wood, "Association")
    assert roles(wood) >= {("Rakesh Tiwari", "joint director", "Uttar Pradesh Export Promotion Council")}
    institute = next(e for e in wood.entities if e.name == "Northern Crafts Design Institute")
    assert "NCDI" in institute.aliases


def test_wood_single_quotes_surname_and_pronoun(wood: Extraction) -> None:
    found = quotes(wood)
    assert [s for s, _ in found] == ["Rakesh Tiwari", "Farhan Qadri"]
    assert found[0][1].startswith("Buyers abroad want the old motifs")
    assert found[1][1].startswith("Most of them learnt the craft")


def test_wood_products_possessive_and_whose(wood: Extraction) -> None:
    assert origins(wood) == {("wood carving", "Saharanpur"), ("jaggery", "Muzaffarnagar")}
    assert wood.dateline_place and wood.entity(wood.dateline_place).kind == "City"
    assert not wood.partnerships  # "set up with" is not a partnership


def test_hockey_report_has_teams_but_no_odop_facts(hockey: Extraction) -> None:
    assert names(hockey, "SportsTeam") == {"Punjab hockey team", "Haryana hockey team"}
    assert {("Punjab", "State"), ("Haryana", "State"), ("Bhopal", "City"), ("Jalandhar", "City")} <= places(hockey)
    assert roles(hockey) == {("Harjeet Gill", "coach", "Punjab hockey team"),
                             ("Ankit Dahiya", "captain", "Haryana hockey team")}
    assert names(hockey, "Person") == {"Gurpreet Sandhu", "Vikas Malik", "Harjeet Gill", "Ankit Dahiya"}
    assert [s for s, _ in quotes(hockey)] == ["Harjeet Gill", "Ankit Dahiya"]  # the second by "he"
    assert not hockey.origins and not hockey.partnerships
    assert not names(hockey, "Product", "Programme", "District")
