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
     {"signed": {"stage.relative"}}),
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


def test_nlp_agreements_stage_evidence_is_the_sentence_of_the_action(read_agreements):
    text = ("Lesotho and Malawi signed a water treaty in 2001. Malawi withdrew from the treaty "
            "in 2009.")
    (rec,) = read_agreements(text)
    (evidence,) = rec.statuses["ended"]
    assert evidence.text == "Malawi withdrew from the treaty in 2009."
