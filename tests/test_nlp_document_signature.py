"""The signature block of an agreement's text read line by line from the text alone
(kg.nlp.document.signature): no model needed. Every block here is written for the
purpose."""

import pytest

from kg.nlp.document import closing as end
from kg.nlp.document.signature import signature_block

from test_nlp_document_layout import PACT

DONE = "DONE at Lima, this first day of March two thousand and twelve, in duplicate.\n\n"

# two columns side by side: introductions, placeholders, names in capitals, roles
SIDE_BY_SIDE = DONE + (
    "FOR THE GOVERNMENT OF THE KINGDOM OF UTOPIA:      FOR THE REPUBLIC OF ARCADIA:\n\n"
    "[Signed]                                          [Signed]\n\n"
    "OLAF H. BRENNER                                   Maria QUISPE Rojas\n"
    "Minister of Commerce                              MINISTER OF FOREIGN TRADE\n")

# one under the other: an introduction broken over two lines, a role over two lines
STACKED = DONE + (
    "For the Government of the\n\nKingdom of Utopia\n\n"
    "H.E. OLAF BRENNER\nDeputy Prime Minister and\nMinister of Economy\n\n"
    "For the Republic of Arcadia\n\nAnna Lindqvist\nMinister of Trade\n")

# names before the introductions, in brackets, one cell per line; a role broken word by
# word
NAMES_FIRST = DONE + (
    "(Olaf Brenner)\n\n(Anna Lindqvist)\nTrade Minister\n\nMinister\n\nof\n\nCommerce\n\n"
    "For the Government of Utopia\n\nFor the Government of Arcadia\n")

# a row of two introductions run together over two lines; two names on one line, told
# apart by the surname in capitals
GLUED = DONE + (
    "For the Government  For the Government of the\n\nof Utopia Republic of Arcadia\n\n"
    "Olaf BRENNER Anna Maria LINDQVIST\n\nState Minister    Minister of Trade\n")


def _read(text):
    block = signature_block(text, len(DONE))
    names = [text[slice(*s.name)] for s in block.signers]
    roles = [" ".join(" ".join(text[slice(*r)] for r in s.role).split()) for s in block.signers]
    return block, names, roles


@pytest.mark.parametrize("text,names,roles", [
    (SIDE_BY_SIDE, ["OLAF H. BRENNER", "Maria QUISPE Rojas"],
     ["Minister of Commerce", "MINISTER OF FOREIGN TRADE"]),
    (STACKED, ["OLAF BRENNER", "Anna Lindqvist"],
     ["Deputy Prime Minister and Minister of Economy", "Minister of Trade"]),
    (NAMES_FIRST, ["Olaf Brenner", "Anna Lindqvist"], ["Trade Minister", "Minister of Commerce"]),
    (GLUED, ["Olaf BRENNER", "Anna Maria LINDQVIST"], ["State Minister", "Minister of Trade"]),
], ids=["side-by-side", "stacked", "names-first", "glued"])
def test_nlp_document_signature_names_and_roles(text, names, roles):
    _, found, written = _read(text)
    assert found == names
    assert written == roles


@pytest.mark.parametrize("text,sides", [
    (SIDE_BY_SIDE, [("THE GOVERNMENT OF THE KINGDOM OF UTOPIA", 0, 2),
                    ("THE REPUBLIC OF ARCADIA", 1, 2)]),
    (STACKED, [("the Government of the\n\nKingdom of Utopia", 0, 1),
               ("the Republic of Arcadia", 0, 1)]),
    (GLUED, [("the Government", 0, 2), ("the Government of the", 1, 2)]),
], ids=["side-by-side", "stacked", "glued"])
def test_nlp_document_signature_sides(text, sides):
    block, _, _ = _read(text)
    assert [(text[slice(*s.own)], s.column, s.columns) for s in block.sides] == sides


def test_nlp_document_signature_glued_row_keeps_the_next_line():
    block, _, _ = _read(GLUED)
    assert {GLUED[slice(*s.row)].split("\n")[-1] for s in block.sides} == {
        "of Utopia Republic of Arcadia"}


def test_nlp_document_signature_two_names_in_capitals_on_one_line():
    """Columns want two names where a line holds one run of words: initials after two
    words start the second."""
    text = DONE + "FOR UTOPIA: FOR ARCADIA:\n\nOLAF BRENNER J. K. LINDQVIST\n"
    _, names, _ = _read(text)
    assert names == ["OLAF BRENNER", "J. K. LINDQVIST"]


@pytest.mark.parametrize("text", [
    DONE + "For the purpose of interpreting this Agreement, the English text shall prevail.\n",
    DONE + "The Parties may amend this Agreement.\n",
])
def test_nlp_document_signature_no_block_without_a_party(text):
    assert signature_block(text, len(DONE)) is None


def test_nlp_document_signature_block_of_the_pact():
    found, _ = end.closing(PACT)
    block = signature_block(PACT, found.end)
    assert [PACT[slice(*s.own)] for s in block.sides] == [
        "the Government of the Kingdom of Thailand", "the Government of the Republic of Peru"]
    assert [PACT[slice(*s.name)] for s in block.signers] == ["Somchai Wongsawat", "Maria Quispe"]


# columns run together, as text extraction and cleaning leave them (no wide gaps)
@pytest.mark.parametrize("block,names,roles", [
    ("FOR UTOPIA: FOR ARCADIA:\n\nOLAF H. BRENNER Maria QUISPE Rojas\n\n"
     "Minister of Economy MINISTER OF FOREIGN AFFAIRS\n",
     ["OLAF H. BRENNER", "Maria QUISPE Rojas"], ["Minister of Economy", "MINISTER OF FOREIGN AFFAIRS"]),
    ("For Utopia: For Arcadia:\n\n王小明 Anna Lindqvist\n", ["王小明", "Anna Lindqvist"], ["", ""]),
    ("FOR UTOPIA FOR ARCADIA\n\nOLAF BRENNER ANNA LINDQVIST\n\n"
     "Minister for Foreign Affairs Minister of Trade\n",
     ["OLAF BRENNER", "ANNA LINDQVIST"], ["Minister for Foreign Affairs", "Minister of Trade"]),
    ("For Utopia For Arcadia\n\nOlaf Peter Brenner Anna Maria Lindqvist "
     "Deputy Prime Minister and Minister of Economy Minister of Trade\n",
     ["Olaf Peter Brenner", "Anna Maria Lindqvist"],
     ["Deputy Prime Minister and Minister of Economy", "Minister of Trade"]),
], ids=["case-changes", "script-changes", "even-shares", "names-and-roles-on-one-line"])
def test_nlp_document_signature_columns_run_together(block, names, roles):
    _, found, written = _read(DONE + block)
    assert found == names
    assert written == roles


def test_nlp_document_signature_a_role_open_at_its_end_takes_no_role():
    """A row of introductions run together ends open ("For the Government of the"): the
    line of names and roles under it is not part of it."""
    text = DONE + ("FOR THE GOVERNMENT OF THE FOR THE GOVERNMENT OF THE KINGDOM OF UTOPIA "
                   "REPUBLIC OF ARCADIA\n\nOlaf Peter Brenner Anna Maria Lindqvist "
                   "Minister of Trade Minister of Energy\n")
    block, names, roles = _read(text)
    assert names == ["Olaf Peter Brenner", "Anna Maria Lindqvist"]
    assert roles == ["Minister of Trade", "Minister of Energy"]
    assert all("Brenner" not in text[slice(*s.row)] for s in block.sides)
