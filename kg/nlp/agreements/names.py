"""How far an agreement's phrase goes and what it says of itself: whether it is a proper
name, the rest of a name the parser hung elsewhere, its year, the acronyms it defines."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.nlp.agreements.types import Lexicon, Mention


def noun_lemma(tok: Token) -> str:
    """A noun's lemma in lower case; the tagger leaves a plural proper noun as written
    ("the Geneva Conventions", "Instruments of Ratifications" in a title): its singular."""
    low = tok.lemma_.lower()
    if tok.tag_ != "NNPS" or not low.endswith("s") or low.endswith("ss"):
        return low
    return low[:-3] + "y" if low.endswith("ies") else low[:-1]


def title_case_line(tok: Token) -> bool:
    """A headline in title case, where every noun is capitalised (a sentence ending in a
    full stop is none, however many names and titles it holds)."""
    sent = tok.sent
    if sent.text.rstrip().endswith("."):
        return False
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.is_title for t in words) >= 0.8 * len(words)


def capitalised_left(tok: Token) -> bool:
    return any(c.text[:1].isupper() and c.dep_ in ("compound", "amod", "nmod", "poss")
               for c in tok.lefts)


def known_as_target(tok: Token, lex: Lexicon) -> Token | None:
    """The noun "X" of "X, commonly known as <tok>" (also "called", "dubbed", ...)."""
    prep = tok.head
    verb = prep.head
    if tok.dep_ == "pobj" and prep.lower_ == "as" and verb.lemma_ in lex.known_as \
            and verb.dep_ == "acl":
        return verb.head
    return None


def attached_to(g: Token, lex: Lexicon) -> bool:
    """"the adoption of an amendment to the convention": ``g`` (the mention's governed
    token) is what another instrument is made part of; what is done to that instrument
    (its adoption) is not done to this agreement."""
    return g.dep_ == "pobj" and g.head.lower_ == "to" \
        and g.head.head.lemma_.lower() in lex.part_nouns


def after_bracket(m: Mention) -> bool:
    """The mention opens a bracket: "the Russians (Treaty of Shimoda, 1855)"."""
    return m.span.start > 0 and m.head.doc[m.span.start - 1].text == "("


def right_edge(head: Token, lex: Lexicon) -> int:
    """End of the phrase: "of/on/between/with/for/to" complements, "in principle", acl."""
    end = head.i + 1
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in lex.phrase_preps:
            if c.lower_ == "in" and not any(g.lower_ == "principle" for g in c.children):
                break
            if c.lower_ == "on" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children):
                break  # "an agreement on 3 May": when, not what about
            end = _before_conjoined_agreement(c, lex)
            if end <= c.right_edge.i:
                break  # what follows the other agreement is not this one's
        elif c.dep_ == "acl" and c.tag_ in ("VBG", "TO", "VB") or c.dep_ == "acl" and any(
                g.tag_ == "TO" for g in c.lefts):
            if c.tag_ == "VBG" and head.is_title and end > head.i + 1:
                break  # "a Declaration on X launching the Partnership ...": the name ends
            end = c.right_edge.i + 1
        elif c.dep_ in ("appos", "compound") and c.text.isupper():
            end = c.i + 1
        elif not c.is_punct or c.text not in ("(", ")", '"', "'", "\u201c", "\u201d"):
            break
    if end == head.i + 1 and head.is_title:
        end = name_tail(head.doc, end, lex)
    return min(end, head.i + 25)


def _before_conjoined_agreement(prep: Token, lex: Lexicon) -> int:
    """The end of a complement, before another agreement the parser conjoined to its object
    ("an agreement between A and B, and a parallel agreement with C": that one is a
    mention of its own, not a party of this one)."""
    end = prep.right_edge.i + 1
    other = next((t for t in prep.subtree if t.dep_ == "conj" and t.pos_ == "NOUN"
                  and t.lemma_.lower() in lex.heads and t.i > prep.i), None)
    if other is None:
        return end
    end = other.left_edge.i
    doc = prep.doc
    while end > prep.i + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return end


def name_tail(doc: Doc, end: int, lex: Lexicon) -> int:
    """The rest of a name the parser hung elsewhere: "join the Treaty | on the Prohibition
    of Nuclear Weapons" ("on" attached to "join")."""
    if end + 1 >= len(doc) or doc[end].lower_ not in lex.name_preps:
        return end
    k = end + 1
    while k < len(doc) and doc[k].ent_type_ not in ("DATE", "TIME") and (
            doc[k].is_title or _joins_name(doc, k, lex)):
        k += 1
    return k if any(t.is_title for t in doc[end + 1:k]) else end


def _joins_name(doc: Doc, k: int, lex: Lexicon) -> bool:
    """A small word inside a name, before its next capitalised word: "of the Child",
    "Non-Proliferation"."""
    tok = doc[k]
    if tok.text in ("-", "–"):
        return not tok.whitespace_ and k + 1 < len(doc) and doc[k + 1].is_title
    if tok.lower_ not in ("the", "and", *lex.name_preps):
        return False
    nxt = k + 1 + (k + 1 < len(doc) and doc[k + 1].lower_ == "the")
    return nxt < len(doc) and doc[nxt].is_title


def is_named(head: Token, start: int, end: int, lex: Lexicon) -> bool:
    lefts = [c for c in head.lefts if c.i >= start]  # not a headline's subject and verb
    if not head.is_title:
        return False
    if title_case_line(head) and not any(
            c.text[:1].isupper() and c.dep_ == "compound" and len(c) > 1 for c in lefts):
        return heading_name(head, lex)
    if any(lex.year.match(c.text) for c in lefts):
        return True  # "the 1974 Protocol"
    if any(c.text[:1].isupper() and c.dep_ in ("compound", "amod", "nmod", "poss")
           for c in lefts):
        return not all(c.i == head.sent.start for c in lefts if c.text[:1].isupper())
    return any(c.dep_ == "prep" and c.lower_ in lex.name_preps and any(
        g.text[:1].isupper() for g in c.children) for c in head.rights) or (
        head.i + 2 < end and head.nbor(1).lower_ in lex.name_preps
        and head.nbor(1).head.i != head.i and name_tail(head.doc, head.i + 1, lex) > head.i + 1)


def opens_line(tok: Token) -> bool:
    """No verb before ``tok`` on its line: a name at the head of a heading ("Joint
    Declaration by the Prime Ministers of ..."), not a headline's object."""
    return not any(t.pos_ in ("VERB", "AUX") for t in tok.doc[tok.sent.start:tok.i])


def heading_name(head: Token, lex: Lexicon) -> bool:
    """A line of its own that is an agreement's name, as lists of treaties give them:
    "Treaty Between the Government of A and the Government of B on ...", "The Convention
    for the Conservation of X (1972)": the head opens the line and a capitalised
    complement follows it (a headline has its verb before the agreement word, which the
    tagger may take for a name: "A and B Sign the Treaty on X")."""
    before = head.doc[head.sent.start:head.i]
    return opens_line(head) and not any(headline_verb(t, lex) for t in before) and any(
        c.dep_ == "prep" and any(g.text[:1].isupper() for g in c.children)
        for c in head.rights)


def headline_verb(tok: Token, lex: Lexicon) -> bool:
    """"Reach" in "United States and EU Reach Agreement to Address ...": a verb of acting
    on agreements, in the present tense of headlines."""
    low = tok.lower_
    return any(form in lex.actions for form in (low, low[:-1], low[:-2]) if form) \
        and low not in lex.verb_like_heads and tok.i > tok.sent.start


def citation(m: Mention) -> tuple[int, int] | None:
    """The bracket that cites where and when a listed agreement was concluded: "Treaty
    Between A and B on ... (Canberra, 24 November 2003)", "The Convention for X (1972)":
    the bracket right after the phrase, or the last one of a line with no full stop after
    the agreement word (a list item or heading). Token range inside the brackets."""
    doc = m.head.doc
    if m.span.end < len(doc) and doc[m.span.end].text == "(":
        start = m.span.end
    else:
        end = m.head.i + 1
        while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
            end += 1
        line = doc[m.head.i + 1:end]
        if any(t.text == "." for t in line):
            return None
        start = next((t.i for t in reversed(line) if t.text == "("), None)
        if start is None:
            return None
    close = next((t.i for t in doc[start + 1:min(start + 12, len(doc))] if t.text == ")"), None)
    return (start + 1, close) if close is not None else None


def year_of(m: Mention, lex: Lexicon) -> str | None:
    for tok in m.span:
        if lex.year.match(tok.text):
            return tok.text
    for c in m.head.rights:  # "the Harris Treaty of 1858", "(Treaty of Shimoda, 1855)"
        for t in c.subtree:
            if lex.year.match(t.text) and t.i - m.head.i < 8 and not _of_another_thing(t, m):
                return t.text
    cited = citation(m)
    if cited is not None:
        year = next((t.text for t in m.head.doc[cited[0]:cited[1]] if lex.year.match(t.text)
                     and not _of_another_thing(t, m)), None)
        if year:
            return year
    return _bracketed_date_year(m, lex)


def _of_another_thing(year: Token, m: Mention) -> bool:
    """"the convention (the section referring to the 1986 moratorium)": a year that
    modifies another noun than the agreement's (not a date's: "October 9, 1858") dates
    that thing."""
    noun = year.head
    return year.dep_ in ("nummod", "amod", "compound") and noun.i != m.head.i \
        and noun.pos_ in ("NOUN", "PROPN") and noun.ent_type_ != "DATE"


def _bracketed_date_year(m: Mention, lex: Lexicon) -> str | None:
    """The year closing a bracketed name: "(Treaty of Amity and Commerce between France and
    Japan, October 9, 1858)"."""
    doc = m.head.doc
    opened = next((t.i for t in reversed(doc[max(m.span.start - 3, 0):m.head.i + 1])
                   if t.text == "("), None)
    if opened is None:
        return None
    for t in doc[m.span.end:min(m.span.end + 8, len(doc))]:
        if t.text == ")":
            return None
        if lex.year.match(t.text) and t.ent_type_ == "DATE":
            return t.text
    return None


def defined_acronyms(m: Mention) -> set[str]:
    """"(ABM Treaty or ABMT)", "(INF)", "agreement COMCASA" after the mention."""
    doc, out = m.head.doc, set()
    # the bracket may end the phrase itself ("Plan of Action (JCPOA"): then only an
    # acronym of the phrase's words, not "(COP 27)" after "... Convention on Climate Change"
    inner = next((t.i for t in m.span if t.text == "(" and t.i > m.head.i), None)
    i = m.span.end if inner is None else inner
    if i < len(doc) and doc[i].text == "(":
        initials = "".join(t.text[0].upper() for t in doc[m.span.start:i] if t.is_alpha)
        for t in doc[i + 1:min(i + 7, len(doc))]:
            if t.text == ")":
                break
            if t.text.isupper() and len(t) > 1 and (inner is None or _letters_in(t.text,
                                                                                 initials)):
                out.add(t.text)
    for c in m.head.children:
        if c.dep_ in ("appos", "compound") and c.text.isupper() and len(c) > 2:
            out.add(c.text)
    return out


def _letters_in(acronym: str, initials: str) -> bool:
    """Every letter of the acronym among the initials, in order: JCPOA in "The Joint
    Comprehensive Plan of Action"."""
    pos = 0
    for letter in acronym:
        pos = initials.find(letter, pos) + 1
        if pos == 0:
            return False
    return True
