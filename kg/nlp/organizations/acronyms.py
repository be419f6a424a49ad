"""Acronyms a text defines in brackets after their long form: "unexploded ordnance (UXO)",
"Korean Central News Agency (KCNA)".

The long form is found with Schwartz and Hearst's algorithm ("A simple algorithm for
identifying abbreviation definitions in biomedical text", PSB 2003): reading the acronym's
letters from the last, each must be found in the words before the bracket, in order, the
first letter at the start of a word, within min(|A| + 5, 2 |A|) words. It finds long forms
whose initials alone do not spell the acronym ("UneXploded Ordnance").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&\-]*[A-Z0-9][A-Za-z0-9]*$")


def defined_acronyms(doc: Doc) -> dict[str, Span]:
    """Acronym -> the long form the text brackets it after (the first definition)."""
    found: dict[str, Span] = {}
    for tok in doc[1:-1]:
        if tok.text != "(" or doc[tok.i + 2 if tok.i + 2 < len(doc) else tok.i].text != ")":
            continue
        short = doc[tok.i + 1].text
        if short in found or not ACRONYM.match(short) or sum(c.isupper() for c in short) < 2:
            continue
        long_form = _long_form(doc, tok.i, short)
        if long_form is not None:
            found[short] = long_form
    return found


def _long_form(doc: Doc, bracket: int, short: str) -> Span | None:
    letters = [c for c in short if c.isalnum()]
    reach = min(len(letters) + 5, 2 * len(letters))
    start, words = bracket, 0
    while start > doc[bracket].sent.start and words < reach:
        start -= 1
        if doc[start].is_punct and doc[start].text not in "-&":
            start += 1
            break
        words += doc[start].is_alpha
    window = doc[start:bracket]
    if not len(window):
        return None
    at = _match(letters, window.text)
    if at is None:
        return None
    return doc.char_span(window.start_char + at, window.end_char, alignment_mode="expand")


def _match(letters: list[str], text: str) -> int | None:
    """Where in ``text`` the long form of the acronym ``letters`` starts, or None."""
    s, i = len(letters) - 1, len(text) - 1
    while s >= 0:
        c = letters[s].lower()
        while i >= 0 and (text[i].lower() != c or s == 0 and i > 0 and text[i - 1].isalnum()):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return text.rfind(" ", 0, i + 1) + 1
