"""One agreement taking another's place: "X was superseded by Y", "Y replaced X". The one
replaced has ended (GUIDELINES.md: an instrument no longer in effect); the one that took
its place took effect. Read only for a replacement told as done (in the past, not
negated, not ahead): "X will be replaced by a new treaty" reports neither."""

from __future__ import annotations

from spacy.tokens import Token

from kg.core.constants import SUBJECT_DEPS
from kg.nlp.agreements.actions import future, governed
from kg.nlp.agreements.types import Action, Lexicon, Mention


def succession(m: Mention, lex: Lexicon) -> list[Action]:
    """The end or the effect a replacement reports for mention ``m``."""
    g = governed(m.head, lex)
    if g.dep_ in ("dobj", "nsubjpass"):  # "replaced X", "X was superseded by Y"
        return _done(g.head, lex, "ended", "stage.superseded")
    if g.dep_ == "pobj" and g.head.dep_ == "agent":  # "... superseded by Y"
        return _done(g.head.head, lex, "in force", "stage.supersedes")
    if g.dep_ != "nsubj":
        return []
    out = _done(g.head, lex, "in force", "stage.supersedes")  # "Y replaced X"
    for c in g.head.children:  # "It replaced X and was superseded by Y": shared subject
        if c.dep_ == "conj" and any(a.dep_ == "auxpass" for a in c.children) \
                and not any(s.dep_ in SUBJECT_DEPS for s in c.children):
            out += _done(c, lex, "ended", "stage.superseded")
    return out


def replaces(v: Token, heads: set[int], lex: Lexicon) -> bool:
    """``v``, or a verb coordinated with it, tells one agreement taking another's place:
    a verb of replacing whose object or agent is an agreement's mention (``heads``)."""
    return any(x.lemma_ in lex.superseding_verbs and x.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.i in heads or c.dep_ == "agent" and any(
            g.i in heads for g in c.children) for c in x.children)
        for x in [v, *(c for c in v.children if c.dep_ == "conj")])


def _done(v: Token, lex: Lexicon, kind: str, rule: str) -> list[Action]:
    if v.lemma_ not in lex.superseding_verbs or v.pos_ != "VERB" or v.tag_ not in ("VBD", "VBN"):
        return []
    if future(v, lex) or any(c.dep_ == "neg" for c in v.children):
        return []
    return [Action(kind, v, True, rule)]
