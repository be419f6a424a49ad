"""The paragraph splitter makes blank lines hard sentence boundaries."""

import pytest


@pytest.mark.parametrize("text, first_sentence", [
    ("Venezuela and China sign oil deal\n\nThe two countries agreed on Monday to expand "
     "trade.", "Venezuela and China sign oil deal"),
    ("Joint Statement\n\nThe leaders met in Washington.", "Joint Statement"),
])
def test_nlp_paragraphs_headline_is_its_own_sentence(nlp, text, first_sentence):
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[0] == first_sentence
    assert len(sents) >= 2


def test_nlp_paragraphs_single_line_break_left_to_the_parser(nlp):
    doc = nlp("The agreement was signed by the two\nministers in Tokyo.")
    assert len(list(doc.sents)) == 1
