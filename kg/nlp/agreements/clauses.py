"""The time of the clause an action stands in, when the clause has no tense of its own.

``actions`` reads the modality of the verb that acts on an agreement ("will sign", "to
join", "may denounce"). A verb can also take its time from the clause it depends on:
- a verb coordinated with another shares its auxiliaries ("will finalize the agreement
  and undertake ...", "to reach net zero and join the pledge");
- a present tense in a clause of time or manner refers to the future when the main
  clause does ("there may be difficult moments as we implement the agreement", "we will
  celebrate when they sign it");
- a participle in -ing has no tense at all: "the agreement entering into force", "by
  signing the deal" happen when the clause around them does.
Such an action reports no stage done: one that would make the agreement is planned, one
that would end it or keep it in force is only spoken of (CONTRACT.md, GUIDELINES.md).
A past participle ("the Agreement, signed in 2013, will ...") and a verb in the past keep
their own time.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.core.constants import SUBJECT_DEPS
from kg.nlp.agreements.actions import future
from kg.nlp.agreements.modality import AHEAD, conditional_verb, ending, governing_verb
from kg.nlp.agreements.types import Action, Lexicon

# Tags of a verb with no tense of its own, or a present one.
_UNTENSED = ("VB", "VBG")
_PRESENT = ("VBP", "VBZ")
_LIMIT = 6  # clauses climbed: a sentence rarely nests deeper


def _depends_on(v: Token) -> Token | None:
    """The verb whose time ``v`` takes, or None when ``v`` has a time of its own."""
    if any(c.dep_ in ("aux", "auxpass") for c in v.children):
        return None  # "has signed", "was ratified", "will join": its own
    if v.dep_ == "conj" and v.tag_ in _UNTENSED + _PRESENT and not any(
            c.dep_ in SUBJECT_DEPS for c in v.children):
        return v.head
    if v.dep_ == "advcl" and v.tag_ in _UNTENSED + _PRESENT:
        return v.head
    if v.tag_ == "VBG" and v.dep_ in ("acl", "pcomp", "pobj"):
        return governing_verb(v)
    return None


def clause_ahead(v: Token, lex: Lexicon) -> bool:
    """The clause ``v`` depends on (climbing those without a time of their own) is in the
    future, possible or under a condition."""
    x = v
    for _ in range(_LIMIT):
        up = _depends_on(x)
        if up is None or up.i == x.i or up.pos_ not in ("VERB", "AUX"):
            return False
        if future(up, lex) or conditional_verb(up):
            return True
        x = up
    return False


def in_its_time(a: Action, lex: Lexicon) -> Action:
    """The action as the time of its clause reports it: planned, only spoken of
    (``AHEAD``), or as read."""
    if not a.verbal or a.kind == AHEAD or a.rule in ("stage.future", "stage.ahead") \
            or not clause_ahead(a.token, lex):
        return a
    return Action(AHEAD if ending(a.kind) else "planned", a.token, True, "stage.clause-ahead")
