"""Step 4, the reported filter: only agreements the text reports something done to are
agreements of the graph (not "under the 2008 Strategic Framework Agreement", "similar to
other agreements", "efforts to reach durable agreements")."""

from __future__ import annotations

from kg.nlp.agreements.actions import derived_noun, in_basis_context
from kg.nlp.agreements.names import after_bracket
from kg.nlp.agreements.types import Cluster, Lexicon, Mention


def not_reported(c: Cluster, lex: Lexicon) -> str | None:
    """Why the text does not report ``c`` as an agreement acted on, or None if it does."""
    acting = [x for x in c.mentions if not x.nested
              and any(not derived_noun(a, lex) for a in x.actions)]
    if any(x.plural for x in c.mentions) and not any(x.named for x in c.mentions):
        return _unspecific_plural(c, acting, lex)
    if all(x.head.lower_ in lex.signed_only for x in c.mentions if x.kind != "pronoun"):
        if any(a.kind in ("agreed", "signed", "ratified", "negotiating", "planned")
               for x in acting if x.kind != "pronoun" for a in x.actions):
            return None  # signed, agreed, or talked about as something to agree
        return "a ceasefire or truce the text does not say was agreed: a state of affairs"
    if acting:
        return None
    # A dated treaty by name ("the 1974 Protocol", "Treaty of Shimoda, 1855") was concluded,
    # also one given in brackets as an example ("similar agreements with the United Kingdom
    # (Anglo-Japanese Friendship Treaty, October 1854)").
    if any(x.named and x.year and (not x.nested or after_bracket(x))
           and not in_basis_context(x, lex) for x in c.mentions):
        return None
    if any(in_basis_context(x, lex) for x in c.mentions):
        return "only cited as a basis or a goal (under, pursuant to, the goals of ...)"
    if all(x.nested for x in c.mentions if x.actions):
        return "acted on only inside another agreement's name" if any(
            x.actions for x in c.mentions) else "nothing reported done to it"
    return "nothing reported done to it"


def _unspecific_plural(c: Cluster, acting: list[Mention], lex: Lexicon) -> str | None:
    """Unnamed plurals are a class of agreements unless a verb reports them done. Neither
    a standard of comparison ("similar to other bilateral agreements the US has
    concluded", "modeled after previous treaties") nor a goal ("efforts to reach durable
    agreements") is a specific agreement."""
    if any(_compared(x, lex) for x in c.mentions):
        return "a standard of comparison (similar to, like, modeled after)"
    kinds = [a.kind for x in acting if not _all_of_a_kind(x, lex) for a in x.actions
             if a.verbal]
    if not kinds and any(_all_of_a_kind(x, lex) for x in acting):
        return "all agreements of a kind: a class, whatever is done to them"
    if not kinds:
        return "unnamed plural with no verb reporting them done: a class of agreements"
    if set(kinds) == {"planned"}:
        return "unnamed plural only aimed at: a class of agreements"
    return None


def _all_of_a_kind(m: Mention, lex: Lexicon) -> bool:
    """"all contracts (and agreements) signed by the Community", "any accords": every
    agreement of a kind, not one the text reports on."""
    heads = [m.head, m.head.head] if m.head.dep_ == "conj" else [m.head]
    return any(d.dep_ in ("det", "predet") and d.lower_ in lex.universal
               for h in heads for d in h.lefts)


def _compared(m: Mention, lex: Lexicon) -> bool:
    prep = m.head.head if m.head.dep_ == "pobj" else None
    return prep is not None and (prep.lower_ in lex.comparison_preps
                                 or prep.head.lemma_ in lex.comparison_heads)
