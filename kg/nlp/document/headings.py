"""Headings and the other parts of a document's layout that name no one, with one question
for all of them: ``in_layout(doc, i, kinds)``, is token ``i`` on such a line or in such a
span (``layout_tokens`` gives every such token at once). The kinds:

- ``LINE``: a line that ends with no closing punctuation (a title, a headline, a section
  heading), where capitals mean nothing and a tagger runs names into the words after them
  ("Minister X Y Travels to Z"); read from the tokens when asked;
- ``RUN_IN``: a run-in heading, a line that opens with words in title case up to a colon
  and goes on with the text ("Expanding Trade in the Steel Industry: the two sides ...");
  the tokens before the colon; read from the tokens when asked, as ``LINE``;
- ``HEADING``, ``SECTION``, ``PARTY_TERM``: the spans the structure component
  (``policykg_structure``) writes in ``doc.spans[LAYOUT_SPANS]``: heading lines ("ARTICLE
  20" / "General Exceptions"), references to parts of a text ("Articles XIV and XX") and,
  in the text of an agreement, the roles it gives its parties ("each Party"). No person or
  organization is named in them (``NAMES_NOTHING``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.core.constants import LAYOUT_SPANS

LINE = "LINE"
RUN_IN = "RUN_IN"
HEADING = "HEADING"
SECTION = "SECTION"
PARTY_TERM = "PARTY_TERM"
NAMES_NOTHING = (HEADING, SECTION, PARTY_TERM)
# What ends a line of running text (a sentence, a quotation, a list's lead-in).
_CLOSING = frozenset((".", "!", "?", '"', "\u201d", ":", ")", "\u2019"))


def in_layout(doc: Doc, i: int, kinds: tuple[str, ...] = NAMES_NOTHING) -> bool:
    """Whether token ``i`` is on a line or in a span of the layout of one of ``kinds``."""
    if LINE in kinds and _open_line(doc, i):
        return True
    if RUN_IN in kinds and _run_in(doc, i):
        return True
    return any(s.start <= i < s.end for s in doc.spans.get(LAYOUT_SPANS, [])
               if s.label_ in kinds)


def layout_tokens(doc: Doc, kinds: tuple[str, ...] = NAMES_NOTHING) -> set[int]:
    """Every token of ``doc`` on a line or in a span of the layout of one of ``kinds``."""
    out = {i for s in doc.spans.get(LAYOUT_SPANS, []) if s.label_ in kinds
           for i in range(s.start, s.end)}
    if LINE in kinds:
        start = 0
        for end in _line_ends(doc):
            if _open_line(doc, end):
                out.update(range(start, end + 1))
            start = end + 1
    if RUN_IN in kinds:
        out.update(i for i in range(len(doc)) if i not in out and _run_in(doc, i))
    return out


def _line_end(doc: Doc, i: int) -> int:
    """The last token of the line token ``i`` stands on: the first from ``i`` on whose
    text (with its space) holds a line break, else the document's last."""
    while i + 1 < len(doc) and "\n" not in doc[i].text_with_ws:
        i += 1
    return i


def _line_ends(doc: Doc) -> list[int]:
    return [t.i for t in doc if "\n" in t.text_with_ws or t.i == len(doc) - 1]


def _open_line(doc: Doc, i: int) -> bool:
    """The line of token ``i`` (a token that is no space) ends with no closing
    punctuation. A sentence may end in an address, the tokenizer keeping its full stop
    ("... on the website here: https://example.org/page/.")."""
    last = doc[_line_end(doc, i)]
    while last.is_space and last.i > 0:
        last = doc[last.i - 1]
    return last.text not in _CLOSING and not (last.like_url and last.text[-1] in _CLOSING)


def _run_in(doc: Doc, i: int) -> bool:
    """Token ``i`` stands before the colon of a run-in heading: its line opens with at
    least three words in title case (or short lower-case ones) up to a colon that ends
    the sentence token ``i`` opens or continues. Capitals mean nothing there either."""
    start = i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].text != ":":
        if "\n" in doc[end - 1].text_with_ws or doc[end].is_sent_start and end > i + 1:
            return False
        end += 1
    if end >= len(doc):
        return False
    words = [t for t in doc[start:end] if t.is_alpha]
    return len(words) >= 3 and all(t.text[:1].isupper() or len(t) <= 4 and t.is_lower
                                   for t in words)
