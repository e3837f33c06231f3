"""Whole invented articles in the shapes of real wire copy (shared REAL_COPY.md), through the extractor."""

from __future__ import annotations

from extract_helpers import partnerships, quotes, run

_MANY_TO_ONE = """Patna, Sep 5 (PTI) Acmebazaar and Zenith Handloom have signed an MoU with the Export Facilitation \
Cell, Government of Bihar, to promote crafts of the state. The government had signed an MoU with Trivana last year.

An agreement signed between the district administration and IIM Ranchi will train 300 artisans.
"""

_LIST = """Lucknow, Mar 4 (IANS) The Uttar Pradesh government on Thursday signed MoUs with Kartly, Zenora, Orbit \
Standards Council (OSC) and the National Commodity Exchange (NCX) to take ODOP products to global buyers.

The state had earlier tied up with Vendexa in 2019. Officials said an MoU would be signed with Bazaarline next month.
"""


def test_many_to_one_and_an_unnamed_signer() -> None:
    found = partnerships(run(_MANY_TO_ONE))
    for firm in ("Acmebazaar", "Zenith Handloom"):
        assert frozenset((firm, "Export Facilitation Cell")) in found
        assert frozenset((firm, "Bihar government")) in found
    assert frozenset(("Bihar government", "Trivana")) in found
    assert frozenset(("district administration", "IIM Ranchi")) in found
    assert frozenset(("Acmebazaar", "Zenith Handloom")) not in found


def test_a_list_of_bare_partners_past_and_planned() -> None:
    found = partnerships(run(_LIST))
    for partner in ("Kartly", "Zenora", "Orbit Standards Council", "National Commodity Exchange", "Vendexa",
                    "Bazaarline"):
        assert frozenset(("Uttar Pradesh government", partner)) in found, partner
    assert not any("OSC" in pair or "NCX" in pair for pair in found)


_QUOTES = """Lucknow, Jan 3 (IANS) District Magistrate Asha Rao said: "For years our weavers sold to middlemen. \
These agreements give them a second door.

"Nobody gets to sign a paper and disappear."

\u201cThe buyers come looking for us now," said Rao. Ravi Menon, who heads the Zenith Weavers Samiti, called \
the order "a passport for our craft" on Monday. The state government was praised in a statement.

"Processed food travels best, and these agreements help the small unit," the state government said.

Menon said the units were ready. "We will ship in May," he said. "And the next order is in
"""


def test_quotes_in_real_copy_shapes() -> None:
    found = quotes(run(_QUOTES))
    texts = {text.split()[0]: speaker for speaker, text in found}
    assert texts["For"] == "Asha Rao"  # before, with a colon, running over two paragraphs
    assert any(t.startswith("For years") and "disappear" in t for _, t in found)
    assert texts["The"] == "Asha Rao"  # mixed quote marks, "said Rao"
    assert texts["a"] == "Ravi Menon"  # a fragment inside reported speech
    assert texts["Processed"] == "Uttar Pradesh government"  # a body as speaker
    assert texts["We"] == "Ravi Menon"
    assert "And" not in texts  # a cut-off final fragment is no quotation
