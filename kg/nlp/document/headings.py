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
