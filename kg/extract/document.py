"""Read an annotated spaCy Doc into one document's records."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.core.constants import DOC_PUBLISHED
from kg.core.records import DocumentRecords
from kg.extract import agreements, countries, organizations, persons


def extract_records(doc: Doc, *, file_name: str, sha256: str, title: str | None = None,
                    source_path: str | None = None,
                    media_type: str = "text/plain") -> DocumentRecords:
    """Everything the pipeline's components annotated on ``doc``, as records."""
    return DocumentRecords(
        file_name=file_name, sha256=sha256, text=doc.text, title=title,
        published=doc._.pkg_published if Doc.has_extension(DOC_PUBLISHED) else None,
        source_path=source_path, media_type=media_type,
        countries=list(countries.extract(doc)),
        persons=list(persons.extract(doc)),
        organizations=list(organizations.extract(doc)),
        agreements=list(agreements.extract(doc)),
    )
