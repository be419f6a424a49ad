"""Whose side the document is written from: the state that speaks or publishes it.

A national statement at the UN ("Statement by Kyrgyzstan at the General Debate"), a
speaker "on behalf of" a state saying "we", or a government's own publication (a readout
or fact sheet that names its government's seat: "the White House", "the State
Department") is written from one state's side. Officials such a text names with an office
but no state are that state's own ("the late President X" in a national statement) unless
the text gives them another. News reports have no side: for them this returns None, and
nothing is guessed.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span

from kg.core.constants import COUNTRY_SPANS
from kg.nlp.lexicons import office_words


@cache
def own_publication() -> re.Pattern:
    """Kinds of text that a government issues about itself, named in their title."""
    return re.compile(office_words().own_publication, re.IGNORECASE)


def own_state(doc: Doc) -> tuple[str | None, str | None]:
    """The ISO code of the state the text speaks for (see the module docstring), and
    whether a "speaker" says so in the first person or a "publisher" by its title; or
    (None, None). A speaker is often the state's leader, so another leader the speaker
    names ("I met with President X") is less likely their own than in a publisher's text."""
    countries = list(doc.spans.get(COUNTRY_SPANS, []))
    spoken = _statement_by(doc, countries) or _on_behalf_of_we(doc, countries)
    if spoken:
        return spoken, "speaker"
    published = _publisher_body(doc)
    return (published, "publisher") if published else (None, None)


def _title(doc: Doc) -> Span | None:
    return next(iter(doc.sents), None)


def _statement_by(doc: Doc, countries: list[Span]) -> str | None:
    """"Statement by Sudan at the General Debate": the state after "by" in the title."""
    title = _title(doc)
    if title is None or not own_publication().match(title.text):
        return None
    by = next((t.i for t in title if t.lower_ == "by"), None)
    if by is None:
        return None
    for span in countries:
        if title.start <= span.start and span.end <= title.end and span.start > by:
            if all(t.lower_ in office_words().by_words for t in doc[by + 1:span.start]):
                return span.label_
            return None
    return None


def _on_behalf_of_we(doc: Doc, countries: list[Span]) -> str | None:
    """"On behalf of the United States, we ...": a speaker's own state, said in the first
    person in the same sentence."""
    starts = {s.start: s for s in countries}
    for tok in doc:
        if tok.lower_ == "behalf" and tok.i >= 1 and doc[tok.i - 1].lower_ == "on" and \
                tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
            k = tok.i + 2 + (tok.i + 2 < len(doc) and doc[tok.i + 2].lower_ == "the")
            if k in starts and any(t.lower_ in office_words().first_person for t in tok.sent):
                return starts[k].label_
    return None


def _publisher_body(doc: Doc) -> str | None:
    """A government's own publication (by its title) that names the seat of exactly one
    government: "Readout of the President's call ... The White House"."""
    title = _title(doc)
    if title is None or not own_publication().match(title.text):
        return None
    text = doc.text.lower()
    states = {iso for body, iso in office_words().government_bodies.items()
              if re.search(rf"\b{re.escape(body)}\b", text)}
    return states.pop() if len(states) == 1 else None
