"""The paragraph splitter makes blank lines, and the end of a news dateline, hard sentence
boundaries; the parser then respects them. The own side of a document (perspective)."""

import pytest

from handmade import doc
from kg.nlp.document.paragraphs import dateline
from kg.nlp.document.perspective import own_state


def starts(blank, words: list[str]) -> list[str]:
    """The words the splitter alone marks as sentence starts."""
    made = blank.get_pipe("policykg_paragraphs")(doc(blank.vocab, words))
    return [t.text for t in made if t.is_sent_start]


@pytest.mark.parametrize("words, expected", [
    (["Oil", "deal", "signed", "\n\n", "The", "two", "states", "agreed", "."], ["Oil", "The"]),
    (["Joint", "Statement", "\n\n", "Leaders", "met", "."], ["Joint", "Leaders"]),
    (["The", "deal", "was", "signed", "\n", "by", "both", "."], ["The"]),  # one line break
])
def test_nlp_paragraphs_blank_line_starts_a_sentence(blank, words, expected):
    assert starts(blank, words) == expected


def test_nlp_paragraphs_dateline_ends_before_the_story(blank):
    words = ["SYDNEY", ",", "July", "26", "(", "Reuters", ")", "-", "Australia", "and",
             "Britain", "signed", "a", "treaty", "."]
    assert starts(blank, words) == ["SYDNEY", "Australia"]


@pytest.mark.parametrize("text, first_sentence", [
    ("Bolivia and Vietnam sign rice deal\n\nThe two countries agreed on Monday to expand "
     "trade.", "Bolivia and Vietnam sign rice deal"),
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


# The sentence "Statement by Sudan at the General Debate / On behalf of Sudan, we thank the
# Assembly." as the model parses it (two sentences, one per ROOT).
STATEMENT = ["Statement", "by", "Sudan", "at", "the", "General", "Debate", "\n\n", "On", "behalf",
             "of", "Sudan", ",", "we", "thank", "the", "Assembly", "."]
STATEMENT_HEADS = [0, 0, 1, 0, 6, 6, 3, 6, 14, 8, 9, 10, 14, 14, 14, 16, 14, 14]
STATEMENT_DEPS = ["ROOT", "prep", "pobj", "prep", "det", "compound", "pobj", "dep", "prep", "pobj",
                  "prep", "pobj", "punct", "nsubj", "ROOT", "det", "dobj", "punct"]


@pytest.mark.parametrize("title, expected", [
    ("Statement", ("SD", "speaker")),  # a national statement by the state after "by"
    ("Report", ("SD", "speaker")),  # no such title: "on behalf of Sudan, we" says it
])
def test_nlp_perspective_a_statement_speaks_for_its_state(blank, title, expected):
    made = doc(blank.vocab, [title, *STATEMENT[1:]], heads=STATEMENT_HEADS, deps=STATEMENT_DEPS,
               spans={"pkg_countries": [(2, 3, "SD"), (11, 12, "SD")]})
    assert own_state(made) == expected


def test_nlp_perspective_news_has_no_side(blank):
    made = doc(blank.vocab, ["Sudan", "and", "Chad", "met", "."], heads=[3, 0, 0, 3, 3],
               deps=["nsubj", "cc", "conj", "ROOT", "punct"],
               spans={"pkg_countries": [(0, 1, "SD"), (2, 3, "TD")]})
    assert own_state(made) == (None, None)

