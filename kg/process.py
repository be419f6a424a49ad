"""File -> clean text -> spaCy Doc -> records, for one document or a stream of them.

``extract_many`` is the unit of work that every execution mode runs: in-process, in a
worker process (``kg ingest --workers``) or as a Dask task (``kg ingest --cluster``).
"""

from __future__ import annotations

import hashlib
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language

from kg.clean import clean_text
from kg.errors import InputError
from kg.extract.document import extract_records
from kg.extract.records import DocumentRecords
from kg.readers import SourceText, read_document

# Documents per nlp.pipe batch. Policy documents are long (the bench speeches average
# ~2,100 words): 8 of them keep spaCy's batch arrays small. Measured on 64 bench
# documents: batch 32 peaked at 1,562 MiB RSS, batch 8 at 594 MiB and used 13% less CPU.
BATCH_SIZE = 8


def sha256_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def records_from_doc(doc, source: SourceText) -> DocumentRecords:
    return extract_records(
        doc, file_name=source.path.name, sha256=sha256_of(source.raw), title=source.title,
        source_path=str(source.path.resolve()), media_type=source.media_type)


def extract_many(paths: Iterable[Path], nlp: Language, *, batch_size: int = BATCH_SIZE
                 ) -> Iterator[tuple[Path, DocumentRecords | InputError]]:
    """Yield ``(path, records)`` or ``(path, InputError)`` for each path, streaming:
    texts go through ``nlp.pipe`` in batches; read errors are passed on, never raised."""
    failed: deque[tuple[Path, InputError]] = deque()

    def texts() -> Iterator[tuple[str, SourceText]]:
        for path in paths:
            try:
                source = read_document(Path(path))
                yield clean_text(source.text), source
            except InputError as exc:
                failed.append((Path(path), exc))

    for doc, source in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        while failed:
            yield failed.popleft()
        yield source.path, records_from_doc(doc, source)
    while failed:
        yield failed.popleft()
