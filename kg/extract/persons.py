"""Persons: one record per person (mentions grouped by ``span._.pkg_person``), with the
roles and states that ``policykg_offices`` attached to the mentions."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Span

from kg.extract.evidence import add_evidence, sentence_evidence
from kg.extract.records import Person, Ref
from kg.nlp.persons import SPAN_KEY


def _attr(span: Span, name: str):
    return getattr(span._, name) if Span.has_extension(name) else None


def extract(doc: Doc) -> Iterator[Person]:
    found: dict[str, Person] = {}
    role_keys: dict[tuple[str, str], str] = {}  # (person, lower-case role) -> role as first written
    for span in doc.spans.get(SPAN_KEY, []):
        name = _attr(span, "pkg_person") or " ".join(span.text.split())
        rec = found.setdefault(name, Person(name))
        ev = sentence_evidence(span)
        if ev not in rec.mentions:
            rec.mentions.append(ev)
        role = _attr(span, "pkg_role")
        if role:
            role = role_keys.setdefault((name, role.lower()), role)
            add_evidence(rec.roles, role, span, _attr(span, "pkg_role_rule"))
        country = _attr(span, "pkg_country")
        if country:
            add_evidence(rec.acts_for, Ref.country(country), span,
                         _attr(span, "pkg_country_rule"))
    yield from found.values()
