"""Whole invented articles in the shapes of real wire copy (shared REAL_COPY.md), through the extractor."""

from __future__ import annotations

from extract_helpers import partnerships, run

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
