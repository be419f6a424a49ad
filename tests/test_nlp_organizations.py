"""Organization mentions: one canonical name per organization, junk filtered."""

import pytest

from kg.extract.organizations import extract


def orgs(nlp, text):
    return {o.name: set(o.aliases) for o in extract(nlp(text))}


@pytest.mark.parametrize("text, name, aliases", [
    ("Led by the Department of State and the National Aeronautics and Space Administration "
     "(NASA), the Accords play a role in NASA's program.",
     "National Aeronautics and Space Administration", {"NASA"}),
    ("In 2019, going by estimates from the Ministry of Commerce, exports fell.",
     "Ministry of Commerce", set()),
    ("The two sides committed to support the Central Bank of Iraq in its reforms.",
     "Central Bank of Iraq", set()),
    ("This led to the eventual creation of the American Missile Defense Agency.",
     "Missile Defense Agency", set()),
    ("Peru has signed a loan with the International Monetary Fund. The IMF confirmed it.",
     "International Monetary Fund", {"IMF"}),
    ("Valmar and the Andean Oil and Mining Corporation met. AOMC could invest in Peru.",
     "Andean Oil and Mining Corporation", {"AOMC"}),
    # "and" before a country begins another actor, not a part of the name
    ("The Department of Commerce and Vietnam's Ministry of Planning and Investment signed it.",
     "Department of Commerce", set()),
    ("The Department of Commerce and Vietnam's Ministry of Planning and Investment signed it.",
     "Ministry of Planning and Investment", set()),
])
def test_nlp_organizations_full_names(nlp, text, name, aliases):
    found = orgs(nlp, text)
    assert name in found
    assert aliases <= found[name]


@pytest.mark.parametrize("text, name", [
    # a bare company name after a descriptor noun
    ("The projects will be run by Norwegian shipping giant Valmar and Chile's Kordex.", "Valmar"),
    ("The accord was signed by the state oil company Rosneft in Moscow.", "Rosneft"),
])
def test_nlp_organizations_named_after_a_descriptor(nlp, text, name):
    assert name in orgs(nlp, text)


def test_nlp_organizations_one_word_name_found_once_counts_everywhere(nlp):
    text = ("Mining giant Valmar met Kordex. Valmar has a large stock of copper, and Valmar "
            "will sell it.")
    doc = nlp(text)
    found = [s.text for s in doc.spans["pkg_organizations"] if s.label_ == "Valmar"]
    assert found == ["Valmar"] * 3


@pytest.mark.parametrize("text", [
    # a name found once is not spread into longer names that contain it
    "Energy giant Geelong met ONGC. The Geelong Treaty was signed.",
    "Energy giant Tlatelolco met ONGC. The Treaty of Tlatelolco was signed.",
])
def test_nlp_organizations_repeated_name_not_inside_other_names(nlp, text):
    doc = nlp(text)
    second = list(doc.sents)[1]
    assert [s for s in doc.spans["pkg_organizations"] if s.start >= second.start] == []


def test_nlp_organizations_variants_merge(nlp):
    text = ("In 2024, the United States Congress appropriated $61 billion. The Administration "
            "will work with the U.S. Congress. Congress must act.")
    found = orgs(nlp, text)
    assert "United States Congress" in found
    assert {"U.S. Congress", "Congress"} <= found["United States Congress"]


@pytest.mark.parametrize("text, junk", [
    ("US Secretary of State Antony Blinken said on Thursday.", "State"),
    ("US Defense Secretary Lloyd Austin said the meeting went well.", "Defense"),
    ("The Anti-Ballistic Missile Treaty (ABM Treaty) was signed.", "ABM Treaty"),
    ("Russia and the United States signed the Strategic Offensive Reductions Treaty.",
     "Strategic Offensive Reductions Treaty"),
    ("The missiles were banned by the Intermediate-Range Nuclear Forces Treaty (INF) of 1987.",
     "INF"),
    # places: a region, a city after "the city of", "the Amazon"
    ("They discussed the European Union's enlargement to Moldova and the Western Balkans.",
     "Western Balkans"),
    ("The treaty was signed by Marles and Healey in the city of Geelong, south of Melbourne.",
     "Geelong"),
    ("Colombia and the United States will protect the Amazon and its peoples.", "Amazon"),
    # a title is no organization
    ("Pakistan's army chief, Field Marshal Asim Munir, also attended.", "Field Marshal"),
    ("The brief was filed by the U.S. Solicitor General in March.", "U.S. Solicitor General"),
    ("Under Secretary of State for Political Affairs Jane Roe visited Peru.",
     "State for Political Affairs"),
])
def test_nlp_organizations_no_junk(nlp, text, junk):
    assert junk not in orgs(nlp, text)


def test_nlp_organizations_none_in_seed(nlp, seed_path):
    from kg.reading.clean import clean_text

    assert orgs(nlp, clean_text(seed_path.read_text())) == {}


def test_nlp_organizations_name_cut_inside_a_list(nlp):
    text = "We will host the summit of the Organization of African, Caribbean and Pacific States."
    assert "Organization of African" not in orgs(nlp, text)


@pytest.mark.parametrize("text, absent", [
    # a state's government named by the state alone is the state
    ("The American Government and the Government of the Republic of Peru disagreed.",
     {"American Government", "Government of the Republic of Peru"}),
    ("The United States Administration said it would respond.",
     {"United States Administration"}),
    # an acronym spelled out as a common noun phrase is no organization
    ("Exports of information and communications technology (ICT) equipment grew, and "
     "ICT firms hired more.", {"ICT"}),
    # a state the tagger calls ORG
    ("Chile restored formal ties with the Kalimbo Arab Democratic Republic and backs its "
     "people.", {"Kalimbo Arab Democratic Republic"}),
])
def test_nlp_organizations_not_organizations(nlp, text, absent):
    doc = nlp(text)
    found = {s.label_ for s in doc.spans["pkg_organizations"]}
    assert not found & absent


@pytest.mark.parametrize("text, name", [
    ("The Kurdistan Regional Government rejected the budget.", "Kurdistan Regional Government"),
    ("The Federal Aviation Administration (FAA) approved the plan.",
     "Federal Aviation Administration"),
])
def test_nlp_organizations_governments_that_say_more_are_organizations(nlp, text, name):
    doc = nlp(text)
    assert name in {s.label_ for s in doc.spans["pkg_organizations"]}


@pytest.mark.parametrize("text, name, aliases", [
    # the last word vetoes only a name it heads ("Secretary of Defense" is no body)
    ("Officials of the Department of Defense and the Department of Homeland Security met.",
     "Department of Defense", set()),
    # an agreement word before a body's head word: the body that runs the treaty
    ("The Chemical Weapons Treaty Organization opened an office in Lagos.",
     "Chemical Weapons Treaty Organization", set()),
    # the parties of a lower-case agreement are not part of its name
    ("The fund announced an agreement between Deutsche Bank and the Nordic Export Credit "
     "Corporation on Tuesday.", "Nordic Export Credit Corporation", set()),
    # a bracketed short form of more than one word
    ("The Export-Import Bank of Ruritania (EXIM Bank) will lend $5 million. EXIM Bank said "
     "so.", "Export-Import Bank of Ruritania", {"EXIM Bank"}),
])
def test_nlp_organizations_names_the_old_filters_dropped(nlp, text, name, aliases):
    found = orgs(nlp, text)
    assert name in found
    assert aliases <= found[name]


@pytest.mark.parametrize("text, names, joined", [
    # the statistical tagger sees two bodies either side of "and"
    ("Scientists from the U.S. National Science Foundation and the U.S. National Oceanic "
     "and Atmospheric Administration joined the survey.",
     {"U.S. National Science Foundation",
      "U.S. National Oceanic and Atmospheric Administration"},
     "U.S. National Science Foundation and the U.S. National Oceanic and Atmospheric "
     "Administration"),
])
def test_nlp_organizations_two_bodies_joined_by_and(nlp, text, names, joined):
    found = orgs(nlp, text)
    assert names <= set(found)
    assert joined not in found


def test_nlp_organizations_unclosed_bracket_left_out(nlp):
    text = "Thailand joined the Clean Power Demand Initiative (CPDI in 2022, officials said."
    assert not any("(" in name for name in orgs(nlp, text))


@pytest.mark.parametrize("text, long_form", [
    ("Teams cleared unexploded ordnance (UXO) near the school.", {"UXO": "unexploded ordnance"}),
    ("The Northern Broadcasting Agency (NBA) said so.",
     {"NBA": "Northern Broadcasting Agency"}),
    ("It flew into the Air Defense Identification Zone (ADIZ) twice.",
     {"ADIZ": "Air Defense Identification Zone"}),
])
def test_nlp_organizations_acronym_long_forms(nlp, text, long_form):
    from kg.nlp.organizations.acronyms import defined_acronyms

    assert {k: v.text for k, v in defined_acronyms(nlp(text)).items()} == long_form


@pytest.mark.parametrize("text, absent", [
    ("Soldiers crossed the demilitarized zone (DMZ) on Monday. The DMZ is heavily mined.",
     "DMZ"),
    ("Teams cleared unexploded ordnance (UXO) in three provinces, and UXO victims got help.",
     "UXO"),
])
def test_nlp_organizations_acronym_of_a_thing_is_none(nlp, text, absent):
    doc = nlp(text)
    assert absent not in {s.text for s in doc.spans["pkg_organizations"]}


@pytest.mark.parametrize("text, name", [
    ("The contract went to state-owned Petrolia on Monday.", "Petrolia"),
    ("Texas-based Acme Robotics will open a plant in Hanoi.", "Acme Robotics"),
])
def test_nlp_organizations_named_after_a_participle(nlp, text, name):
    assert name in orgs(nlp, text)


@pytest.mark.parametrize("text, parent", [
    ("The plan was endorsed by the UN Security Council on Monday.", "UN"),
    ("It was approved by the General Assembly of the United Nations in 1976.",
     "United Nations"),
])
def test_nlp_organizations_body_of_a_known_organization_names_it(nlp, text, parent):
    assert parent in orgs(nlp, text)


def test_nlp_organizations_acronym_inside_a_name_is_spelled_out_to_merge(nlp):
    text = ("The United Nations General Assembly adopted the text. Later the UN General "
            "Assembly voted again.")
    found = orgs(nlp, text)
    assert "UN General Assembly" in found["United Nations General Assembly"]
    assert "UN General Assembly" not in found


def test_nlp_organizations_one_word_name_the_tagger_mostly_calls_an_organization(nlp):
    from spacy.tokens import Span

    from kg.nlp.organizations.names import _mostly_organizations

    doc = nlp.make_doc("Zentra grew. Zentra hired. Zentra sold. Mr Vale spoke.")
    doc.ents = [Span(doc, 0, 1, "ORG"), Span(doc, 3, 4, "PERSON"), Span(doc, 6, 7, "ORG"),
                Span(doc, 10, 11, "PERSON")]
    assert _mostly_organizations(doc) == {"Zentra"}


@pytest.mark.parametrize("text, entity, person, kept", [
    # the tagger runs a first name and a surname into an ORG: the surname is a person's
    ("Tamar Golan, daughter of Avner Golan, spoke on Monday.", "Avner Golan", "Golan",
     None),
    # a body before its officer keeps its name
    ("The Regional Council of Elders Avner Golan spoke on Monday.",
     "Regional Council of Elders Avner Golan", "Avner Golan", "Regional Council of Elders"),
])
def test_nlp_organizations_entity_cut_before_a_person(nlp, text, entity, person, kept):
    doc = nlp(text)
    start = text.rindex(entity)
    ent = doc.char_span(start, start + len(entity), label="ORG")
    doc.ents, doc.spans["pkg_persons"] = [ent], []  # the tagger's reading, no person found
    surname = doc.char_span(text.rindex(person), text.rindex(person) + len(person))
    rules = nlp.get_pipe("policykg_organizations").rules
    found = rules.clean_entity(ent, set(range(surname.start, surname.end)))
    assert (found.text if found is not None else None) == kept
