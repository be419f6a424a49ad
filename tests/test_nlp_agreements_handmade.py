"""The agreement steps alone on a Doc built by hand (tests/handmade.py): parties from the
subjects, the stage from the verb."""

from __future__ import annotations

import pytest

from handmade import doc
from kg.nlp.agreements import find_agreements


# "Japan and Australia signed the Reciprocal Access Agreement in Tokyo." as the model
# analyses it, with the countries the country component finds.
SIGNING = dict(
    words=["Japan", "and", "Australia", "signed", "the", "Reciprocal", "Access", "Agreement",
           "in", "Tokyo", "."],
    tags=["NNP", "CC", "NNP", "VBD", "DT", "NNP", "NNP", "NNP", "IN", "NNP", "."],
    pos=["PROPN", "CCONJ", "PROPN", "VERB", "DET", "PROPN", "PROPN", "PROPN", "ADP", "PROPN",
         "PUNCT"],
    deps=["nsubj", "cc", "conj", "ROOT", "det", "compound", "compound", "dobj", "prep", "pobj",
          "punct"],
    heads=[3, 0, 0, 3, 7, 6, 7, 3, 3, 8, 3],
    lemmas=["Japan", "and", "Australia", "sign", "the", "Reciprocal", "Access", "Agreement",
            "in", "Tokyo", "."],
    ents=["B-GPE", "O", "B-GPE", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-GPE", "O"],
    spans={"pkg_countries": [(0, 1, "JP"), (2, 3, "AU"), (9, 10, "JP")]},
)


def found_by_hand(blank, **changes) -> list:
    """(label, parties, stages) of each agreement the steps find in SIGNING."""
    made = doc(blank.vocab, **{**SIGNING, **changes})
    lex = blank.get_pipe("policykg_agreements").lex
    return [(info.label, {f.value for f in info.parties}, {f.value for f in info.stages})
            for _, info in find_agreements(made, lex)]


@pytest.mark.parametrize("verb, lemma, stage", [
    ("signed", "sign", "signed"),
    ("ratified", "ratify", "in force"),
    ("discussed", "discuss", "negotiating"),
])
def test_nlp_agreements_parties_and_stage_from_the_verb_by_hand(blank, verb, lemma, stage):
    words = [*SIGNING["words"][:3], verb, *SIGNING["words"][4:]]
    lemmas = [*SIGNING["lemmas"][:3], lemma, *SIGNING["lemmas"][4:]]
    assert found_by_hand(blank, words=words, lemmas=lemmas) == [
        ("Reciprocal Access Agreement", {("country", "JP"), ("country", "AU")}, {stage})]
