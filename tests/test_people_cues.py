"""What marks a capitalised name as a person's, and what does not (invented sentences)."""

from __future__ import annotations

from extract_helpers import names, run

_HEADER = " date 2024-06-02 Title\n\nLucknow, Jun 2 (PTI) "


def test_an_apposition_naming_a_business_is_no_person_cue() -> None:
    ex = run(_HEADER + "Marwa Trading, the Sharjah-based importer, expects to buy goods worth $18 million.\n")
    assert "Marwa Trading" not in names(ex, "Person")


def test_an_apposition_naming_a_person_still_is() -> None:
    ex = run(_HEADER + "Kiran Dutt, the company's chief executive, expects to buy goods worth $18 million.\n")
    assert "Kiran Dutt" in names(ex, "Person")
