"""Where a fact comes from: the sentence around a span, or the knowledge sources the
actor component (``kg.nlp.knowledge.linker``) took it from."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.core.constants import DOC_KNOWLEDGE, KNOWLEDGE_FACTS
from kg.core.records import Evidence, KnowledgeSource


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


def knowledge_sources(doc: Doc, ids: list[str], rule: str) -> list[KnowledgeSource]:
    """The knowledge sources ``ids`` as ``doc._.pkg_knowledge`` describes them, for a
    fact the knowledge ``rule`` added."""
    info = doc._.pkg_knowledge if Doc.has_extension(DOC_KNOWLEDGE) else None
    if not info:
        return []
    described = info.get("sources", {})
    return [KnowledgeSource(id=sid, version=info["version"], name=src.get("name", sid),
                            citation=src.get("citation", ""), licence=src.get("licence", ""),
                            url=src.get("url", ""), rule=rule)
            for sid in ids if (src := described.get(sid)) is not None]


def knowledge(span: Span) -> dict | None:
    """What the knowledge base added about a span's person or organization, if anything."""
    return span._.pkg_kb if Span.has_extension(KNOWLEDGE_FACTS) else None


def add_sources(facts: dict, key, sources: list[KnowledgeSource]) -> None:
    bucket = facts.setdefault(key, [])
    bucket += [s for s in sources if s not in bucket]
