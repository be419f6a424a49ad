"""Paragraph breaks as hard sentence boundaries, set before the parser runs.

The parser otherwise glues a headline without final punctuation ("Venezuela and China
sign oil deal") to the first sentence below it, and every fact read from that sentence
then has the wrong clause structure. ``kg.reading.clean`` has already joined lines broken in the
middle of a sentence, so a blank line that remains is a real break.

A news dateline opening a paragraph ("SYDNEY, July 26 (Reuters) - Australia and ...",
"NEW DELHI (AP) — ...") is cut off as a sentence of its own, or the parser makes the city
the subject and the news agency a party to what follows.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.core.constants import COUNTRY_SPANS
from kg.core.lexicons import words as lexicon


@cache
def dateline() -> re.Pattern:
    """A news dateline opening a paragraph (``data/lexicons/text.v1.json``): a place in
    capitals, or any place followed by a news agency, then a dash."""
    return re.compile(lexicon("text.v1").dateline)


@Language.factory("policykg_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_splitter(nlp: Language, name: str) -> "ParagraphSplitter":
    return ParagraphSplitter()


class ParagraphSplitter:
    def __call__(self, doc: Doc) -> Doc:
        starts = [0]
        for token in doc[:-1]:
            if token.is_space and "\n\n" in token.text:
                doc[token.i + 1].is_sent_start = True
                starts.append(token.i + 1)
        text = doc.text  # joined from every token each time it is asked for: once
        for i in starts:
            match = dateline().match(text, doc[i].idx) if i < len(doc) else None
            if match:  # a dateline is short: the token after it is among the next few
                after = next((t for t in doc[i:i + 40] if t.idx == match.end()), None)
                if after is not None:
                    after.is_sent_start = True
        return doc


def dateline_state(doc: Doc) -> str | None:
    """The country of the place the first news dateline names ("CARACAS, March 12 -"),
    when the countries component placed it: where the story was filed."""
    text = doc.text  # joined from every token each time it is asked for: once
    for sent in doc.sents:
        match = dateline().match(text, sent.start_char)
        if match:
            return next((c.label_ for c in doc.spans.get(COUNTRY_SPANS, [])
                         if sent.start_char <= c.start_char and c.end_char <= match.end()),
                        None)
    return None
