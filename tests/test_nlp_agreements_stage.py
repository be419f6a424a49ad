"""Stage rules (kg.nlp.agreements.actions, .stage): the furthest stage, with its rule."""

import pytest

from conftest import rules_of


@pytest.mark.parametrize("text, expected", [
    ("Lesotho and Malawi will sign a water agreement next month.",
     {"planned": {"stage.future"}}),
    ("Lesotho and Malawi signed a water agreement in Maseru.", {"signed": {"stage.verb"}}),
    ("The signing of the water agreement between Lesotho and Malawi took place in Maseru.",
     {"signed": {"stage.nominal"}}),
    ("The water agreement that Lesotho and Malawi reached covers two rivers.",
     {"agreed": {"stage.relative"}}),
    # reached, concluded, agreed, announced: agreed, not yet signed
    ("Lesotho and Malawi concluded a water agreement in Maseru.", {"agreed": {"stage.verb"}}),
    ("Lesotho and Malawi announced a water agreement on Monday.", {"agreed": {"stage.verb"}}),
    # the verb that makes a commercial noun a deal, no action of its own elsewhere
    ("Air Lesotho made a firm order on Tuesday for twelve regional jets.",
     {"agreed": {"stage.deal"}}),
    ("Air Lesotho will make an order for twelve regional jets next year.",
     {"planned": {"stage.future"}}),  # the modality names its rule
    # in force: entered into force, took effect, remains in force, became operative
    ("The water treaty between Lesotho and Malawi entered into force in 1998.",
     {"in force": {"stage.verb"}}),
    ("The water treaty between Lesotho and Malawi took effect in 1999.",
     {"in force": {"stage.verb"}}),
    ("The water treaty between Lesotho and Malawi remains in force.",
     {"in force": {"stage.verb"}}),
    ("The water treaty between Lesotho and Malawi became operative on 1 January 2000.",
     {"in force": {"stage.verb"}}),
    # a verb coordinated with the one acting on the mention shares its subject
    ("The water treaty between Lesotho and Malawi was signed in 1990 and entered into force "
     "in 1992.", {"in force": {"stage.verb"}}),
    # ended: expired, withdrawn; a present 'expires' is still in force
    ("The water treaty between Lesotho and Malawi expired in 2010.", {"ended": {"stage.verb"}}),
    # modality: possible, wanted, ahead
    ("Lesotho and Malawi could sign a water agreement soon.", {"planned": {"stage.future"}}),
    ("Lesotho and Malawi welcomed the upcoming signing of the water agreement.",
     {"planned": {"stage.future"}}),
    ("Lesotho and Malawi expressed the desire for a swift conclusion of a water treaty.",
     {"planned": {"stage.future"}}),
    ("Lesotho is trying to reach a water agreement with Malawi.",
     {"negotiating": {"stage.effort"}}),
    ("Lesotho says it is now close to striking a water deal with Malawi.",
     {"negotiating": {"stage.effort"}}),
    ("Lesotho and Malawi welcomed a proposed water treaty.", {"planned": {"stage.modifier"}}),
    # the purpose of a visit told in the past: done
    ("The President of Lesotho visited Malawi to sign a water agreement between the two "
     "countries.", {"signed": {"stage.verb"}}),
    ("Lesotho and Malawi discussed a water agreement on Monday.",
     {"negotiating": {"stage.verb"}}),
    ("The water treaty between Lesotho and Malawi was ratified in 2003.",
     {"in force": {"stage.verb"}}),
    # two stages reported: the furthest wins
    ("Lesotho and Malawi signed a water treaty in 2001. Malawi withdrew from the treaty in "
     "2009.", {"ended": {"stage.verb"}}),
])
def test_nlp_agreements_stage_rule_names(read_agreements, text, expected):
    (rec,) = read_agreements(text)
    assert rules_of(rec.statuses) == expected


@pytest.mark.parametrize("text", [
    "The water treaty between Lesotho and Malawi has not been ratified.",
    "Both governments tried and failed to reach a water agreement.",
    "Malawi declined to sign the water treaty with Lesotho.",
    "Talks go on, but no water agreement has been reached between Lesotho and Malawi.",
])
def test_nlp_agreements_stage_negated_or_failed_is_not_reported(read_agreements, text):
    assert read_agreements(text) == []


def test_nlp_agreements_stage_entering_into_force_ahead_is_no_stage(read_agreements):
    # signed, and not yet in force: the signing is the furthest stage reported
    (rec,) = read_agreements("Lesotho and Malawi signed a water treaty that will enter into "
                             "force next year.")
    assert set(rec.statuses) == {"signed"}


@pytest.mark.parametrize("text, expected", [
    # one who signed or is bound: a signatory to it, a party to it
    ("As a signatory to the Kariba Treaty, Zambia is committed to shared water management.",
     {"signed": {"stage.agent"}}),
    ("Malawi became one of the first signatories to the agreement on river basins.",
     {"signed": {"stage.agent"}}),
    ("Lesotho is a party to the Orange River Convention.", {"in force": {"stage.agent"}}),
    ("Lesotho, a party to the Orange River Convention, hosted the meeting.",
     {"in force": {"stage.agent"}}),
    # one is a signatory now, whatever the clause will do; becoming one is ahead
    ("As a signatory to the Kariba Treaty, Zambia will keep sharing water data.",
     {"signed": {"stage.agent"}}),
    ("Zambia will become a signatory to the Kariba Treaty.", {"planned": {"stage.future"}}),
    # a plural noun of action in title case, which the tagger leaves as written
    ("Ceremony for the Ratifications of the Kariba Treaty by Zambia and Zimbabwe",
     {"in force": {"stage.nominal"}}),
    # the noun of action the agreement owns
    ("The water treaty's ratification by Malawi came in 2004.",
     {"in force": {"stage.possessive"}}),
    ("The pact's suspension by Lesotho angered farmers in Malawi.",
     {"ended": {"stage.possessive"}}),
    # a noun WordNet derives from an action verb: the stage of an agreement reported
    ("Lesotho and Malawi discussed a water accord in May. In June they announced the "
     "endorsement of the accord.", {"agreed": {"stage.derived"}}),
])
def test_nlp_agreements_stage_nouns_of_action_and_of_agents(read_agreements, text, expected):
    (rec,) = read_agreements(text)
    assert rules_of(rec.statuses) == expected


@pytest.mark.parametrize("text, expected", [
    ("The water treaty between Lesotho and Malawi entered into force on 5 October 1998.",
     {"1998-10-05": {"date.clause"}}),
    # the clause's date, not another of the sentence
    ("Lesotho and Malawi signed a water agreement in 1990, a year after the floods of 1989.",
     {"1990": {"date.clause"}}),
    ("Lesotho and Malawi withdrew from the water treaty in 2005, ten years after signing it "
     "in 1995.", {"2005": {"date.clause"}}),
    # the one date of the sentence, outside the clause
    ("It was on 2 May 1990 that Lesotho and Malawi signed a water agreement.",
     {"1990-05-02": {"date.same-sentence"}}),
    ("In March 2001, after long talks, Lesotho and Malawi signed a water agreement.",
     {"2001-03": {"date.clause"}}),
    # a relative date, against the date the text gives for itself
    ("Water deal signed\n\nMASERU, May 7, 2021 - Lesotho and Malawi signed a water "
     "agreement on Tuesday.", {"2021-05-04": {"date.relative"}}),
    # ... and not without one
    ("Lesotho and Malawi signed a water agreement on Tuesday.", {}),
    # a name that carries its day was signed then
    ("The Agreement on Water Sharing between Lesotho and Malawi of 26 May 2004 is a model.",
     {"2004-05-26": {"date.name"}}),
    # signed, with no date of its own (the tagger takes the year into the treaty's name):
    # the year the treaty is named with
    ("As a signatory to the 1996 Treaty of Pelindaba, Zambia keeps Africa free of nuclear "
     "weapons.", {"1996": {"date.name-year"}}),
])
def test_nlp_agreements_stage_date_rule_names(read_agreements, text, expected):
    (rec,) = read_agreements(text)
    assert rules_of(rec.dates) == expected


def test_nlp_agreements_stage_date_is_that_of_the_furthest_stage(read_agreements):
    (rec,) = read_agreements("The water treaty between Lesotho and Malawi was signed on 2 May "
                             "1990. It entered into force on 1 June 1992.")
    assert (set(rec.statuses), set(rec.dates)) == ({"in force"}, {"1992-06-01"})


@pytest.mark.parametrize("later, expected", [
    ("The treaty had officially entered into force on May 2, 1973.", {"1973-05-02"}),
    # a full date of another year does not refine the year
    ("The treaty had officially entered into force on May 2, 1974.", {"1973"}),
])
def test_nlp_agreements_stage_date_refined_by_the_day_of_its_year(read_agreements, later,
                                                                  expected):
    (rec,) = read_agreements("The Lake Treaty entered into force in 1973. Kenya later left "
                             f"it. {later}")
    assert set(rec.dates) == expected


def test_nlp_agreements_stage_a_date_is_not_part_of_the_label(read_agreements):
    (rec,) = read_agreements("Lesotho and Malawi reached an agreement on water sharing on 3 "
                             "May 2021.")
    assert rec.label == "agreement on water sharing"


def test_nlp_agreements_stage_evidence_is_the_sentence_of_the_action(read_agreements):
    text = ("Lesotho and Malawi signed a water treaty in 2001. Malawi withdrew from the treaty "
            "in 2009.")
    (rec,) = read_agreements(text)
    (evidence,) = rec.statuses["ended"]
    assert evidence.text == "Malawi withdrew from the treaty in 2009."


def test_nlp_agreements_stage_another_agreements_year_is_not_the_date(read_agreements):
    recs = read_agreements("Lesotho and Malawi discussed a water deal under the 1999 "
                           "arrangement signed by both.")
    deal = next(r for r in recs if r.label == "water deal")
    assert deal.dates == {}


@pytest.mark.parametrize("text, stage", [
    # wanted, ahead, conditional, imperative: not done
    ("This may dash hopes of a truce deal between Israel and Hamas being reached soon.",
     "planned"),
    ("The rebels will not lay down arms before any deal is agreed upon with Chad.", "planned"),
    ('Protesters urged the government of Israel: "Sign the deal now."', "planned"),
    ("The mediators stressed the need for a truce deal between Israel and Hamas.",
     "planned"),
    # talks on a ceasefire are about an agreement, not a state of affairs
    ("Israel and Hamas held talks on a ceasefire in Cairo.", "negotiating"),
])
def test_nlp_agreements_stage_not_done_yet(read_agreements, text, stage):
    (rec,) = read_agreements(text)
    assert set(rec.statuses) == {stage}


LIST_OF_TREATIES = (
    "Lake treaties\n\n"
    "Lesotho and Malawi share two lakes. Several treaties govern them:\n\n"
    "Treaty Between the Government of Lesotho and the Government of Malawi on Lake "
    "Fisheries (Maseru, 12 March 2004)\n\n"
    "The Convention for the Protection of Southern Lakes (1977)\n\n"
    "Agreement on Joint Patrols between Lesotho and Malawi (Lilongwe, 8 January 2007)\n")


def test_nlp_agreements_stage_list_of_treaties_each_its_own_agreement(read_agreements):
    # each line of a list of treaties names one: a heading with its complement is a name,
    # the bracket that closes it cites where and when it was signed
    recs = {r.label: r for r in read_agreements(LIST_OF_TREATIES)}
    fisheries = next(r for label, r in recs.items() if label.startswith("Treaty Between"))
    patrols = next(r for label, r in recs.items() if label.startswith("Agreement on Joint"))
    assert "Convention for the Protection of Southern Lakes (1977)" in recs
    assert set(fisheries.statuses) == {"signed"} and set(fisheries.dates) == {"2004-03-12"}
    assert rules_of(patrols.statuses) == {"signed": {"stage.cited"}}
    assert set(fisheries.parties) == set(patrols.parties)
    assert set(patrols.dates) == {"2007-01-08"}


def test_nlp_agreements_stage_a_headline_is_no_heading_name(read_agreements):
    # a title-case headline with its verb before the agreement word names none
    recs = read_agreements("Lesotho and Malawi Sign the Treaty on Lake Fisheries\n\n"
                           "Lesotho and Malawi signed a fisheries treaty on Friday.")
    assert not any(r.named for r in recs)


@pytest.mark.parametrize("text, found", [
    # a document that is an agreement only when the text says it was signed
    ("A communique signed by the three ministers in Maseru sets quotas for fishing.",
     {"signed"}),
    ("Zambia and two mining firms signed a letter of intent on solar power.", {"signed"}),
    ("Lesotho said in a statement that the talks with Malawi went well.", None),
    ("Zambia sent a letter to Malawi about the river.", None),
])
def test_nlp_agreements_stage_signed_documents(read_agreements, text, found):
    recs = read_agreements(text)
    if found is None:
        assert recs == []
    else:
        (rec,) = recs
        assert set(rec.statuses) == found
