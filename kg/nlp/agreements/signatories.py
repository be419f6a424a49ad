"""Where a text lists an agreement's signatories in a sentence of their own: "The other
signatories of X are A, B and C", or, right after a sentence about the agreement, "The
original signatories were the 12 countries ..." (read by the party rules)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.core.constants import SUBJECT_DEPS
from kg.nlp.agreements.types import Lexicon


def listed_signatories(head: Token, lex: Lexicon) -> list[Token]:
    """The phrases that list the signatories of the agreement ``head`` names."""
    return _of_the_agreement(head, lex) or _in_the_next_sentence(head, lex)


def _of_the_agreement(head: Token, lex: Lexicon) -> list[Token]:
    """The list in "The other signatories of X are A, B and C" / "A and B are parties to X"
    / "X's members include A and B": for a multilateral accord the text names its parties
    in a sentence of its own."""
    noun = head.head.head if head.dep_ == "pobj" and head.head.lower_ in ("of", "to") else None
    if noun is None or noun.lemma_.lower() not in lex.signatory_nouns:
        return []
    verb = noun.head
    if noun.dep_ == "nsubj" and verb.lemma_ in ("be", "include"):
        return [c for c in verb.children if c.dep_ in ("attr", "dobj")]
    if noun.dep_ == "attr" and verb.lemma_ == "be":
        return [c for c in verb.children if c.dep_ == "nsubj"]
    return []


def _in_the_next_sentence(head: Token, lex: Lexicon) -> list[Token]:
    """"The main treaty was opened for signature in 1959. The original signatories were the
    12 countries active ...": a sentence about the agreement (its subject), then one whose
    subject is a signatory noun naming no agreement of its own."""
    if head.dep_ not in SUBJECT_DEPS or head.head.dep_ != "ROOT":
        return []
    doc, end = head.doc, head.sent.end
    while end < len(doc) and doc[end].is_space:
        end += 1
    if end >= len(doc):
        return []
    verb = doc[end].sent.root
    if verb.lemma_ not in ("be", "include") or not any(
            c.dep_ == "nsubj" and c.lemma_.lower() in lex.signatory_nouns
            and not any(x.dep_ == "prep" for x in c.children) for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ in ("attr", "dobj")]
