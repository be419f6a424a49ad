"""Organization mentions by the rules alone on a Doc built by hand (tests/handmade.py):
headed names and an acronym joined to its full name; an acronym a text defines for a
treaty is no organization."""

from __future__ import annotations

import pytest

from handmade import doc


# "The Ministry of Commerce of Vietnam and the North Atlantic Treaty Organization (NATO)
# met. NATO said so." as the model analyses it.
MINISTRY = dict(
    words=["The", "Ministry", "of", "Commerce", "of", "Vietnam", "and", "the", "North",
           "Atlantic", "Treaty", "Organization", "(", "NATO", ")", "met", ".", "NATO", "said",
           "so", "."],
    tags=["DT", "NNP", "IN", "NNP", "IN", "NNP", "CC", "DT", "NNP", "NNP", "NNP", "NNP", "-LRB-",
          "NNP", "-RRB-", "VBD", ".", "NNP", "VBD", "RB", "."],
    pos=["DET", "PROPN", "ADP", "PROPN", "ADP", "PROPN", "CCONJ", "DET", "PROPN", "PROPN",
         "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "PUNCT", "PROPN", "VERB", "ADV",
         "PUNCT"],
    deps=["det", "nsubj", "prep", "pobj", "prep", "pobj", "cc", "det", "compound", "compound",
          "compound", "conj", "punct", "appos", "punct", "ROOT", "punct", "nsubj", "ROOT",
          "advmod", "punct"],
    heads=[1, 15, 1, 2, 1, 4, 1, 11, 9, 10, 11, 1, 11, 11, 11, 15, 15, 18, 18, 18, 18],
    lemmas=["the", "Ministry", "of", "Commerce", "of", "Vietnam", "and", "the", "North",
            "Atlantic", "Treaty", "Organization", "(", "NATO", ")", "meet", ".", "NATO", "say",
            "so", "."],
    ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-GPE", "O", "B-ORG", "I-ORG", "I-ORG",
          "I-ORG", "I-ORG", "O", "B-ORG", "O", "O", "O", "B-ORG", "O", "O", "O"],
    spans={"pkg_countries": [(5, 6, "VN")]},
)


def test_nlp_organizations_headed_names_and_their_acronym(blank):
    found = blank.get_pipe("policykg_organizations")(doc(blank.vocab, **MINISTRY))
    assert [(s.text, s.label_) for s in found.spans["pkg_organizations"]] == [
        ("Ministry of Commerce of Vietnam", "Ministry of Commerce of Vietnam"),
        ("North Atlantic Treaty Organization", "North Atlantic Treaty Organization"),
        ("NATO", "North Atlantic Treaty Organization"),
        ("NATO", "North Atlantic Treaty Organization")]


@pytest.mark.parametrize("head, acronym, kept", [
    ("Treaty", "ART", False),  # an acronym the text defines for an agreement
    ("Agency", "ARA", True),
])
def test_nlp_organizations_acronym_defined_for_an_agreement_is_no_organization(
        blank, head, acronym, kept):
    words = ["The", "Arms", "Reduction", head, "(", acronym, ")", "expired", ".", acronym,
             "was", "old", "."]
    tags = ["DT", "NNP", "NNP", "NNP", "-LRB-", "NNP", "-RRB-", "VBD", ".", "NNP", "VBD", "JJ", "."]
    ents = ["O"] * 5 + ["B-ORG"] + ["O"] * 3 + ["B-ORG"] + ["O"] * 3
    starts = [i in (0, 9) for i in range(len(words))]
    made = doc(blank.vocab, words, tags=tags, ents=ents, sent_starts=starts)
    found = blank.get_pipe("policykg_organizations")(made)
    assert (acronym in {s.text for s in found.spans["pkg_organizations"]}) is kept
