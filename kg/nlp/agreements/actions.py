"""Step 2, actions: what the text reports done to each mention (signed, negotiating,
withdrawn ...): the governing verb or nominalisation ("withdrew from the treaty",
"signing of the deal", "agreements reached by both sides", "was inked"), and whether the
mention is only cited as a basis ("under the 2008 Framework")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.nlp.agreements.types import Action, Lexicon, Mention


def actions(m: Mention, lex: Lexicon) -> list[Action]:
    g = governed(m.head, lex)
    out = []
    if g.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative") or (
            g.dep_ == "nsubj" and g.head.lemma_ in lex.subject_verbs):
        out += _verb(g.head, lex, "stage.verb")
    elif g.dep_ == "pobj" and not in_basis_context(m, lex):
        x = g.head.head
        out += _verb(x, lex, "stage.verb") if x.pos_ in ("VERB", "AUX") else _nominal(x, lex)
    elif g.dep_ in ("compound", "nmod"):
        out += _nominal(g.head, lex)
    elif g.dep_ == "nsubj" and m.kind == "pronoun":
        out += _verb(g.head, lex, "stage.verb")
    for c in m.head.children:  # "agreements reached by both sides", "that Ukraine has signed"
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX"):
            out += _verb(c, lex, "stage.relative")
    if not out:  # the parser hangs the participle on the complement: "an agreement on
        out += _complement_participle(m, lex)  # the nuclear program reached in Vienna"
    if m.kind == "pronoun":
        for c in m.head.head.children:
            if c.dep_ == "advcl" and c.tag_ == "VBN":
                out += _verb(c, lex, "stage.pronoun")
        if any(c.lower_ == "in" for c in m.head.head.children):
            out.append(Action("in force", m.head.head, True, "stage.in-force"))
    return out


def own_preps(m: Mention) -> list[Token]:
    """The prepositions of the mention's head inside its phrase ("on", "of" of "a
    memorandum of cooperation on chips")."""
    return [p for p in m.head.rights if p.dep_ == "prep" and m.span.start <= p.i < m.span.end]


def _complement_participle(m: Mention, lex: Lexicon) -> list[Action]:
    for prep in own_preps(m):
        for obj in prep.children:
            for c in obj.children:
                if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_ in lex.signing_verbs:
                    return _verb(c, lex, "stage.complement")
    return []


def governed(tok: Token, lex: Lexicon) -> Token:
    """The token whose relation to its head says what is done: climb conjuncts,
    appositions and "a number of"."""
    g = tok
    for _ in range(4):
        if g.dep_ in ("conj", "appos") and g.head.pos_ in ("NOUN", "PROPN"):
            g = g.head
        elif g.dep_ == "pobj" and g.head.lower_ == "of" and g.head.head.lower_ in lex.quantity:
            g = g.head.head
        elif g.dep_ == "pobj" and g.head.lower_ in ("as", "including") and \
                g.head.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            g = g.head.head if g.head.head.pos_ != "ADJ" else g.head.head.head
        else:
            break
    return g


def _verb(v: Token, lex: Lexicon, rule: str) -> list[Action]:
    if v.dep_ == "xcomp" and v.head.lemma_ in lex.failing:
        return []  # "failed to reach an agreement": nothing was done to it
    for x in (v, v.head if v.dep_ in ("xcomp", "conj") else None):
        if x is None:
            continue
        kind = action_kind(x, lex)
        if kind and not (x.lemma_ == "enter" and not any(
                c.lower_ == "into" for c in x.children)):
            if kind in lex.future_kinds and future(x, lex):
                return [Action("planned", x, True, "stage.future")]  # "will sign"
            return [Action(kind, x, True, rule)]
    if v.lemma_.lower() in lex.nominals:
        return _nominal(v, lex)
    return []


def action_kind(tok: Token, lex: Lexicon) -> str | None:
    """The kind of action a verb reports, also for a form the lemmatizer does not know
    ("relaunching" -> "relaunche"): its stem without -ing/-ed, with or without -e."""
    kind = lex.actions.get(tok.lemma_.lower())
    if kind is None:
        low = tok.lower_
        stem = low[:-3] if low.endswith("ing") else low[:-2] if low.endswith("ed") else None
        if stem:
            kind = lex.actions.get(stem) or lex.actions.get(stem + "e")
    return kind


def future(v: Token, lex: Lexicon) -> bool:
    """Not done yet: "will sign", "to sign", "will work towards concluding", "aims at
    signing"."""
    if any(c.dep_ == "aux" and c.lower_ in lex.future_auxiliaries for c in v.children) or (
            v.tag_ == "VB" and v.dep_ == "xcomp"):
        return True
    if v.tag_ == "VBG" and v.dep_ == "pcomp":
        prep = v.head
        return prep.lower_ in lex.aspiring_preps or prep.head.lemma_ in lex.aspiring \
            or prep.head.lower_ == "forward"  # "look forward to relaunching"
    return False


def _nominal(x: Token, lex: Lexicon) -> list[Action]:
    kind = lex.nominals.get(x.lemma_.lower())
    if kind is None and x.dep_ == "pobj" and x.head.head.lemma_.lower() in lex.nominals:
        kind = lex.nominals[x.head.head.lemma_.lower()]  # "instruments of ratification for"
        x = x.head.head
    return [Action(kind, x, False, "stage.nominal")] if kind else []


def in_basis_context(m: Mention, lex: Lexicon) -> bool:
    """Cited as a basis or a goal: "under the 2008 Framework", "the goals of the Paris
    Agreement", "in line with the treaty"."""
    g = governed(m.head, lex)
    if g.dep_ != "pobj":
        return False
    prep, x = g.head, g.head.head
    if prep.lower_ in lex.basis_preps or x.lemma_ in lex.basis_heads:
        return True
    return prep.lower_ in ("of", "to") and x.lemma_.lower() in lex.basis_nouns
