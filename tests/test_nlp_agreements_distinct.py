"""What tells agreements apart (kg.nlp.agreements.distinct, .coref) and what one says of
another (.succession, .force): editions of one name, replacements, not in force."""

import pytest

from conftest import rules_of


@pytest.mark.parametrize("text, labels", [
    # editions of one family, told apart by the year after the name
    ("The International Olive Agreement, 1986 was drafted in Geneva. It replaced the "
     "International Olive Agreement, 1979, and was superseded by the International Olive "
     "Agreement, 2005.",
     {"International Olive Agreement, 1986", "International Olive Agreement, 1979",
      "International Olive Agreement, 2005"}),
    # a name without a year may be any of them: one agreement
    ("The Lake Kivu Convention of 1990 was ratified by Rwanda. Burundi ratified the Lake "
     "Kivu Convention in 1994.", {"Lake Kivu Convention of 1990"}),
])
def test_nlp_agreements_distinct_editions_by_year(read_agreements, text, labels):
    assert {r.label for r in read_agreements(text)} == labels


@pytest.mark.parametrize("text, stages", [
    ("The water treaty between Lesotho and Malawi was superseded by the Lake Convention "
     "in 2004.", {"water treaty between Lesotho and Malawi": {"ended": {"stage.superseded"}},
                  "Lake Convention": {"in force": {"stage.supersedes"}}}),
    ("The Lake Convention replaced the water treaty between Lesotho and Malawi.",
     {"water treaty between Lesotho and Malawi": {"ended": {"stage.superseded"}},
      "Lake Convention": {"in force": {"stage.supersedes"}}}),
    # ahead, or negated: no stage from it
    ("The water treaty between Lesotho and Malawi was signed in 1990. It will be replaced "
     "by a new convention.",
     {"water treaty between Lesotho and Malawi": {"signed": {"stage.verb"}}}),
    ("The water treaty between Lesotho and Malawi was signed in 1990. It was not replaced "
     "by the Lake Convention.",
     {"water treaty between Lesotho and Malawi": {"signed": {"stage.verb"}}}),
])
def test_nlp_agreements_distinct_superseded_has_ended(read_agreements, text, stages):
    found = {r.label: rules_of(r.statuses) for r in read_agreements(text)}
    assert {label: found.get(label) for label in stages} == stages


@pytest.mark.parametrize("text", [
    "The Lake Treaty was signed in 1996 and ratified by Malawi, but has not entered into "
    "force.",
    "The Lake Treaty was ratified by Malawi in 1998. It is not yet in force.",
    "The Lake Treaty was signed in 1996 and ratified by Malawi, but is yet to enter into force.",
    "The Lake Treaty was ratified by Malawi in 1998 but never entered into force.",
])
def test_nlp_agreements_distinct_not_in_force_is_signed(read_agreements, text):
    (rec,) = read_agreements(text)
    assert set(rec.statuses) == {"signed"}


def test_nlp_agreements_distinct_not_in_force_until_is_in_force(read_agreements):
    # a negation in the past with "until" tells when it did enter into force
    (rec,) = read_agreements("Lesotho and Malawi concluded the Lake Treaty in 1974. The Lake "
                             "Treaty did not enter into force until 11 December 1990.")
    assert set(rec.statuses) == {"in force"}


def test_nlp_agreements_distinct_pronoun_is_the_agreement_mentioned_last(read_agreements):
    # "it" is the agreement mentioned last, not the one the text introduced last
    recs = {r.label: r for r in read_agreements(
        "The Lake Treaty was signed by Lesotho and Malawi. In 1980 the two states also "
        "concluded the Border Agreement. The Lake Treaty was amended later. It was ratified "
        "by Malawi on 3 May 1999.")}
    assert set(recs["Lake Treaty"].dates) == {"1999-05-03"}
    assert set(recs["Border Agreement"].statuses) == {"agreed"}


def test_nlp_agreements_distinct_year_of_another_noun_is_not_the_agreements(read_agreements):
    # "the 1990 moratorium" in a bracket after "the convention" dates the moratorium: the
    # convention stays one agreement
    recs = read_agreements(
        "The Lake Convention was signed by Lesotho, Malawi and Zambia in 1985. Malawi "
        "objects to article 4 of the convention (the article on the 1990 moratorium). "
        "Zambia ratified the convention in 1987.")
    assert len(recs) == 1


def test_nlp_agreements_distinct_year_and_head_name_the_agreement_of_that_year(
        read_agreements):
    # "The 1985 Convention" is the convention the text dated to 1985, not another
    recs = read_agreements(
        "The Convention on Lake Fisheries is a regional agreement signed in 1985 by "
        "Lesotho, Malawi and Zambia. The 1985 Convention does not define a 'lake'.")
    assert len(recs) == 1


@pytest.mark.parametrize("text, stage", [
    # one party of several leaving: the others remain bound
    ("The Lake Convention was signed by Lesotho, Malawi and Zambia in 1985 and entered "
     "into force in 1987. Zambia withdrew from the convention in 2001.", "in force"),
    # one of two leaving ends it
    ("The Lake Treaty between Lesotho and Malawi entered into force in 1987. Malawi "
     "withdrew from the treaty in 2001.", "ended"),
])
def test_nlp_agreements_distinct_one_of_many_leaving(read_agreements, text, stage):
    (rec,) = read_agreements(text)
    assert set(rec.statuses) == {stage}


@pytest.mark.parametrize("text, count", [
    # a memorandum that says what it is about is not the agreement signed years before
    ("In 2009, Lesotho and Malawi signed an agreement on fisheries. Earlier this year, "
     "Lesotho and Malawi initiated renewal of a memorandum of understanding to "
     "collaborate through a research centre on water quality.", 2),
    # nothing dated the pact the headline announced: the memorandum is that pact
    ("Lesotho, Malawi sign pact\n\nLesotho and Malawi signed a memorandum of "
     "understanding on water co-operation on Monday.", 1),
])
def test_nlp_agreements_distinct_memorandum_about_something_else(read_agreements, text,
                                                                count):
    assert len(read_agreements(text)) == count


def test_nlp_agreements_distinct_the_new_one_is_the_one_called_new(read_agreements):
    # "the new agreement" is the one the text calls new, not the one mentioned last
    recs = {r.label: r for r in read_agreements(
        "A new Lake Fisheries Agreement was adopted by Lesotho and Malawi in Maseru today. "
        "The new pact replaces the 1990 agreement. Malawi said the 1990 agreement had "
        "worked well. Lesotho hailed the adoption of this new agreement.")}
    new = next(r for label, r in recs.items() if "new" in label.lower())
    assert any("adoption of this new agreement" in ev.text
               for evidence in new.statuses.values() for ev in evidence)


def test_nlp_agreements_distinct_protocol_to_a_treaty_is_not_the_main_countries(
        read_agreements):
    # an instrument of another agreement: no guess of the document's main countries
    recs = {r.label: r for r in read_agreements(
        "Lesotho and Malawi talks\n\nLesotho and Malawi met in Maseru. The Protocol on "
        "Water Quality to the Lake Convention was signed on 4 May 1991.")}
    assert not recs["Protocol on Water Quality to the Lake Convention"].parties


@pytest.mark.parametrize("part", ["an amendment", "an annex"])
def test_nlp_agreements_distinct_adopting_a_part_is_not_adopting_the_whole(read_agreements,
                                                                          part):
    # the adoption of an amendment to the convention is no adoption of the convention
    recs = read_agreements(
        "The Lake Convention binds Lesotho and Malawi. Lobbying at the 1995 conference led "
        f"to the adoption of {part} to the convention in 1995.")
    assert not any("agreed" in r.statuses for r in recs)


def test_nlp_agreements_distinct_it_replacing_something_else_is_no_agreement(
        read_agreements):
    # "it" replacing a thing that is no agreement says nothing of the deal before it
    (rec,) = read_agreements("Lesotho and Malawi signed a water deal in 2001. It replaced "
                             "the old pumping station in 2003.")
    assert rules_of(rec.statuses) == {"signed": {"stage.verb"}}


@pytest.mark.parametrize("text, partners", [
    # the parser joins the second agreement to the first's last party: two agreements,
    # each with its own partner, both reported
    ("Malawi's finance ministry unveiled an accord between Kestrel Savings and the "
     "National Export Credit Office, and a parallel accord with Harbor Trust, covering "
     "farm loans.", {"Harbor Trust"}),
    ("Lesotho signed a water agreement with Malawi and a separate agreement with Zambia.",
     {"ZM"}),
])
def test_nlp_agreements_distinct_conjoined_agreement_is_its_own(read_agreements, text,
                                                                partners):
    recs = read_agreements(text)
    assert len(recs) == 2
    second = recs[-1]
    assert {p.key for p in second.parties} >= partners
    assert second.statuses


def test_nlp_agreements_distinct_agreement_between_two_is_a_new_one(read_agreements):
    # "an accord between A and B" names its own two parties (one a firm the model does
    # not tag): it is not the partnership named before
    recs = read_agreements(
        "Revived the Green Growth Partnership Dialogue after a pause of five years.\n\n"
        "Unveiled an accord between Kestrel Savings and the National Export Credit Office, "
        "and a parallel accord with Harbor Trust, to lend to farmers.")
    assert recs and all("Partnership" not in r.label for r in recs)
    assert any(r.label.startswith("accord between Kestrel Savings") for r in recs)
