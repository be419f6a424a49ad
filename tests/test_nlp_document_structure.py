"""A document that is the text of an agreement (kg.nlp.document.structure and
kg.nlp.agreements.text): its own agreement, parties, signing, signatories; headings and
party roles name no one. Texts written for the purpose."""

import pytest

from kg.extract.document import extract_records

from conftest import rules_of
from test_nlp_document_layout import PACT

NEWS = ("Thailand and Peru signed a trade agreement in Lima on Monday, officials said.\n\n"
        "The agreement will cut tariffs on rice and copper.\n")


@pytest.fixture(scope="module")
def pact(nlp):
    doc = nlp(PACT)
    return doc, extract_records(doc, file_name="pact.txt", sha256="0" * 64)


def test_nlp_document_structure_recognises_the_text(pact):
    doc, _ = pact
    text = doc._.pkg_agreement_text
    assert text is not None and text.kind == "agreement"
    assert text.label.startswith("Trade Agreement between the Government of the Kingdom")
    assert {rule for _, rule in text.evidence} == {"text.title", "text.formula", "text.witness",
                                                   "text.closing"}


def test_nlp_document_structure_news_is_no_text_of_an_agreement(nlp):
    doc = nlp(NEWS)
    assert doc._.pkg_agreement_text is None
    assert {s.label_ for s in doc.spans["pkg_layout"]} <= {"SECTION"}


def test_nlp_document_structure_its_own_agreement(pact):
    _, records = pact
    (own,) = [a for a in records.agreements if a.text_of]
    assert own.named and own.label.startswith("Trade Agreement between the Government")
    assert rules_of(own.parties) == {"TH": {"party.title"}, "PE": {"party.title"}}
    # the witness formula reports it too; "may denounce" reports nothing
    assert rules_of(own.statuses) == {"signed": {"stage.closing", "stage.verb"}}
    assert rules_of(own.dates) == {"2012-03-01": {"date.closing"}}
    assert {ev.rule for ev in own.text_of} == {"text.title", "text.formula", "text.witness",
                                              "text.closing"}


def test_nlp_document_structure_signatories_act_for_their_party(pact):
    _, records = pact
    (own,) = [a for a in records.agreements if a.text_of]
    signed = {name: party.key for name, party in own.signatories}
    assert signed == {"Somchai Wongsawat": "TH", "Maria Quispe": "PE"}
    acting = {p.name: {r.key for r in p.acts_for} for p in records.persons}
    assert "TH" in acting["Somchai Wongsawat"] and "PE" in acting["Maria Quispe"]


def test_nlp_document_structure_headings_and_roles_name_no_one(pact):
    _, records = pact
    names = {p.name for p in records.persons} | {o.name for o in records.organizations}
    assert not names & {"Exceptions", "General Exceptions", "Either Party", "Party", "Parties"}


@pytest.mark.parametrize("text,stage", [
    ("Either party may denounce the Treaty of Utopia by written notice.", None),
    ("The Accord of Arcadia will expire in May 2030.", None),
    ("Upon ratification of the Convention of Utopia, the Parties shall meet.", None),
    ("The Treaty of Utopia was signed when the war ended in 1990.", "signed"),
    ("When the Treaty of Utopia was signed in 1990, the war ended.", "signed"),
    ("Utopia withdrew from the Treaty of Arcadia in 2019.", "ended"),
    ("Utopia and Arcadia will sign the Treaty of Concord next week.", "planned"),
])
def test_nlp_document_structure_modality(read_agreements, text, stage):
    (agreement,) = read_agreements(text)
    assert set(agreement.statuses) == ({stage} if stage else set())


def test_nlp_document_structure_no_main_countries_for_a_multilateral_instrument(nlp):
    text = ("Brazil and Peru held talks on coffee prices in Lima.\n\n"
            "The International Coffee Agreement was signed in 1962. Brazil and Peru discussed "
            "quotas. Brazil exports coffee and Peru exports coffee.\n")
    doc = nlp(text)
    records = extract_records(doc, file_name="coffee.txt", sha256="1" * 64)
    coffee = [a for a in records.agreements if "Coffee" in a.label]
    assert coffee and not coffee[0].parties
