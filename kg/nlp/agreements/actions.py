"""Step 2, actions: what the text reports done to each mention (signed, negotiating,
withdrawn ...): the governing verb or nominalisation ("withdrew from the treaty",
"signing of the deal", "a signatory to the treaty", "agreements reached by both sides",
"was inked", "entered into force"), with its modality ("will sign", "could join", "trying
to reach", "the upcoming signing" are not done yet; "has not been ratified" reports
nothing), and whether the mention is only cited as a basis ("under the 2008 Framework")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.core.constants import SUBJECT_DEPS
from kg.nlp.agreements.bound import copula, holders
from kg.nlp.agreements.names import attached_to, citation, noun_lemma
from kg.nlp.agreements.modality import (AHEAD, conditional_noun, conditional_verb, ending,
                                        governing_verb, in_the_past, modality_words)
from kg.nlp.agreements.types import Action, DocContext, Lexicon, Mention


def actions(m: Mention, lex: Lexicon) -> list[Action]:
    if any(c.dep_ == "det" and c.lower_ in lex.negations for c in m.head.children):
        return []  # "no agreement has been reached": nothing was done to one
    g = governed(m.head, lex)
    out = []
    if g.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative") or (
            g.dep_ == "nsubj" and g.head.lemma_ in lex.subject_verbs):
        out += _verb(g.head, lex, "stage.verb")
        if g.dep_ == "dobj":
            out += [a for v in _raised_object_verbs(g.head) for a in _verb(v, lex, "stage.verb")]
        if not out and g is m.head and _deal_verb(m.head, lex):
            out += _with_modality("agreed", g.head, lex, "stage.deal")
    if g.dep_ in SUBJECT_DEPS:  # "was signed in 1990 and entered into force in 1992"
        for c in _shared_subject_verbs(g.head):
            if c.lemma_ in lex.subject_verbs or g.dep_ == "nsubjpass" and c.tag_ == "VBN":
                out += _verb(c, lex, "stage.verb")
    elif g.dep_ == "pobj" and not in_basis_context(m, lex) and g.head.lower_ != "in" \
            and not attached_to(g, lex):
        x = g.head.head  # not "discussed in that agreement": its content, not the agreement
        out += _verb(x, lex, "stage.verb") if x.pos_ in ("VERB", "AUX") else _nominal(
            x, lex, agent=g.head.lower_ in ("of", "to"))  # "a signatory to", not "from"
    elif g.dep_ in ("compound", "nmod"):
        out += _nominal(g.head, lex)
    elif g.dep_ == "poss":  # "the treaty's ratification", "the pact's signatories"
        out += _nominal(g.head, lex, possessive=True)
    elif g.dep_ == "nsubj" and m.kind == "pronoun":
        out += _verb(g.head, lex, "stage.verb")
    for c in m.head.children:  # "agreements reached by both sides", "that Ukraine has signed"
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX"):
            out += _verb(c, lex, "stage.relative")
    if not out:  # the parser hangs the participle on the complement: "an agreement on
        out += _complement_participle(m, lex)  # the nuclear program reached in Vienna"
    if not out:
        out += _stray_predicate(m, lex)
    if _wanted(g, lex):  # "hopes of a deal being reached", "the need for a deal"
        out = [Action("planned", a.token, a.verbal, "stage.future")
               if a.kind in lex.future_kinds else a for a in out] or [
            Action("planned", g.head.head, False, "stage.future")]
    if m.kind == "pronoun":
        for c in m.head.head.children:
            if c.dep_ == "advcl" and c.tag_ == "VBN":
                out += _verb(c, lex, "stage.pronoun")
        verb = m.head.head
        if in_force(verb, lex) and not _negated(verb, lex):
            ahead = future(verb, lex) or conditional_verb(verb)  # "It shall enter into force"
            out.append(Action(AHEAD, verb, True, "stage.ahead") if ahead else
                       Action("in force", verb, True, "stage.in-force"))
    return out + _modifiers(m, lex)


def _deal_verb(head: Token, lex: Lexicon) -> bool:
    """"made a firm order for 30 aircraft": the verb the deal lexicon says makes the noun
    a deal (``deal_heads``) is what is done to it, though not an action of its own."""
    return head.head.lemma_.lower() in lex.deal_verbs(head)


def document_itself(m: Mention, ctx: DocContext, lex: Lexicon) -> list[Action]:
    """"Joint Declaration by the Prime Ministers of A and B on ..." as a heading of the
    text: the document is the declaration, agreed by those who issue it."""
    sent = m.head.sent
    if m.actions or not m.head.is_title or m.head.lemma_.lower() not in lex.document_heads \
            or sent.text.rstrip().endswith(".") or sent.start not in ctx.paragraph_starts[:3] \
            or any(t.pos_ in ("VERB", "AUX") for t in m.head.doc[sent.start:m.head.i]):
        return []
    return [Action("agreed", m.head, False, "stage.title")]


def cited(m: Mention, ctx: DocContext) -> list[Action]:
    """"Treaty Between A and B on ... (Canberra, 24 November 2003)": a listed agreement
    with the place and day in brackets, as treaty lists cite them, was signed then."""
    span = citation(m)
    if span is None:
        return []
    doc = m.head.doc
    return [Action("signed", doc[d.start], False, "stage.cited") for d in ctx.dates
            if span[0] <= d.start and d.end <= span[1] and not d.relative and len(d.iso) >= 7][:1]


def _stray_predicate(m: Mention, lex: Lexicon) -> list[Action]:
    """"X is a partner, and a Free Trade Agreement with Y entered into force in 2006": a
    verb in the past right after the mention's phrase, with no subject of its own, that
    the parser hung on another word is the mention's predicate."""
    doc = m.head.doc
    if m.span.end >= len(doc) or m.kind in ("pronoun", "acronym"):
        return []
    v = doc[m.span.end]
    if v.tag_ != "VBD" or v.dep_ not in ("acl", "relcl", "conj") or v.head.i == m.head.i \
            or any(c.dep_ in SUBJECT_DEPS for c in v.children):
        return []
    return _verb(v, lex, "stage.verb")


def _raised_object_verbs(v: Token) -> list[Token]:
    """"A and B have signed but not ratified the treaty": the object of the last of
    coordinated verbs is also that of the verbs before it that have none of their own."""
    out = []
    while v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("dobj", "prep") for c in v.head.children):
        v = v.head
        out.append(v)
    return out


def _shared_subject_verbs(v: Token) -> list[Token]:
    """Verbs coordinated with ``v`` that take its subject: "It opened for signature ...
    and entered into force"."""
    return [c for c in v.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
            and not any(s.dep_ in SUBJECT_DEPS for s in c.children)]


def _modifiers(m: Mention, lex: Lexicon) -> list[Action]:
    """"a proposed treaty", "the draft accord": the agreement's own adjective."""
    return [Action(lex.modifier_kinds[c.lower_], c, False, "stage.modifier")
            for c in m.head.lefts if c.dep_ in ("amod", "compound")
            and c.lower_ in lex.modifier_kinds]


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
        elif g is not tok and g.dep_ == "pobj" and g.head.lower_ in lex.phrase_preps \
                and g.head.head.lemma_.lower() in lex.heads:
            # "an agreement between A and B, and a parallel agreement with C": the parser
            # joined the second agreement to B; it is the first's conjunct
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
        if kind and not (x.lemma_ == "enter" and kind != "in force" and not any(
                c.lower_ == "into" for c in x.children)):
            return _with_modality(kind, x, lex, rule)
    if noun_kind(v, lex) is not None:
        return _nominal(v, lex)
    return []


def _with_modality(kind: str, x: Token, lex: Lexicon, rule: str) -> list[Action]:
    """The action as the verb's tense, mood and negation report it."""
    if _negated(x, lex):
        return []  # "has not been ratified", "did not sign"
    ahead = future(x, lex) or conditional_verb(x)
    if ahead and ending(kind):
        # "may denounce", "shall terminate", "will expire", "before entering into force":
        # spoken of, but not done, and no plan to make the agreement either
        return [Action(AHEAD, x, True, "stage.ahead")]
    if kind == "expired":  # "which expires in October": still in force; "expired": ended
        return [Action("in force" if x.tag_ in ("VBZ", "VBP", "VB") else kind, x, True, rule)]
    if kind in ("signed", "agreed") and _effort(x, lex):
        return [Action("negotiating", x, True, "stage.effort")]  # "trying to reach"
    if kind in lex.future_kinds and ahead:
        return [Action("planned", x, True, "stage.future")]  # "will sign", "could join"
    return [Action(kind, x, True, rule)]


def action_kind(tok: Token, lex: Lexicon) -> str | None:
    """The kind of action a verb reports, also for a form the lemmatizer does not know
    ("relaunching" -> "relaunche"): its stem without -ing/-ed, with or without -e; "in
    force" for "entered into force", "took effect", "remains in force"."""
    if in_force(tok, lex):
        return "in force"
    kind = lex.actions.get(tok.lemma_.lower())
    if kind is None:
        low = tok.lower_
        stem = low[:-3] if low.endswith("ing") else low[:-2] if low.endswith("ed") else None
        if stem:
            kind = lex.actions.get(stem) or lex.actions.get(stem + "e")
    return kind


def in_force(tok: Token, lex: Lexicon) -> bool:
    """"entered into force", "came into effect", "remains in force", "took effect",
    "became operative"."""
    lemma = tok.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "effect" for c in tok.children)
    if lemma in ("become", "be", "remain") and any(
            c.dep_ == "acomp" and c.lower_ in lex.force_adjectives for c in tok.children):
        return True
    preps = {"enter": "into", "come": "into", "go": "into", "put": "into", "bring": "into",
             "be": "in", "remain": "in", "stay": "in"}
    prep = preps.get(lemma)
    return prep is not None and any(
        c.dep_ == "prep" and c.lower_ == prep and any(g.lower_ in lex.force_words
                                                      for g in c.children)
        for c in tok.children)


def _negated(v: Token, lex: Lexicon) -> bool:
    return any(c.dep_ == "neg" and c.lower_ in lex.negations for c in v.children)


def _effort(v: Token, lex: Lexicon) -> bool:
    """"trying to reach", "seeking to conclude", "close to striking": the talks are under
    way."""
    if v.dep_ == "pcomp" and v.head.lower_ == "to" and v.head.head.lower_ in lex.near_words:
        return True
    return v.dep_ == "xcomp" and v.head.lemma_ in lex.effort_verbs


def future(v: Token, lex: Lexicon) -> bool:
    """Not done yet: "will sign", "to sign", "could join", "can be concluded", "will work
    towards concluding", "aims at signing"; but not "visited Warsaw to sign"."""
    auxes = {c.lower_ for c in v.children if c.dep_ == "aux"}
    if auxes & lex.modal_auxiliaries or auxes & (lex.future_auxiliaries - {"to"}):
        return True
    if v.tag_ == "VB" and v.dep_ in ("ROOT", "ccomp") and not auxes and not any(
            c.dep_.startswith("nsubj") for c in v.children):
        return True  # an imperative: "Sign the deal!"
    marks = {c.lower_ for c in v.children if c.dep_ == "mark"} & lex.condition_marks
    if marks:  # "before a deal is agreed", "once it is ratified"; not "when it was signed"
        return not (marks <= modality_words().done_marks and in_the_past(v))
    if v.dep_ == "pcomp" and v.head.lower_ in ("of", "for") \
            and v.head.head.lemma_.lower() in lex.aim_nouns:
        return True  # "hopes of a deal being reached"
    if "to" in auxes or v.tag_ == "VB" and v.dep_ == "xcomp":
        return not _purpose_of_a_visit(v, lex)
    if v.tag_ == "VBG" and v.dep_ == "pcomp":
        prep = v.head
        return prep.lower_ in lex.aspiring_preps or prep.head.lemma_ in lex.aspiring \
            or prep.head.lower_ == "forward"  # "look forward to relaunching"
    return False


def _purpose_of_a_visit(v: Token, lex: Lexicon) -> bool:
    """"X visited Warsaw to sign a security agreement": the purpose of a visit
    told in the past reports the act done."""
    head = v.head
    return v.dep_ in ("advcl", "xcomp") and head.tag_ == "VBD" \
        and head.lemma_ in lex.travel_verbs and not _negated(head, lex)


def noun_kind(x: Token, lex: Lexicon, agent: bool = True) -> tuple[str, str] | None:
    """The kind of action a noun reports and the rule that reads it: a noun of action
    of the hand-made list (stage.nominal), one WordNet derives from an action verb
    (stage.derived: "the endorsement of"), or, with ``agent``, a noun of the one who acts
    or is bound (stage.agent: "a signer of", "a signatory to", "a party to")."""
    lemma = noun_lemma(x)
    tables = ((lex.nominals, "stage.nominal"), (lex.derived, "stage.derived"),
              (lex.agents if agent else {}, "stage.agent"))
    return next(((t[lemma], rule) for t, rule in tables if lemma in t), None)


def derived_noun(a: Action, lex: Lexicon) -> bool:
    """The action is read from a noun WordNet derives from an action verb, whatever its
    time made of it. Such a noun may name what the act made ("an amendment to the
    convention", "a proposal for a treaty"): it tells the stage of an agreement reported
    otherwise, but reports none alone, and in a treaty's articles it is a provision."""
    found = None if a.verbal else noun_kind(a.token, lex)
    return found is not None and found[1] == "stage.derived"


def _nominal(x: Token, lex: Lexicon, agent: bool = True,
             possessive: bool = False) -> list[Action]:
    found = noun_kind(x, lex, agent)
    if found is None and x.dep_ == "pobj" and noun_kind(x.head.head, lex, False):
        x = x.head.head  # "instruments of ratification for"
        found = noun_kind(x, lex, False)
    if found is None:
        return []
    kind, rule = found
    if rule == "stage.agent" and not holders(x, lex.negations):
        return []  # "the Parties of the treaty could not agree": no one is said bound
    if possessive and rule == "stage.nominal":
        rule = "stage.possessive"  # "the treaty's ratification", "its withdrawal"
    if conditional_noun(x):
        return [Action(AHEAD, x, False, "stage.ahead")]  # "upon ratification"
    # one bound is so now ("As a signatory to X, we will ..."), unless the copula that
    # makes them one is ahead ("will become a party to X")
    verb = copula(x) if rule == "stage.agent" else governing_verb(x)
    ahead = verb is not None and future(verb, lex)
    if kind in lex.future_kinds and (_aimed_at(x, lex) or ahead and not ending(kind)):
        return [Action("planned", x, False, "stage.future")]  # "the upcoming signing"
    if kind == "expired" and _aimed_at(x, lex):
        return [Action("in force", x, False, "stage.future")]  # "before its expiry"
    if ahead and ending(kind):  # "the termination of this Agreement shall not affect"
        return [Action(AHEAD, x, False, "stage.ahead")]
    return [Action(kind, x, False, rule)]


def _wanted(g: Token, lex: Lexicon) -> bool:
    """The agreement itself is wanted: "hopes of a deal", "the need for a deal", "called
    for a deal"."""
    if g.dep_ != "pobj" or g.head.lower_ not in ("for", "of"):
        return False
    holder = g.head.head
    return holder.lemma_.lower() in (lex.aim_nouns if holder.pos_ in ("NOUN", "PROPN")
                                     else lex.aim_verbs)


def _aimed_at(x: Token, lex: Lexicon) -> bool:
    """A noun of action wanted or ahead, not done: "the upcoming signing", "the desire for
    a swift conclusion of", "called for the signing of"."""
    if any(c.dep_ == "amod" and c.lower_ in lex.planned_modifiers for c in x.children):
        return True
    if x.dep_ != "pobj" or x.head.lower_ not in ("for", "of", "towards", "toward"):
        return False
    holder = x.head.head
    return holder.lemma_.lower() in (lex.aim_nouns if holder.pos_ in ("NOUN", "PROPN")
                                     else lex.aim_verbs)


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
