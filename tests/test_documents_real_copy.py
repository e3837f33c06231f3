"""Article shapes of real wire copy (shared/REAL_COPY.md): one-line stories, cut-off endings, captions, feeds."""

from __future__ import annotations

from kg.documents import parse_document


def parse(text: str):
    return parse_document(text, "a.txt", "0" * 64)


def test_whole_story_on_the_date_line_splits_title_and_body_at_the_dateline() -> None:
    doc = parse(" date 2019-03-02 Potters get new kilns in Khurja Bulandshahr, Mar 2 (IANS) Potters of Khurja "
                "received 40 electric kilns on Saturday. The district plans 60 more. --IANS ab/cd\n")
    assert doc.date == "2019-03-02"
    assert doc.title is not None and doc.title.text == "Potters get new kilns in Khurja"
    assert doc.dateline is not None and doc.dateline.text == "Bulandshahr"
    assert doc.agency is not None and doc.agency.text == "IANS"
    assert [s.text for s in doc.sentences] == ["Potters of Khurja received 40 electric kilns on Saturday.",
                                               "The district plans 60 more."]


def test_date_line_with_no_title_is_all_body() -> None:
    doc = parse(" date 2020-01-09 Saharanpur. Wood carvers of the district met the collector on Monday. "
                "They asked for a common facility centre.")
    assert doc.title is None
    assert doc.sentences[0].text == "Saharanpur."
    assert doc.sentences[-1].text == "They asked for a common facility centre."


def test_an_ordinary_date_line_title_stays_a_title() -> None:
    doc = parse(" date 2021-05-05 Rs. 5 crore for weavers\n\nThe state gave Rs 5 crore to weavers.")
    assert doc.title is not None and doc.title.text == "Rs. 5 crore for weavers"


def test_a_story_cut_off_mid_word_drops_its_last_fragment() -> None:
    doc = parse("Title here\n\nThe fair drew 300 artisans. Sales crossed Rs 2 crore. In the f")
    assert [s.text for s in doc.sentences] == ["The fair drew 300 artisans.", "Sales crossed Rs 2 crore."]
    assert doc.paragraphs[-1].text == "The fair drew 300 artisans. Sales crossed Rs 2 crore."


def test_a_closing_credit_without_a_full_stop_is_kept() -> None:
    doc = parse("Title here\n\nThe fair drew 300 artisans.\n\nIssued by: Directorate of Industries, Uttar Pradesh")
    assert doc.sentences[-1].text == "Issued by: Directorate of Industries, Uttar Pradesh"


def test_caption_repeating_the_first_sentence_keeps_only_its_credit() -> None:
    first = "Glass workers of Firozabad will get a new testing laboratory, the minister said on Friday."
    doc = parse(f"Lab for glass town\n\n{first} (Source: PTI)\n\n"
                f"(WireDesk Asia- Press Trust of India) Lucknow, Aug 3 (PTI) {first} Work starts in May.\n")
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "(Source: PTI)"
    assert texts[1] == "(WireDesk Asia- Press Trust of India)"
    assert texts[2].startswith("Glass workers") and sum(t.count(first) for t in texts) == 1
    assert doc.dateline is not None and doc.dateline.text == "Lucknow"
    assert doc.agency is not None and doc.agency.text == "PTI"
    assert doc.date is None  # no year in the dateline


def test_dateline_with_state_in_brackets_and_colon() -> None:
    doc = parse("Title\n\nVaranasi (Uttar Pradesh), December 3 (ANI): Weavers met on Monday.\n\n(ANI)\n")
    assert doc.dateline is not None and doc.dateline.text == "Varanasi"
    assert doc.agency is not None and doc.agency.text == "ANI"
    assert [s.text for s in doc.sentences] == ["Weavers met on Monday."]


def test_capitals_dateline_with_a_comma() -> None:
    doc = parse("Title\n\nAGRA, Schools will stay shut till Friday.")
    assert doc.dateline is not None and doc.dateline.text == "AGRA"
    assert doc.sentences[0].text == "Schools will stay shut till Friday."


def test_newspaper_byline_time_stamp_and_lone_place_line() -> None:
    doc = parse("A title\n\nOur Bureau\n\nUpdated: October 14, 2024 10:42 IST\n\nNew Delhi\n\n"
                "Exporters met the minister.\n")
    assert doc.dateline is not None and doc.dateline.text == "New Delhi"
    assert doc.date == "2024-10-14"
    assert [s.text for s in doc.sentences] == ["Exporters met the minister."]


def test_agency_and_desk_initials_sign_off() -> None:
    doc = parse("Title\n\nLucknow, Sep 5 (PTI) Officials met.\n\nPTI SAB RHL\n")
    assert [s.text for s in doc.sentences] == ["Officials met."]
    assert doc.agency is not None and doc.agency.text == "PTI"
