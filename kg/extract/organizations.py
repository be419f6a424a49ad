"""Organizations: one record per organization, acronyms as aliases."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from kg.extract.evidence import sentence_evidence
from kg.extract.records import Organization
from kg.nlp.organizations import SPAN_KEY


def extract(doc: Doc) -> Iterator[Organization]:
    found: dict[str, Organization] = {}
    for span in doc.spans.get(SPAN_KEY, []):
        rec = found.setdefault(span.text, Organization(span.text))
        ev = sentence_evidence(span)
        if ev not in rec.mentions:
            rec.mentions.append(ev)
    yield from found.values()
