"""The persons of an agreement's signature block, as the document structure reads them
(``kg.nlp.document.signature``): names in capitals or mixed case ("KÜRŞAD TÜZMEN",
"Zafer ÇAĞLAYAN") that the model does not take for persons, each with the role written
under or beside it ("Minister of Economy"). A name in capitals is shown in readable case.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.core.constants import AGREEMENT_TEXT
from kg.nlp.document.layout import readable


def _signers(doc: Doc) -> list:
    text = getattr(doc._, AGREEMENT_TEXT) if Doc.has_extension(AGREEMENT_TEXT) else None
    return text.signers if text is not None else []


def signature_tokens(doc: Doc) -> set[int]:
    """The tokens of the signature block (none when the document is no agreement's text)."""
    text = getattr(doc._, AGREEMENT_TEXT) if Doc.has_extension(AGREEMENT_TEXT) else None
    block = text.signature if text is not None else None
    return set(range(block.start, block.end)) if block is not None else set()


def signature_names(doc: Doc, countries: set[int]) -> list[Span]:
    """The names of the signature block as person spans (none that is a country's name)."""
    return [Span(doc, s.name.start, s.name.end, label="PERSON") for s in _signers(doc)
            if not any(i in countries for i in range(s.name.start, s.name.end))]


def signature_roles(doc: Doc) -> dict[int, str | None]:
    """Each name of the signature block, by its first token, with the role written with
    it in readable case ("MINISTER OF ECONOMY" -> "Minister of Economy"), or None."""
    out: dict[int, str | None] = {}
    for s in _signers(doc):
        words = " ".join(part.text for part in s.role).split()
        out[s.name.start] = readable(" ".join(words)).rstrip(",;") if words else None
    return out


def readable_name(name: str) -> str:
    """A name with its words in capitals in readable case ("Kürşad TÜZMEN" -> "Kürşad
    Tüzmen", "L. J. FRANCIS" -> "L. J. Francis"); initials and mixed-case words stay."""
    def word(m: re.Match) -> str:
        w = m.group(0)
        letters = [c for c in w if c.isalpha()]
        if len(letters) < 2 or not all(c.isupper() for c in letters) or re.fullmatch(
                r"(?:[A-Z]\.)+|[IVX]+", w):
            return w  # initials; a king's number ("Charles III")
        return w.replace("İ", "I").title()  # the Turkish dotted capital is a plain i
    return re.sub(r"\S+", word, name)
