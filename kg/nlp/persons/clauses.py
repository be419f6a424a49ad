"""Offices and states a clause gives a person, beyond a title next to the name: a title in
the plural before a list of names ("American delegates X and Y"), an office held "as"
("X served as Executive Secretary"), a predecessor's or successor's office ("his
predecessor, Y"). Parsing with ``kg.nlp.persons.titles``; the ``policykg_offices``
component (``kg.nlp.persons.office_linker``) applies them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.nlp.lexicons import common_words, office_words
from kg.nlp.persons.roles import past_office
from kg.nlp.persons.titles import (WINDOW, Office, TitleParser, is_plural_head,
                                   skip_honorifics_back)

# What may stand between two names of one list: narrower than the lexicon's
# ``coordination`` (which also lets "of", "the", "their" through inside a title).
LIST_SEPARATORS = frozenset({",", "and"})


def held_as(doc: Doc, parser: TitleParser, persons: list[Span],
            offices: dict[str, list[tuple[Span, Office | None]]], named: set[str]) -> None:
    """A person no title names who holds an office "as" ("X served as Executive
    Secretary") holds it at every mention (`role.as`); its state, when the title gives
    one the text names."""
    for person, office in as_titles(parser, persons).items():
        mentions = offices.get(person, [])
        if any(o and o.role for _, o in mentions):
            continue
        office.rule = "role.as"
        office.country_rule = "state.title"
        if office.country not in named:
            office.country = None
        for k, (span, old) in enumerate(mentions):
            span._.pkg_role, span._.pkg_role_rule = office.role, office.rule
            if old is None or not old.country:
                span._.pkg_country = office.country
                span._.pkg_country_rule = office.country_rule if office.country else None
            mentions[k] = (span, office)


def predecessors(persons: list[Span]) -> None:
    """"Home Secretary X ... his predecessor, Y": Y, given no office or state, held X's
    office (not a former one) for X's state."""
    for span, held in office_relations(persons):
        mine = [s for s in persons if s._.pkg_person == span._.pkg_person]
        if any(s._.pkg_role or s._.pkg_country for s in mine):
            continue
        role = next((s._.pkg_role for s in held if s._.pkg_role
                     and not past_office(s._.pkg_role)), None)
        placed = next((s for s in held if s._.pkg_country), None)
        for s in mine:
            if role:
                s._.pkg_role, s._.pkg_role_rule = role, "role.predecessor"
            if placed is not None:  # a guess stays a guess the knowledge base may correct
                s._.pkg_country = placed._.pkg_country
                s._.pkg_country_rule = placed._.pkg_country_rule \
                    if placed._.pkg_country_rule == "state.context" else "state.predecessor"


def list_heads(doc: Doc, persons: list[Span]) -> dict[int, int]:
    """The start of the first name of each list of names ("X, Y and Z": only commas and
    "and" between them, or a place each name is from: "X of Ohio, Y of Utah"), by the
    start of each name in a list of two or more."""
    heads: dict[int, int] = {}
    spans = sorted(persons)
    for a, b in zip(spans, spans[1:]):
        between = _without_place(doc[a.end:b.start])
        if 0 < len(between) <= 2 and all(t.lower_ in LIST_SEPARATORS for t in between):
            heads[b.start] = heads.setdefault(a.start, a.start)
    return heads


def _without_place(between: Span) -> list[Token]:
    """The words between two names of a list, without an "of PLACE" after the first
    (capitalised words up to the comma)."""
    words = list(between)
    if len(words) > 2 and words[0].lower_ == "of" and words[1].is_title:
        k = 1
        while k < len(words) and words[k].is_title:
            k += 1
        return words[k:]
    return words


def list_title(parser: TitleParser, head: int) -> tuple[int, Office] | None:
    """A title in the plural before a list of names is each one's: "American delegates
    X and Y", "Burmese military officials X and Y" (not a company's officers: "business
    leaders X and Y" hold no office)."""
    doc = parser.doc
    start = skip_honorifics_back(doc, head)
    found = parser.before(start, plural=True) or _introduced(parser, start)
    return None if found is None or found[1].business else found


def _introduced(parser: TitleParser, start: int) -> tuple[int, Office] | None:
    """A list after a colon that a plural title introduces as the subject of "be": "The
    delegates who signed it were: X, Y and Z"."""
    doc = parser.doc
    if start < 2 or doc[start - 1].text != ":" or doc[start - 2].lemma_ != "be":
        return None
    verb = doc[start - 2]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not is_plural_head(subject):
        return None
    for i in range(subject.left_edge.i, subject.i + 1):
        found = parser.parse(i, subject.i + 1, plural=True)
        if found and found[0] == subject.i + 1:
            return i, found[1]
    return None


def office_relations(persons: list[Span]) -> list[tuple[Span, list[Span]]]:
    """(the person, the mentions of the one whose office they held before or after):
    "his predecessor, Y", "X's successor Y". "his" is the last person the sentence names
    before it."""
    if not persons:
        return []
    doc, words = persons[0].doc, office_words()
    starts = {s.start: s for s in persons}
    out = []
    for tok in doc:
        if tok.lower_ not in words.office_relations:
            continue
        k = tok.i + 1 + (tok.i + 1 < len(doc) and doc[tok.i + 1].text == ",")
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if k not in starts or owner is None:
            continue
        if owner.pos_ == "PRON":  # "his predecessor": the last person named before
            held = _last_named_before(persons, tok)
        else:
            held = next((s for s in persons if s.start <= owner.i < s.end), None)
        if held is not None:
            out.append((starts[k], [s for s in persons if s._.pkg_person == held._.pkg_person]))
    return out


def as_titles(parser: TitleParser, persons: list[Span]) -> dict[str, Office]:
    """By person, the office a clause says they hold "as": "X served as the first
    Executive Secretary", "X on his election as President of the General Assembly" (the
    subject of the verb "as" hangs on, or the owner of its noun; "his" is the last person
    the sentence names before it). Not "X described Y as a leader" (the verb's object
    holds it)."""
    doc, out = parser.doc, {}
    for tok in doc:
        if tok.lower_ != "as" or tok.dep_ != "prep":
            continue
        holder = _holder(tok, persons)
        k = tok.i + 1
        while k < len(doc) and (doc[k].lower_ in common_words().articles or (
                doc[k].is_lower and doc[k].like_num)):
            k += 1  # "as the first Executive Secretary": an ordinal is no part of it
        found = parser.parse(k, min(len(doc), k + WINDOW)) if holder is not None else None
        if found and found[1].role:
            out.setdefault(holder._.pkg_person or holder.text, found[1])
    return out


def _holder(prep: Token, persons: list[Span]) -> Span | None:
    gov = prep.head
    if gov.pos_ in {"VERB", "AUX"} and not any(c.dep_ == "dobj" for c in gov.children):
        who = next((c for c in gov.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    elif gov.pos_ == "NOUN":
        who = next((c for c in gov.children if c.dep_ == "poss"), None)
        if who is not None and who.pos_ == "PRON":
            return _last_named_before(persons, who)
    else:
        return None
    return next((s for s in persons if who is not None and s.start <= who.i < s.end), None)


def _last_named_before(persons: list[Span], tok: Token) -> Span | None:
    """The last person the sentence of ``tok`` names before it ("his" refers back to)."""
    before = [s for s in persons if s.sent.start == tok.sent.start and s.end <= tok.i]
    return max(before, key=lambda s: s.start) if before else None
