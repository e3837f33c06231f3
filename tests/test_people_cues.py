"""What marks a capitalised name as a person's, and what does not (invented sentences)."""

from __future__ import annotations

from extract_helpers import names, quotes, run

_HEADER = " date 2024-06-02 Title\n\nLucknow, Jun 2 (PTI) "


def test_an_apposition_naming_a_business_is_no_person_cue() -> None:
    ex = run(_HEADER + "Marwa Trading, the Sharjah-based importer, expects to buy goods worth $18 million.\n")
    assert "Marwa Trading" not in names(ex, "Person")


def test_an_apposition_naming_a_person_still_is() -> None:
    ex = run(_HEADER + "Kiran Dutt, the company's chief executive, expects to buy goods worth $18 million.\n")
    assert "Kiran Dutt" in names(ex, "Person")


def test_a_name_starts_at_a_shortened_given_name() -> None:
    ex = run(_HEADER + "Printer Mohd Aslam of the old city said he had applied for a loan.\n")
    assert "Mohd Aslam" in names(ex, "Person")
    assert not any("Printer" in name for name in names(ex, "Person", "Organisation", "Company"))


def test_a_surname_that_is_an_organisation_word_after_an_honorific() -> None:
    ex = run(_HEADER + "Prof Kiran Nigam chaired the jury on Monday.\n")
    assert "Kiran Nigam" in names(ex, "Person")


def test_a_womans_given_name_marks_a_person() -> None:
    ex = run(_HEADER + "Awards went to 38 artisans, among them Sunita Bharadwaj of Bhadohi.\n")
    assert "Sunita Bharadwaj" in names(ex, "Person")


def test_a_name_listed_after_a_persons() -> None:
    ex = run(_HEADER + "Prof Leela Menon and Arjun Kapadia were the other members of the jury.\n")
    assert {"Leela Menon", "Arjun Kapadia"} <= names(ex, "Person")


def test_a_given_name_only_one_person_has_refers_to_that_person() -> None:
    ex = run(_HEADER + "Ananya Verma of Sitapur topped the Class 10 examination.\n\nBoard secretary Kamal Kishore "
             "Tiwari said 29 lakh students took the examination.\n\nSpeaking from Sitapur, Ananya said she had "
             "studied for six hours every day. \"I want to become a doctor and serve my village,\" she said.\n")
    assert quotes(ex) == [("Ananya Verma", "I want to become a doctor and serve my village")]
