"""Organisations by their last word and by institute acronyms, and partners the parse gets wrong (invented text)."""

from __future__ import annotations

from extract_helpers import names, partnerships, run

ORG_KINDS = ("Company", "Association", "GovernmentBody", "Organisation", "Department")


def test_a_list_of_firms_named_by_their_trade_signs_with_one_body() -> None:
    ex = run("Lucknow: Kestrelwood Trading, Amberline Agro and Sunvale Foods have signed MoUs with the ODOP Cell "
             "to source pickles for stores in Oman.")
    assert {"Kestrelwood Trading", "Amberline Agro", "Sunvale Foods"} <= names(ex, "Company")
    assert "Kestrelwood Trading" not in names(ex, "Person")
    assert {frozenset({firm, "ODOP Cell"}) for firm in ("Kestrelwood Trading", "Amberline Agro", "Sunvale Foods")} \
        <= partnerships(ex)


def test_institute_acronyms_with_their_campus_city() -> None:
    ex = run("Prof Meera Joshi of IIT Kanpur and Ravi Menon of IIM Lucknow joined the panel. A team from NIFT "
             "will visit the weavers.")
    assert {"IIT Kanpur", "IIM Lucknow", "NIFT"} <= names(ex, *ORG_KINDS)


def test_a_campus_named_by_the_abbreviation_the_article_gave() -> None:
    ex = run("The samiti signed an agreement with the National Institute of Fashion Technology (NIFT), Raebareli. "
             "Ramesh Yadav, joint director, NIFT Raebareli, said designers would visit.")
    campus = [e for e in ex.entities if any(m.text == "NIFT Raebareli" for m in e.mentions)]
    assert len(campus) == 1 and campus[0].name.startswith("National Institute of Fashion Technology")
    assert "NIFT Raebareli" not in names(ex, *ORG_KINDS)


def test_an_investor_named_before_the_phrasing_is_not_a_partner() -> None:
    ex = run("Vastrakart Commerce Pvt Ltd, the Pune-based online marketplace, has raised $5 mn in a round led by "
             "Dubai-based Falcon Crest Partners and has entered into a partnership with the Export Promotion Bureau.")
    assert partnerships(ex) == {frozenset({"Vastrakart Commerce Pvt Ltd", "Export Promotion Bureau"})}


def test_a_described_signer_is_the_body_named_before_the_relative_clause() -> None:
    ex = run("Alok Verma, secretary of the Banaras Bunkar Vikas Samiti, a non-profit that has joined hands with the "
             "District Industries Centre to run a help desk, said exhibitors lacked GST numbers.")
    assert partnerships(ex) == {frozenset({"Banaras Bunkar Vikas Samiti", "District Industries Centre"})}
