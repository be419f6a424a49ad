"""Headings: lines of a document that end with no closing punctuation (titles, section
headings), where capitals mean nothing and a tagger runs names into the words after them."""

from __future__ import annotations

from spacy.tokens import Span


def in_heading(span: Span) -> bool:
    """A line with no closing punctuation: a title or section heading."""
    doc = span.doc
    end = span.end - 1
    while end + 1 < len(doc) and "\n" not in doc[end].text_with_ws:
        end += 1
    last = doc[end]
    while last.is_space and last.i > span.start:
        last = doc[last.i - 1]
    return last.text not in (".", "!", "?", '"', "\u201d", ":", ")", "\u2019")


def in_run_in_heading(span: Span) -> bool:
    """A run-in heading: a line that opens with words in title case up to a colon, and
    goes on with the text ("Expanding Trade in the Steel Industry: the two sides ...").
    Capitals mean nothing there either."""
    doc = span.doc
    start = span.start
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    end = span.end
    while end < len(doc) and doc[end].text != ":":
        if "\n" in doc[end - 1].text_with_ws or doc[end].is_sent_start and end > span.end:
            return False
        end += 1
    if end >= len(doc):
        return False
    words = [t for t in doc[start:end] if t.is_alpha]
    return len(words) >= 3 and all(t.text[:1].isupper() or len(t) <= 4 and t.is_lower
                                   for t in words)
