"""Persons: one record per person, later short mentions merged into the full name."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from kg.extract.evidence import sentence_evidence
from kg.extract.records import Person
from kg.nlp.persons import SPAN_KEY


def extract(doc: Doc) -> Iterator[Person]:
    found: dict[str, Person] = {}
    for span in doc.spans.get(SPAN_KEY, []):
        rec = found.setdefault(span.text, Person(span.text))
        ev = sentence_evidence(span)
        if ev not in rec.mentions:
            rec.mentions.append(ev)
    yield from found.values()
