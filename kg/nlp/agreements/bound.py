"""Who a noun of one bound by an agreement stands for: "A is a signatory to X", "A became
one of the first signatories to X", "A, a party to X", "As a signatory to X, we ...". Such
a noun reports X signed (or in force) only when the text says who is bound: "the Parties
of X could not agree" names no one, "states that are not party to X" deny it, and "states
that are party to X" are a class of states, no one in particular."""

from __future__ import annotations

from spacy.tokens import Token

RELATIVES = ("that", "which", "who")


def copula(noun: Token) -> Token | None:
    """The verb that makes the agent noun's holder one ("is a party", "became one of the
    first signatories"), if it is predicated."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_ == "one":
        noun = noun.head.head  # "one of the first signatories to"
    return noun.head if noun.dep_ in ("attr", "oprd") else None


def holders(noun: Token, negations: frozenset[str]) -> list[Token]:
    """The noun phrases the agent noun is said of: the subject of its copula (not a
    negated one), the noun it stands in apposition to, or the subject (and its owner) of
    the clause an "as" phrase describes (not "such as", a list of examples)."""
    verb = copula(noun)
    if verb is not None:
        if any(c.dep_ == "neg" and c.lower_ in negations for c in verb.children):
            return []
        return [h for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                for h in _antecedent(c, verb)]
    if noun.dep_ == "appos":
        return [noun.head]
    prep, clause = noun.head, noun.head.head
    if noun.dep_ == "pobj" and prep.lower_ == "as" and clause.pos_ in ("VERB", "AUX") \
            and not any(c.lower_ == "such" for c in prep.children):
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        return subjects + [c for s in subjects for c in s.children if c.dep_ == "poss"]
    return []


def _antecedent(subject: Token, verb: Token) -> list[Token]:
    """A relative pronoun stands for the noun its clause describes, unless that is an
    unnamed plural ("states that are party to it", "the Parties that were Party"): a class
    of states ("the United States, which is a party" names one)."""
    if subject.lower_ not in RELATIVES:
        return [subject]
    noun = verb.head if verb.dep_ == "relcl" else None
    if noun is None or noun.tag_ in ("NNS", "NNPS") and not noun.ent_type_:
        return []
    return [noun]
