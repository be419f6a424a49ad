"""Parties of an agreement, from the syntax around its mentions (where the countries and
organizations are, and which dominate, is in ``kg.nlp.agreement_context``).

Parties, most trusted first: the agreement's own name ("U.S.-Tanzania Air Transport
Agreement", "Anglo-Japanese Friendship Treaty"); its complements ("between X and Y",
"with the IMF", "Turkey's ... agreement"); the clause that acts on it (subject of "signed",
agent of "was ratified by", "signed ... with Y"); "the two countries", "both sides",
"we" resolve to the two actors of the context. With none of these, the countries of the
sentence that reports the action, else the document's main countries.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg.nlp.agreement_context import STATE_BODY_WORDS, Context, context, lookup_country
from kg.nlp.agreement_mentions import after_bracket

AGENT_NOUNS = {"side", "government", "delegation", "president", "minister", "leader",
               "official", "authority", "administration", "ministry", "team", "negotiator",
               "director", "representative", "chairman", "secretary", "king", "kingdom",
               "republic", "state", "prime", "premier", "chancellor", "envoy", "ambassador",
               "head", "chief", "board", "cabinet", "parliament", "people", "member",
               "emperor", "shah", "sultan", "emir", "crown", "prince", "general"}
# Plural subjects that stand for states without naming them.
GROUP_NOUNS = {"state", "country", "nation", "government", "member", "signatory"}
# Nouns whose "of/to" complement is an agreement and whose predicate lists its parties.
SIGNATORY_NOUNS = {"signatory", "party", "member", "signer", "adherent", "participant"}


# -- actors -----------------------------------------------------------------------------
def actors(tok: Token, ctx: Context, lex, depth: int = 0) -> list[tuple[str, str]]:
    """The countries or organizations a noun phrase headed by ``tok`` stands for."""
    if depth > 4:
        return []
    if tok.i in ctx.country_at:
        found = [("country", ctx.country_at[tok.i])]
    elif tok.i in ctx.org_at:
        found = [ctx.org_at[tok.i]]
    elif tok.lower_ in ("we", "us", "our"):
        found = [("country", c) for c in ctx.dominant]
    elif tok.lower_ in lex.collective and any(
            c.lower_ in ("two", "both", "our", "three") for c in tok.children):
        found = pair(tok, ctx)
    else:
        found = []
        agentive = tok.lemma_.lower() in AGENT_NOUNS or tok.ent_type_ == "PERSON"
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and agentive:
                found += [("country", x) for x in _countries_in(c, ctx)]
                found += [ctx.org_at[c.i]] if c.i in ctx.org_at else []
            elif c.dep_ == "prep" and (c.lower_ == "including" or c.lower_ == "of" and agentive):
                for g in c.children:
                    found += actors(g, ctx, lex, depth + 1)
    for c in _list_links(tok, ctx):  # a list is a chain of conjuncts: its length is no depth
        found += actors(c, ctx, lex, depth)
    return found


def _list_links(tok: Token, ctx: Context) -> list[Token]:
    """The next items of a list after ``tok``. The parser hangs the item after a name
    with "of" on its last word ("the Republic of Korea, Luxembourg")."""
    heads = [tok]
    if tok.i in ctx.country_at or tok.i in ctx.org_at:
        heads += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
    return [c for h in heads for c in h.children
            if c.dep_ in ("conj", "appos") and c.pos_ in ("NOUN", "PROPN", "PRON")]


def _countries_in(tok: Token, ctx: Context) -> list[str]:
    if tok.i in ctx.country_at:
        return [ctx.country_at[tok.i]]
    return [c for c in (lookup_country(p) for p in re.split(r"[-\u2013\u2014]", tok.text)) if c]


def pair(tok: Token, ctx: Context) -> list[tuple[str, str]]:
    """"the two countries": two actors named just before in the sentence; else two named
    in the sentence before when one is an organization ("Hamas ... and Fatah. The two
    sides"); else the document's two main countries."""
    doc = tok.doc
    sent = tok.sent
    prev = doc[sent.start - 1].sent if sent.start > 0 else None

    def actors_in(rng) -> list[tuple[str, str]]:
        seen: list[tuple[str, str]] = []
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


def subject_of(v: Token) -> list[Token]:
    """The subject tokens of a verb, through "to"-complements and coordination."""
    for _ in range(4):
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")
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
        if v.dep_ in ("xcomp", "conj", "advcl", "pcomp", "ccomp") or v.dep_ == "prep":
            v = v.head
        else:
            return []
    return []


# -- parties of a cluster ---------------------------------------------------------------
def mention_parties(m, ctx: Context, lex) -> tuple[list, list]:
    """(parties from the name, parties from complements and clause), with evidence token."""
    if m.parties is None:  # asked again and again while clustering: compute once
        m.parties = _mention_parties(m, ctx, lex)
    return m.parties


def _mention_parties(m, ctx: Context, lex) -> tuple[list, list]:
    doc = m.head.doc
    name: list = []
    start = m.span.start
    if start >= 2 and doc[start - 1].text in ("-", "\u2013") and start - 2 in ctx.country_at:
        # "Japan–US Treaty": the parser split the compound at the dash
        name.append((("country", ctx.country_at[start - 2]), doc[start - 2]))
    for tok in doc[m.span.start:m.head.i + 1]:
        if tok.i in ctx.country_at and not re.search(r"\S[-\u2013]\w", tok.text):
            name.append((("country", ctx.country_at[tok.i]), tok))
        elif tok.i in ctx.org_at and tok.dep_ in ("poss", "compound", "nmod"):
            name.append((ctx.org_at[tok.i], tok))
        elif "-" in tok.text or "\u2013" in tok.text:
            for part in re.split(r"[-\u2013]", tok.text):
                iso = lex.combining.get(part.lower()) or lookup_country(part)
                if iso:
                    name.append((("country", iso), tok))
        elif tok.lower_ in lex.combining and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-":
            name.append((("country", lex.combining[tok.lower_]), tok))
    clause: list = complement_parties(m, ctx, lex)
    for c in m.head.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            for g in c.children:
                clause += [(r, g) for r in actors(g, ctx, lex) if r[0] == "country"]
    for status, verb, verbal in m.actions:
        if status != "implemented":  # supporters implement agreements they are not party to
            clause += [(r, verb) for r in _clause_actors(verb, m, ctx, lex, verbal)]
        if verbal:
            clause += [(r, g) for g in _joined(verb) for r in actors(g, ctx, lex)]
    clause += [(r, g) for g in _listed_signatories(m.head) for r in actors(g, ctx, lex)]
    return _dedupe(name), _dedupe(clause)


def complement_parties(m, ctx: Context, lex) -> list:
    """Parties in the noun's own complement: "a trade protocol with the US", "the
    agreement between Egypt and Israel"."""
    return [(r, g) for c in m.head.children
            if c.dep_ == "prep" and c.lower_ in ("between", "with", "among")
            for g in c.children for r in actors(g, ctx, lex)]


def _listed_signatories(head: Token) -> list[Token]:
    """The list in "The other signatories of X are A, B and C" / "A and B are parties to X"
    / "X's members include A and B": for a multilateral accord the text names its parties
    in a sentence of its own."""
    noun = head.head.head if head.dep_ == "pobj" and head.head.lower_ in ("of", "to") else None
    if noun is None or noun.lemma_.lower() not in SIGNATORY_NOUNS:
        return []
    verb = noun.head
    if noun.dep_ == "nsubj" and verb.lemma_ in ("be", "include"):
        return [c for c in verb.children if c.dep_ in ("attr", "dobj")]
    if noun.dep_ == "attr" and verb.lemma_ == "be":
        return [c for c in verb.children if c.dep_ == "nsubj"]
    return []


def _joined(verb: Token) -> list[Token]:
    """Those one joins in signing: "Bahrain joins A and B in signing X"; "Rwanda signed X,
    joining A and B"."""
    join = None
    if verb.dep_ == "pcomp" and verb.head.lower_ == "in" and verb.head.head.lemma_ == "join":
        join = verb.head.head
    else:
        join = next((c for c in verb.children if c.dep_ in ("advcl", "conj")
                     and c.lemma_ == "join" and c.tag_ == "VBG"), None)
    return [c for c in join.children if c.dep_ == "dobj"] if join is not None else []


def _clause_actors(verb: Token, m, ctx: Context, lex, verbal: bool) -> list:
    found = []
    if verbal:
        for s in subject_of(verb):
            if s.i != m.head.i and not (s.dep_ == "nsubjpass" and s.i == m.head.i):
                found += actors(s, ctx, lex)
        for c in verb.children:
            if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in ("with", "between"):
                for g in c.children:
                    found += actors(g, ctx, lex)
    else:
        for c in verb.children:  # "the United States' withdrawal from the treaty"
            if c.dep_ in ("poss", "compound", "amod") and c.i not in range(m.span.start, m.span.end):
                found += [("country", x) for x in _countries_in(c, ctx)]
    return found


def parties_agree(m, cl, lex) -> bool:
    """Whether the parties named around ``m`` fit those named around ``cl``'s mentions."""
    ctx = context(m.head.doc)
    mine = {r for part in mention_parties(m, ctx, lex) for r, _ in part}
    if not mine:
        return True
    theirs = {r for x in cl.mentions for part in mention_parties(x, ctx, lex) for r, _ in part}
    return not theirs or mine <= theirs or theirs <= mine


def _dedupe(items: list) -> list:
    seen, out = set(), []
    for ref, tok in items:
        if ref not in seen:
            seen.add(ref)
            out.append((ref, tok))
    return out


def attach(doc: Doc, cl, lex) -> None:
    """Fill ``cl.parties`` ({ref: token}) for one cluster."""
    ctx = context(doc)
    named, clause = [], []
    for m in cl.mentions:
        if m.nested and not after_bracket(m):
            continue  # a bracketed example's own name still counts
        n, c = mention_parties(m, ctx, lex)
        named += n
        clause += c
    if len({r for r, _ in named}) >= 2:
        # the name settles it, but for a party its own complement adds ("Egypt and Israel
        # seal trade deal ... signed a trade protocol with the US")
        chosen = _dedupe(named + [x for m in cl.mentions if not m.nested
                                  for x in complement_parties(m, ctx, lex)])
    else:
        chosen = _dedupe(named + clause)
    chosen += _bracket_owner(cl, ctx, chosen)
    if not chosen:
        chosen = _sentence_countries(doc, cl, ctx)
    if not chosen and not _unnamed_group_acts(cl, ctx):
        anchor = cl.mentions[0].head
        chosen = [(("country", c), anchor) for c in ctx.dominant]
    chosen = _state_body_for_its_state(chosen, ctx)
    countries = [r for r, _ in chosen if r[0] == "country"]
    if len(chosen) == 1 and countries and not any(x.plural for x in cl.mentions) \
            and not any(t.lower_ == "peace" for x in cl.mentions for t in x.span):
        other = next((c for c in ctx.dominant if c != countries[0][1]), None)
        if other:
            chosen.append((("country", other), cl.mentions[0].head))
    cl.parties = dict(_dedupe(chosen))


def _bracket_owner(cl, ctx: Context, chosen: list) -> list:
    """"similar agreements with the Russians (Treaty of Shimoda, 1855)": the country
    right before the bracket that names the agreement is a party."""
    have = {r for r, _ in chosen}
    for m in cl.mentions:
        i = m.span.start
        if after_bracket(m) and i > 1 and i - 2 in ctx.country_at:
            ref = ("country", ctx.country_at[i - 2])
            if ref not in have:
                return [(ref, m.head)]
    return []


def _unnamed_group_acts(cl, ctx: Context) -> bool:
    """"In 1995 the African states concluded the Treaty of Pelindaba": the parties are a
    group the text does not list, not the countries the document is about."""
    for m in cl.mentions:
        for _, tok, verbal in m.actions:
            if verbal and any(s.tag_ == "NNS" and s.lemma_.lower() in GROUP_NOUNS
                              and s.i not in ctx.country_at for s in subject_of(tok)):
                return True
    return False


def _state_body_for_its_state(chosen: list, ctx: Context) -> list:
    """A ministry named without its state ("the Department of Commerce and Vietnam's
    Ministry of Planning signed") stands for the one of the document's two main countries
    that is not already a party."""
    bodies = [i for i, (r, _) in enumerate(chosen) if r[0] == "organization"
              and set(r[1].lower().split()) & STATE_BODY_WORDS]
    if len(bodies) != 1 or len(ctx.dominant) != 2:
        return chosen
    countries = {r[1] for r, _ in chosen if r[0] == "country"}
    missing = [c for c in ctx.dominant if c not in countries]
    if len(missing) != 1 or len(countries & set(ctx.dominant)) != 1:
        return chosen
    (_, anchor), i = chosen[bodies[0]], bodies[0]
    return chosen[:i] + [(("country", missing[0]), anchor)] + chosen[i + 1:]


def _sentence_countries(doc: Doc, cl, ctx: Context) -> list:
    others = doc.user_data.get("pkg_agreement_spans", [])
    out = []
    for m in cl.mentions:
        if not m.actions or m.nested:
            continue
        for t in m.head.sent:
            inside = any(s <= t.i < e for s, e in others if not s <= m.head.i < e)
            if t.i in ctx.country_at and t.i not in ctx.org_at and not inside:
                out.append((("country", ctx.country_at[t.i]), m.head))
    return _dedupe(out)
