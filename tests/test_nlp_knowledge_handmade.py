"""The policykg_actors component alone on a Doc built by hand (tests/handmade.py), with
the hand-made knowledge base of test_nlp_actor_linker: it fills the state, office and
Wikidata ID the text left empty within the person's term, only the state outside it."""

from __future__ import annotations

import pytest

from handmade import doc
from kg.nlp.knowledge.linker import ActorLinker
from test_nlp_actor_linker import _kb


@pytest.mark.parametrize("date, expected", [
    ("2017-05-03", ("PT", "Foreign Minister", "Q4242")),
    ("2012-05-03", ("PT", None, None)),  # before her term: the one state she held office
    # for, no office, no Wikidata ID
])
def test_nlp_actor_linker_fills_what_the_text_left_empty_by_hand(blank, date, expected):
    """The rule alone: a Doc built by hand with the person and country spans and the date
    the components before it would give."""
    words = ["Marta", "Quintela", "said", "that", "Portugal", "would", "help", "."]
    made = doc(blank.vocab, words,
               spans={"pkg_persons": [(0, 2, "PERSON")], "pkg_countries": [(4, 5, "PT")]})
    made.spans["pkg_persons"][0]._.pkg_person = "Marta Quintela"
    made._.pkg_dates = [date]
    facts = ActorLinker(blank, _kb)(made).spans["pkg_persons"][0]._.pkg_kb
    assert (facts and (facts["country"], facts["role"], facts["wikidata"])) == expected
