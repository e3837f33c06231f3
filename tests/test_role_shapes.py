"""Title shapes around a person's name that the role rules read (invented sentences)."""

from __future__ import annotations

import pytest
from extract_helpers import roles, run

_HEADER = " date 2024-06-02 Title\n\nHardoi, Jun 2 (PTI) "


@pytest.mark.parametrize(("body", "role"), [
    # A post written out in full before the name, at the state government, naming the dateline's district.
    ("Superintendent of Police Rakesh Verma said the road was closed for six hours.",
     ("Rakesh Verma", "Superintendent of Police, Hardoi", "Uttar Pradesh government")),
    ("Eleven of the injured were sent home, Chief Medical Officer Dr Sunita Yadav said.",
     ("Sunita Yadav", "Chief Medical Officer, Hardoi", "Uttar Pradesh government")),
    # A municipal commissioner is the article's one municipal corporation's.
    ("The Hardoi Nagar Palika Parishad Municipal Corporation has set up 40 night shelters, municipal "
     "commissioner Kiran Dutt said.",
     ("Kiran Dutt", "municipal commissioner", "Hardoi Nagar Palika Parishad Municipal Corporation")),
    # Two fields joined by "and" before the title; the state before them only names the government.
    ("UP MSME and Export Promotion Minister Naresh Tandon opened the fair on Monday.",
     ("Naresh Tandon", "MSME and Export Promotion Minister", "Uttar Pradesh government")),
    # "a" before a title after the name.
    ("Ravi Menon, a partner at retail consultancy Zenith Advisory, said the orders doubled.",
     ("Ravi Menon", "partner", "Zenith Advisory")),
])
def test_title_shape(body: str, role: tuple[str, str, str]) -> None:
    assert role in roles(run(_HEADER + body + "\n"))


def test_title_opened_by_an_organisations_abbreviation() -> None:
    text = (_HEADER + "The Railway Protection Force (RPF) arrested two men on Sunday. The men were held in "
            "Sandila, RPF Deputy Superintendent of Police Asha Rao told reporters.\n")
    found = roles(run(text))
    assert ("Asha Rao", "Deputy Superintendent of Police", "Railway Protection Force") in found
    assert not any(title.startswith("RPF") for _, title, _ in found)


def test_a_description_is_no_title() -> None:
    found = roles(run(_HEADER + "Ravi Menon, a weaver of Sandila, said the orders doubled.\n"))
    assert not any(person == "Ravi Menon" for person, _, _ in found)
