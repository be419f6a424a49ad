"""The passage that states a fact: the sentence around a span."""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.records import Evidence


def sentence_evidence(span: Span, rule: str | None = None) -> Evidence:
    sent = span.sent
    return Evidence(sent.start_char, sent.end_char, sent.text, rule)


def add_evidence(facts: dict, key, span: Span, rule: str | None = None) -> None:
    """Record that ``span``'s sentence states the fact ``key``, read by ``rule``
    (no duplicates)."""
    ev = sentence_evidence(span, rule)
    bucket = facts.setdefault(key, [])
    if ev not in bucket:
        bucket.append(ev)
