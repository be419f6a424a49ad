"""Who stands in a party's place when no component names it (issue 22): a proper name,
"it", "the two firms", an uncounted group of states; and what tells two agreements
apart (run-in headings, coordinated verbs, dates and new agreements signed). The
sentences are written for these tests."""

import pytest

from conftest import rules_of


@pytest.mark.parametrize("text, expected", [
    # "it": the body that reports the clause, or the subject of the sentence before
    ("Kestrel Air said it had signed a leasing deal with Brightwing Aviation.",
     {"Kestrel Air": {"party.subject.it"}, "Brightwing Aviation": {"party.with"}}),
    ("Halvard Shipping lost money last year. In May it signed a supply agreement with "
     "Norsk Ferje.",
     {"Halvard Shipping": {"party.subject.it"}, "Norsk Ferje": {"party.with"}}),
    # the subject the parser hung on a run-in heading's verb; the name by itself
    ("Boosting Clean Energy in the Region: Sunvolt Power will sign an MOU with Laos to "
     "build solar farms. Sunvolt Power is based in Ohio.",
     {"Sunvolt Power": {"party.subject.unrecognised"}, "LA": {"party.with"}}),
    # "the two firms": the two organizations named last
    ("Acme Motors Corp. and Velor Industries Inc. held talks in Paris. The two firms then "
     "signed a memorandum of understanding on parts.",
     {"Acme Motors Corp.": {"party.subject.pair"},
      "Velor Industries Inc.": {"party.subject.pair"}}),
    # a group the text does not count: the nearest list of states it gives
    ("The minister hopes an agreement with several countries can be reached. The "
     "detainees come from Chad, Niger and Mali.",
     {"TD": {"party.with.list"}, "NE": {"party.with.list"}, "ML": {"party.with.list"}}),
    # the object of the last of coordinated verbs is the others' too
    ("Chile, Peru and Ecuador have signed but not ratified the Pacific Fisheries Treaty.",
     {"CL": {"party.subject"}, "PE": {"party.subject"}, "EC": {"party.subject"}}),
    # a body that adopts a text is where it was negotiated, no party
    ("The Ocean Treaty was adopted by the United Nations General Assembly in 2023 and "
     "signed by Fiji and Samoa.",
     {"FJ": {"party.agent"}, "WS": {"party.agent"}}),
])
def test_nlp_agreements_referents_party_rules(read_agreements, text, expected):
    (rec,) = read_agreements(text)
    assert rules_of(rec.parties) == expected


def test_nlp_agreements_referents_signed_but_not_ratified_is_signed(read_agreements):
    (rec,) = read_agreements("Chile, Peru and Ecuador have signed but not ratified the "
                             "Pacific Fisheries Treaty.")
    assert set(rec.statuses) == {"signed"}


@pytest.mark.parametrize("text, labels", [
    # another year on the verb's own date: another agreement
    ("Kenya and Uganda met at a summit on 3 May 2015, where an agreement was signed. On 9 "
     "June 2019, a peace agreement was signed in Nairobi.",
     {"agreement", "peace agreement"}),
    # a new one signed after one already signed
    ("Kenya and Uganda signed a Declaration of Peace and Friendship in March. Months later, "
     "both leaders signed a new peace agreement in Kampala.",
     {"Declaration of Peace and Friendship", "new peace agreement"}),
    # shared words join no agreement with other partners
    ("Acme Motors signed a production deal with Velor Automobiles in 2003. Acme Motors lost "
     "money last year. In May, the group signed a production agreement with Brightwing Motors.",
     {"production deal with Velor Automobiles", "production agreement with Brightwing Motors"}),
    # a run-in heading names the paragraph's topic, no agreement
    ("Deepening the Technology Partnership: Orbis Labs will announce an agreement with Kenya "
     "to train engineers.",
     {"agreement with Kenya to train engineers"}),
])
def test_nlp_agreements_referents_agreements_told_apart(read_agreements, text, labels):
    assert {rec.label for rec in read_agreements(text)} == labels


def test_nlp_agreements_referents_stray_predicate_reports_the_agreement(read_agreements):
    # the parser hangs "entered" on "partner"; it is the agreement's predicate
    (rec,) = read_agreements("Chile is a valued economic partner, and a Fisheries Agreement "
                             "with Peru entered into force in 2009. Since then, trade has "
                             "doubled.")
    assert set(rec.statuses) == {"in force"} and set(rec.dates) == {"2009"}
