"""What the text reports done to an agreement mention: the governing verb or
nominalisation ("withdrew from the treaty", "signing of the deal"), with the status it
gives, and whether the mention is only cited as a basis ("under the 2008 Framework")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:  # only for annotations: agreement_mentions imports this module
    from kg.nlp.agreement_mentions import Lexicon, Mention

# Verbs of working towards something not yet done: "work towards concluding".
ASPIRING = {"work", "aim", "strive", "move", "look", "progress", "push"}
# Participles said of agreements, not of the things they are about.
SIGNING_VERBS = {"reach", "sign", "conclude", "ink", "seal", "strike", "broker", "clinch"}


def actions(m: Mention, lex: Lexicon) -> list[tuple[str, Token, bool]]:
    g = _governed(m.head, lex)
    out = []
    if g.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative") or (
            g.dep_ == "nsubj" and g.head.lemma_ in ("expire", "enter", "lapse", "take")):
        out += _verb(g.head, lex)
    elif g.dep_ == "pobj" and not in_basis_context(m, lex):
        x = g.head.head
        out += _verb(x, lex) if x.pos_ in ("VERB", "AUX") else _nominal(x, lex)
    elif g.dep_ in ("compound", "nmod"):
        out += _nominal(g.head, lex)
    elif g.dep_ == "nsubj" and m.kind == "pronoun":
        out += _verb(g.head, lex)
    for c in m.head.children:  # "agreements reached by both sides", "that Ukraine has signed"
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX"):
            out += _verb(c, lex)
    if not out:  # the parser hangs the participle on the complement: "an agreement on
        out += _complement_participle(m, lex)  # the nuclear program reached in Vienna"
    if m.kind == "pronoun":
        for c in m.head.head.children:
            if c.dep_ == "advcl" and c.tag_ == "VBN":
                out += _verb(c, lex)
        if any(c.lower_ == "in" for c in m.head.head.children):
            out.append(("in force", m.head.head, True))
    return out


def own_preps(m: Mention) -> list[Token]:
    """The prepositions of the mention's head inside its phrase ("on", "of" of "a
    memorandum of cooperation on chips")."""
    return [p for p in m.head.rights if p.dep_ == "prep" and m.span.start <= p.i < m.span.end]


def _complement_participle(m: Mention, lex: Lexicon) -> list[tuple[str, Token, bool]]:
    for prep in own_preps(m):
        for obj in prep.children:
            for c in obj.children:
                if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_ in SIGNING_VERBS:
                    return _verb(c, lex)
    return []


def _governed(tok: Token, lex: Lexicon) -> Token:
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


def _verb(v: Token, lex: Lexicon) -> list[tuple[str, Token, bool]]:
    if v.dep_ == "xcomp" and v.head.lemma_ in ("fail", "refuse"):
        return []  # "failed to reach an agreement": nothing was done to it
    out = []
    for x in (v, v.head if v.dep_ in ("xcomp", "conj") else None):
        if x is None:
            continue
        status = action_status(x, lex)
        if status and not (x.lemma_ == "enter" and not any(
                c.lower_ == "into" for c in x.children)):
            if status in ("signed", "renewed", "ratified") and future(x):
                status = "planned"  # "will sign", "look forward to relaunching"
            out.append((status, x, True))
            break
    if not out and v.lemma_.lower() in lex.nominals:
        out += _nominal(v, lex)
    return out


def action_status(tok: Token, lex: Lexicon) -> str | None:
    """The status a verb gives, also for a form the lemmatizer does not know
    ("relaunching" -> "relaunche"): its stem without -ing/-ed, with or without -e."""
    status = lex.actions.get(tok.lemma_.lower())
    if status is None:
        low = tok.lower_
        stem = low[:-3] if low.endswith("ing") else low[:-2] if low.endswith("ed") else None
        if stem:
            status = lex.actions.get(stem) or lex.actions.get(stem + "e")
    return status


def future(v: Token) -> bool:
    """Not done yet: "will sign", "to sign", "will work towards concluding", "aims at
    signing"."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "would", "to")
           for c in v.children) or (v.tag_ == "VB" and v.dep_ == "xcomp"):
        return True
    if v.tag_ == "VBG" and v.dep_ == "pcomp":
        prep = v.head
        return prep.lower_ in ("towards", "toward", "at") or prep.head.lemma_ in ASPIRING \
            or prep.head.lower_ == "forward"  # "look forward to relaunching"
    return False


def _nominal(x: Token, lex: Lexicon) -> list[tuple[str, Token, bool]]:
    status = lex.nominals.get(x.lemma_.lower())
    if status is None and x.dep_ == "pobj" and x.head.head.lemma_.lower() in lex.nominals:
        status = lex.nominals[x.head.head.lemma_.lower()]  # "instruments of ratification for"
        x = x.head.head
    return [(status, x, False)] if status else []


def in_basis_context(m: Mention, lex: Lexicon) -> bool:
    g = _governed(m.head, lex)
    if g.dep_ != "pobj":
        return False
    prep, x = g.head, g.head.head
    if prep.lower_ in lex.basis_preps or x.lemma_ in ("accordance", "line", "base", "ground",
                                                      "build", "consistent", "root"):
        return True
    return prep.lower_ in ("of", "to") and x.lemma_.lower() in lex.basis_nouns
