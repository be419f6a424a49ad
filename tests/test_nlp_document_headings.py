"""Headings and run-in headings read from the tokens (kg.nlp.document.headings): the
kinds of layout where capitals mean nothing. Every text here is written for the purpose."""

import pytest
from spacy.tokens import Doc

from kg.nlp.document.headings import LINE, RUN_IN, in_layout, layout_tokens

RUN_IN_TEXT = "Building New Ports Along the Coast : the two sides will invest ."
PLAIN_TEXT = "The ministers met in Lima : they spoke of ports ."


def _doc(vocab, text: str) -> Doc:
    """A Doc of the words of ``text``, one sentence on one line."""
    words = text.split()
    return Doc(vocab, words=words, sent_starts=[i == 0 for i in range(len(words))])


@pytest.mark.parametrize("text,token,expected", [
    (RUN_IN_TEXT, 1, True),    # "New", before the colon
    (RUN_IN_TEXT, 5, True),    # "Coast"
    (RUN_IN_TEXT, 8, False),   # "two", after the colon
    (PLAIN_TEXT, 3, False),    # a sentence that has a colon, lower-case words before it
])
def test_headings_run_in(blank, text, token, expected):
    doc = _doc(blank.vocab, text)
    assert in_layout(doc, token, (RUN_IN,)) is expected
    assert (token in layout_tokens(doc, (RUN_IN,))) is expected


def test_headings_run_in_stops_at_the_line(blank):
    # the title-case words are on a line of their own; the colon is on the next one
    doc = Doc(blank.vocab, words=["Ports", "Along", "the", "Coast", "\n", "Plans", ":", "more"],
              spaces=[True, True, True, False, False, False, True, False])
    assert not in_layout(doc, 1, (RUN_IN,))
    assert in_layout(doc, 1, (LINE,))  # an open line: the title itself


@pytest.mark.parametrize("last, open_line", [
    ("https://example.org/agreements/.", False),  # a sentence that ends in an address
    ("https://example.org/agreements/", True),    # an address on a line of its own
])
def test_headings_line_ending_in_an_address(blank, last, open_line):
    words = ["More", "is", "on", "the", "Ministry", "of", "Ports", "website", ":", last]
    doc = Doc(blank.vocab, words=words)
    assert in_layout(doc, 4, (LINE,)) is open_line
