"""Person mentions and their offices, by the rules alone on a Doc built by hand
(tests/handmade.py): titles dropped, the surname joined to the full name, entities
trimmed to the name, a title before and one after a name with the rules that read them."""

from __future__ import annotations

import pytest

from handmade import MEETING, doc


def test_nlp_persons_titles_dropped_and_surname_joined_to_the_full_name(blank):
    found = blank.get_pipe("policykg_persons")(doc(blank.vocab, **MEETING))
    assert [(s.text, s._.pkg_person) for s in found.spans["pkg_persons"]] == [
        ("Aiko Tanaka", "Aiko Tanaka"), ("Lars Berg", "Lars Berg"), ("Tanaka", "Aiko Tanaka")]


@pytest.mark.parametrize("words, ents, expected", [
    (["Mr.", "Lars", "Berg", "spoke", "."], ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O"],
     ["Lars Berg"]),  # an honorific is no part of the name
    (["Lars", "Berg", "'s", "visit", "ended", "."], ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O",
                                                    "O"], ["Lars Berg"]),  # nor a possessive
    (["Berlin", "Ministry", "spoke", "."], ["B-PERSON", "I-PERSON", "O", "O"], []),  # no name
])
def test_nlp_persons_entities_trimmed_to_the_name(blank, words, ents, expected):
    found = blank.get_pipe("policykg_persons")(doc(blank.vocab, words, ents=ents))
    assert [s.text for s in found.spans["pkg_persons"]] == expected


def test_nlp_offices_title_before_and_after_the_name(blank):
    made = blank.get_pipe("policykg_persons")(doc(blank.vocab, **MEETING))
    made = blank.get_pipe("policykg_offices")(made)
    found = {(s.text, s._.pkg_role, s._.pkg_role_rule, s._.pkg_country, s._.pkg_country_rule)
             for s in made.spans["pkg_persons"] if s._.pkg_role}
    assert found == {
        ("Aiko Tanaka", "Foreign Minister", "role.title-before", "JP", "state.after-name"),
        ("Lars Berg", "trade minister", "role.title-after", "NO", "state.title")}
