"""Documents of any length: cut into pieces for spaCy, merged back into one document.

spaCy refuses a text over ``nlp.max_length`` (E088, 1,000,000 characters) and needs about
3 MiB of memory per 1,000 characters it holds at once; its time per character also grows
past ~100,000 characters (docs/benchmarks.md). A longer text is therefore cut at
paragraph breaks (else sentence ends, else spaces) into pieces of at most ``PIECE_CHARS``,
each piece goes through the pipeline on its own, and the pieces' records become one
document's records:

- every offset is moved by its piece's start, so evidence points into the whole text;
- an entity found in several pieces is one record, merged the way the document-level
  extraction groups mentions: countries by ISO code, persons and organizations by name,
  agreements by the name their IRI is minted from;
- names are linked across pieces with the rule that links documents to a store
  (``kg.processing.linking``): "Blinken" in a later piece is "Antony J. Blinken" of an
  earlier one when he is the only person there with that surname, "NATO" the
  organization an earlier piece spells out.

What a piece cannot see is lost: a pronoun or "the agreement" whose antecedent is in an
earlier piece, an unmarked lone surname (dropped as within a document), a relative date
in a later piece (it has no document date to count from).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Callable, Iterable, Iterator

from kg.core.names import slug
from kg.core.records import DocumentRecords, Evidence
from kg.processing.linking import NameIndex

# Characters of text given to spaCy at once (~300 MiB of working memory; see above).
PIECE_CHARS = 100_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")
# The record lists of a document (countries, persons, organizations, agreements...).
ENTITY_LISTS = tuple(f.name for f in dataclasses.fields(DocumentRecords)
                     if f.default_factory is list)


# --------------------------------------------------------------------------- cutting


def cut_points(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces covering ``text``, none longer than
    ``limit``: each ends at the last paragraph break in its second half, else the last
    sentence end, else the last space, else at the limit (a text without spaces)."""
    pieces, start = [], 0
    while len(text) - start > limit:
        end = _cut(text, start + limit // 2, start + limit)
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def _cut(text: str, lo: int, hi: int) -> int:
    """The best place to end a piece within ``text[lo:hi]``: after a blank line, after
    the whitespace that follows a sentence end, after a space; else ``hi``."""
    paragraph = text.rfind("\n\n", lo, hi - 1)
    if paragraph != -1:
        return paragraph + 2
    for pattern in (_SENTENCE_END, _SPACE):
        last = None
        for last in pattern.finditer(text, lo, hi):
            pass
        if last is not None:
            return last.end()
    return hi


# --------------------------------------------------------------------------- merging


def shifted(records: DocumentRecords, offset: int) -> DocumentRecords:
    """``records`` with every evidence offset moved by ``offset`` (in place) and the
    piece's text dropped (the whole document keeps one copy)."""
    for kind in ENTITY_LISTS:
        for entity in getattr(records, kind):
            for f in dataclasses.fields(entity):
                value = getattr(entity, f.name)
                if isinstance(value, list) and any(isinstance(v, Evidence) for v in value):
                    setattr(entity, f.name, [_moved(ev, offset) for ev in value])
                elif isinstance(value, dict):
                    setattr(entity, f.name, {k: [_moved(ev, offset) for ev in evs]
                                             for k, evs in value.items()})
    records.text = ""
    return records


def _moved(ev, offset: int):
    """A passage moved by ``offset``; a knowledge source (no passage) as it is."""
    if not isinstance(ev, Evidence):
        return ev
    return dataclasses.replace(ev, start=ev.start + offset, end=ev.end + offset)


def merge(parts: list[DocumentRecords], text: str) -> DocumentRecords:
    """One document's records from its pieces' (already ``shifted``), in text order.
    ``parts`` is used up: its records are replaced and reused, not copied, so that a
    book's records are held about once."""
    published = next((p.published for p in parts if p.published), None)
    _link(parts)
    out = dataclasses.replace(parts[0], text=text, published=published,
                              **{kind: [] for kind in ENTITY_LISTS})
    for kind in ENTITY_LISTS:
        merged: dict = {}
        for part in parts:
            for entity in getattr(part, kind):
                key = _identity(entity)
                if key in merged:
                    _absorb(merged[key], entity)
                else:
                    merged[key] = entity
            setattr(part, kind, [])
        setattr(out, kind, list(merged.values()))
    parts.clear()
    return out


def _link(parts: list[DocumentRecords]) -> None:
    """Rename, in place, persons and organizations to the fuller name an earlier part
    gives them: the rule that links documents to a store (``kg.processing.linking``), as
    if the parts were documents ingested one after another into an empty store (names
    are introduced in full before they are shortened)."""
    index = NameIndex()
    for i, part in enumerate(parts):
        parts[i] = part = index.resolve(part)  # a copy: the original goes
        for entity in (*part.persons, *part.organizations):
            if entity.key:
                if hasattr(entity, "aliases"):  # an organization's short form is an alias
                    entity.aliases.append(entity.name)
                entity.name, entity.key = entity.key, None
        index.note_written(part)


def _identity(entity) -> tuple:
    """What makes two records one entity: what its IRI is minted from (kg.rdf.iris)."""
    if hasattr(entity, "iso"):
        return ("iso", entity.iso)
    if getattr(entity, "text_of", None):  # the agreement the whole document is the text of
        return ("text_of",)
    if hasattr(entity, "label"):
        return ("label", getattr(entity, "named", False), slug(entity.label))
    if hasattr(entity, "name"):
        return ("name", slug(getattr(entity, "key", None) or entity.name))
    return ("object", id(entity))  # a kind with no name: never merged


def _absorb(into, other) -> None:
    """Add ``other``'s mentions, aliases and facts to ``into``; scalars stay the first
    piece's. Fact values that differ only in case ("Foreign Minister", "foreign
    minister") are one value, written as first seen, as within a document."""
    for f in dataclasses.fields(into):
        mine, theirs = getattr(into, f.name), getattr(other, f.name)
        if isinstance(mine, list):
            _extend_unique(mine, theirs)
        elif isinstance(mine, dict):
            folded = {_fold(k): k for k in mine}
            for value, evidence in theirs.items():
                key = folded.setdefault(_fold(value), value)
                _extend_unique(mine.setdefault(key, []), evidence)


def _fold(value):
    return value.lower() if isinstance(value, str) else value


def _extend_unique(items: list, more: Iterable) -> None:
    seen = set(items)
    for item in more:
        if item not in seen:
            seen.add(item)
            items.append(item)


# --------------------------------------------------------------------------- running


def extract_in_pieces(text: str, nlp_pipe: Callable[[Iterable[str]], Iterator],
                      to_records: Callable[[object], DocumentRecords],
                      limit: int = PIECE_CHARS) -> DocumentRecords:
    """Records of ``text`` read piece by piece: ``nlp_pipe`` turns texts into Docs (one
    at a time, so memory holds one piece), ``to_records`` a Doc into records."""
    bounds = cut_points(text, limit)
    parts = []
    docs = nlp_pipe(text[start:end] for start, end in bounds)
    for (start, _end), doc in zip(bounds, docs):
        parts.append(shifted(to_records(doc), start))
        del doc  # the piece's Doc goes before the next is made
    return merge(parts, text)
