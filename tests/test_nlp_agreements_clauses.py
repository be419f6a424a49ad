"""The time of an action's clause (kg.nlp.agreements.clauses): a verb without a tense of
its own takes the time of the clause it depends on."""

import pytest

from conftest import rules_of


@pytest.mark.parametrize("text, expected", [
    # coordinated: the second verb shares the first one's auxiliary
    ("Lesotho and Malawi will meet in Maseru and sign the water treaty.",
     {"planned": {"stage.clause-ahead"}}),
    ("Lesotho set itself the goal to cut emissions and join the Lake Pact.",
     {"planned": {"stage.clause-ahead"}}),
    # an -ing participle on the agreement happens when its clause does: ahead, no stage;
    # what the clause itself does (finalize: agreed, ahead: planned) is left
    ("Lesotho and Malawi will finalize the Lake Treaty and take all steps in advance of "
     "the treaty entering into force.", {"planned": {"stage.future"}}),
    # a present tense in a clause of time under a modal one: ahead
    ("Lesotho and Malawi agreed on the Lake Treaty last year. There may be hard moments as "
     "they implement the treaty.", {"agreed": {"stage.verb"}}),
])
def test_nlp_agreements_clauses_ahead_by_the_clause_it_depends_on(read_agreements, text,
                                                                   expected):
    (rec,) = read_agreements(text)
    assert rules_of(rec.statuses) == expected


@pytest.mark.parametrize("text, stage", [
    # a past participle and a verb in the past keep their own time
    ("The Lake Treaty, signed in 2013, will guide the talks.", "signed"),
    ("Lesotho will host the summit, as Malawi signed the Lake Treaty last year.", "signed"),
    ("Lesotho and Malawi met in Maseru and signed the Lake Treaty.", "signed"),
])
def test_nlp_agreements_clauses_own_time_kept(read_agreements, text, stage):
    (rec,) = read_agreements(text)
    assert set(rec.statuses) == {stage}
