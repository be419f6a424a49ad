"""Read an annotated spaCy Doc into one document's records."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.core.constants import DOC_PUBLISHED
from kg.core.records import Agreement, DocumentRecords, Person
from kg.extract import agreements, countries, organizations, persons


def extract_records(doc: Doc, *, file_name: str, sha256: str, title: str | None = None,
                    source_path: str | None = None,
                    media_type: str = "text/plain") -> DocumentRecords:
    """Everything the pipeline's components annotated on ``doc``, as records."""
    found_persons = list(persons.extract(doc))
    found_agreements = list(agreements.extract(doc))
    acting_for_signed(found_persons, found_agreements)
    return DocumentRecords(
        file_name=file_name, sha256=sha256, text=doc.text, title=title,
        published=doc._.pkg_published if Doc.has_extension(DOC_PUBLISHED) else None,
        source_path=source_path, media_type=media_type,
        countries=list(countries.extract(doc)),
        persons=found_persons,
        organizations=list(organizations.extract(doc)),
        agreements=found_agreements,
    )


def acting_for_signed(found_persons: list[Person], found_agreements: list[Agreement]) -> None:
    """A signatory acts for the party they signed for (CONTRACT.md, pkg:signatory): the
    signature block states it."""
    by_name = {p.name: p for p in found_persons}
    for a in found_agreements:
        for (name, party), evidence in a.signatories.items():
            person = by_name.get(name)
            if person is not None:
                bucket = person.acts_for.setdefault(party, [])
                bucket.extend(ev for ev in evidence if ev not in bucket)
