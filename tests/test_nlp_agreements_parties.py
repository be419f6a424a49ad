"""Party rules (kg.nlp.agreements.parties): each route names itself in the evidence."""

import pytest

from conftest import rules_of


@pytest.mark.parametrize("text, expected", [
    ("Peru and Chile signed a fisheries agreement on Monday.",
     {"PE": {"party.subject"}, "CL": {"party.subject"}}),
    ("The trade agreement between Norway and Iceland was signed in Oslo.",
     {"NO": {"party.between"}, "IS": {"party.between"}}),
    ("Kenya signed a loan agreement with the World Bank.",
     {"KE": {"party.subject"}, "World Bank": {"party.with"}}),
    ("The accord among Ghana, Togo and Benin was ratified last year.",
     {"GH": {"party.among"}, "TG": {"party.among"}, "BJ": {"party.among"}}),
    ("The border treaty was ratified by Bolivia and Paraguay.",
     {"BO": {"party.agent"}, "PY": {"party.agent"}}),
    ("The Chile-Argentina Border Treaty was signed in 1984.",
     {"CL": {"party.name"}, "AR": {"party.name"}}),
    ("Norway's fishing agreement with Iceland expires next year.",
     {"NO": {"party.possessive"}, "IS": {"party.with"}}),
    ("Uruguay joins Fiji, Samoa and Tonga in signing the Ocean Accord.",
     {"UY": {"party.subject"}, "FJ": {"party.joined"}, "WS": {"party.joined"},
      "TO": {"party.joined"}}),
    ("Bahrain signed the Ocean Accord on Monday. The other signatories of the Ocean Accord "
     "are Fiji, Samoa and Tonga.",
     {"BH": {"party.subject"}, "FJ": {"party.signatories"}, "WS": {"party.signatories"},
      "TO": {"party.signatories"}}),
    # the one a noun of one bound is said of
    ("As a signatory to the Kariba Treaty, Zambia is committed to shared water management.",
     {"ZM": {"party.bound"}}),
    ("Lesotho, a party to the Orange River Convention, hosted the meeting.",
     {"LS": {"party.bound"}}),
    # "the two countries": the pair named just before
    ("Finland and Estonia met in Helsinki. The two countries signed a ferry agreement.",
     {"FI": {"party.subject.pair"}, "EE": {"party.subject.pair"}}),
    # no party around the agreement: the countries of its sentence
    ("Finland and Estonia held talks. Finland and Estonia met again. In Tallinn, a ferry "
     "agreement was signed on Friday after talks between Finland and Estonia.",
     {"FI": {"party.sentence"}, "EE": {"party.sentence"}}),
    # none in its sentence either: the document's main countries
    ("Finland welcomed Estonia. Finland and Estonia talked. Finland hosted Estonia. A "
     "memorandum of understanding on grid links was signed.",
     {"FI": {"party.main"}, "EE": {"party.main"}}),
])
def test_nlp_agreements_parties_rule_names(read_agreements, text, expected):
    (rec,) = read_agreements(text)
    assert rules_of(rec.parties) == expected


def test_nlp_agreements_parties_main_country_justified_where_named(read_agreements):
    # the evidence of a party no rule read around the agreement is a sentence that names
    # it, not the agreement's first mention
    text = ("Finland welcomed Estonia. Finland and Estonia talked. Finland hosted Estonia. A "
            "memorandum of understanding on grid links was signed.")
    (rec,) = read_agreements(text)
    for ref, evidence in rec.parties.items():
        name = {"FI": "Finland", "EE": "Estonia"}[ref.key]
        assert all(name in ev.text for ev in evidence)


def test_nlp_agreements_parties_other_main_country(read_agreements):
    text = ("Vietnam and Laos held talks in Hanoi. Vietnam praised Laos. Laos thanked Vietnam. "
            "Vietnam signed a rice agreement on Friday.")
    (rec,) = read_agreements(text)
    assert rules_of(rec.parties) == {"VN": {"party.subject"}, "LA": {"party.other-main"}}
    assert all("Laos" in ev.text for ev in rec.parties[next(r for r in rec.parties
                                                            if r.key == "LA")])


def test_nlp_agreements_parties_state_body(read_agreements):
    # a ministry named without its state stands for the main country not yet a party
    text = ("The United States and Vietnam upgraded ties. The United States welcomed it. The "
            "Department of Commerce and Vietnam's Ministry of Planning and Investment signed "
            "a memorandum of understanding on investment promotion.")
    (rec,) = read_agreements(text)
    assert rules_of(rec.parties) == {"US": {"party.state-body"}, "VN": {"party.subject"}}


def test_nlp_agreements_parties_person_acting_for_a_state(read_agreements):
    (rec,) = read_agreements("Foreign Minister Ana Torres (Peru) and Foreign Minister Luis "
                             "Vidal (Chile) signed a fisheries agreement in Lima.")
    assert rules_of(rec.parties) == {"PE": {"party.subject.person"},
                                     "CL": {"party.subject.person"}}


def test_nlp_agreements_parties_headline_the_parser_lost(nlp):
    # A title-case headline parsed as a list of names ending in "Sign" (a proper noun): the
    # states named before the verb are its subject. The Doc is built by hand with that parse.
    from spacy.tokens import Doc

    from kg.extract.agreements import extract
    from kg.nlp.pipeline import COMPONENTS

    words = ["Peru", ",", "Chile", ",", "and", "Bolivia", "Sign", "a", "Memorandum", "of",
             "Understanding"]
    heads = [0, 0, 0, 2, 2, 6, 2, 8, 6, 8, 9]
    deps = ["ROOT", "punct", "appos", "punct", "cc", "compound", "conj", "det", "dobj",
            "prep", "pobj"]
    pos = ["PROPN", "PUNCT", "PROPN", "PUNCT", "CCONJ", "PROPN", "PROPN", "DET", "PROPN",
           "ADP", "PROPN"]
    tags = ["NNP", ",", "NNP", ",", "CC", "NNP", "NNP", "DT", "NNP", "IN", "NNP"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
              lemmas=[w.lower() for w in words],
              ents=["B-GPE", "O", "B-GPE", "O", "O", "B-GPE", "O", "O", "O", "O", "O"])
    for name in COMPONENTS:
        doc = nlp.get_pipe(name)(doc)
    (rec,) = extract(doc)
    assert rules_of(rec.parties) == {"PE": {"party.headline"}, "CL": {"party.headline"},
                                     "BO": {"party.headline"}}


@pytest.mark.parametrize("text", [
    "Israel and Hamas held talks on a truce deal in Cairo.",
    "Talks between Israel and Hamas on a truce deal resumed in Cairo.",
])
def test_nlp_agreements_parties_of_the_talks(read_agreements, text):
    (rec,) = read_agreements(text)
    assert rules_of(rec.parties) == {"IL": {"party.nominal"}, "Hamas": {"party.nominal"}}


def test_nlp_agreements_parties_city_named_as_a_place_is_no_party(read_agreements):
    # the city where it was signed is no party; the states of the sentence are
    (rec,) = read_agreements("In Nairobi, after long talks between Sudan and Chad, a border "
                             "agreement was signed on Friday.")
    assert rules_of(rec.parties) == {"SD": {"party.sentence"}, "TD": {"party.sentence"}}


def test_nlp_agreements_parties_city_in_the_agreements_name_is_no_party(read_agreements):
    # the city where it was concluded, as its name says, is no party; the signers are
    (rec,) = read_agreements("Sudan and Chad signed the Nairobi Border Agreement on Friday.")
    assert set(rules_of(rec.parties)) == {"SD", "TD"}


def test_nlp_agreements_parties_complement_renaming_a_named_party_adds_none(
        read_agreements):
    # the name gives both states; the complement lists two, one of them the court that
    # governed the other: no third party
    (rec,) = read_agreements("On May 6, 1884, the Treaty of Seoul or Korea–Russia Treaty of "
                             "Friendship was the first treaty between Russia and the Joseon "
                             "Court. It was signed in Seoul.")
    assert set(rules_of(rec.parties)) == {"KR", "RU"}


def test_nlp_agreements_parties_signatories_in_the_next_sentence(read_agreements):
    # "the original signatories" right after a sentence about the treaty are its parties;
    # the group they are counted as is the list of that many the text gives
    (rec,) = read_agreements("The Lake Treaty was opened for signature on March 3, 1971, and "
                             "entered into force in 1973. The original signatories were the "
                             "five countries on its shores. The five countries were Kenya, "
                             "Uganda, Tanzania, Rwanda and Burundi.")
    assert rules_of(rec.parties) == {c: {"party.signatories.list"}
                                     for c in ("KE", "UG", "TZ", "RW", "BI")}


def test_nlp_agreements_parties_capital_as_the_government_is_a_party(read_agreements):
    (rec,) = read_agreements("Manila and Hanoi signed a fisheries agreement on Monday.")
    assert set(rules_of(rec.parties)) == {"PH", "VN"}


SPEECH = ("Statement by Fiji at the General Debate, 2024\n\n"
          "Fiji thanks Australia. Australia and Fiji share an ocean. Australia helped Fiji "
          "after the cyclone. Australia trained Fiji's nurses. {}")


@pytest.mark.parametrize("sentence, expected", [
    # "we" in a state's own statement is that state, not also the state named most besides
    ("We ratified the Convention on Ocean Plastics last year.", {"FJ": {"party.subject.we"}}),
    ("We concluded a fisheries agreement with Tonga.",
     {"FJ": {"party.subject.we"}, "TO": {"party.with"}}),
])
def test_nlp_agreements_parties_we_in_a_statement_by_a_state(read_agreements, sentence,
                                                               expected):
    (rec,) = read_agreements(SPEECH.format(sentence))
    assert rules_of(rec.parties) == expected


def test_nlp_agreements_parties_agreement_with_a_state_completed_by_the_speaker(
        read_agreements):
    # Australia is named more often than Fiji, which speaks
    (rec,) = read_agreements(SPEECH.format(
        "Australia rebuilt Fiji's schools. Australia paid. Australia gave more. Australia "
        "stayed. A fisheries agreement with Tonga "
        "will be signed next month."))
    assert rules_of(rec.parties) == {"TO": {"party.with"}, "FJ": {"party.other-main"}}


def test_nlp_agreements_parties_object_of_urge_acts_not_the_speaker(read_agreements):
    # "we urge X to ratify": X would ratify it; "we" is no party
    text = ("Chile and Peru met in Lima. Chile thanked Peru. Peru thanked Chile again. "
            "The United States urges Peru to ratify the fisheries agreement.")
    (rec,) = read_agreements(text)
    assert "US" not in {ref.key for ref in rec.parties}


def test_nlp_agreements_parties_listed_between_not_completed(read_agreements):
    # the text lists the parties ("between ruling and opposition parties"): no other state
    # completes the agreement
    text = ("Georgia and the United States held talks. The United States praised Georgia. "
            "Georgia thanked the United States. In Georgia, the agreement between the ruling "
            "and opposition parties was signed on Friday.")
    (rec,) = read_agreements(text)
    assert set(rules_of(rec.parties)) == {"GE"}


def test_nlp_agreements_parties_of_another_agreement_in_the_sentence(read_agreements):
    # Italy and Germany are the parties of the alliance their clause forms, not of the
    # entente the sentence also names
    text = ("In 1882 Italy joined Germany to form the Triple Alliance, and Britain later "
            "signed a naval treaty with France.")
    alliance, entente = read_agreements(text)
    assert rules_of(alliance.parties) == {"IT": {"party.subject"}, "DE": {"party.joined"}}
    assert set(rules_of(entente.parties)) == {"GB", "FR"}


def test_nlp_agreements_parties_sentence_leaves_out_another_agreements_parties(
        read_agreements):
    text = ("Spain welcomed Portugal. Portugal and Spain met. In 1907 Italy joined Germany "
            "to form the Northern Pact; the Southern Pact was also concluded that year.")
    _, southern = read_agreements(text)
    assert not {"IT", "DE"} & set(rules_of(southern.parties))


@pytest.mark.parametrize("text, expected", [
    # a state whose name joins two (no code names it) is no pair of parties
    ("The treaty between Germany and Austria-Hungary was signed in 1879.", {"DE"}),
    # as a modifier, each state of the compound is a party
    ("The Japan-Korea fisheries agreement was signed in 1998.", {"JP", "KR"}),
])
def test_nlp_agreements_parties_two_states_in_one_name(read_agreements, text, expected):
    (rec,) = read_agreements(text)
    assert set(rules_of(rec.parties)) == expected


@pytest.mark.parametrize("number, expected", [
    ("Four", {"CL", "PE", "BO", "EC"}),
    ("Twenty-four", set()),  # no list of that many: no list is the group
])
def test_nlp_agreements_parties_counted_group_is_the_list_of_that_many(read_agreements,
                                                                       number, expected):
    text = (f"{number} coastal countries adopted a Declaration on Lake Cooperation launching "
            "the Lake Partnership on Monday in Quito.\n\nParticipating countries: Chile, Peru, "
            "Bolivia and Ecuador.")
    rec = read_agreements(text)[0]
    listed = {ref.key for ref, evidence in rec.parties.items()
              if any(ev.rule == "party.subject.list" for ev in evidence)}
    assert listed == expected
    assert "launching" not in rec.label
