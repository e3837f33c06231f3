"""Reading articles: headers, datelines, sign-offs, encodings and sentence offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.documents import _ABBREVIATIONS, decode, parse_document, read_document, split_sentences
from kg.errors import InputError

WIRE = (
    " date 2024-03-02 Potters of a river town find new buyers\n\n"
    "Agra, Mar 2 (IANS) The potters' cooperative sold more this winter than ever before.\n\n"
    "Its secretary, Dr. A. K. Verma, said sales rose. Rs. 4 lakh came from one fair.\n\n"
    "--IANS\n\nabc/xyz/\n"
)


def parse(text: str):
    return parse_document(text, "x.txt", "0" * 64)


def test_wire_header_is_metadata_not_body() -> None:
    doc = parse(WIRE)
    assert doc.date == "2024-03-02"
    assert doc.title and doc.title.text == "Potters of a river town find new buyers"
    assert doc.dateline and doc.dateline.text == "Agra"
    assert doc.agency and doc.agency.text == "IANS"
    body = " ".join(s.text for s in doc.sentences)
    assert body.startswith("The potters' cooperative")
    assert "IANS" not in body and "abc/xyz" not in body


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    doc = parse(WIRE)
    texts = [s.text for s in doc.sentences]
    assert "Its secretary, Dr. A. K. Verma, said sales rose." in texts
    assert "Rs. 4 lakh came from one fair." in texts


@pytest.mark.parametrize(
    ("first", "place", "agency", "date"),
    [
        ("NEW DELHI, 14 June 2023: Traders met.", "NEW DELHI", None, "2023-06-14"),
        ("Varanasi (PTI): Traders met.", "Varanasi", "PTI", None),
        ("Lucknow, January 5, 2022 (PTI) - Traders met.", "Lucknow", "PTI", "2022-01-05"),
    ],
)
def test_dateline_forms(first: str, place: str, agency: str | None, date: str | None) -> None:
    doc = parse(f"A plain headline\n\n{first}\n\nMore text here.\n")
    assert doc.title and doc.title.text == "A plain headline"
    assert doc.dateline and doc.dateline.text == place
    assert (doc.agency.text if doc.agency else None) == agency
    assert doc.date == date
    assert doc.sentences[0].text == "Traders met."


def test_article_without_header() -> None:
    doc = parse("Weavers in a district sold more saris.\nThe fair ends on Sunday.\n")
    assert doc.title is None and doc.dateline is None and doc.date is None
    assert [s.text for s in doc.sentences] == ["Weavers in a district sold more saris.", "The fair ends on Sunday."]


def test_bom_crlf_and_curly_quotes(tmp_path: Path) -> None:
    raw = "\ufeffHeadline here\r\n\r\n\u201cWe are glad,\u201d she said.\r\n".encode()
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    doc = read_document(path, tmp_path)
    assert "\r" not in doc.text and not doc.text.startswith("\ufeff")
    assert doc.sentences[0].text == "\u201cWe are glad,\u201d she said."


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\n ", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (b"caf\xe9 au lait", "not UTF-8 text"),
    ],
)
def test_bad_input_names_the_file(raw: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        decode(raw, "seeds/bad.txt")
    assert str(info.value).startswith("seeds/bad.txt: ")


def test_offsets_recover_sentence_text() -> None:
    doc = parse(WIRE)
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


# Words of two letters or more: a lone letter before a full stop reads as an initial ("A. K. Verma").
# Abbreviations ("dec", "fig") do not end a sentence, so the last word before a full stop is not one.
words = st.from_regex(r"[a-j]{2,8}( [a-j]{2,8}){0,3}", fullmatch=True).filter(
    lambda p: p.split()[-1] not in _ABBREVIATIONS)


@given(st.lists(words, min_size=1, max_size=6))
def test_split_sentences_covers_each_sentence_once(parts: list[str]) -> None:
    text = " ".join(f"{p.capitalize()}." for p in parts)
    spans = list(split_sentences(text, 0, len(text)))
    assert [text[s:e] for s, e in spans] == [f"{p.capitalize()}." for p in parts]


def test_header_without_body_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "only-title.txt"
    path.write_text(" date 2024-01-01 Only a headline\n\n--IANS\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"^{path}: no article text after the header$"):
        read_document(path, tmp_path)
