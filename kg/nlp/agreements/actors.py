"""Who a noun phrase stands for (countries, organizations) and who the subject of a verb
is: what the party and term rules read around an agreement's mentions."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.core.constants import SUBJECT_DEPS
from kg.nlp.agreements.context import lookup_country
from kg.nlp.agreements.quantities import count
from kg.nlp.agreements.types import Actor, DocContext, Lexicon, Ref
from kg.nlp.agreements.referents import unrecognised
from kg.nlp.organizations.kinds import noun_class



def actors(tok: Token, ctx: DocContext, lex: Lexicon, depth: int = 0,
           names: bool = False) -> list[Actor]:
    """The countries or organizations a noun phrase headed by ``tok`` stands for; with
    ``names`` (the phrase stands where a party does), also a proper name no component
    recognised (``party_name``)."""
    if depth > 4:
        return []
    if tok.i in ctx.country_at:
        found = [Actor(("country", ctx.country_at[tok.i]))]
    elif tok.i in ctx.org_at:
        found = [Actor(ctx.org_at[tok.i])]
    elif tok.i in ctx.person_at:  # "Foreign Minister X (Panama) signed"
        found = [Actor(("country", ctx.person_at[tok.i]), "person")]
    elif tok.lower_ in ("we", "us", "our"):
        listed = [a for c in tok.children if c.dep_ == "appos"  # "we – the presidents of A, B"
                  for a in actors(c, ctx, lex, depth + 1)]
        own = [ctx.speaker] if ctx.speaker else ctx.dominant
        found = listed or [Actor(("country", c), "we") for c in own]
    elif tok.lemma_.lower() in lex.counted_groups and (n := group_count(tok)):
        found = [Actor(ref, "list") for ref in counted_list(tok, n, ctx)]
    elif tok.lower_ in lex.collective and any(
            c.lower_ in lex.pair_numbers for c in tok.children):
        found = [Actor(ref, "pair") for ref in pair(tok, ctx)]
    elif names and tok.tag_ == "NNS" and tok.lemma_.lower() in lex.group_nouns:
        found = [Actor(ref, "list") for ref in nearest_list(tok, ctx)]
    elif bodies_pair(tok, lex):
        found = [Actor(ref, "pair") for ref in organization_pair(tok, ctx)]
    else:
        found = []
        agentive = tok.lemma_.lower() in lex.agent_nouns or tok.ent_type_ == "PERSON"
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and agentive:
                found += [Actor(("country", x), "body") for x in countries_in(c, ctx, lex)]
                found += [Actor(ctx.org_at[c.i], "body")] if c.i in ctx.org_at else []
            elif c.dep_ == "prep" and (c.lower_ == "including" or c.lower_ == "of" and agentive):
                for g in c.children:
                    found += actors(g, ctx, lex, depth + 1)
    if not found and names:
        found = unrecognised(tok, ctx, lex, actors)
    for c in _list_links(tok, ctx):  # a list is a chain of conjuncts: its length is no depth
        found += actors(c, ctx, lex, depth, names)
    return found


def group_count(tok: Token) -> int | None:
    """How many a group noun counts: "32 countries", "Thirty-two coastal countries", "the
    twelve nations" (three or more: two are a pair). The parser may hang only the last
    word of "Sixty-two" on the noun: the number is read over the dash."""
    num = next((c for c in tok.children if c.dep_ == "nummod"), None)
    if num is None:
        return None
    doc, start = tok.doc, num.i
    while start >= 2 and doc[start - 1].text == "-" and doc[start - 2].like_num:
        start -= 2
    n = count("-".join(t.text for t in doc[start:num.i + 1] if t.text != "-"))
    return n if n is not None and n >= 3 else None


def counted_list(tok: Token, n: int, ctx: DocContext) -> list[Ref]:
    """The list of ``n`` states or bodies the text gives for a group it counts, the one
    nearest to the group; none when no list has that many."""
    lists = [(abs(start - tok.i), refs) for start, refs in ctx.lists if len(refs) == n]
    return min(lists, key=lambda x: x[0])[1] if lists else []


def nearest_list(tok: Token, ctx: DocContext) -> list[Ref]:
    """"agreements with several countries", "their home countries": a group the text
    does not count stands, where a party does, for the nearest list of states it gives."""
    lists = [(abs(start - tok.i), refs) for start, refs in ctx.lists
             if all(kind == "country" for kind, _ in refs)]
    return min(lists, key=lambda x: x[0])[1] if lists else []


def refs_of(tok: Token, ctx: DocContext, lex: Lexicon) -> set[Ref]:
    return {a.ref for a in actors(tok, ctx, lex)}


def _list_links(tok: Token, ctx: DocContext) -> list[Token]:
    """The next items of a list after ``tok``. The parser hangs the item after a name
    with "of" on its last word ("the Republic of Korea, Luxembourg")."""
    heads = [tok]
    if tok.i in ctx.country_at or tok.i in ctx.org_at:
        heads += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
    return [c for h in heads for c in h.children
            if c.dep_ in ("conj", "appos") and c.pos_ in ("NOUN", "PROPN", "PRON")]


def countries_in(tok: Token, ctx: DocContext, lex: Lexicon) -> list[str]:
    """The countries one word names: itself, or the parts of a compound ("U.S.-Japan")."""
    if tok.i in ctx.country_at:
        return [ctx.country_at[tok.i]]
    return [c for c in (lookup_country(p, lex) for p in re.split(r"[-\u2013\u2014]", tok.text))
            if c]


def pair(tok: Token, ctx: DocContext) -> list[Ref]:
    """"the two countries": two actors named just before in the sentence; else two named
    in the sentence before when one is an organization ("Hamas ... and Fatah. The two
    sides"); else the document's two main countries."""
    doc = tok.doc
    sent = tok.sent
    prev = doc[sent.start - 1].sent if sent.start > 0 else None

    def actors_in(rng) -> list[Ref]:
        seen: list[Ref] = []
        for i in rng:
            ref = ("country", ctx.country_at[i]) if i in ctx.country_at else ctx.org_at.get(i)
            if ref and ref not in seen:
                seen.append(ref)
        return seen

    here = actors_in(range(sent.start, tok.i))
    if len(here) == 2:
        return here
    before = actors_in(range(prev.start, prev.end)) if prev is not None else []
    if len(before) == 2 and any(kind == "organization" for kind, _ in before):
        return before
    if len(ctx.dominant) == 2:
        return [("country", c) for c in ctx.dominant]
    return before if len(before) == 2 else [("country", c) for c in ctx.dominant]


def bodies_pair(tok: Token, lex: Lexicon) -> bool:
    """"the two firms", "both companies": two of a kind of body (a plural noun WordNet
    files as a group, not one the lexicon counts among states' collectives)."""
    return tok.tag_ == "NNS" and tok.lower_ not in lex.collective and any(
        c.lower_ in lex.pair_numbers for c in tok.children) and noun_class(
        tok.lemma_.lower(), lex.noun_classes) == "group"


def organization_pair(tok: Token, ctx: DocContext) -> list[Ref]:
    """The two organizations named last before ``tok`` in its sentence and the one before
    (companies are not states: "Acme has struck a deal with French carmaker B. The two
    firms signed ..."); none unless there are two."""
    doc = tok.doc
    start = doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else tok.sent.start
    seen: list[Ref] = []
    for i in range(tok.i - 1, start - 1, -1):
        ref = ctx.org_at.get(i)
        if ref and ref[0] == "organization" and ref not in seen:
            seen.append(ref)
    return seen[:2][::-1] if len(seen) >= 2 else []


def _after_run_in_heading(v: Token) -> list[Token]:
    """"Promoting Trade: Acme Corp will sign an MOU ...": the parser takes the run-in
    heading's verb for the clause's subject and the real subject, after the colon, for
    that verb's object."""
    for c in v.children:
        if c.dep_ == "csubj" and c.i < v.i:
            colon = next((t.i for t in v.doc[c.i:v.i] if t.text == ":"), None)
            if colon is not None:
                return [g for g in c.children if g.dep_ in ("dobj", "nsubj") and g.i > colon]
    return []


def subject_of(v: Token) -> list[Token]:
    """The subject tokens of a verb, through "to"-complements and coordination."""
    for _ in range(4):
        subj = [c for c in v.children if c.dep_ in SUBJECT_DEPS
                and c.lower_ not in ("that", "which", "who")]
        rel = [c for c in v.children if c.dep_ == "nsubj" and c.lower_ in ("that", "which", "who")]
        if rel and v.dep_ == "relcl":
            ante = v.head
            if ante.dep_ == "pobj" and ante.head.head.dep_ == "attr":
                cop = ante.head.head.head
                return [c for c in cop.children if c.dep_ == "nsubj"]
            return [ante]
        if subj:
            return subj
        headed = _after_run_in_heading(v)
        if headed:
            return headed
        controller = [c for c in v.head.children if c.dep_ == "dobj"] if v.dep_ == "xcomp" \
            else []
        if controller:  # "we urge Georgia to implement it": the object does it, not "we"
            return controller
        if v.dep_ in ("xcomp", "conj", "advcl", "pcomp", "ccomp") or v.dep_ == "prep":
            v = v.head
        else:
            return []
    return []
