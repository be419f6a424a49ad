"""Step 5, parties (continued): of the parties read around an agreement's mentions
(``parties.mention_parties``), those of the agreement; and when the text names none
around it, the guesses: the countries of the sentence that reports it, the document's
main countries, the other main country for a bilateral agreement given one party. Each
party names its rule (``kg.nlp.agreements.rules``)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.nlp.agreements.actors import actors, subject_of
from kg.nlp.agreements.names import after_bracket
from kg.nlp.agreements.parties import complement_parties, dedupe, described, not_renamed
from kg.nlp.agreements.types import Cluster, DocContext, Lexicon, Mention, Party, Trace


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
        chosen = dedupe(named + [p for m in cl.mentions if not m.nested for p in
                                  not_renamed(complement_parties(m, ctx, lex), named)])
        _reject(trace, cl, [p for p in clause if p.ref not in {c.ref for c in chosen}],
                "the agreement's name already gives its parties")
    else:
        chosen = dedupe(named + clause)
    chosen += _bracket_owner(cl, ctx, chosen)
    if not chosen and any(a.rule == "stage.title" for m in cl.mentions for a in m.actions):
        chosen = _declarants(cl.first.head.doc, ctx, lex)
    guess = _guessing(cl, ctx, lex)
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
    return dedupe(chosen)


def _listed_between(cl: Cluster) -> bool:
    """"the agreement between ruling and opposition party representatives": the text
    lists the parties itself, and no state but the one read is among them."""
    return any(c.dep_ == "prep" and c.lower_ in ("between", "among")
               for x in cl.mentions for n in described(x) for c in n.children)


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


def _guessing(cl: Cluster, ctx: DocContext, lex: Lexicon) -> bool:
    """Whether the document's main countries may be guessed as parties when the text
    names none: not in the text of an agreement (its main countries are its own
    parties, not those of the agreements it cites; nor are the countries of a sentence
    citing one), not for an instrument its name makes multilateral ("the General
    Agreement on Tariffs and Trade", "the WTO Agreement")."""
    return ctx.text is None and not _multilateral(cl, ctx, lex) and not _attached(cl, ctx)


def _attached(cl: Cluster, ctx: DocContext) -> bool:
    """An instrument of another agreement ("the Protocol on X to the Y Treaty", "the
    protocols for that agreement", "Its protocol"): its parties are that agreement's,
    not the document's main countries."""
    return any(any(c.dep_ == "poss" and c.lower_ == "its" for c in m.head.lefts)
               or any(_in_another_phrase(g, m, ctx) for prep in m.head.children
                      if prep.dep_ == "prep" and prep.lower_ in ("to", "for")
                      for g in prep.children if g.dep_ == "pobj")
               for m in cl.mentions)


def _in_another_phrase(tok: Token, m: Mention, ctx: DocContext) -> bool:
    """``tok`` is inside the phrase of an agreement mention other than ``m``."""
    return any(s <= tok.i < e and (s, e) != (m.span.start, m.span.end) for s, e in ctx.phrases)


def _multilateral(cl: Cluster, ctx: DocContext, lex: Lexicon) -> bool:
    """A name with a word of ``guesses.v1``'s multilateral words, or naming an
    international organization that is not the agreement itself (not "the League")."""
    words = lex.guesses.multilateral_words
    for m in cl.mentions:
        if not m.named:
            continue
        name = f" {' '.join(t.lower_ for t in m.span)} "
        itself = ctx.org_at.get(m.head.i)
        if m.head.lemma_.lower() in lex.guesses.multilateral_heads or any(
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
            return dedupe([Party(a.ref, tok, "party.declarants")
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
    return dedupe(out)
