"""Step 5, parties: who is party to each agreement, from the syntax around its mentions.

Most trusted first: the agreement's own name ("U.S.-Tanzania Air Transport Agreement",
"Anglo-Japanese Friendship Treaty", "Turkey's loan agreement"); its complements
("between X and Y", "with the IMF"); the clause that acts on it (subject of "signed",
agent of "was ratified by", "signed ... with Y", "X's withdrawal from"); lists of
signatories. "The two countries", "both sides", "we" resolve to the two actors of the
context. With none of these, the countries of the sentence that reports the action, else
the document's main countries. Each party names its rule (``kg.nlp.agreements.rules``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Token

from kg.nlp.agreements.actors import actors, countries_in, subject_of
from kg.nlp.agreements.context import lookup_country
from kg.nlp.agreements.names import after_bracket, title_case_line
from kg.nlp.agreements.signatories import listed_signatories
from kg.nlp.agreements.types import (COMPLEMENT_PREPS, Actor, Cluster, DocContext, Lexicon,
                                     Mention, Party, Trace)
from kg.core.lexicons import words as lexicon


class Candidates(NamedTuple):
    """The parties read around one mention: from its name, from its complements and
    clause, and those a rule read but left out (with the reason)."""

    name: list[Party]
    clause: list[Party]
    rejected: list[tuple[Party, str]]


def _parties(found: list[Actor], tok: Token, rule: str) -> list[Party]:
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
                clause += [p for p in _parties(actors(g, ctx, lex), g, "party.for")
                           if p.ref[0] == "country"]
    for action in m.actions:
        found = _clause_parties(action.token, m, ctx, lex, action.verbal)
        if action.kind == "implemented":
            rejected += [(p, "implementing an agreement makes no party to it") for p in found]
        else:
            clause += found
        if action.verbal:
            clause += [p for g in _joined(action.token)
                       for p in _parties(actors(g, ctx, lex), g, "party.joined")]
    clause += [p for g in listed_signatories(m.head, lex)
               for p in _parties(actors(g, ctx, lex), g, "party.signatories")]
    return Candidates(_dedupe(_name_parties(m, ctx, lex)), _dedupe(clause), rejected)


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
    return [p for n in _described(m) for c in n.children
            if c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS
            for g in c.children
            for p in _parties(actors(g, ctx, lex, names=True), g, f"party.{c.lower_}")]


def _not_renamed(comp: list[Party], named: list[Party]) -> list[Party]:
    """A complement that lists as many parties as the name, all but one of them the
    name's, calls the remaining one otherwise ("the Japan-US Treaty ... between the United
    States and the Tokugawa shogunate"): it adds no party."""
    mine, theirs = {p.ref for p in comp}, {p.ref for p in named}
    if len(mine) == len(theirs) and len(mine - theirs) == 1:
        return [p for p in comp if p.ref in theirs]
    return comp


def _described(m: Mention) -> list[Token]:
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
                found += _parties(actors(s, ctx, lex, names=True), verb, "party.subject")
        if not found and title_case_line(verb):
            found += _headline_subjects(verb, ctx)
        for c in verb.children:
            if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in ("with", "between"):
                rule = "party.agent" if c.dep_ == "agent" else "party.partner"
                for g in c.children:
                    found += [p for p in _parties(actors(g, ctx, lex, names=True), verb, rule)
                              if not _forum(p, verb, rule)]
    else:
        for c in verb.children:  # "the United States' withdrawal from the treaty"
            if c.dep_ in ("poss", "compound", "amod") and not m.span.start <= c.i < m.span.end:
                found += [Party(("country", x), verb, "party.nominal")
                          for x in countries_in(c, ctx, lex)]
            elif c.dep_ == "prep" and c.lower_ in ("between", "among", "with") \
                    and not m.span.start <= c.i < m.span.end:  # "talks between A and B on"
                found += [p for g in c.children
                          for p in _parties(actors(g, ctx, lex), g, "party.nominal")]
        if verb.dep_ == "dobj" and not found:  # "A and B held talks on a deal"
            found += [p for s in subject_of(verb.head)
                      for p in _parties(actors(s, ctx, lex), verb, "party.nominal")]
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


def _dedupe(items: list[Party]) -> list[Party]:
    seen, out = set(), []
    for p in items:
        if p.ref not in seen:
            seen.add(p.ref)
            out.append(p)
    return out


# -- the parties of an agreement ------------------------------------------------------------
def choose_parties(cl: Cluster, ctx: DocContext, lex: Lexicon, trace: Trace | None = None,
                   clusters: list[Cluster] = ()) -> list[Party]:
    """The parties of one agreement, from what was read around its mentions."""
    named: list[Party] = []
    clause: list[Party] = []
    for m in cl.mentions:
        found = m.parties
        if m.nested and not after_bracket(m):  # a bracketed example's own name still counts
            _reject(trace, cl, found.name + found.clause, "read inside another agreement's name")
            continue
        named += found.name
        clause += found.clause
        for p, reason in found.rejected:
            _reject(trace, cl, [p], reason)
    if len({p.ref for p in named}) >= 2:
        # the name settles it, but for a party its own complement adds ("Egypt and Israel
        # seal trade deal ... signed a trade protocol with the US")
        chosen = _dedupe(named + [p for m in cl.mentions if not m.nested for p in
                                  _not_renamed(complement_parties(m, ctx, lex), named)])
        _reject(trace, cl, [p for p in clause if p.ref not in {c.ref for c in chosen}],
                "the agreement's name already gives its parties")
    else:
        chosen = _dedupe(named + clause)
    chosen += _bracket_owner(cl, ctx, chosen)
    if not chosen and any(a.rule == "stage.title" for m in cl.mentions for a in m.actions):
        chosen = _declarants(cl.first.head.doc, ctx, lex)
    guess = _guessing(cl, ctx)
    if not chosen and ctx.text is None:
        chosen = _sentence_countries(cl, ctx, trace, _claimed(cl, clusters, ctx, lex))
    if not chosen and guess:
        main = [Party(("country", c), _named_near(c, cl, ctx), "party.main") for c in ctx.dominant]
        if _unnamed_group_acts(cl, ctx, lex):
            _reject(trace, cl, main, "the parties are a group of states the text does not list")
        else:
            chosen = main
    chosen = _state_body_for_its_state(chosen, ctx, lex)
    countries = [p.ref for p in chosen if p.ref[0] == "country"]
    if len(chosen) == 1 and countries and not any(x.plural for x in cl.mentions) \
            and not any(t.lower_ in lex.unpaired for x in cl.mentions for t in x.span) \
            and guess and not _listed_between(cl):
        other = _other_side(chosen[0], ctx)
        if other:
            chosen.append(Party(("country", other), _named_near(other, cl, ctx),
                                "party.other-main"))
    return _dedupe(chosen)


def _listed_between(cl: Cluster) -> bool:
    """"the agreement between ruling and opposition party representatives": the text
    lists the parties itself, and no state but the one read is among them."""
    return any(c.dep_ == "prep" and c.lower_ in ("between", "among")
               for x in cl.mentions for n in _described(x) for c in n.children)


def _other_side(one: Party, ctx: DocContext) -> str | None:
    """Who completes an agreement the text gives one party for: the document's other main
    country; in a statement a state makes in the first person, the speaking state for an
    agreement "with" another, and no one for the speaker's own (a multilateral treaty "we
    ratified" is not one with the state named most besides it)."""
    if ctx.speaker is None:
        return next((c for c in ctx.dominant if c != one.ref[1]), None)
    if one.ref[1] != ctx.speaker and one.rule.split(".")[1] in ("with", "partner"):
        return ctx.speaker
    return None


def _guessing(cl: Cluster, ctx: DocContext) -> bool:
    """Whether the document's main countries may be guessed as parties when the text
    names none: not in the text of an agreement (its main countries are its own
    parties, not those of the agreements it cites; nor are the countries of a sentence
    citing one), not for an instrument its name makes multilateral ("the General
    Agreement on Tariffs and Trade", "the WTO Agreement")."""
    return ctx.text is None and not _multilateral(cl, ctx)


def _multilateral(cl: Cluster, ctx: DocContext) -> bool:
    """A name with a word of ``guesses.v1``'s multilateral words, or naming an
    international organization that is not the agreement itself (not "the League")."""
    words = lexicon("guesses.v1").multilateral_words
    for m in cl.mentions:
        if not m.named:
            continue
        name = f" {' '.join(t.lower_ for t in m.span)} "
        itself = ctx.org_at.get(m.head.i)
        if m.head.lemma_.lower() in lexicon("guesses.v1").multilateral_heads or any(
                f" {w} " in name for w in words) or any(
                ctx.org_at.get(t.i, ("", ""))[0] == "organization"
                and ctx.org_at[t.i] != itself for t in m.span):
            return True
    return False


def _reject(trace: Trace | None, cl: Cluster, parties: list[Party], reason: str) -> None:
    if trace is not None:
        for p in parties:
            trace.reject(cl, f"party {p.ref[1]}", p.token.i, f"{reason} ({p.rule})")


def _declarants(doc, ctx: DocContext, lex: Lexicon) -> list[Party]:
    """The declaration the document is: those its "we" lists ("we – the presidents of A,
    B and C – met ...")."""
    for tok in doc:
        if tok.lower_ == "we" and any(c.dep_ == "appos" for c in tok.children):
            return _dedupe([Party(a.ref, tok, "party.declarants")
                            for a in actors(tok, ctx, lex)])
    return []


def _named_near(iso: str, cl: Cluster, ctx: DocContext) -> Token:
    """Where the text names a main country, nearest to the agreement's first mention: the
    sentence that justifies it as a party when no rule read it around the agreement."""
    anchor = cl.first.head
    doc = anchor.doc
    named = [i for i, c in ctx.country_at.items() if c == iso]
    if not named:
        return anchor
    same = [i for i in named if doc[i].sent == anchor.sent]
    return doc[same[0] if same else min(named, key=lambda i: (abs(i - anchor.i), i))]


def _bracket_owner(cl: Cluster, ctx: DocContext, chosen: list[Party]) -> list[Party]:
    """"similar agreements with the Russians (Treaty of Shimoda, 1855)": the country
    right before the bracket that names the agreement is a party."""
    have = {p.ref for p in chosen}
    for m in cl.mentions:
        i = m.span.start
        if after_bracket(m) and i > 1 and i - 2 in ctx.country_at:
            ref = ("country", ctx.country_at[i - 2])
            if ref not in have:
                return [Party(ref, m.head, "party.bracket")]
    return []


def _unnamed_group_acts(cl: Cluster, ctx: DocContext, lex: Lexicon) -> bool:
    """"In 1995 the African states concluded the Treaty of Pelindaba": the parties are a
    group the text does not list, not the countries the document is about."""
    for m in cl.mentions:
        for action in m.actions:
            if action.verbal and any(s.tag_ == "NNS" and s.lemma_.lower() in lex.group_nouns
                                     and s.i not in ctx.country_at
                                     for s in subject_of(action.token)):
                return True
    return False


def _state_body_for_its_state(chosen: list[Party], ctx: DocContext,
                              lex: Lexicon) -> list[Party]:
    """A ministry named without its state ("the Department of Commerce and Vietnam's
    Ministry of Planning signed") stands for the one of the document's two main countries
    that is not already a party."""
    bodies = [i for i, p in enumerate(chosen) if p.ref[0] == "organization"
              and set(p.ref[1].lower().split()) & lex.state_body_words]
    if len(bodies) != 1 or len(ctx.dominant) != 2:
        return chosen
    countries = {p.ref[1] for p in chosen if p.ref[0] == "country"}
    missing = [c for c in ctx.dominant if c not in countries]
    if len(missing) != 1 or len(countries & set(ctx.dominant)) != 1:
        return chosen
    i = bodies[0]
    body = Party(("country", missing[0]), chosen[i].token, "party.state-body")
    return chosen[:i] + [body] + chosen[i + 1:]


def _claimed(cl: Cluster, clusters: list[Cluster], ctx: DocContext, lex: Lexicon
             ) -> dict[int, set]:
    """Per sentence (its start) of ``cl``'s mentions, the actors a clause or a name gives
    another agreement of that sentence ("Italy joined Germany to form the Triple Alliance,
    ..., the second being the Triple Entente, formed in 1907": Italy and Germany are the
    Alliance's)."""
    sents = {x.head.sent.start for x in cl.mentions if x.actions}
    out: dict[int, set] = {}
    for other in clusters:
        if other is cl:
            continue
        for x in other.mentions:
            start = x.head.sent.start
            if start in sents and not x.nested:
                found = x.parties
                out.setdefault(start, set()).update(p.ref for p in found.name + found.clause)
    return out


def _sentence_countries(cl: Cluster, ctx: DocContext, trace: Trace | None,
                        claimed: dict[int, set]) -> list[Party]:
    """The countries of the sentences that report something done to the agreement, but
    those a clause or a name there gives another agreement."""
    out = []
    for m in cl.mentions:
        if not m.actions or m.nested:
            continue
        for t in m.head.sent:
            if t.i not in ctx.country_at or t.i in ctx.org_at or t.i in ctx.places:
                continue
            party = Party(("country", ctx.country_at[t.i]), t, "party.sentence")
            if party.ref in claimed.get(m.head.sent.start, ()):
                _reject(trace, cl, [party], "a party another agreement's clause names there")
            elif any(s <= t.i < e for s, e in ctx.phrases if not s <= m.head.i < e):
                _reject(trace, cl, [party], "named inside another agreement's phrase")
            else:
                out.append(party)
    return _dedupe(out)
