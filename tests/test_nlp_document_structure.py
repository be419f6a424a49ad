"""A document that is the text of an agreement (kg.nlp.document.structure and
kg.nlp.agreements.text): its own agreement, parties, signing, signatories; headings and
party roles name no one. Texts written for the purpose."""

import pytest

from kg.extract.document import extract_records
from kg.reading.clean import clean_text

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


# a group of states as a side, its members listed before the bracket that names it; a
# signature block side by side, names in capitals, placeholders, roles in capitals;
# articles citing other instruments
GROUP = """FREE TRADE AGREEMENT
BETWEEN THE ALPINE STATES AND THE REPUBLIC OF CHILE

Austria, the Principality of Liechtenstein and the Swiss Confederation (hereinafter referred to as "the Alpine States"), and the Republic of Chile,

HAVE AGREED as follows:

ARTICLE 1
Other Instruments

The Parties reaffirm the implementation of the Energy Charter Treaty. Negotiations on the Customs Convention of Utopia continue between the Parties. As signatories to the Danube Fisheries Convention, the Parties shall exchange catch data. Any subsequent amendments to the Tisza River Convention shall apply between the Parties.

ARTICLE 2
Termination

Each Party may withdraw from this Agreement by written notice.

IN WITNESS WHEREOF, the undersigned, being duly authorized, have signed this Agreement.

DONE at Santiago, on 12 June 2011, in four originals.

FOR THE REPUBLIC OF AUSTRIA                 FOR THE REPUBLIC OF CHILE

[Signed]                                    [Signed]

OLAF H. BRENNER                             Maria QUISPE Rojas
Minister of Economy                         MINISTER OF FOREIGN AFFAIRS
"""


@pytest.fixture(scope="module")
def group(nlp):
    # cleaned as `kg extract` reads it: the columns' gaps are single spaces then
    return extract_records(nlp(clean_text(GROUP)), file_name="group.txt", sha256="2" * 64)


def test_nlp_document_structure_a_group_of_states_is_its_listed_members(group):
    (own,) = [a for a in group.agreements if a.text_of]
    assert rules_of(own.parties) == {"CL": {"party.title"}, "AT": {"party.group"},
                                     "LI": {"party.group"}, "CH": {"party.group"}}
    assert rules_of(own.dates) == {"2011-06-12": {"date.closing"}}


def test_nlp_document_structure_signatories_in_capitals_side_by_side(group):
    (own,) = [a for a in group.agreements if a.text_of]
    assert {name: party.key for name, party in own.signatories} == {
        "Olaf H. Brenner": "AT", "Maria Quispe Rojas": "CL"}
    people = {p.name: (set(p.roles), {r.key for r in p.acts_for}) for p in group.persons}
    assert people == {"Olaf H. Brenner": ({"Minister of Economy"}, {"AT"}),
                      "Maria Quispe Rojas": ({"Minister of Foreign Affairs"}, {"CL"})}


@pytest.mark.parametrize("label", ["Energy Charter Treaty", "Customs Convention of Utopia",
                                   "Danube Fisheries Convention"])
def test_nlp_document_structure_cited_instruments_provisions_give_no_stage(group, label):
    (cited,) = [a for a in group.agreements if a.label == label]
    assert not cited.statuses and not cited.text_of


@pytest.mark.parametrize("text,label", [
    ("Brazil criticised the WTO Agreement on Agriculture, signed in 1994.",
     "WTO Agreement on Agriculture"),
    ("The NATO Treaty was signed in 1949 by twelve states.", "NATO Treaty"),
])
def test_nlp_document_structure_an_organization_in_its_name_is_no_party(read_agreements,
                                                                         text, label):
    (found,) = [a for a in read_agreements(text) if a.label == label]
    assert not {p.key for p in found.parties} & {"WTO", "NATO"}


# a row of introductions run together: the first names its state only on the next line,
# the second names its own; the names and roles of both on one line
GLUED_ROW = """TRADE AGREEMENT BETWEEN THE KINGDOM OF THAILAND AND THE REPUBLIC OF CHILE

The Kingdom of Thailand and the Republic of Chile, hereinafter referred to as "the Parties",

HAVE AGREED as follows:

ARTICLE 1
Objectives

The Parties shall reduce tariffs on goods.

ARTICLE 2
Entry into Force

This Agreement shall enter into force on the thirtieth day after its signature.

IN WITNESS WHEREOF, the undersigned, being duly authorized, have signed this Agreement.

DONE at Bangkok, on 3 March 2015, in duplicate.

FOR THE GOVERNMENT OF THE FOR THE GOVERNMENT OF THE REPUBLIC OF CHILE: KINGDOM OF THAILAND:

Olaf Peter Brenner Anna Maria Lindqvist Minister of Commerce Minister of Foreign Affairs
"""


def test_nlp_document_structure_signatories_of_a_row_run_together(nlp):
    records = extract_records(nlp(clean_text(GLUED_ROW)), file_name="row.txt", sha256="3" * 64)
    (own,) = [a for a in records.agreements if a.text_of]
    assert {name: party.key for name, party in own.signatories} == {
        "Olaf Peter Brenner": "TH", "Anna Maria Lindqvist": "CL"}


def test_nlp_document_structure_a_signature_block_names_only_its_signers(nlp):
    """Names in brackets side by side, the two columns' roles interleaved by the text's
    extraction: the block's words are no other person ("Supplies")."""
    text = GLUED_ROW.split("FOR THE GOVERNMENT OF THE FOR")[0] + (
        "For the Kingdom of Thailand For the Republic of Chile\n\n"
        "(Olaf Brenner) (Anna Lindqvist) Energy and Minister of Energy and Mines Minister "
        "Supplies\n")
    records = extract_records(nlp(clean_text(text)), file_name="names.txt", sha256="4" * 64)
    assert {p.name for p in records.persons} == {"Olaf Brenner", "Anna Lindqvist"}
