"""The layout of a text read from the text alone (kg.nlp.document.layout, .closing): no
model needed. Every text here is written for the purpose."""

import pytest

from kg.nlp.document import closing as end
from kg.nlp.document import layout

PACT = """TRADE AGREEMENT
BETWEEN THE GOVERNMENT OF THE KINGDOM OF THAILAND
AND THE GOVERNMENT OF THE REPUBLIC OF PERU

The Government of the Kingdom of Thailand and the Government of the Republic of Peru (hereinafter referred to as "the Parties"),

DESIRING to deepen their trade;

HAVE AGREED as follows:

ARTICLE 1
Objectives

The objectives of this Agreement are set out below.

ARTICLE 2
General Exceptions

Nothing in this Agreement shall prevent a Party from acting.

ARTICLE 3
Termination

Either Party may denounce this Agreement by written notice.

IN WITNESS WHEREOF, the undersigned, being duly authorized, have signed this Agreement.

DONE at Lima, this first day of March two thousand and twelve, in duplicate.

For the Government of the Kingdom of Thailand:
Somchai Wongsawat

For the Government of the Republic of Peru:
Maria Quispe
"""


def test_nlp_document_layout_headings_with_their_names():
    heads = layout.headings(PACT)
    names = [PACT[h.name[0]:h.name[1]] for h in heads if h.name]
    assert [h.word for h in heads] == ["article"] * 3
    assert names == ["Objectives", "General Exceptions", "Termination"]


def test_nlp_document_layout_heading_word_citing_a_provision_is_no_heading():
    text = "ARTICLE 4\nScope\n\nArticle XXIV of the GATT applies to trade between them.\n"
    assert [h.start for h in layout.headings(text)] == [0]


@pytest.mark.parametrize("text,expected", [
    ("see Articles XIV and XX of the GATT", "Articles XIV and XX"),
    ("listed in Annex I. The Parties", "Annex I."),
    ("under paragraphs 1 and 2 of", "paragraphs 1 and 2"),
])
def test_nlp_document_layout_section_references(text, expected):
    assert [text[a:b] for a, b in layout.section_references(text)] == [expected]


def test_nlp_document_layout_title_and_preamble():
    head = layout.head(PACT, layout.headings(PACT))
    start, stop = layout.title_range(PACT, head.end)
    title = layout.readable(PACT[start:stop], layout.text_words(PACT))
    assert title == ("Trade Agreement between the Government of the Kingdom of Thailand and "
                     "the Government of the Republic of Peru")
    a, b = layout.preamble_range(PACT, head.preamble, len(PACT))
    assert PACT[a:b].startswith("The Government of the Kingdom of Thailand and the Govern")
    assert PACT[a:b].endswith('"the Parties")')


@pytest.mark.parametrize("top,expected", [
    # a title run together with noise and repeated: its last copy, its words apart
    ("XQZ2019FREE TRADE AGREEMENT BETWEEN A AND BFREE TRADE AGREEMENTbetween the Kingdom "
     "of Utopia and the Republic of Arcadia\n\n", "Free Trade Agreement between the Kingdom "
     "of Utopia and the Republic of Arcadia"),
    # title case kept; a bracket of place and date is no part of the title
    ("Agreement on Fisheries between Utopia and Arcadia\n(Capital City, 3 May 1999)\n\n",
     "Agreement on Fisheries between Utopia and Arcadia"),
])
def test_nlp_document_layout_title_noise(top, expected):
    text = top + ("Utopia and Arcadia, hereinafter the Parties, have agreed as follows:\n\n"
                  "ARTICLE 1\nScope\n\nThis Agreement applies to trade between the Parties. "
                  "Trade between them is free under this Agreement, and the Agreement sets out "
                  "how trade between the Kingdom and the Republic grows.\n")
    head = layout.head(text, layout.headings(text))
    start, stop = layout.title_range(text, head.end)
    assert layout.readable(text[start:stop], layout.text_words(text)) == expected


def test_nlp_document_layout_no_title_in_running_text():
    text = ("is governed by the rules of the United Nations Charter. The Parties shall consult."
            "\n\nARTICLE 9\nConsultations\n\nThe Parties shall meet.\n")
    head = layout.head(text, layout.headings(text))
    assert head.end == 0 and head.preamble is None


@pytest.mark.parametrize("clause,iso", [
    ("DONE at Lima, this first day of March two thousand and twelve, in duplicate.",
     "2012-03-01"),
    ("Done in duplicate at Quito on this 28th day of December 1998.", "1998-12-28"),
    ("DONE at Suva on the thirty- first day of October two thousand and three.", "2003-10-31"),
    ("Done at Apia, on November 3, 1995, in two originals.", "1995-11-03"),
    ("DONE at Nuuk, this second day of June of the year twothousandandseventeen.",
     "2017-06-02"),
    ("Done in the City of Riga on 17th of May 2013.", "2013-05-17"),
    ("DONE at ________, this ____ day of ____, 2010.", None),
    ("DONE at ---- on the ---- day of ---- two thousand and nine, in two copies.", None),
])
def test_nlp_document_layout_closing_date(clause, iso):
    text = "ARTICLE 1\nScope\n\nThe Parties shall trade.\n\n" + clause + "\n"
    found, _ = end.closing(text)
    assert found is not None and found.date == iso


def test_nlp_document_layout_closing_without_year_takes_the_header_year():
    text = ("Agreement between Utopia and Arcadia\n(Capital City, 14 March 2003)\n\n"
            "ARTICLE 1\nScope\n\nThe Parties shall trade.\n\n"
            "Done in the city of Capital City, March 14, in two original texts.\n")
    found, _ = end.closing(text)
    assert found.date is None and found.partial == (3, 14)
    assert [(d.stage, d.date) for d in end.date_lines(text, 40)] == [("signed", "2003-03-14")]


def test_nlp_document_layout_dated_header_lines():
    text = ("Free Trade Agreement between Utopia and Arcadia\n\nDate of signing: May 4, 1993\n\n"
            "Effective date: January 1, 1995\n\nThe Government of Utopia ...\n")
    assert [(d.stage, d.date) for d in end.date_lines(text, 48)] == [
        ("signed", "1993-05-04"), ("in force", "1995-01-01")]
