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
    # "the two countries": the pair named just before
    ("Finland and Estonia met in Helsinki. The two countries signed a ferry agreement.",
     {"FI": {"party.subject.pair"}, "EE": {"party.subject.pair"}}),
    # no party around the agreement: the countries of its sentence
    ("Finland and Estonia held talks. Finland and Estonia met again. In Tallinn, a ferry "
     "agreement was signed on Friday after talks between Finland and Estonia.",
     {"FI": {"party.sentence"}, "EE": {"party.sentence"}}),
    # none in its sentence either: the document's main countries
    ("Finland welcomed Estonia. Finland and Estonia talked. Finland hosted Estonia. A "
     "memorandum of understanding on energy was signed.",
     {"FI": {"party.main"}, "EE": {"party.main"}}),
])
def test_nlp_agreements_parties_rule_names(read_agreements, text, expected):
    (rec,) = read_agreements(text)
    assert rules_of(rec.parties) == expected


def test_nlp_agreements_parties_main_country_justified_where_named(read_agreements):
    # the evidence of a party no rule read around the agreement is a sentence that names
    # it, not the agreement's first mention
    text = ("Finland welcomed Estonia. Finland and Estonia talked. Finland hosted Estonia. A "
            "memorandum of understanding on energy was signed.")
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
