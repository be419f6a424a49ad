"""Organizations: one record per organization, its other forms (acronyms) as aliases.

The component labels every mention with the organization's canonical name, so records
are the mentions grouped by label. The actor knowledge base's full name (when the text
gives only a shorter form) and Wikidata ID come with their sources.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from kg.core.constants import ORGANIZATION_SPANS
from kg.core.records import Organization
from kg.extract.evidence import add_sources, knowledge, knowledge_sources, sentence_evidence


def extract(doc: Doc) -> Iterator[Organization]:
    found: dict[str, Organization] = {}
    for span in doc.spans.get(ORGANIZATION_SPANS, []):
        name = span.label_ or span.text
        rec = found.setdefault(name, Organization(name))
        surface = " ".join(span.text.split())
        if surface != name and surface not in rec.aliases:
            rec.aliases.append(surface)
        ev = sentence_evidence(span)
        if ev not in rec.mentions:
            rec.mentions.append(ev)
        known = knowledge(span)
        if known:
            sources = known["sources"]
            if known["name"] != name:
                add_sources(rec.full_name, known["name"],
                            knowledge_sources(doc, sources["name"], "knowledge.full-name"))
            if known.get("wikidata"):
                add_sources(rec.same_as, known["wikidata"],
                            knowledge_sources(doc, sources["wikidata"], "knowledge.wikidata"))
    yield from found.values()
