"""Step 6, stage and date: how far the agreement got, the furthest of the six stages the
text reports for it (CONTRACT.md), from the actions read on its mentions; and when that
stage was reached, from a date of the same clause or sentence (``pkg_dates``), a relative
date only as the text's own date resolves it."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.nlp.agreements.clauses import in_its_time
from kg.nlp.agreements.effects import effects, ends_something_else, not_until
from kg.nlp.agreements.force import not_in_force
from kg.nlp.agreements.types import (Action, Cluster, DateMention, DocContext, Fact, Lexicon,
                                     Mention, Trace)


def stages(cl: Cluster, ctx: DocContext, lex: Lexicon,
           trace: Trace | None = None) -> list[Fact]:
    """The furthest stage, once per action that reports it (each with its rule)."""
    mentions = [m for m in cl.mentions if not m.nested]
    found = [Fact(lex.stage(a.kind), a.token.i, a.rule) for m in mentions
             for a in _actions(m, lex) if not _one_of_many_leaves(a, cl, lex, trace)]
    found += [f for m in mentions for f in _dated_name(m, ctx)]
    found = [f for f in found if f.value in lex.stages] or _named_year(mentions)
    found = _capped(found, mentions, lex)
    if not found:
        return []
    furthest = max(lex.stages.index(f.value) for f in found)
    if trace is not None:
        for f in found:
            if lex.stages.index(f.value) < furthest:
                trace.reject(cl, f"stage {f.value}", f.at,
                             f"{lex.stages[furthest]} is further ({f.rule})")
    return [f for f in found if lex.stages.index(f.value) == furthest]


def _one_of_many_leaves(a: Action, cl: Cluster, lex: Lexicon, trace: Trace | None) -> bool:
    """"Eight states have withdrawn from the convention": a party leaving an agreement of
    more than two parties does not end it; the others remain bound."""
    if a.kind != "withdrawn" or a.token.lemma_ not in lex.leaving_verbs \
            or len(cl.refs) <= 2:
        return False
    if trace is not None:
        trace.reject(cl, "stage ended", a.token.i, "one party of several leaving it")
    return True


def _capped(found: list[Fact], mentions: list[Mention], lex: Lexicon) -> list[Fact]:
    """"It was adopted in 1996 but has not entered into force": an agreement the text says
    is not in force now got no further than signed, whatever else made it so (ratified by
    some, ``kg.nlp.agreements.force``)."""
    if not any(f.value == "in force" for f in found) or not any(
            not_in_force(m, lex) is not None for m in mentions):
        return found
    return [Fact("signed", f.at, "stage.not-in-force") if f.value == "in force" else f
            for f in found]


def _actions(m: Mention, lex: Lexicon) -> list[Action]:
    """What the text reports done to the agreement at mention ``m``, in the time of its
    clause; for a mention nothing acts on, what the agreement did, or what a negation
    tells was done after all (``kg.nlp.agreements.effects``)."""
    acts = [a for a in m.actions if not ends_something_else(a, m, lex)]
    return [in_its_time(a, lex) for a in acts] or effects(m, lex) + not_until(m, lex)


def _named_year(mentions: list[Mention]) -> list[Fact]:
    """"The Convention for the Conservation of Seals (1972)", "the Treaty of 1858": a
    treaty named with its year, of which the text reports nothing else, was concluded
    then and is told as one that took effect (no date: the year is its conclusion's)."""
    return [Fact("in force", m.head.i, "stage.named-year")
            for m in mentions if m.named and m.year][:1]


def _dated_name(m: Mention, ctx: DocContext) -> list[Fact]:
    """"the Agreement on Good Neighbourly Relations of 26 May 2004": a name that carries
    its day (or month) was signed then; so does any mention that ends in "of" that day
    ("the Agreement on bases of relations between A and B of 12 July 1996")."""
    doc = m.head.doc
    return [Fact("signed", d.start, "stage.dated-name") for d in ctx.dates
            if m.span.start <= d.start and d.end <= m.span.end
            and not d.relative and len(d.iso) >= 7
            and (m.named or d.end == m.span.end and _of_the_day(doc[d.start:d.end]))]


def _of_the_day(date: Span) -> bool:
    """"... of 12 July 1996": the date is the complement of "of"."""
    return date.root.dep_ == "pobj" and date.root.head.lower_ == "of"


def dates(cl: Cluster, stage: list[Fact], ctx: DocContext, doc: Doc,
          trace: Trace | None = None) -> list[Fact]:
    """The date of the stage: the first of its actions whose clause states one, else
    whose sentence does (a date of the action's own clause is better evidence than the
    one date of a sentence); a later one of the same stage refines it with the day of
    that year or month ("entered into force in 1961 ... on June 23, 1961")."""
    found = list(_stage_dates(cl, stage, ctx, doc, trace)) or _name_year(cl, stage)
    first = None
    for fact in sorted(found, key=lambda f: f.rule == "date.same-sentence"):
        if first is None:
            first = fact
        elif fact.value.startswith(first.value) and len(fact.value) > len(first.value):
            return [fact]
        if len(first.value) == 10 or first.rule == "date.published":
            break
    return [first] if first else []


def _name_year(cl: Cluster, stage: list[Fact]) -> list[Fact]:
    """"As a signatory to the 1985 Treaty of X": signed or agreed, with no date of its
    own clause or sentence, a treaty named with its year was concluded that year."""
    if not stage or stage[0].value not in ("signed", "agreed"):
        return []
    return [Fact(m.year, m.head.i, "date.name-year") for m in cl.mentions
            if m.named and m.year and not m.nested][:1]


def _stage_dates(cl: Cluster, stage: list[Fact], ctx: DocContext, doc: Doc,
                 trace: Trace | None) -> Iterator[Fact]:
    """The date each action of the stage gives, in the order of the text."""
    others = {a.token.i for m in cl.mentions for a in m.actions} - {f.at for f in stage}
    own = {(m.span.start, m.span.end) for m in cl.mentions}
    named_elsewhere = [(s, e) for s, e in ctx.phrases if (s, e) not in own]
    for f in sorted(stage, key=lambda f: f.at):
        tok = doc[f.at]
        if f.rule == "stage.title":  # the document itself: the date it gives for itself
            if ctx.published:
                yield Fact(ctx.published, f.at, "date.published")
            return
        if f.rule in ("stage.named-year", "stage.not-in-force"):
            continue  # the year in its name is that of its conclusion, not of this stage;
            # what would have put it in force tells no date of its signature
        if f.rule in ("stage.dated-name", "stage.cited"):
            d = next(d for d in ctx.dates if d.start == f.at)
            yield Fact(d.iso, d.start, "date.name")
            continue
        in_sentence = [d for d in ctx.dates if tok.sent.start <= d.start < tok.sent.end
                       and not any(s <= d.start < e for s, e in named_elsewhere)
                       and not _year_of_a_name(doc, d, ctx)]
        clause = [d for d in in_sentence if _governor(doc, d, tok).i == tok.i]
        if clause:
            yield _fact(clause[0], "date.clause")
            continue
        free = [d for d in in_sentence if _governor(doc, d, tok).i not in others]
        if len({d.iso for d in free}) == 1:
            yield _fact(free[0], "date.same-sentence")
        elif trace is not None and free:
            for d in free:
                trace.reject(cl, f"date {d.iso}", d.start,
                             "one of several dates of the sentence, none in the clause")


def _year_of_a_name(doc: Doc, d: DateMention, ctx: DocContext) -> bool:
    """"It replaced the X Agreement, 1983": a year set after an agreement's name by a comma
    is part of the name (which edition), not the date of what the clause reports."""
    root = doc[d.start:d.end].root
    return root.dep_ in ("npadvmod", "appos") and any(
        s <= root.head.i < e for s, e in ctx.phrases)


def _fact(d: DateMention, rule: str) -> Fact:
    return Fact(d.iso, d.start, "date.relative" if d.relative else rule)


def _governor(doc: Doc, d: DateMention, action: Token) -> Token:
    """The action, or the first verb, above the date: the clause the date belongs to."""
    tok = doc[d.start:d.end].root
    for _ in range(12):
        if tok.dep_ == "ROOT" or tok.head.i == tok.i:
            return tok
        tok = tok.head
        if tok.i == action.i or tok.pos_ in ("VERB", "AUX"):
            return tok
    return tok
