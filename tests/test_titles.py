"""kg.reading.titles: which opening line reads as a title, which metadata title is a placeholder."""

from __future__ import annotations

import pytest

from kg.reading.titles import is_date_line, metadata_title, title_line

WRAPPED = ("The delegations of the two governments concluded a third round of talks on the\n"
           "future of the fishing grounds and will meet again before the end of the year.\n")


@pytest.mark.parametrize("text, title", [
    ("Fishing talks end without accord\n\n" + WRAPPED, "Fishing talks end without accord"),
    ("\ufeff\n\n  Fishing   talks end\n\n" + WRAPPED, "Fishing talks end"),  # spaces collapsed
    ("Sen. Roe Backs Fishing Accord\n\n" + WRAPPED, "Sen. Roe Backs Fishing Accord"),
    ("Will the fishing talks resume?\n\n" + WRAPPED, "Will the fishing talks resume?"),
    ("“Fishing accord within reach”\n\n" + WRAPPED, "“Fishing accord within reach”"),
    ("Fishing talks end\n" + WRAPPED, "Fishing talks end"),  # short line over wrapped text
    ("Press Release\n2024-03-04\nFishing talks end\n\n" + WRAPPED, "Fishing talks end"),
    # not titles
    ("Fishing talks in the\n" + WRAPPED, None),  # ends on "the": cut mid-phrase
    ("Fishing talks end, the ministers said\ncontinuing the text on a new line\n", None),
    ("fishing talks end\n\n" + WRAPPED, None),  # starts in lower case
    ("Fishing talks end:\n\n" + WRAPPED, None),
    ("Page 3 of 12\n\n" + WRAPPED, None),
    ("https://example.org/fishing\n\n" + WRAPPED, None),
    ("1. Fishing quotas\n\n" + WRAPPED, None),
    (" ".join(["Fishing"] * 45) + "\n\n" + WRAPPED, None),  # too long for a title
    ("", None),
])
def test_titles_title_line(text, title):
    assert title_line(text) == title


@pytest.mark.parametrize("line, expected", [
    ("WASHINGTON, March 4", True),
    ("Monday, 4 March 2024", True),
    ("March 4th, 2024 at 10:30 am EST", True),
    ("Published: 2024-03-04", True),
    ("March Against Hunger 2024", False),  # a month name among other words
    ("The May 2024 Accord", False),
    ("2024", False),  # a year alone may be a heading
])
def test_titles_date_lines(line, expected):
    assert is_date_line(line) is expected


@pytest.mark.parametrize("value, expected", [
    ("  Fishing\n accord ", "Fishing accord"),
    ("Microsoft Word - accord_v2.docx", None),
    ("accord-final.pdf", None),
    ("Untitled document", None),
    ("Document1", None),
    ("", None),
    (None, None),
    ("1234", None),
])
def test_titles_metadata_title(value, expected):
    assert metadata_title(value) == expected
