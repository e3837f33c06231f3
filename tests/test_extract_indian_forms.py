"""Name forms, attributions, long titles, open product names and cooperative partnerships (invented text)."""

from __future__ import annotations

from extract_helpers import names, origins, partnerships, quotes, roles, run

HEAD = " date 2024-03-02 Craft fair opens\nLucknow, Mar 2 (IANS)\n\n"


def test_initials_and_shortened_given_names_stay_in_the_name() -> None:
    ex = run(HEAD + "Additional Commissioner A K Srivastava opened the fair. Deputy Commissioner R.K. Tiwari "
             "and D.P. Shukla, the district industries officer, toured the stalls. Manish K. Rawat, a weaver, "
             "said sales were good. Artisan Mohd. Athar said he sold 40 lamps. Mohd Shakeel, a brass trader, "
             "and Md Irfan, a potter, were there too.\n")
    assert names(ex, "Person") >= {"A K Srivastava", "R.K. Tiwari", "D.P. Shukla", "Manish K. Rawat",
                                   "Mohd. Athar", "Mohd Shakeel", "Md Irfan"}
    assert ("A K Srivastava", "Additional Commissioner", "Uttar Pradesh government") in roles(ex)


def test_religious_and_customary_honorifics_are_dropped() -> None:
    ex = run(HEAD + "Haji Abdul Rehman, a carpet exporter, said demand was strong. Pandit Ravi Shankar Mishra, "
             "a flute maker, agreed. Meena Kumari, convenor of the Lok Kala Manch, spoke last.\n")
    people = names(ex, "Person")
    assert {"Abdul Rehman", "Ravi Shankar Mishra", "Meena Kumari"} <= people
    assert not people & {"Haji Abdul Rehman", "Pandit Ravi Shankar Mishra"}
    assert ("Meena Kumari", "convenor", "Lok Kala Manch") in roles(ex)


def test_title_nouns_and_following_sentences_name_the_speaker() -> None:
    ex = run(HEAD + "Textile Minister Rakesh Sachan opened the fair. Farmer Raju Pal was less upbeat.\n\n"
             "\"We did not expect such crowds in a small town.\" That was how Geeta Devi, a weaver, summed up "
             "the day.\n\nThe minister later told reporters: \"The state will double the budget next year.\"\n\n"
             "District Magistrate Anjali Sharma reviewed the stalls. \"Every stall must carry the logo "
             "clearly,\" the DM said.\n\n\"This is only the beginning of a long road,\" an official said.\n")
    got = quotes(ex)
    assert ("Geeta Devi", "We did not expect such crowds in a small town.") in got
    assert ("Rakesh Sachan", "The state will double the budget next year.") in got
    assert ("Anjali Sharma", "Every stall must carry the logo clearly") in got
    # Nobody is named for the last one: it is not emitted with a guessed speaker.
    assert not [q for q in got if q[1].startswith("This is only")]


def test_long_government_titles_and_company_roles() -> None:
    ex = run(HEAD + "Joint Commissioner, Industries, Kanpur Mandal, Pawan Agarwal said 200 stalls were set up. "
             "MSME and Export Promotion Minister Vivek Nath inaugurated it. State Finance Minister Suresh Lal "
             "was present. Neha Gupta, partner at Third Eye Advisory, spoke. Ravi Mehra, sourcing head of "
             "Casa Lusitana, said buyers were keen. Vivek Rai, who heads Kala Exports Pvt Ltd, agreed. "
             "Bluepine Living's chairman Ana Ferreira was also there.\n")
    got = roles(ex)
    assert ("Pawan Agarwal", "Joint Commissioner, Industries, Kanpur Mandal", "Uttar Pradesh government") in got
    assert ("Vivek Nath", "MSME and Export Promotion Minister", "Uttar Pradesh government") in got
    assert ("Suresh Lal", "Finance Minister", "Uttar Pradesh government") in got
    assert ("Neha Gupta", "partner", "Third Eye Advisory") in got
    assert ("Ravi Mehra", "sourcing head", "Casa Lusitana") in got
    assert ("Vivek Rai", "head", "Kala Exports Pvt Ltd") in got
    assert ("Ana Ferreira", "chairman", "Bluepine Living") in got
    assert not names(ex, "Person") & {"Eye Advisory", "Casa Lusitana", "Third Eye Advisory"}


def test_open_product_names_and_shared_products() -> None:
    ex = run(HEAD + "Zari silk weaving is the ODOP product of Lalitpur. Shamli's ODOP product, iron "
             "fabrication, has grown fast. Under the ODOP scheme, Gonda has been assigned pulses processing. "
             "Visitors admired stone inlay work from Agra. The moonj craft of Prayagraj, Amethi and Sultanpur "
             "was on show, with Kanpur Dehat (aluminium utensils) and Jaunpur (woollen durries).\n")
    got = origins(ex)
    assert {("zari silk weaving", "Lalitpur"), ("iron fabrication", "Shamli"), ("pulses processing", "Gonda"),
            ("stone inlay work", "Agra"), ("moonj products", "Prayagraj"), ("moonj products", "Amethi"),
            ("moonj products", "Sultanpur"), ("aluminium utensils", "Kanpur Dehat"),
            ("durries", "Jaunpur")} <= got


def test_open_product_cues_need_the_right_syntax() -> None:
    ex = run(HEAD + "Many bought handmade items of Kanpur traders. Rampur has been allotted funds for roads. "
             "Sales of goods from Agra rose. Buyers from Varanasi and traders in Mathura met.\n")
    assert origins(ex) == set()
    assert names(ex, "Product") == set()


def test_cooperative_export_agreements() -> None:
    ex = run(HEAD + "The Sultanpur Moonj Utpadak Cooperative signed an export agreement with Casa Lusitana of "
             "Portugal on Friday. Months later, an MoU was signed between the cooperative and Nordic Home AB.\n")
    assert partnerships(ex) == {
        frozenset({"Sultanpur Moonj Utpadak Cooperative", "Casa Lusitana"}),
        frozenset({"Sultanpur Moonj Utpadak Cooperative", "Nordic Home AB"}),
    }


def test_common_surnames_mark_names_and_institutions_keep_their_namesakes() -> None:
    ex = run(HEAD + "Rakesh Verma runs a brass unit in the old city. Shabana Parveen has been weaving for 20 "
             "years. Students of the Sardar Patel Institute of Design visited the fair.\n")
    assert {"Rakesh Verma", "Shabana Parveen"} <= names(ex, "Person")
    assert "Sardar Patel Institute of Design" in names(ex, "Organisation")


def test_pronouns_shared_surnames_and_the_person_named_last() -> None:
    ex = run(HEAD + "District Magistrate Ravi Shankar met weaver Sunita Yadav at her loom. \"We need more looms "
             "in the village,\" she said.\n\nUmesh Kumar Singh, general manager of the District Industries "
             "Centre, spoke first. Later, Bhadohi DM Vishal Singh met buyers. \"We have invited 40 foreign "
             "buyers,\" Singh said.\n")
    got = quotes(ex)
    assert ("Sunita Yadav", "We need more looms in the village") in got
    assert ("Vishal Singh", "We have invited 40 foreign buyers") in got


def test_who_is_titles_portfolios_and_places_before_titles() -> None:
    ex = run(HEAD + "Rajesh Kumar, who is the president of the Moradabad Brass Exporters Association, spoke. "
             "Rakesh Sachan, Cabinet Minister for MSME, Khadi and Village Industries, said so. Shailendra "
             "Kumar Singh, the Moradabad DM, agreed.\n")
    got = roles(ex)
    assert ("Rajesh Kumar", "president", "Moradabad Brass Exporters Association") in got
    assert not [r for r in got if r[0] == "Rakesh Sachan" and r[2] != "Uttar Pradesh government"]
    assert ("Shailendra Kumar Singh", "DM, Lucknow", "Uttar Pradesh government") in got


def test_district_known_for_a_product() -> None:
    ex = run(HEAD + "Looms in Bhadohi, the district known for hand-knotted carpets under the ODOP scheme, are "
             "running at half capacity.\n")
    assert ("carpets", "Sant Ravidas Nagar") in origins(ex)


def test_speaker_is_the_subject_of_the_verb_and_may_follow_in_the_next_paragraph() -> None:
    ex = run(HEAD + "After Minister Arvind Sachdev left the stall, weaver Sunita Devi said: \"Nobody asked us "
             "about prices at all.\"\n\n\"We have never had it so good in this village.\"\n\nThat is how Ram "
             "Lal, a potter, sums up the change.\n")
    got = quotes(ex)
    assert ("Sunita Devi", "Nobody asked us about prices at all.") in got
    assert ("Ram Lal", "We have never had it so good in this village.") in got


def test_lower_case_departments_and_shared_district_lists() -> None:
    ex = run(HEAD + "Pawan Agarwal, joint commissioner (industries), said so. Md. Aslam and Mohd. Arif, both "
             "weavers, agreed. Sultanpur and Amethi share moonj craft as their ODOP product.\n")
    assert ("Pawan Agarwal", "joint commissioner, industries", "Uttar Pradesh government") in roles(ex)
    assert {"Md. Aslam", "Mohd. Arif"} <= names(ex, "Person")
    assert {("moonj products", "Sultanpur"), ("moonj products", "Amethi")} <= origins(ex)


def test_titles_between_commas_and_acronyms_name_organisations() -> None:
    ex = run(HEAD + "Ravi Rao, CEO, Craftroots, said so. Mira Sen, founder, Kalaghar, agreed. UPSIDA chairman "
             "Arun Jha was present. Neha Das, Joint Commissioner, Industries, Meerut Mandal, said 90 units had "
             "applied.\n")
    got = roles(ex)
    assert {("Ravi Rao", "CEO", "Craftroots"), ("Mira Sen", "founder", "Kalaghar"),
            ("Arun Jha", "chairman", "UPSIDA")} <= got
    assert ("Neha Das", "Joint Commissioner, Industries, Meerut Mandal", "Uttar Pradesh government") in got
    assert "Meerut Mandal" not in names(ex, "Organisation", "Association")


def test_abbreviation_after_a_place_is_the_organisations() -> None:
    """'Handloom Export Council, Uttar Pradesh (HEC)': HEC later is the council, not a new organisation."""
    from kg.documents import parse_document
    from kg.extract import extract

    text = ("Haatkart Pvt Ltd has entered into a partnership with the Handloom Export Council, Uttar Pradesh (HEC) "
            "to sell ODOP items abroad, the company said.\n\nHEC Director Asha Verma said the council would "
            "bear half the cost.\n")
    ex = extract(parse_document(text, "x.txt", "0" * 64))
    councils = [e for e in ex.entities if "HEC" in (e.name, *e.aliases)]
    assert len(councils) == 1 and councils[0].name == "Handloom Export Council"
    assert [(r.title, r.organisation) for r in ex.roles] == [("Director", councils[0].key)]
    # A parenthesised word that is not the name's initials is not taken as its abbreviation.
    other = extract(parse_document(
        "The Carpet Export Council, Varanasi (PTI) said exports rose.\n", "y.txt", "0" * 64))
    assert not any("PTI" in e.aliases for e in other.entities if e.kind != "NewsAgency")
