"""An agreement the text says is not in force now: "has not entered into force", "is not
yet in force", "is yet to enter into force", "never entered into force". Whatever else
the text reports of it (ratified by some states, adopted, signed), it got no further than
signed: the statement caps its stage (``stage.not-in-force``). A negation in the past
("did not enter into force until 1990") tells when it did (``effects.not_until``)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.core.constants import SUBJECT_DEPS
from kg.nlp.agreements.actions import governed, in_force
from kg.nlp.agreements.types import Lexicon, Mention


def not_in_force(m: Mention, lex: Lexicon) -> Token | None:
    """The verb saying the agreement of mention ``m`` (its subject) is not in force now."""
    g = governed(m.head, lex)
    if g.dep_ not in SUBJECT_DEPS:
        return None
    v = g.head
    verbs = [v, *(c for c in v.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                  and not any(s.dep_ in SUBJECT_DEPS for s in c.children))]
    for x in verbs:  # "was adopted in 2005, but has not entered into force"
        for y in [x, *(c for c in x.children if c.dep_ == "xcomp")]:  # "is yet to enter"
            if in_force(y, lex) and _not_now(x, y, lex):
                return y
    return None


def _not_now(x: Token, y: Token, lex: Lexicon) -> bool:
    """Negated now ("has not", "is not", "never"), or still ahead ("is yet to enter");
    not a negation in the past, which an "until" may end."""
    negs = {c.lower_ for t in (x, y) for c in t.children if c.dep_ == "neg"} & lex.negations
    if "never" in negs:
        return True
    if y is not x and any(c.lower_ == "yet" for c in x.children):
        return True  # "is yet to enter into force"
    past = x.tag_ == "VBD" or any(c.dep_ == "aux" and c.lower_ in ("did", "had")
                                  for c in x.children)
    return bool(negs) and not past
