"""What an agreement did, and a negation with "until" (kg.nlp.agreements.effects); the
date of a stage from its own clause first (kg.nlp.agreements.stage)."""

import pytest

from conftest import rules_of

SIGNED = "Lesotho and Malawi signed the Lake Treaty in 1901. "


@pytest.mark.parametrize("then, expected", [
    # what the treaty did in the world, told in the past: in force
    ("The treaty created a joint fisheries commission.", {"in force": {"stage.effect"}}),
    # the agent of an ending ends something else: it had effect
    ("The treaty ended the border war.", {"in force": {"stage.effect"}}),
    # what it says, means or requires is no effect
    ("The treaty said little about fishing rights.", {"signed": {"stage.verb"}}),
    ("The treaty required a census of the fishermen.", {"signed": {"stage.verb"}}),
    # in the present it describes the treaty, not what it did
    ("The treaty creates a joint fisheries commission.", {"signed": {"stage.verb"}}),
])
def test_nlp_agreements_effects_what_the_agreement_did(read_agreements, then, expected):
    (rec,) = read_agreements(SIGNED + then)
    assert rules_of(rec.statuses) == expected


def test_nlp_agreements_effects_not_until_a_date_is_done_then(read_agreements):
    (rec,) = read_agreements(SIGNED + "The treaty did not enter into force until 4 March 1903.")
    assert rules_of(rec.statuses) == {"in force": {"stage.not-until"}}
    assert rules_of(rec.dates) == {"1903-03-04": {"date.clause"}}


def test_nlp_agreements_effects_not_until_ahead_is_no_stage(read_agreements):
    (rec,) = read_agreements(SIGNED + "The treaty will not enter into force until 2030.")
    assert set(rec.statuses) == {"signed"}


def test_nlp_agreements_stage_date_of_the_clause_before_that_of_the_sentence(read_agreements):
    (rec,) = read_agreements(
        "Lesotho, which lost the border war in 1901, ratified the Lake Treaty. "
        "The Lake Treaty entered into force on 4 March 1903.")
    assert set(rec.statuses) == {"in force"}
    assert rules_of(rec.dates) == {"1903-03-04": {"date.clause"}}


@pytest.mark.parametrize("text, expected", [
    # named with its year, nothing else reported: took effect, no date
    ("Lake treaties\n\nThe Lake Convention (1972)\n\nThe lake is shared by Lesotho and Malawi.",
     {"in force": {"stage.named-year"}}),
    # anything reported wins
    ("Lesotho and Malawi signed the Lake Convention of 1972 in Maseru.",
     {"signed": {"stage.verb"}}),
])
def test_nlp_agreements_stage_named_with_its_year(read_agreements, text, expected):
    (rec,) = read_agreements(text)
    assert rules_of(rec.statuses) == expected
    assert "stage.named-year" not in {ev.rule for evs in rec.dates.values() for ev in evs}


def test_nlp_agreements_stage_a_mention_of_its_day_was_signed_then(read_agreements):
    (rec,) = read_agreements(
        "Lesotho and Malawi concluded the agreement on the sharing of fish stocks of 12 July "
        "1996. Both presidents signed the agreement in Maseru.")
    assert rules_of(rec.statuses) == {"signed": {"stage.verb", "stage.dated-name"}}
    assert rules_of(rec.dates) == {"1996-07-12": {"date.name"}}
