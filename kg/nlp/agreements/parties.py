"""Step 5, parties: who is party to each agreement, from the syntax around its mentions.

Most trusted first: the agreement's own name ("U.S.-Tanzania Air Transport Agreement",
"Anglo-Japanese Friendship Treaty", "Turkey's loan agreement"); its complements
("between X and Y", "with the IMF"); the clause that acts on it (subject of "signed",
agent of "was ratified by", "signed ... with Y", "X's withdrawal from"); lists of
signatories. "The two countries", "both sides", "we" resolve to the two actors of the
context. ``choice`` chooses the agreement's parties from those read around its mentions
and guesses when none is. Each party names its rule (``kg.nlp.agreements.rules``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Token

from kg.nlp.agreements.actors import actors, countries_in, subject_of
from kg.nlp.agreements.bound import holders
from kg.nlp.agreements.context import lookup_country
from kg.nlp.agreements.names import title_case_line
from kg.nlp.agreements.signatories import listed_signatories
from kg.nlp.agreements.types import (COMPLEMENT_PREPS, Actor, DocContext, Lexicon, Mention,
                                     Party)


class Candidates(NamedTuple):
    """The parties read around one mention: from its name, from its complements and
    clause, and those a rule read but left out (with the reason)."""

    name: list[Party]
    clause: list[Party]
    rejected: list[tuple[Party, str]]


def parties_of(found: list[Actor], tok: Token, rule: str) -> list[Party]:
    return [Party(a.ref, tok, f"{rule}.{a.via}" if a.via else rule) for a in found]


# -- the parties read around one mention ----------------------------------------------
def mention_parties(m: Mention, ctx: DocContext, lex: Lexicon) -> Candidates:
    """The parties said around ``m`` (read in step 2, once its actions are known, and
    kept on it: coreference compares them, ``choose_parties`` chooses from them)."""
    clause: list[Party] = complement_parties(m, ctx, lex)
    rejected: list[tuple[Party, str]] = []
    for c in m.head.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            for g in c.children:
                clause += [p for p in parties_of(actors(g, ctx, lex), g, "party.for")
                           if p.ref[0] == "country"]
    for action in m.actions:
        found = _clause_parties(action.token, m, ctx, lex, action.verbal)
        if action.rule == "stage.agent":  # "A is a signatory to X": A
            found += [p for h in holders(action.token, lex.negations)
                      for p in parties_of(actors(h, ctx, lex, names=True), h, "party.bound")]
        if action.kind == "implemented":
            rejected += [(p, "implementing an agreement makes no party to it") for p in found]
        else:
            clause += found
        if action.verbal:
            clause += [p for g in _joined(action.token)
                       for p in parties_of(actors(g, ctx, lex), g, "party.joined")]
    clause += [p for g in listed_signatories(m.head, lex)
               for p in parties_of(actors(g, ctx, lex), g, "party.signatories")]
    return Candidates(dedupe(_name_parties(m, ctx, lex)), dedupe(clause), rejected)


def _name_parties(m: Mention, ctx: DocContext, lex: Lexicon) -> list[Party]:
    """Countries and organizations in the agreement's own name, up to its head word."""
    doc = m.head.doc
    out: list[Party] = []
    start = m.span.start
    if start >= 2 and doc[start - 1].text in ("-", "\u2013") and start - 2 in ctx.country_at:
        # "Japan–US Treaty": the parser split the compound at the dash
        out.append(Party(("country", ctx.country_at[start - 2]), doc[start - 2], "party.name"))
    for tok in doc[m.span.start:m.head.i + 1]:
        rule = "party.possessive" if _possessive(tok, lex) else "party.name"
        if tok.i in ctx.places:
            continue  # "the Juba Peace Agreement": where it was concluded
        if tok.i in ctx.country_at and not re.search(r"\S[-\u2013]\w", tok.text):
            out.append(Party(("country", ctx.country_at[tok.i]), tok, rule))
        elif tok.i in ctx.org_at and tok.dep_ in ("poss", "compound", "nmod") \
                and ctx.org_at.get(m.head.i) != ctx.org_at[tok.i]:  # not the League itself
            out.append(Party(ctx.org_at[tok.i], tok, rule))
        elif "-" in tok.text or "\u2013" in tok.text:
            for part in re.split(r"[-\u2013]", tok.text):
                iso = lex.combining.get(part.lower()) or lookup_country(part, lex)
                if iso:
                    out.append(Party(("country", iso), tok, "party.name"))
        elif tok.lower_ in lex.combining and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-":
            out.append(Party(("country", lex.combining[tok.lower_]), tok, "party.name"))
    if m.named and len({p.ref for p in out}) < 2:
        # an organization in an instrument's name ("the WTO Agreement", "the UN Charter")
        # is not its party unless the text says so; a name that pairs two says so
        out = [p for p in out if p.ref[0] != "organization" or p.rule != "party.name"]
    return out


def _possessive(tok: Token, lex: Lexicon) -> bool:
    """"Turkey's loan agreement": the name's owner, by the parse or the "'s" after it."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.dep_ == "poss" or nxt is not None and nxt.text in lex.possessives


def complement_parties(m: Mention, ctx: DocContext, lex: Lexicon) -> list[Party]:
    """Parties in the noun's own complement: "a trade protocol with the US", "the
    agreement between Egypt and Israel"; also in what the text says it is: "The Dual
    Alliance was a defensive alliance between A and B"."""
    return [p for n in described(m) for c in n.children
            if c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS
            for g in c.children
            for p in parties_of(actors(g, ctx, lex, names=True), g, f"party.{c.lower_}")]


def not_renamed(comp: list[Party], named: list[Party]) -> list[Party]:
    """A complement that lists as many parties as the name, all but one of them the
    name's, calls the remaining one otherwise ("the Japan-US Treaty ... between the United
    States and the Tokugawa shogunate"): it adds no party."""
    mine, theirs = {p.ref for p in comp}, {p.ref for p in named}
    if len(mine) == len(theirs) and len(mine - theirs) == 1:
        return [p for p in comp if p.ref in theirs]
    return comp


def described(m: Mention) -> list[Token]:
    """The mention's head and what the text says it is ("X was a defensive alliance")."""
    nouns = [m.head]
    if m.head.dep_ == "nsubj" and m.head.head.lemma_ == "be":
        nouns += [c for c in m.head.head.children if c.dep_ == "attr"]
    return nouns


def _joined(verb: Token) -> list[Token]:
    """Those one joins in signing: "Bahrain joins A and B in signing X"; "Rwanda signed X,
    joining A and B"."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "in" and verb.head.head.lemma_ == "join":
        join = verb.head.head
    elif verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_ == "join":
        join = verb.head  # "A joined B and C to form X"
    else:
        join = next((c for c in verb.children if c.dep_ in ("advcl", "conj")
                     and c.lemma_ == "join" and c.tag_ == "VBG"), None)
    return [c for c in join.children if c.dep_ == "dobj"] if join is not None else []


def _clause_parties(verb: Token, m: Mention, ctx: DocContext, lex: Lexicon,
                    verbal: bool) -> list[Party]:
    found: list[Party] = []
    if verbal:
        for s in subject_of(verb):
            if s.i != m.head.i:
                found += parties_of(actors(s, ctx, lex, names=True), verb, "party.subject")
        if not found and title_case_line(verb):
            found += _headline_subjects(verb, ctx)
        for c in verb.children:
            if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in ("with", "between"):
                rule = "party.agent" if c.dep_ == "agent" else "party.partner"
                for g in c.children:
                    found += [p for p in parties_of(actors(g, ctx, lex, names=True), verb, rule)
                              if not _forum(p, verb, rule)]
    else:
        for c in verb.children:  # "the United States' withdrawal from the treaty"
            if c.dep_ in ("poss", "compound", "amod") and not m.span.start <= c.i < m.span.end:
                found += [Party(("country", x), verb, "party.nominal")
                          for x in countries_in(c, ctx, lex)]
            elif c.dep_ == "prep" and c.lower_ in ("between", "among", "with") \
                    and not m.span.start <= c.i < m.span.end:  # "talks between A and B on"
                found += [p for g in c.children
                          for p in parties_of(actors(g, ctx, lex), g, "party.nominal")]
        if verb.dep_ == "dobj" and not found:  # "A and B held talks on a deal"
            found += [p for s in subject_of(verb.head)
                      for p in parties_of(actors(s, ctx, lex), verb, "party.nominal")]
    return found


def _forum(p: Party, verb: Token, rule: str) -> bool:
    """"The treaty was adopted by the General Assembly": a body that adopts a text is
    where it was negotiated, not a party (the states that sign or ratify it are)."""
    return rule == "party.agent" and verb.lemma_ == "adopt" and p.ref[0] == "organization"


def _headline_subjects(verb: Token, ctx: DocContext) -> list[Party]:
    """"The United States, Colombia, Costa Rica, Ecuador, and Panama Sign a Memorandum":
    in a title-case headline the parser loses the subject; the states and bodies named
    before the verb are its subject."""
    out = []
    for t in verb.doc[verb.sent.start:verb.i]:
        ref = ("country", ctx.country_at[t.i]) if t.i in ctx.country_at else ctx.org_at.get(t.i)
        if ref is not None:
            out.append(Party(ref, verb, "party.headline"))
    return out


def dedupe(items: list[Party]) -> list[Party]:
    seen, out = set(), []
    for p in items:
        if p.ref not in seen:
            seen.add(p.ref)
            out.append(p)
    return out
