"""Words before a UP district's name (kg/data/place_cues.toml) make it the city, not the district."""

from __future__ import annotations

from extract_helpers import places, run


def _places(sentence: str) -> set[tuple[str, str]]:
    return places(run(f" date 2024-05-03 Title\n\n{sentence}\n"))


def test_where_someone_is_from_or_works_is_the_city() -> None:
    found = _places("Ravi, a carpenter from Deoria who works in Ghaziabad, met the district officials of Agra.")
    assert {("Deoria", "City"), ("Ghaziabad", "City"), ("Agra", "District")} <= found
    assert ("Deoria", "District") not in found and ("Ghaziabad", "District") not in found


def test_a_police_station_stands_in_the_city() -> None:
    assert ("Shahjahanpur", "City") in _places("He filed a complaint at the police station in Shahjahanpur.")


def test_goods_from_a_district_are_not_a_home_town() -> None:
    assert ("Moradabad", "District") in _places("Under ODOP, the exporter bought brassware from Moradabad.")


def test_a_state_in_a_company_name_is_not_a_place_named() -> None:
    found = _places("Loans came from Punjab National Bank and the Uttar Pradesh ODOP Cell.")
    assert ("Punjab", "State") not in found and ("Uttar Pradesh", "State") in found


def test_district_names_of_divisions_are_not_districts() -> None:
    found = _places("Designers toured the Jhansi and Chitrakoot divisions, then Banda district.")
    assert ("Chitrakoot", "District") not in found and ("Jhansi", "District") not in found
    assert ("Banda", "District") in found
