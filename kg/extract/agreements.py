"""Agreements: one record per distinct agreement, with parties, duration, value."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from kg.extract.evidence import sentence_evidence
from kg.extract.records import Agreement
from kg.nlp.agreements import SPAN_KEY


def extract(doc: Doc) -> Iterator[Agreement]:
    found: dict[str, Agreement] = {}
    for span in doc.spans.get(SPAN_KEY, []):
        rec = found.setdefault(span.text.lower(), Agreement(span.text))
        ev = sentence_evidence(span)
        if ev not in rec.mentions:
            rec.mentions.append(ev)
    yield from found.values()
