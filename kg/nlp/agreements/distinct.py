"""What tells two mentions of agreements apart, for coreference (``coref``): the year
of the mention or of the action on it, an amount or duration of its own, a new agreement
signed after one already signed."""

from __future__ import annotations

from kg.nlp.agreements.quantities import find_durations, find_money
from kg.nlp.agreements.types import Cluster, DocContext, Lexicon, Mention


def signed_anew(m: Mention, c: Cluster, lex: Lexicon) -> bool:
    """"Both leaders signed a new peace agreement" after a declaration of peace they
    signed: an agreement is signed once, a new one signed is another."""
    done = {a.kind for x in c.mentions for a in x.actions}
    return bool(m.marks & set(lex.contrast[0])) and "signed" in done and any(
        a.kind == "signed" for a in m.actions)


def other_edition(m: Mention, c: Cluster) -> bool:
    """"The International Coffee Agreement, 1983" is not the one of 2001: a name with a
    year is another instrument than one named alike with another year (editions of one
    family told apart by their year); a name without one may be either."""
    years = {x.year for x in c.mentions if x.named and x.year}
    return bool(m.year and years) and m.year not in years


def action_date_year(m: Mention, ctx: DocContext) -> str | None:
    """The year of a date the verb acting on the mention governs itself: "On 12 December
    2000, a peace agreement was signed" (not a date of another clause of its sentence)."""
    doc = m.head.doc
    verbs = {a.token.i for a in m.actions if a.verbal}
    for d in ctx.dates:
        if d.relative or not verbs or not doc[d.start].sent == m.head.sent:
            continue
        tok = doc[d.start]
        while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
            tok = tok.head
        if tok.i in verbs and d.iso[:4].isdigit():
            return d.iso[:4]
    return None


def money_of(m: Mention, lex: Lexicon) -> set:
    """Amounts said of the mention: "sign $400 billion gas deal" and "a 30-year gas supply
    deal worth about $400 billion" share one, so they are one agreement."""
    return {f.value for f in m.quantities.values}


def own_quantities(m: Mention) -> bool:
    """A duration or an amount in the mention's own phrase ("a 30-year, $400 billion
    deal")."""
    return bool(find_durations(m.span)) or bool(find_money(m.span))


def has_quantities(cl: Cluster) -> bool:
    return any(own_quantities(m) for m in cl.mentions)


def clause_year(m: Mention, lex: Lexicon) -> str | None:
    """The year of the clause acting on the mention: "signed an agreement in 2017"."""
    for action in m.actions:
        for c in action.token.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for t in c.subtree:
                    if lex.year.match(t.text):
                        return t.text
    return None


def cluster_year(c: Cluster, lex: Lexicon) -> str | None:
    return next((x.year for x in c.mentions if x.year), None) or next(
        filter(None, (clause_year(x, lex) for x in c.mentions)), None)
