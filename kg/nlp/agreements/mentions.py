"""Step 1, mentions: noun phrases headed by an agreement word ("five-year arrangement",
"Treaty of Shimoda", "MoU"), names the text says an agreement is known by, acronyms the
text defines for them ("the INF"), and "it" where its clause is about an agreement
("Signed in 1972, it was in force ...")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.core.constants import NOMINAL_DEPS, ORGANIZATION_SPANS, SUBJECT_DEPS
from kg.nlp.agreements.names import (capitalised_left, defined_acronyms, headline_verb,
                                     is_named, known_as_target, opens_line, right_edge,
                                     title_case_line, year_of)
from kg.nlp.agreements.succession import replaces
from kg.nlp.agreements.types import Lexicon, Mention
from kg.nlp.document.headings import LINE, RUN_IN, in_layout


def find_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """Every agreement mention of ``doc``, in text order (actions not yet read)."""
    mentions = [m for m in (_mention(tok, lex) for tok in doc if _is_head(tok, lex))
                if not _topic_heading(m)]
    mentions = sorted(mentions + _known_as_names(mentions, lex), key=lambda m: m.head.i)
    _mark_nested(mentions)
    mentions += _acronym_mentions(doc, mentions)
    mentions += _pronoun_mentions(doc, mentions, lex)
    return sorted(mentions, key=lambda m: m.head.i)


def _topic_heading(m: Mention) -> bool:
    """A run-in heading ("Furthering Technology Partnerships: A and B will ...") names the
    topic of the paragraph it opens, no agreement; a title line with a colon (no sentence
    goes on after it: "The X Declaration: Resilience through Partnership") may."""
    return (in_layout(m.span.doc, m.span.end - 1, (RUN_IN,))
            and not in_layout(m.head.doc, m.head.i, (LINE,)))


def _is_head(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower_
    if tok.pos_ not in ("NOUN", "PROPN") and low not in ("mou",) and not _nominal_verb(tok):
        return False
    if low == "terms" and tok.nbor(1).lower_ == "of" if tok.i + 1 < len(tok.doc) else False:
        return tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 2].lower_ == "reference"
    lemma = tok.lemma_.lower()
    if lemma == "deal" and _quantity_idiom(tok, lex):
        return False
    if any(c.dep_ == "amod" and c.lower_ in lex.idioms.get(lemma, ()) for c in tok.children):
        return False  # "the social contract"
    if _written_solid(tok) in lex.heads:  # "a cease-fire": the head word hyphenated
        return True
    if low in lex.heads or lemma in lex.heads:
        return not (tok.dep_ == "compound" and tok.head.lemma_.lower() not in lex.nominals
                    and not tok.head.text.isupper())
    if lemma in lex.weak_heads:
        if tok.is_title and (capitalised_left(tok) or _capitalised_of(tok, lex)) and (
                not title_case_line(tok) or opens_line(tok)):
            return True  # "the Dual Alliance", "League of the Three Emperors"
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        return lemma in lex.weak_heads_agreed and verb.lemma_ in lex.agreeing_verbs
    verbs = lex.deal_verbs(tok)
    if verbs:  # "placed an order for 30 planes"
        return _object_of(tok, verbs)
    if lemma in lex.signed_documents:  # "the statement signed by the three leaders"
        return _signed(tok, lex.signed_documents[lemma])
    return False


def _object_of(tok: Token, verbs: frozenset[str]) -> bool:
    return tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in verbs


def _signed(tok: Token, verbs: frozenset[str]) -> bool:
    """The object of one of ``verbs``, or the noun a participle of one describes."""
    return _object_of(tok, verbs) or any(
        c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in verbs for c in tok.children)


def _written_solid(tok: Token) -> str:
    """The word a hyphenated compound ends ("cease-fire") written solid ("ceasefire"),
    as head words are listed; else ""."""
    doc, i = tok.doc, tok.i
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return ""
    return doc[i - 2].lower_ + tok.lower_


def _capitalised_of(tok: Token, lex: Lexicon) -> bool:
    """"League of the Three Emperors", "Declaration on Human Rights": a capitalised
    complement names it."""
    return any(c.dep_ == "prep" and c.lower_ in lex.name_preps and any(
        g.text[:1].isupper() for g in c.children) for c in tok.rights)


def _nominal_verb(tok: Token) -> bool:
    """A noun the tagger took for a verb but the parser used as one: "signed a 30-year
    natural gas supply deal" (a determiner and a nominal relation)."""
    return tok.pos_ == "VERB" and tok.dep_ in NOMINAL_DEPS and any(
        c.dep_ == "det" for c in tok.children)


def _quantity_idiom(tok: Token, lex: Lexicon) -> bool:
    """"a great deal of goodwill", "discussed a great deal", "a good deal of": an amount."""
    adjectives = {c.lower_ for c in tok.children if c.dep_ == "amod"}
    following = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
    return bool(adjectives & lex.amount_adjectives) or bool(
        adjectives & lex.amount_adjectives_of) and following == "of"


def _known_as_names(mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """"The Joint Comprehensive Plan of Action (JCPOA), commonly known as the Iran nuclear
    deal": a name that the text says is known as an agreement names one, whatever its
    head word."""
    heads = {m.head.i for m in mentions}
    out = []
    for m in mentions:
        name = known_as_target(m.head, lex)
        if name is not None and name.i not in heads and name.is_title \
                and name.pos_ in ("PROPN", "NOUN") and capitalised_left(name):
            named = _mention(name, lex)
            named.named, named.kind = True, "named"
            out.append(named)
            heads.add(name.i)
    return out


def _mention(head: Token, lex: Lexicon) -> Mention:
    doc = head.doc
    lefts = [c for c in head.lefts if (not c.is_punct or c.text in ("-", "–"))
             and not (c.dep_ == "advmod" and c.tag_ == "RB")]  # not "formally the ..."
    start = min([c.left_edge.i for c in lefts] + [head.i])
    verbs = [c.i for c in lefts if c.pos_ in ("VERB", "AUX")]
    if title_case_line(head):  # in title case the tagger may take the verb for a name word
        verbs += [t.i for t in doc[start:head.i] if headline_verb(t, lex)]
    if verbs:  # a headline parsed as one phrase: "Saudi Arabia and Pakistan sign ... pact"
        start = max(verbs) + 1
    for tok in doc[start:head.i]:
        if "\n" in tok.text_with_ws:  # a heading glued to the next line
            start = tok.i + 1
    opened = [t.i for t in doc[start:head.i] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1]:head.i]):
        start = opened[-1] + 1  # "the United Kingdom (Anglo-Japanese Friendship Treaty"
    while start < head.i and (doc[start].is_punct or doc[start].tag_ == "POS"):
        start += 1
    end = right_edge(head, lex)
    m = Mention(head, doc[start:end])
    det = next((c.lower_ for c in head.lefts if c.dep_ in ("det", "poss")), None)
    proper_chain = sum(1 for c in head.lefts if c.text[:1].isupper() and c.dep_ == "compound")
    indefinite = lex.indefinite
    m.named = is_named(head, start, end, lex) and (det not in indefinite or proper_chain >= 2)
    m.kind = "named" if m.named else "definite" if det in lex.definite or (
        det is not None and det not in indefinite) else "indefinite"
    m.plural = head.tag_ in ("NNS", "NNPS") and not m.named
    words = {t.lower_ for t in doc[start:end]}
    m.marks = words & (lex.distinct | set().union(*lex.contrast))
    m.year = year_of(m, lex)
    m.acronyms = defined_acronyms(m)
    return m


def _mark_nested(mentions: list[Mention]) -> None:
    """A mention inside another's phrase and below its head ("Protocols to the Treaty")."""
    for m in mentions:
        m.nested = any(o is not m and o.span.start <= m.head.i < o.span.end
                       and o.head.is_ancestor(m.head) for o in mentions)


def _acronym_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    # An acronym the organization component claims ("ASEAN" in "... of the ASEAN
    # Observer Team (AOT)") names a body, not the agreement.
    orgs = {s.text for s in doc.spans.get(ORGANIZATION_SPANS, [])}
    defined = {a for m in mentions for a in m.acronyms} - orgs
    covered = {i for m in mentions for i in range(m.span.start, m.span.end)}
    out = []
    for tok in doc:
        if tok.text in defined and tok.i not in covered and doc[tok.i - 1].text != "(":
            out.append(Mention(tok, doc[tok.i:tok.i + 1], kind="acronym"))
    return out


def _pronoun_mentions(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """"it" when its clause is about an agreement: "Signed in 1972, it was in force"."""
    out = []
    heads = {m.head.i for m in mentions}
    for tok in doc:
        if tok.lower_ != "it" or tok.dep_ not in SUBJECT_DEPS:
            continue
        verb = tok.head
        participle = any(c.dep_ == "advcl" and c.tag_ == "VBN" and c.lemma_ in lex.actions
                         for c in verb.children)
        in_force = any(c.lower_ in ("in", "into") and any(
            g.lower_ in lex.force_words for g in c.children)
            for v in [verb, *(c for c in verb.children if c.dep_ == "conj")]
            for c in v.children)
        passive = tok.dep_ == "nsubjpass" and verb.lemma_ in lex.actions
        replacing = replaces(verb, heads, lex)  # "It replaced X and was superseded by Y"
        recent = any(0 < tok.sent.start - m.head.sent.start < 400 or m.head.sent == tok.sent
                     for m in mentions if m.head.i < tok.i)
        if (participle or in_force or passive or replacing) and recent:
            out.append(Mention(tok, doc[tok.i:tok.i + 1], kind="pronoun"))
    return out
