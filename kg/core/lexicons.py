"""Reading the lexicons: word lists and patterns of the rules, as versioned JSON files.

Each file ``kg/nlp/data/lexicons/NAME.vN.json`` is one lexicon: an object of named lists
(or tables, or regular-expression strings), plus ``about`` (what the file is for) and
``notes`` (why an entry holds what it holds). ``read_lexicon(NAME)`` gives its entries as
plain JSON data, ``words(NAME)`` as frozen sets and read-only tables, both cached. The
pipeline's components name their lexicons through registered functions
(``kg.nlp.lexicons``). Nothing is read at import time.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from types import MappingProxyType, SimpleNamespace
from typing import Any

# The files are package data of kg.nlp, whose components use most of them; reading text
# (kg.reading) uses them too, so the reader is here, below both.
LEXICON_DIR = Path(__file__).parents[1] / "nlp" / "data" / "lexicons"
# Keys that document a lexicon file; not lists.
META_KEYS = ("about", "notes")


@cache
def read_lexicon(stem: str) -> dict[str, Any]:
    """The entries of ``data/lexicons/<stem>.json`` ("offices.v2"), without its notes."""
    path = LEXICON_DIR / f"{stem}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"cannot read the lexicon {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise RuntimeError(f"the lexicon {path} is not a JSON object")
    return {k: v for k, v in data.items() if k not in META_KEYS}


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return frozenset(value) if all(isinstance(v, str) for v in value) else tuple(value)
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) if isinstance(v, dict) else
                                 (frozenset(v) if isinstance(v, list) else v)
                                 for k, v in value.items()})
    return value


@cache
def words(stem: str) -> SimpleNamespace:
    """The lexicon ``stem`` ("offices.v2") for rule code (see ``frozen``)."""
    return frozen(read_lexicon(stem))


def frozen(entries: dict[str, Any]) -> SimpleNamespace:
    """A lexicon's entries (as read, or as a registered loader gives them) for rule code:
    lists of strings as frozen sets, tables as read-only mappings (their list values as
    frozen sets), strings as given."""
    return SimpleNamespace(**{k: _frozen(v) for k, v in entries.items()})
