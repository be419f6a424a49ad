"""Dates: ISO forms as precise as the text, relative dates only against the text's own
date, and the date a document states for itself."""

from __future__ import annotations

import pytest

from handmade import doc
from kg.nlp.dates import parse_iso, resolve_relative


@pytest.mark.parametrize("text, iso", [
    ("October 7th, 1879", "1879-10-07"),
    ("21 December 1991", "1991-12-21"),
    ("Sept. 21, 2023", "2023-09-21"),
    ("on 4 July 1776", "1776-07-04"),
    ("May 2022", "2022-05"),
    ("in 1878", "1878"),
    ("2022-03-07", "2022-03-07"),
])
def test_dates_parse_iso_keeps_the_precision_of_the_text(text, iso):
    assert parse_iso(text) == iso


@pytest.mark.parametrize("text", ["March 11", "30 years", "the 1990s", "1-2 weeks",
                                  "2023-2024", "last year", "Tuesday"])
def test_dates_parse_iso_refuses_what_names_no_calendar_date(text):
    assert parse_iso(text) is None


@pytest.mark.parametrize("text, anchor, iso", [
    ("on Tuesday", "2005-01-27", "2005-01-25"),  # the 27th was a Thursday
    ("on Thursday", "2005-01-27", "2005-01-27"),
    ("yesterday", "2005-01-27", "2005-01-26"),
    ("last month", "2005-01-27", "2004-12"),
    ("last year", "2005", "2004"),
    ("on Tuesday", None, None),  # no date in the text: nothing to resolve against
    ("on Tuesday", "2005", None),  # a year is too coarse for a weekday
])
def test_dates_resolve_relative_only_against_the_texts_own_date(text, anchor, iso):
    assert resolve_relative(text, anchor) == iso


@pytest.mark.parametrize("text, published", [
    ("Talks end\n\nGENEVA, March 20, 1987 - Delegates of the two blocs ended talks.",
     "1987-03-20"),
    ("Talks end\n\nGENEVA, March 20 - Delegates of the two blocs ended talks.", None),
    ("Joint statement of the two leaders\n\nWe met in the capital and agreed to work "
     "together.\n\nJune 3, 2019\n\nThe President of Freedonia", "2019-06-03"),
    ("Statement at the General Debate, 2021\n\nMr. President, we are here.", "2021"),
    ("The Alliance (1879)\n\nThe alliance was created by treaty on October 7, 1879.",
     None),
    ("Remarks on trade\n\nDate: 12 May 2020\n\nThe minister spoke.", "2020-05-12"),
])
def test_dates_published_is_the_date_the_text_gives_itself(blank, text, published):
    # the rule reads the text's paragraphs: the tokenizer's Doc is all it needs
    found = blank.get_pipe("policykg_dates")(blank.make_doc(text))
    assert found._.pkg_published == published


def test_dates_spans_carry_iso_forms(blank):
    words = ["The", "treaty", "was", "signed", "on", "December", "26", ",", "1933", "and",
             "took", "effect", "in", "1934", "."]
    ents = ["O"] * 5 + ["B-DATE", "I-DATE", "I-DATE", "I-DATE"] + ["O"] * 4 + ["B-DATE", "O"]
    found = blank.get_pipe("policykg_dates")(doc(blank.vocab, words, ents=ents))
    assert [(s.text, s._.pkg_iso) for s in found.spans["pkg_dates"]] == [
        ("December 26, 1933", "1933-12-26"), ("1934", "1934")]
    assert found._.pkg_dates == ["1933-12-26", "1934"]


def test_dates_only_date_entities_that_name_a_calendar_date(blank):
    words = ["The", "talks", "lasted", "three", "days", "in", "May", "2021", "."]
    ents = ["O"] * 3 + ["B-DATE", "I-DATE", "O", "B-DATE", "I-DATE", "O"]
    found = blank.get_pipe("policykg_dates")(doc(blank.vocab, words, ents=ents))
    assert [s._.pkg_iso for s in found.spans["pkg_dates"]] == ["2021-05"]
