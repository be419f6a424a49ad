"""A group of states as a party ("the EFTA States", "the SACU Member States"): where the
text lists the group's members, they are the parties, not the group.

A group is named by capitalised words before a plural noun of states ("States",
"Countries", ``group_nouns`` of the lexicon ``structure.v1``) in the title or preamble.
The text lists its members where a run of states is tied to one of its mentions:

- after it: "the EFTA States are Iceland, ... and Switzerland", "the EFTA States
  (Iceland, Liechtenstein, Norway and Switzerland)", "the EFTA States, namely ...";
- before it, with a bracket: "Iceland, ... and the Swiss Confederation (hereinafter
  referred to as "the EFTA States")".

A run of states is two or more states with only commas, "and", articles and the words of
a state's form ("the Kingdom of") between them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.nlp.agreements.types import DocContext, Party
from kg.nlp.document.layout import patterns

# What ties a run of states to the group named just before it.
_AFTER = {"be", "mean", "namely", "comprise", "include", "consist", "i.e.", "(", ":"}
# Tokens a bracket's definition puts before the group's name.
_DEFINING = {"hereinafter", "hereafter", "referred", "to", "as", "the", "collectively",
             "jointly", "called", "\"", "“", "'", "‘"}
# At most this many tokens between two states of a run ("the Principality of").
_GAP = 4
# The word that ties a definition to a mention follows it within this many tokens; the
# first state of the run, within this many more ("means the States members of the
# Association (A, B and C)").
_WINDOW = 4
_REACH = 12


def group_names(span: Span | None, ctx: DocContext) -> list[Span]:
    """The groups of states ``span`` names ("EFTA States"): capitalised words before a
    plural noun of states, itself capitalised (not a state's name: "United States")."""
    if span is None:
        return []
    nouns = patterns().words.group_nouns
    out = []
    for tok in span:
        if tok.lower_ not in nouns or not tok.text[:1].isupper() or tok.i == span.start:
            continue
        start = tok.i
        while start > span.start and span.doc[start - 1].text[:1].isupper() \
                and span.doc[start - 1].lower_ not in ("the", "and", "of", "between"):
            start -= 1
        if start < tok.i and not any(i in ctx.country_at for i in range(start, tok.i + 1)):
            out.append(span.doc[start:tok.i + 1])
    return out


def members(group: Span, ctx: DocContext) -> list[Party]:
    """The states the text lists as the members of ``group`` (first definition found),
    or none."""
    doc, words = group.doc, [t.lower_ for t in group]
    for i in range(len(doc) - len(words) + 1):
        if [t.lower_ for t in doc[i:i + len(words)]] != words:
            continue
        for run in (_run_after(doc, i + len(words), ctx), _run_before(doc, i, ctx)):
            if len(run) >= 2:
                return [Party(("country", ctx.country_at[t.i]), t, "party.group") for t in run]
    return []


def _run_after(doc: Doc, end: int, ctx: DocContext) -> list[Token]:
    """A run of states right after the group's name and a word that ties them."""
    tie = next((t.i for t in doc[end:min(len(doc), end + _WINDOW)]
                if t.lemma_.lower() in _AFTER or t.lower_ in _AFTER), None)
    if tie is None:
        return []
    sent_end = doc[tie].sent.end
    first = next((t.i for t in doc[tie:min(sent_end, tie + _REACH)] if t.i in ctx.country_at),
                 None)
    if first is None:
        return []
    return _run(doc, first, ctx, step=1)


def _run_before(doc: Doc, start: int, ctx: DocContext) -> list[Token]:
    """A run of states before a bracket that defines the group's name: "A, B and C
    (hereinafter referred to as "the X States")"."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in _DEFINING:
        i -= 1
    if i < 0 or doc[i].text != "(":
        return []
    last = next((t.i for t in reversed(doc[max(0, i - 2):i]) if t.i in ctx.country_at), None)
    return [] if last is None else list(reversed(_run(doc, last, ctx, step=-1)))


def _run(doc: Doc, at: int, ctx: DocContext, step: int) -> list[Token]:
    """The states of a run from the state at token ``at``, going forward or back: one
    token for each state, the gaps between them only of joining words."""
    out = [doc[at]]
    i, gap = at + step, 0
    sent = doc[at].sent
    while sent.start <= i < sent.end and gap <= _GAP:
        tok = doc[i]
        iso = ctx.country_at.get(i)
        if iso is not None:
            if iso != ctx.country_at[out[-1].i]:  # a state's name of several tokens: once
                out.append(tok)
            gap = 0
        elif tok.is_punct and tok.text in ",;" or tok.lower_ in ("and", "the", "of") \
                or tok.text[:1].isupper():
            gap += 1
        else:
            break
        i += step
    return out


def with_members(found: list[Party], span: Span | None, ctx: DocContext) -> list[Party]:
    """``found`` with each group ``span`` names replaced by its listed members (the body
    found inside the group's name, "EFTA", is no party then)."""
    out = list(found)
    for group in group_names(span, ctx):
        listed = members(group, ctx)
        if not listed:
            continue
        inside = {ctx.org_at[i] for i in range(group.start, group.end) if i in ctx.org_at}
        out = [p for p in out if p.ref not in inside]
        out += [p for p in listed if p.ref not in {q.ref for q in out}]
    return out
