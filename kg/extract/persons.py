"""Persons: one record per person (mentions grouped by ``span._.pkg_person``), with the
roles and states that ``policykg_offices`` attached to the mentions, and what the actor
knowledge base added where the text gave none (sourced to the knowledge base)."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Span

from kg.core.constants import (PERSON_COUNTRY, PERSON_COUNTRY_RULE, PERSON_NAME, PERSON_ROLE,
                               PERSON_ROLE_RULE, PERSON_SPANS)
from kg.core.records import Person, Ref
from kg.extract.evidence import (add_evidence, add_sources, knowledge, knowledge_sources,
                                 sentence_evidence)


def _attr(span: Span, name: str):
    return getattr(span._, name) if Span.has_extension(name) else None


def extract(doc: Doc) -> Iterator[Person]:
    found: dict[str, Person] = {}
    role_keys: dict[tuple[str, str], str] = {}  # (person, lower-case role) -> role as first written
    for span in doc.spans.get(PERSON_SPANS, []):
        name = _attr(span, PERSON_NAME) or " ".join(span.text.split())
        rec = found.setdefault(name, Person(name))
        ev = sentence_evidence(span)
        if ev not in rec.mentions:
            rec.mentions.append(ev)
        role = _attr(span, PERSON_ROLE)
        if role:
            role = role_keys.setdefault((name, role.lower()), role)
            add_evidence(rec.roles, role, span, _attr(span, PERSON_ROLE_RULE))
        country = _attr(span, PERSON_COUNTRY)
        if country:
            add_evidence(rec.acts_for, Ref.country(country), span,
                         _attr(span, PERSON_COUNTRY_RULE))
        known = knowledge(span)
        if known:
            _add_known(doc, rec, known)
    for rec in found.values():
        _drop_corrected_guesses(rec)
    yield from found.values()


def _drop_corrected_guesses(rec: Person) -> None:
    """A state only guessed from the document's context gives way to the knowledge
    base's, where that names another state for the person."""
    known = {ref for ref, ev in rec.acts_for.items()
             if any(e.rule and e.rule.startswith("knowledge.") for e in ev)}
    if not known:
        return
    for ref in list(rec.acts_for):
        if ref not in known and all(e.rule == "state.context" for e in rec.acts_for[ref]):
            del rec.acts_for[ref]


def _add_known(doc: Doc, rec: Person, known: dict) -> None:
    sources = known["sources"]
    if known.get("country"):
        add_sources(rec.acts_for, Ref.country(known["country"]),
                    knowledge_sources(doc, sources["state"], "knowledge.state"))
    if known.get("role"):
        add_sources(rec.roles, known["role"],
                    knowledge_sources(doc, sources["role"], "knowledge.office"))
    if known.get("wikidata"):
        add_sources(rec.same_as, known["wikidata"],
                    knowledge_sources(doc, sources["wikidata"], "knowledge.wikidata"))
