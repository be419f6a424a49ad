"""The agreement lexicon, registered by name (``policykg.agreement_words.v3``): the word
lists of every agreement step in ``data/agreement_words.v3.json`` (its ``about`` and
``notes`` say what each list is for). A changed list is a new file with a new version and
a new registered name, so a pipeline configured with the old name keeps what it had.
Nothing is read at import time."""

from __future__ import annotations

import json
from pathlib import Path

import spacy

DATA = Path(__file__).parent / "data"
META_KEYS = ("about", "notes")  # document the file; not lists


def read_words(path: Path) -> dict:
    """The lists of a lexicon file, without its documentation."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if k not in META_KEYS}


@spacy.registry.misc("policykg.agreement_words.v2")
def agreement_words_v2() -> dict:
    """The lists of the first agreement steps (actions not yet mapped onto the stages)."""
    return read_words(DATA / "agreement_words.v2.json")


@spacy.registry.misc("policykg.agreement_words.v3")
def agreement_words_v3() -> dict:
    """Head words, verbs and nouns of action with their stages and modality, cues of
    basis, parties and terms."""
    return read_words(DATA / "agreement_words.v3.json")
