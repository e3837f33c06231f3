"""The extractor's rules, one phrasing at a time, on short invented texts."""

from __future__ import annotations

from extract_helpers import names, origins, partnerships, places, quotes, roles, run

# ------------------------------------------------------------------------------------------- people


def test_titles_before_names_are_not_part_of_them() -> None:
    ex = run("Textile Minister Rakesh Sachan visited the looms. Later, Chief Minister Mala Rawat spoke.")
    assert names(ex, "Person") == {"Rakesh Sachan", "Mala Rawat"}
    assert roles(ex) == set()  # no organisation (nor a state to govern) is named: a bare title is no role


def test_honorifics_are_dropped_and_surnames_refer_back() -> None:
    ex = run("Dr. Sushila Menon, a weaver from Bihar, met Shri Om Prakash Gupta. Menon said little.")
    assert names(ex, "Person") == {"Sushila Menon", "Om Prakash Gupta"}
    menon = next(e for e in ex.entities if e.name == "Sushila Menon")
    assert len(menon.mentions) == 2
    assert roles(ex) == set()  # "a weaver" describes her; it is not a title at an organisation


def test_role_after_name_with_of_at_and_comma() -> None:
    ex = run("Anil Kapoor, managing director of Kapoor Exports Pvt Ltd, a Moradabad-based exporter, said "
             "sales were up. Neha Bansal, Head of Design at Kapoor Exports, agreed.")
    assert roles(ex) == {("Anil Kapoor", "managing director", "Kapoor Exports Pvt Ltd"),
                         ("Neha Bansal", "Head of Design", "Kapoor Exports Pvt Ltd")}


def test_state_official_title_keeps_the_department() -> None:
    ex = run("Lucknow, May 3 (IANS) Special Secretary, Handloom, Arvind Mehra said Uttar Pradesh would help.")
    assert roles(ex) == {("Arvind Mehra", "Special Secretary, Handloom", "Uttar Pradesh government")}


def test_its_and_possessive_titles() -> None:
    ex = run("Craftkart, a Noida-based start-up, opened a store. Its chief executive, Ravi Sood, cut the "
             "ribbon. Craftkart's finance head, Ms Tara Iyer, spoke next.")
    assert ("Ravi Sood", "chief executive", "Craftkart") in roles(ex)
    assert ("Tara Iyer", "finance head", "Craftkart") in roles(ex)


# ------------------------------------------------------------------------------------- organisations


def test_organisation_names_appositions_and_back_references() -> None:
    ex = run("The Bundi Weavers Cooperative has 300 members. Lalbagh Naturals, a Pune-based brand, buys "
             "from the cooperative. The brand pays on time, the company said.")
    assert "Bundi Weavers Cooperative" in names(ex, "Association")
    assert "Lalbagh Naturals" in names(ex, "Company")
    brand = next(e for e in ex.entities if e.name == "Lalbagh Naturals")
    assert {m.text for m in brand.mentions} >= {"Lalbagh Naturals", "The brand", "the company"}


def test_governments_and_abbreviations() -> None:
    ex = run("Agra, Jun 1 (PTI) The state government and the Centre will fund the Agra Footwear Cluster "
             "Association (AFCA). The AFCA has 90 units. The UP government said more was coming.")
    orgs = names(ex, "GovernmentBody", "Association", "NewsAgency")
    assert {"Uttar Pradesh government", "Government of India", "Agra Footwear Cluster Association", "PTI"} <= orgs
    afca = next(e for e in ex.entities if e.name == "Agra Footwear Cluster Association")
    assert "AFCA" in afca.aliases and len(afca.mentions) == 2


# ------------------------------------------------------------------------------------------- quotes


def test_quote_styles_and_attributions() -> None:
    text = ("\u201cWe need better kilns,\u201d said Mr Dev Anand Rai, a potter. \u201cThe old ones crack.\u201d\n\n"
            "Farida Khan disagreed. 'Kilns are not the problem at all,' she said.\n\n"
            "Rai added: \"Clay prices have doubled since last year.\"")
    found = quotes(run(text))
    assert found == [
        ("Dev Anand Rai", "We need better kilns The old ones crack."),
        ("Farida Khan", "Kilns are not the problem at all"),
        ("Dev Anand Rai", "Clay prices have doubled since last year."),
    ]


def test_scare_quotes_are_not_quotations() -> None:
    ex = run('The "vocal for local" idea caught on, officials said.')
    assert ex.quotations == []


# ------------------------------------------------------------------------------------- products, places


def test_district_product_syntaxes() -> None:
    text = ("Brassware from Moradabad and Firozabad's glassware sold well. The carpets of Bhadohi, "
            "Kannauj perfume and Gorakhpur (terracotta) followed. Kala namak, a fragrant rice, is the ODOP "
            "product of Siddharthnagar, while Kushinagar was picked for banana fibre products.")
    assert origins(run(text)) == {
        ("brassware", "Moradabad"), ("glassware", "Firozabad"), ("carpets", "Sant Ravidas Nagar"),
        ("perfume", "Kannauj"), ("terracotta", "Gorakhpur"), ("kala namak rice", "Siddharthnagar"),
        ("banana fibre products", "Kushinagar"),
    }


def test_lists_share_a_district_and_towns_lead_to_theirs() -> None:
    text = ("Cricket bats, footballs and gym equipment from Meerut were on show. Ceramics from Khurja were "
            "too. Khurja, a town in Bulandshahr district, has kilns everywhere.")
    ex = run(text)
    assert origins(ex) == {("sports goods", "Meerut"), ("ceramics", "Bulandshahr")}
    assert ("Khurja", "City") in places(ex)
    assert [(ex.entity(c.place).name, ex.entity(c.container).name) for c in ex.containments] == [
        ("Khurja", "Bulandshahr")]


def test_foreign_goods_are_not_district_products() -> None:
    ex = run("Moradabad traders also sell Persian and Turkish rugs, and imported perfume from Kannauj shops.")
    assert origins(ex) == set()
    assert names(ex, "Product") == set()


def test_district_or_city_depends_on_the_text() -> None:
    ex = run("Kanpur, Jan 2 (IANS) Pacer Vivek Tyagi, who grew up in Moradabad, bowled well in Kanpur. "
             "Officials from Agra district and a Lucknow-based firm attended.")
    found = places(ex)
    assert {("Kanpur", "City"), ("Moradabad", "City"), ("Agra", "District"), ("Lucknow", "City")} <= found
    assert ("Moradabad", "District") not in found


# ------------------------------------------------------------------------------------- partnerships


def test_partnership_wordings() -> None:
    text = ("The Uttar Pradesh government signed an MoU with Amazon India. Separately, Kalakriti Exports Pvt Ltd "
            "tied up with Flipkart and Myntra. Weavers Guild and Sutra Textiles Limited have joined hands.")
    found = partnerships(run(text))
    assert found == {
        frozenset({"Uttar Pradesh government", "Amazon India"}),
        frozenset({"Kalakriti Exports Pvt Ltd", "Flipkart"}),
        frozenset({"Kalakriti Exports Pvt Ltd", "Myntra"}),  # "tied up with Flipkart and Myntra": both
        frozenset({"Weavers Guild", "Sutra Textiles Limited"}),
    }


def test_described_partner_is_named_later() -> None:
    text = ("The MSME department of the Uttar Pradesh government signed a pact with a private lender. "
            "Under the agreement, Doab Finance Bank will lend Rs 50 crore.")
    assert partnerships(run(text)) == {frozenset({"MSME department", "Doab Finance Bank"})}


def test_things_that_are_not_partnerships() -> None:
    text = ("The fair was organised by the Meerut Sports Goods Association with support from Saraswat Bank. "
            "Openers Aman Joshi and Kabir Das put on 80, a partnership that ended before lunch.")
    assert run(text).partnerships == []


def test_programmes_and_their_owners() -> None:
    text = ("Under the Uttar Pradesh government's One District One Product (ODOP) scheme, units get loans. "
            "The Centre's Handloom Cluster Development Programme also helps, and ODOP covers 75 districts.")
    ex = run(text)
    assert names(ex, "Programme") == {"One District One Product", "Handloom Cluster Development Programme"}
    owners = {(ex.entity(o.programme).name, ex.entity(o.organisation).name) for o in ex.programme_owners}
    assert owners == {("One District One Product", "Uttar Pradesh government"),
                      ("Handloom Cluster Development Programme", "Government of India")}


def test_capitalised_names_of_things_are_not_people() -> None:
    ex = run("The Bill was passed in the Lok Sabha on Monday. Sales peak before Durga Puja and Raksha Bandhan, "
             "and visitors at the Taj Mahal buy marble. Ravi Shankar Prasad, the IT minister, attended.")
    assert names(ex, "Person") == {"Ravi Shankar Prasad"}


def test_initials_and_descriptions_before_names() -> None:
    ex = run("R.K. Singh, 52, runs a shop. Striker Gurdeep Sandhu scored twice, and S P Verma, secretary of the "
             "Doaba Hockey Association, watched. \"It was a fine game,\" Singh said.")
    assert names(ex, "Person") == {"R.K. Singh", "Gurdeep Sandhu", "S P Verma"}
    assert ("S P Verma", "secretary", "Doaba Hockey Association") in roles(ex)
    assert quotes(ex) == [("R.K. Singh", "It was a fine game")]


def test_department_in_parentheses_and_single_word_schemes() -> None:
    ex = run("Lucknow, Jan 2 (IANS) Additional Chief Secretary (Handloom) Navin Khare said Craftbay's Samarth "
             "programme helped. Chief Minister Yogi Adityanath agreed.")
    assert roles(ex) == {("Navin Khare", "Additional Chief Secretary (Handloom)", "Uttar Pradesh government"),
                         ("Yogi Adityanath", "Chief Minister", "Uttar Pradesh government")}
    assert names(ex, "Programme") == {"Samarth"}


def test_roles_through_descriptions_and_long_ministerial_titles() -> None:
    ex = run("Rohan Mehta, founder of the Jaipur-based craft platform Kalaghar, said his firm was growing. "
             "Union Minister of State for MSME Bhanu Pratap Singh Verma, who opened the pavilion, spoke.")
    assert roles(ex) == {("Rohan Mehta", "founder", "Kalaghar"),
                         ("Bhanu Pratap Singh Verma", "Minister of State for MSME", "Government of India")}
    assert [(ex.entity(b.organisation).name, ex.entity(b.place).name) for b in ex.based_in] == [("Kalaghar", "Jaipur")]


def test_a_state_government_is_based_in_its_state() -> None:
    ex = run("The Uttar Pradesh government will hold a fair. The state government has booked 400 stalls.")
    based = [(ex.entity(b.organisation).name, ex.entity(b.place).name, b.evidence.text) for b in ex.based_in]
    assert based == [("Uttar Pradesh government", "Uttar Pradesh", "Uttar Pradesh government")]


def test_party_chiefs_and_state_officials() -> None:
    ex = run("The Samajwadi Party held a rally, as party chief Akhilesh Yadav spoke in Azamgarh. The Chief "
             "Secretary, Manoj Singh, said the state was ready.")
    assert roles(ex) == {("Akhilesh Yadav", "chief", "Samajwadi Party"),
                         ("Manoj Singh", "Chief Secretary", "Uttar Pradesh government")}


def test_organisation_then_title_then_name() -> None:
    ex = run("Varanasi Development Authority Vice-Chairman Pulkit Khare said the ghats were ready. "
             "Its Deputy General Manager, Anu Rai, agreed.")
    assert roles(ex) == {("Pulkit Khare", "Vice-Chairman", "Varanasi Development Authority"),
                         ("Anu Rai", "Deputy General Manager", "Varanasi Development Authority")}


def test_national_arms_its_titles_and_the_government() -> None:
    ex = run("Lucknow, Aug 12 (IANS) \"Each centre will have a lab,\" said Navneet Sehgal, Additional Chief "
             "Secretary (MSME and Export Promotion). He said the government had signed an MoU with the Indian "
             "Institute of Packaging.\n\nMeanwhile, Amazon India said it would hold a sale in South India. The "
             "company has 1.2 lakh sellers in the state, said Abhishek Sinha, its director of public policy.")
    assert "Amazon India" in names(ex, "Company")
    assert not names(ex, "Person") & {"Amazon India", "South India"}
    assert roles(ex) == {
        ("Navneet Sehgal", "Additional Chief Secretary, MSME and Export Promotion", "Uttar Pradesh government"),
        ("Abhishek Sinha", "director of public policy", "Amazon India"),
    }
    assert partnerships(ex) == {frozenset({"Uttar Pradesh government", "Indian Institute of Packaging"})}


def test_product_named_after_its_district() -> None:
    ex = run("The ODOP product of Kannauj is perfume. Bhadohi is famous for its carpets, and carpet weavers in "
             "Mirzapur agree. The Aligarh lock industry is older.")
    assert origins(ex) == {("perfume", "Kannauj"), ("carpets", "Sant Ravidas Nagar"), ("carpets", "Mirzapur"),
                           ("locks", "Aligarh")}
