"""Countries: one record per ISO code the document names, with the state's Wikidata ID
when the actor knowledge base knows it."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from kg.core.constants import COUNTRY_SPANS, DOC_KNOWLEDGE
from kg.core.geo import country_name
from kg.core.records import Country
from kg.extract.evidence import add_sources, knowledge_sources, sentence_evidence
from kg.nlp.knowledge.linker import COUNTRY_SOURCE


def extract(doc: Doc) -> Iterator[Country]:
    found: dict[str, Country] = {}
    for span in doc.spans.get(COUNTRY_SPANS, []):
        iso = span.label_
        rec = found.setdefault(iso, Country(iso, country_name(iso) or span.text))
        ev = sentence_evidence(span)
        if ev not in rec.mentions:
            rec.mentions.append(ev)
    info = doc._.pkg_knowledge if Doc.has_extension(DOC_KNOWLEDGE) else None
    for iso, qid in ((info or {}).get("countries") or {}).items():
        if iso in found:
            add_sources(found[iso].same_as, qid, knowledge_sources(doc, [COUNTRY_SOURCE],
                                                                 "knowledge.wikidata"))
    yield from found.values()
