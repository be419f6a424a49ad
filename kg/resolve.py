"""Linking a new document's entities to those already in the store."""

from __future__ import annotations

from kg.extract.records import DocumentRecords
from kg.store.base import Store


def resolve_against_store(records: DocumentRecords, store: Store) -> DocumentRecords:
    """Placeholder: returns the records unchanged."""
    return records
