"""Names folded into comparable forms: their words and their slug. IRIs
(``kg.rdf.iris``), linking names across pieces and documents, and the actor knowledge
base all compare names this way, so "Antony J. Blinken" and "ANTONY J. BLINKEN." are one
name everywhere; text with no Latin letters or digits gets a hash for a slug.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_MAX_SLUG = 80


def digest(text: str, size: int = 16) -> str:
    """A short stable hash of ``text`` (hex, ``size`` characters)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:size]


def fold(name: str) -> str:
    """``name`` lower-cased with accents and compatibility forms folded ("Černochová" ->
    "cernochova"); the form slugs and name comparisons are based on."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


def name_tokens(name: str) -> list[str]:
    """The ASCII words of ``name`` as its slug sees them: "Antony J. Blinken" ->
    ["antony", "j", "blinken"]."""
    return re.findall(r"[a-z0-9]+", fold(name))


def slug(name: str) -> str:
    """A lower-case ASCII slug of ``name``; a hash when the name has no ASCII letters."""
    text = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
    if not text:
        return "x-" + digest(unicodedata.normalize("NFC", name))
    if len(text) > _MAX_SLUG:
        return text[:_MAX_SLUG].rstrip("-") + "-" + digest(text, 8)
    return text
