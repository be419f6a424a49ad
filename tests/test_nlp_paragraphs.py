"""The paragraph splitter makes blank lines, and the end of a news dateline, hard sentence
boundaries."""

import pytest

from kg.nlp.document.paragraphs import dateline


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


@pytest.mark.parametrize("text, after", [
    ("SYDNEY, July 26 (Reuters) - Australia and Britain signed a treaty.",
     "Australia and Britain signed a treaty."),
    ("NEW DELHI (AP) — India and Saudi Arabia signed an agreement.",
     "India and Saudi Arabia signed an agreement."),
    ("WASHINGTON — The United States and Japan agreed.", "The United States and Japan agreed."),
    ("Washington, D.C. (CNN) — The two leaders met.", "The two leaders met."),
    ("Title line\n\nBEIJING, Oct. 3 (Xinhua) -- China and Laos signed a deal.",
     "China and Laos signed a deal."),
])
def test_nlp_paragraphs_dateline_is_cut_off(nlp, text, after):
    assert after in [s.text.strip() for s in nlp(text).sents]


@pytest.mark.parametrize("text", [
    "US and Japan - a new era of partnership.",
    "The treaty - signed in Tokyo - entered into force.",
    "UN Secretary-General António Guterres - who spoke first - welcomed it.",
    "Japan, Australia - Partners in the Pacific",
])
def test_nlp_paragraphs_dash_without_dateline_left_alone(text):
    assert dateline().match(text) is None
