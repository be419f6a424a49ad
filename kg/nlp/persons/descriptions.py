"""Definite descriptions that refer back to a named person: "the Israeli prime minister".

News reports name a person once and then refer to them by office and state ("X's
speech ... pressure grows on the Israeli prime minister"). Such a description, with a
state of its own and no name after it, is a mention of the nearest person named just
before it (same or previous sentences) who has no office yet and no other state; that
person gets the office and state, with the description's sentence as evidence. A
description that completes another noun ("X, the sister of the North Korean leader")
gives the state alone: the office is someone else's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.nlp.persons.titles import Office, TitleParser

# How many sentences back a description may reach for its person.
REACH = 2


def descriptions(doc: Doc, parser: TitleParser) -> list[tuple[int, int, Office]]:
    """(start, end, office) of each "the DEMONYM TITLE" with a state and no name after."""
    found = []
    i = 0
    while i < len(doc) - 2:
        if doc[i].lower_ == "the" and i + 1 in parser.by_start:
            country = parser.by_start[i + 1]
            parsed = parser.parse(country.end, min(len(doc), country.end + 6))
            if parsed is not None:
                end, office = parsed
                nxt = doc[end] if end < len(doc) else None
                if office.role and not office.org and not office.business and not (
                        nxt is not None and (nxt.is_title or nxt.pos_ == "PROPN")):
                    office.country = country.label_
                    if _of_another(doc[end - 1]):
                        office.role = ""  # the state is the person's kin's, not the office
                    found.append((i, end, office))
                    i = end
                    continue
        i += 1
    return found


def _of_another(head: Token) -> bool:
    """A description that completes another noun ("X, the powerful sister of the North
    Korean leader") names someone else than the person that noun describes: its state
    ties X to a state, its office is not X's."""
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN"


def link_descriptions(doc: Doc, parser: TitleParser, persons: list[Span]) -> list[Span]:
    """New person mentions for the descriptions that refer back to a named person."""
    added = []
    sents = {s.start: k for k, s in enumerate(doc.sents)}
    for start, end, office in descriptions(doc, parser):
        here = sents[doc[start].sent.start]
        before = [s for s in persons if s.end <= start
                  and here - sents[s.sent.start] <= REACH]
        if not before:
            continue
        nearest = max(before, key=lambda s: s.start)
        person = nearest._.pkg_person
        mentions = [s for s in persons if s._.pkg_person == person]
        if any(s._.pkg_role for s in mentions) or any(
                s._.pkg_country not in (None, office.country) for s in mentions):
            continue
        span = Span(doc, start + 1, end, label="PERSON")
        span._.pkg_person = person
        span._.pkg_role = office.role or None
        span._.pkg_role_rule = "role.description" if office.role else None
        span._.pkg_country, span._.pkg_country_rule = office.country, "state.description"
        added.append(span)
    return added
