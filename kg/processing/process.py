"""File -> clean text -> spaCy Doc -> records, for one document or a stream of them.

``extract_many`` is the unit of work that every execution mode runs: in-process, in a
worker process (``kg ingest --workers``) or as a Dask task (``kg ingest --cluster``).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language

from kg.core.errors import InputError
from kg.core.records import DocumentRecords
from kg.extract.document import extract_records
from kg.processing.pieces import PIECE_CHARS, extract_in_pieces
from kg.reading.clean import clean_text
from kg.reading.readers import SourceText, read_document

log = logging.getLogger(__name__)

# Documents per nlp.pipe batch. Policy documents are long (the bench speeches average
# ~2,100 words): 8 of them keep spaCy's batch arrays small. Measured on 64 bench
# documents: batch 32 peaked at 1,562 MiB RSS, batch 8 at 594 MiB and used 13% less CPU.
BATCH_SIZE = 8
# Characters per batch at most, whatever the count: spaCy's memory grows with the
# characters it holds at once (~3 MiB per 1,000), so a batch holds no more than a piece of
# a long document does (kg.processing.pieces). A longer document is a batch of its own, in pieces.
BATCH_CHARS = PIECE_CHARS

Outcome = tuple[Path, "DocumentRecords | InputError"]


def sha256_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def records_from_doc(doc, source: SourceText) -> DocumentRecords:
    return extract_records(
        doc, file_name=source.path.name, sha256=sha256_of(source.raw), title=source.title,
        source_path=str(source.path.resolve()), media_type=source.media_type)


def extract_many(paths: Iterable[Path], nlp: Language, *, batch_size: int = BATCH_SIZE
                 ) -> Iterator[Outcome]:
    """Yield ``(path, records)`` or ``(path, InputError)`` for each path, streaming:
    texts go through ``nlp.pipe`` in batches of at most ``batch_size`` documents and
    ``BATCH_CHARS`` characters; a longer document is processed in pieces (kg.processing.pieces).
    A document that cannot be read or processed becomes an ``InputError`` with the
    reason, and the others go on: nothing is raised."""
    limit = min(PIECE_CHARS, nlp.max_length)
    batch: list[tuple[str, SourceText]] = []
    for path in map(Path, paths):
        try:
            source = read_document(path)
            text = clean_text(source.text)
        except InputError as exc:
            yield path, exc
            continue
        if len(text) > limit:
            yield from _run_batch(nlp, batch)
            batch = []
            yield path, _in_pieces(nlp, text, source, limit)
            continue
        if batch and (len(batch) >= batch_size
                      or sum(len(t) for t, _ in batch) + len(text) > BATCH_CHARS):
            yield from _run_batch(nlp, batch)
            batch = []
        batch.append((text, source))
    yield from _run_batch(nlp, batch)


def _run_batch(nlp: Language, batch: list[tuple[str, SourceText]]) -> Iterator[Outcome]:
    if not batch:
        return
    texts = [text for text, _ in batch]
    try:
        docs = list(nlp.pipe(texts, batch_size=len(texts)))
    except Exception:  # noqa: BLE001 - one document broke a component: find which
        docs = [_one(nlp, text) for text in texts]
    for doc, (_, source) in zip(docs, batch):
        if isinstance(doc, Exception):
            yield source.path, _failure(source.path, doc)
            continue
        try:
            yield source.path, records_from_doc(doc, source)
        except Exception as exc:  # noqa: BLE001 - a bug met on one document only
            yield source.path, _failure(source.path, exc)


def _one(nlp: Language, text: str):
    """The Doc of ``text``, or the exception the pipeline raised on it."""
    try:
        return nlp(text)
    except Exception as exc:  # noqa: BLE001 - reported for this document alone
        return exc


def _in_pieces(nlp: Language, text: str, source: SourceText, limit: int
               ) -> DocumentRecords | InputError:
    try:
        return extract_in_pieces(text, lambda texts: nlp.pipe(texts, batch_size=1),
                                 lambda doc: records_from_doc(doc, source), limit)
    except Exception as exc:  # noqa: BLE001 - this document fails, not the command
        return _failure(source.path, exc)


def _failure(path: Path, exc: BaseException) -> InputError:
    """A document the pipeline failed on, reported like one that cannot be read; the
    traceback goes to the log, for a bug report."""
    log.error("processing %s failed", path, exc_info=exc)
    return InputError(path, f"could not process it: internal error: "
                            f"{type(exc).__name__}: {exc}")
