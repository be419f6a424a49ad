"""What an agreement did, and what a negation tells was done after all.

- An agreement that did something in the world was in force then: "the treaty created
  the bureau", "the resulting treaty gave Russia influence in the Balkans" (the subject
  of a verb in the past with a direct object). Not what it says, means or is: the verb's
  first sense in WordNet (lexicon ``verb_classes.v1``, built by
  tools/build_verb_classes.py) is no verb of saying, thinking, perceiving, feeling or
  being ("the agreement said", "it meant the end of", "it included"). Read only for a
  mention nothing else acts on (``stage.effect``). The verb's sense is the first that
  takes an object: "an armistice ended the war" had effect, it did not end.
- "did not enter into force until 11 December 1990": a negated verb in the past with
  "until" and a date reports the action done on that date (``stage.not-until``).
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.nlp.agreements.actions import action_kind, governed
from kg.nlp.agreements.types import Action, Lexicon, Mention

# WordNet's verb files of saying, thinking, perceiving, feeling and being: a verb first
# filed there tells what the agreement says or is, not what it did.
_NO_EFFECT = ("communication", "cognition", "perception", "emotion", "stative")


def _no_effect(verb: Token, lex: Lexicon) -> bool:
    lemma = verb.lemma_.lower()
    return any(lemma in getattr(lex.verb_classes, f) for f in _NO_EFFECT)


def _acts_on_something(m: Mention, lex: Lexicon) -> Token | None:
    """The verb in the past of which the mention is the subject and that has a direct
    object: "the treaty created X", "X ended the war"."""
    g = governed(m.head, lex)
    verb = g.head
    if g.dep_ != "nsubj" or verb.i == g.i or verb.pos_ != "VERB":
        return None
    if verb.tag_ != "VBD" or any(c.dep_ in ("aux", "neg") for c in verb.children):
        return None
    return verb if any(c.dep_ == "dobj" for c in verb.children) else None


def effects(m: Mention, lex: Lexicon) -> list[Action]:
    """"The treaty created the bureau": in force, for a mention nothing else acts on."""
    verb = _acts_on_something(m, lex)
    if verb is None or _no_effect(verb, lex):
        return []
    return [Action("in force", verb, True, "stage.effect")]


def ends_something_else(a: Action, m: Mention, lex: Lexicon) -> bool:
    """"An armistice ended the war": the agreement is the agent of the ending."""
    if not (a.verbal and lex.stage(a.kind) == "ended"):
        return False
    verb = _acts_on_something(m, lex)
    return verb is not None and verb.i == a.token.i


def not_until(m: Mention, lex: Lexicon) -> list[Action]:
    """"The treaty did not enter into force until 11 December 1990": done then."""
    g = governed(m.head, lex)
    verb = g.head
    if verb.i == g.i or verb.pos_ not in ("VERB", "AUX") or not any(
            c.dep_ == "neg" for c in verb.children):
        return []
    if not any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children):
        return []  # "will not enter into force until": a condition, not a report
    until = [c for c in verb.children if c.lower_ == "until" and c.dep_ in ("prep", "mark")
             or c.dep_ == "advcl" and any(x.lower_ == "until" for x in c.children)]
    kind = action_kind(verb, lex)
    if not until or not kind:
        return []
    return [Action(kind, verb, True, "stage.not-until")]
