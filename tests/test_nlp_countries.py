"""Country mentions: names, codes, demonyms, capitals; longest match; false friends.

The rules read the words and their capitals, not the model's analysis, so the tests run
the component alone (``blank``) on the tokenizer's Doc or on a Doc built by hand with the
entities the rule reads."""

from __future__ import annotations

import pytest

from handmade import doc
from kg.nlp.countries.gazetteer import load_gazetteer


def codes_by_hand(blank, text: str) -> set[str]:
    """The countries the component alone finds in the tokenizer's Doc of ``text``."""
    doc = blank.get_pipe("policykg_countries")(blank.make_doc(text))
    return {s.label_ for s in doc.spans["pkg_countries"]}


@pytest.mark.parametrize("text, expected", [
    ("The United States and Japan will sign an arrangement.", {"US", "JP"}),
    ("US Secretary of State Antony Blinken said on Thursday.", {"US"}),
    ("The U.S. and the UK agreed.", {"US", "GB"}),
    ("Officials of the Republic of Korea and the Kingdom of Bahrain met.", {"KR", "BH"}),
    ("Turkiye and Czechia signed; so did Türkiye.", {"TR", "CZ"}),
    ("The Soviet Union and the USSR's successor states.", {"SU"}),
    ("Kosovo and Taiwan were not discussed.", {"XK", "TW"}),
])
def test_nlp_countries_names_and_codes(blank, text, expected):
    assert codes_by_hand(blank, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Japanese Foreign Minister Yoshimasa Hayashi spoke.", {"JP"}),
    ("Trade was kept only with the Dutch and the Chinese.", {"NL", "CN"}),
    ("Some 12,000 Palestinians were displaced.", {"PS"}),
    ("The South Sudanese people have shown resilience.", {"SS"}),
    ("It alarmed the then Soviet leadership.", {"SU"}),
])
def test_nlp_countries_demonyms(blank, text, expected):
    assert codes_by_hand(blank, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Beijing's provocative actions worried Washington.", {"CN", "US"}),
    ("As President Biden said in Vilnius last year.", {"LT"}),
    ("The leaders met in Kuala Lumpur on Sunday.", {"MY"}),
])
def test_nlp_countries_capitals_and_cities(blank, text, expected):
    assert codes_by_hand(blank, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("North Korea fired a missile at South Korea.", {"KP", "KR"}),
    ("South Sudan and Sudan and Papua New Guinea.", {"SS", "SD", "PG"}),
    ("China and Latin America traded in the South China Sea.", {"CN"}),
    ("Ships crossed the Indian Ocean to New Mexico.", set()),
    ("They meet the goals of the Paris Agreement.", set()),
    ("The treaty was signed in the English language.", set()),
    ("He ate turkey in china bowls.", set()),
    ("Brussels decided; the summit was held in Brussels.", {"BE"}),
])
def test_nlp_countries_false_friends(blank, text, expected):
    assert codes_by_hand(blank, text) == expected


def test_nlp_countries_hyphenated_token_gives_both(blank):
    assert codes_by_hand(blank, "The U.S.-Bahrain Strategic Dialogue met.") == {"US", "BH"}


def test_nlp_countries_longest_match_span(blank):
    doc = blank.get_pipe("policykg_countries")(blank.make_doc("North Korea's latest launch."))
    assert [(s.text, s.label_) for s in doc.spans["pkg_countries"]] == [("North Korea", "KP")]


@pytest.mark.parametrize("ents, expected", [
    (["B-PERSON", "I-PERSON", "O", "O"], set()),  # a person's name, as the NER says
    (None, {"JO"}),
])
def test_nlp_countries_name_inside_a_person_name_is_no_country(blank, ents, expected):
    made = doc(blank.vocab, ["Jordan", "Peterson", "spoke", "."], ents=ents)
    found = blank.get_pipe("policykg_countries")(made).spans["pkg_countries"]
    assert {s.label_ for s in found} == expected


def test_nlp_countries_gazetteer_lookup():
    gaz = load_gazetteer()
    assert gaz.lookup("Japanese") == "JP"
    assert gaz.lookup("US") == "US" and gaz.lookup("us") is None
    assert gaz.lookup("Dominican") == "DO"  # ambiguous demonym: the larger country
    assert gaz.lookup("Jerusalem") is None
