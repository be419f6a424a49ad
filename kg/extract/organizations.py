"""Organizations: one record per organization, its other forms (acronyms) as aliases.

The component labels every mention with the organization's canonical name, so records
are the mentions grouped by label.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from kg.extract.evidence import sentence_evidence
from kg.extract.records import Organization
from kg.nlp.organizations import SPAN_KEY


def extract(doc: Doc) -> Iterator[Organization]:
    found: dict[str, Organization] = {}
    for span in doc.spans.get(SPAN_KEY, []):
        name = span.label_ or span.text
        rec = found.setdefault(name, Organization(name))
        surface = " ".join(span.text.split())
        if surface != name and surface not in rec.aliases:
            rec.aliases.append(surface)
        ev = sentence_evidence(span)
        if ev not in rec.mentions:
            rec.mentions.append(ev)
    yield from found.values()
