"""Modality: whether what a clause says of an agreement is done, or only ahead, possible
or under a condition. A treaty's own articles are full of the second kind ("This
Agreement shall enter into force on the sixtieth day after ...", "Each Party may
denounce this Agreement", "upon ratification"), and so are reports ("the deal will
expire in May"): such a clause reports no stage, not even a plan, unless it is a plan
to make the agreement ("will sign", "to be concluded": ``planned``, as before).

The word lists are the lexicon ``modality.v1``.
"""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace

from spacy.tokens import Token

from kg.core.lexicons import words as lexicon

# The kind of an action spoken of but not done: the agreement is reported (it is there
# to be denounced or to expire), but the clause gives it no stage.
AHEAD = "ahead"


@cache
def modality_words() -> SimpleNamespace:
    return lexicon("modality.v1")


def ending(kind: str) -> bool:
    """An action that ends the agreement or keeps it in force (not one that makes it):
    ahead or under a condition it reports nothing."""
    return kind in modality_words().ending_kinds


def in_the_past(v: Token) -> bool:
    """"was signed", "had been ratified", "signed": the verb tells of something done."""
    past = modality_words().past_tags
    return v.tag_ in past or any(c.dep_ in ("aux", "auxpass") and c.lower_ in past
                                 for c in v.children)


def conditional_noun(x: Token) -> bool:
    """A noun of action under a condition: "upon ratification", "pending its entry into
    force", "in the event of termination"."""
    w = modality_words()
    if x.dep_ != "pobj":
        return False
    prep = x.head
    if prep.lower_ in w.condition_preps or prep.lower_ == "to" and prep.head.lower_ in (
            "prior", "subject"):
        return True
    return prep.lower_ == "of" and prep.head.lemma_.lower() in w.condition_nouns


def governing_verb(x: Token) -> Token | None:
    """The verb of the clause a noun of action stands in ("The termination of this
    Agreement shall not affect ..." -> affect)."""
    tok = x
    for _ in range(6):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def conditional_verb(v: Token) -> bool:
    """A verb under a condition of its own: "becomes effective upon exchange of notes",
    "applies pending ratification" (not "remained in force until 1990": done)."""
    w = modality_words()
    return not in_the_past(v) and any(
        c.dep_ == "prep" and (c.lower_ in w.condition_preps - {"until", "before"}
                              or c.lower_ == "to" and c.head.lower_ == "subject")
        for c in v.children)
