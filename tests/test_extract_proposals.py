"""Statistical proposals filtered by the domain layer, and back-references to a district's administration."""

from __future__ import annotations

from extract_helpers import names, roles, run

from kg.extract.model import ORGANISATION_KINDS


def orgs(text: str) -> set[str]:
    return names(run(text), *ORGANISATION_KINDS)


def test_a_partner_listed_beside_a_known_body_is_an_organisation() -> None:
    found = orgs("Varanasi, May 2 (ANI) Four organisations, Threadlane, Loomzen, the Handloom Quality Board (HQB) "
                 "and the Purvanchal Weavers Exchange (PWE), on Monday signed memoranda of understanding.")
    assert {"Threadlane", "Loomzen", "Handloom Quality Board"} <= found


def test_words_the_model_calls_organisations_are_filtered() -> None:
    found = orgs("Lucknow, May 2 (PTI) The MoU under ODOP was signed in August by MSME units of Agra. "
                 "District Magistrate Asha Rao said the MoU would help. The ODOP desk opened in August.")
    assert not found & {"MoU", "ODOP", "MSME", "August", "Agra", "District Magistrate Asha Rao"}


def test_the_district_administration_is_the_datelines() -> None:
    found = orgs("Jhansi, May 2 (PTI) The district administration has opened a toy testing centre.")
    assert "Jhansi district administration" in found


def test_a_district_post_names_its_district() -> None:
    ex = run("Etah, May 2 (PTI) Chief Development Officer Kiran Pal said the centre would open in June.")
    assert ("Kiran Pal", "Chief Development Officer, Etah", "Uttar Pradesh government") in roles(ex)


def test_a_title_with_dashes_commas_and_and_runs_to_the_organisation() -> None:
    ex = run('Lucknow, May 2 (PTI) "Orders doubled," said Ravi Menon, Senior Director and Head \u2013 Seller Growth, '
             "Home and Kitchen, Punjab National Bank.")
    assert ("Ravi Menon", "Senior Director and Head \u2013 Seller Growth, Home and Kitchen",
            "Punjab National Bank") in roles(ex)


def test_a_truncated_chief_and_a_former_chairman() -> None:
    ex = run("Lucknow, May 2 (PTI) Uttar Pradesh Chief Ramesh Varma opened the fair. The panel is headed by "
             "former Export-Import Bank of India chairman Vikram Sood.")
    found = roles(ex)
    assert ("Ramesh Varma", "Chief Minister", "Uttar Pradesh government") in found
    assert ("Vikram Sood", "former chairman", "Export-Import Bank of India") in found
