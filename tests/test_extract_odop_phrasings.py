"""District-product phrasings of Indian news copy and place cues, on invented sentences."""

from __future__ import annotations

from extract_helpers import names, origins, places, run

HEAD = "Lucknow, May 2 (PTI) "


def test_relative_clause_makes_a_product_the_districts() -> None:
    ex = run(HEAD + "Zari work, which came to be listed as Bareilly's product under the state's ODOP scheme, "
             "now sells online. Leather footwear, which is now Agra's ODOP product, earns dollars.")
    assert {("zari-zardozi", "Bareilly"), ("leather footwear", "Agra")} <= origins(ex)


def test_product_of_the_neighbouring_districts() -> None:
    ex = run(HEAD + "Under ODOP, carpets are woven in Bhadohi. Carpets are also the ODOP product of the "
             "neighbouring Mirzapur and Sonbhadra districts, and durries are the ODOP product of the "
             "adjoining Sitapur.")
    assert {("carpets", "Mirzapur"), ("carpets", "Sonbhadra"), ("carpets", "Sant Ravidas Nagar"),
            ("durries", "Sitapur")} <= origins(ex)


def test_makers_of_a_district_in_an_odop_article() -> None:
    ex = run(HEAD + "The ODOP scheme has helped the tarkashi artisans of Mainpuri and the glass bangle makers "
             "of Firozabad. Aluminium utensil makers in Pratapgarh got credit, and Agra's shoe karigars "
             "got a design studio.")
    assert {("tarkashi", "Mainpuri"), ("glassware", "Firozabad"), ("aluminium utensils", "Pratapgarh"),
            ("shoe", "Agra")} <= origins(ex)


def test_makers_outside_an_odop_article_are_not_products() -> None:
    ex = run(HEAD + "Police said the sugar makers of Shamli and the small units in Meerut were raided "
             "after a theft of 40 sacks.")
    assert origins(ex) == set()
    assert names(ex, "Product") == set()


def test_a_maker_phrase_does_not_add_a_second_product_for_a_district() -> None:
    ex = run(HEAD + "Under ODOP, Etah's product is ghungroo. The tinkling-bell makers of Etah met officials.")
    assert origins(ex) == {("ghungroo", "Etah")}


def test_organisation_named_for_a_district_and_a_product() -> None:
    ex = run(HEAD + "The ODOP fair drew the Sitapur Woollen Durrie Exporters' Cooperative and the Moradabad "
             "Brass Manufacturers Association. The Kanpur Development Authority sent a stall.")
    assert origins(ex) == {("durries", "Sitapur"), ("brassware", "Moradabad")}
    assert ("Sitapur", "District") in places(ex)
    assert ("Kanpur Nagar", "District") not in places(ex)


def test_district_got_its_product_under_odop() -> None:
    ex = run(HEAD + "Under ODOP, Mahoba got Gaura stone craft while Basti got wooden craft.")
    assert {("gaura stone craft", "Mahoba")} <= origins(ex)


# ------------------------------------------------------------------------------------------- places


def test_settlements_outside_the_gazetteer() -> None:
    ex = run(HEAD + "The village of Sarnaon has a mela. In Bakshi Ka Talab, a town in Lucknow district, fairs "
             "are held. A new unit at Dhanpura near Aligarh makes locks. At Sunday near noon nobody came.")
    got = places(ex)
    assert {("Sarnaon", "City"), ("Bakshi Ka Talab", "City"), ("Dhanpura", "City")} <= got
    assert not any(name in ("Ka Talab", "Sunday") for name, _ in got)


def test_city_state_as_a_place_of_business() -> None:
    assert ("Singapore", "City") in places(run(HEAD + "A buyer in Singapore ordered 40 carpets."))
    got = places(run(HEAD + "India exports rugs to Singapore and Oman."))
    assert ("Singapore", "Country") in got and ("Singapore", "City") not in got


def test_city_cues_and_the_district_said_later() -> None:
    got = places(run("Varanasi, May 2 (PTI) Weavers in Varanasi are upbeat. The district has 5,000 looms."))
    assert {("Varanasi", "City"), ("Varanasi", "District")} <= got
    got = places(run(HEAD + "Ramesh Pal came to Meerut in 1990 and studied at the Aligarh campus of a college."))
    assert {("Meerut", "City"), ("Aligarh", "City")} <= got
    assert ("Meerut", "District") not in got


# ------------------------------------------------------------------------------- more ODOP links


def test_odop_links_with_material_and_craft_names() -> None:
    ex = run(HEAD + "Woollen durries are the ODOP product of Mirzapur, while hand block printing is that of "
             "Farrukhabad. Moonj craft, which was named the ODOP of Sultanpur in 2018, employs women. Food "
             "processing was selected as the ODOP for Hamirpur and Kanpur Dehat.")
    assert {("durries", "Mirzapur"), ("textile printing", "Farrukhabad"), ("moonj products", "Sultanpur"),
            ("food processing", "Hamirpur"), ("food processing", "Kanpur Dehat")} <= origins(ex)


def test_picked_for_and_who_make() -> None:
    ex = run(HEAD + "Under ODOP, the state picked wooden toys for Chitrakoot and terracotta for Gorakhpur. "
             "The karigars of Barabanki, who make handloom products under ODOP, met the minister.")
    assert {("wooden toys", "Chitrakoot"), ("terracotta", "Gorakhpur"),
            ("handloom products", "Barabanki")} <= origins(ex)


def test_the_districts_product_skips_the_town() -> None:
    ex = run(HEAD + "Craftsmen from Jiyanpur in Azamgarh make black pottery, the district's ODOP product.")
    assert ("black pottery", "Azamgarh") in origins(ex)


def test_trades_that_are_not_crafts_are_not_products() -> None:
    ex = run(HEAD + "Under ODOP, loans were given. The factory workers of Kanpur and the women artisans of Sitapur "
             "protested, while the bank branch units in Lucknow and the tech cluster in Noida helped. The zari "
             "work units of Bareilly grew.")
    assert origins(ex) == {("zari-zardozi", "Bareilly")}


def test_town_names_that_start_with_a_district_name_and_village_of_a_district() -> None:
    got = places(run(HEAD + "Rampur Khas, a village in Pratapgarh district, has 40 looms. Potters in Karanpur "
                     "village of Gorakhpur make terracotta."))
    assert {("Rampur Khas", "City"), ("Pratapgarh", "District"), ("Karanpur", "City"),
            ("Gorakhpur", "District")} <= got
    assert ("Rampur", "District") not in got and ("Gorakhpur", "City") not in got


def test_the_district_in_the_datelines_paragraph() -> None:
    got = places(run("Varanasi, May 2 (PTI) The district has 900 looms under ODOP, officials said."))
    assert {("Varanasi", "City"), ("Varanasi", "District")} <= got


def test_listed_as_the_districts_product_outside_the_vocabulary() -> None:
    ex = run(HEAD + "Lac bangle work, which came to be listed as Hardoi's ODOP product in 2018, employs 900. "
             "Brassware came to be recognised as Moradabad's ODOP product long ago. Under ODOP, black pottery "
             "is the product of nearby Azamgarh, and carpets that of Bhadohi.")
    assert {("lac bangle work", "Hardoi"), ("brassware", "Moradabad"), ("black pottery", "Azamgarh"),
            ("carpets", "Sant Ravidas Nagar")} <= origins(ex)


def test_bracketed_towns_and_lists_of_villages() -> None:
    got = places(run(HEAD + "Sarila (a town in Hamirpur) makes shoes. Officials visited Bhojpur and Dhanpura "
                     "villages in Etah. Sonu Kumar and Rekha villages were not named. In Moradabad and Sambhal "
                     "towns, shops shut."))
    assert {("Sarila", "City"), ("Bhojpur", "City"), ("Dhanpura", "City"), ("Etah", "District"),
            ("Moradabad", "City"), ("Sambhal", "City")} <= got
    assert not {("Kumar", "City"), ("Rekha", "City"), ("Moradabad", "District")} & got


def test_organisation_named_for_a_product_of_a_district() -> None:
    ex = run(HEAD + "The ODOP fair drew the Brass Exporters' Association of Moradabad and the Chamber of "
             "Commerce of Agra.")
    assert origins(ex) == {("brassware", "Moradabad")}
    assert ("Moradabad", "District") in places(ex)


def test_a_product_listed_for_one_district_and_also_for_its_neighbours() -> None:
    ex = run(HEAD + "Zari-zardozi, which came to be listed as Bareilly's product in 2018, is also the ODOP "
             "product of the neighbouring Budaun and Shahjahanpur districts.")
    assert origins(ex) == {("zari-zardozi", "Bareilly"), ("zari-zardozi", "Budaun"),
                           ("zari-zardozi", "Shahjahanpur")}


def test_a_town_datelined_with_its_district() -> None:
    ex = run("Sikandrapur (Ballia), May 2 (PTI) Potters here make ceramics under ODOP.")
    assert {("Sikandrapur", "City"), ("Ballia", "District")} <= places(ex)
    assert [(ex.entity(c.place).name, ex.entity(c.container).name) for c in ex.containments] == [
        ("Sikandrapur", "Ballia")]


def test_as_it_is_for_another_district() -> None:
    ex = run(HEAD + "Carpets are Bhadohi's product under the ODOP scheme, as they are for neighbouring Mirzapur "
             "and Sonbhadra.")
    assert origins(ex) == {("carpets", "Sant Ravidas Nagar"), ("carpets", "Mirzapur"), ("carpets", "Sonbhadra")}


def test_added_to_the_districts_list() -> None:
    ex = run(HEAD + "Under ODOP, Sitapur got durries, and reed and cane baskets were later added to the "
             "district's list.")
    assert origins(ex) == {("durries", "Sitapur"), ("reed and cane baskets", "Sitapur")}
    ex = run("Sitapur, May 2 (PTI) Durries are Sitapur's product under ODOP, as they are for Bahraich, and "
             "moonj craft was later added to the district's list.")
    assert ("moonj products", "Sitapur") in origins(ex) and ("moonj products", "Bahraich") not in origins(ex)


def test_made_here_is_the_datelines_district() -> None:
    ex = run("Varanasi, May 2 (PTI) Silk sarees made here will be sold online under ODOP, officials said.")
    assert origins(ex) == {("silk sarees", "Varanasi")}
    assert {("Varanasi", "City"), ("Varanasi", "District")} <= places(ex)
    ex = run("Varanasi, May 2 (PTI) Carpets here are cheap, said a tourist.")
    assert origins(ex) == set()
