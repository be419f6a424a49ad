"""The document context the agreement steps read: where the countries and organizations
are (an organization that is a state body stands for its state), which one or two
countries dominate, the title line, the paragraphs."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from kg.core.constants import (COUNTRY_SPANS, DATE_SPANS, DOC_PUBLISHED, ORGANIZATION_SPANS,
                               PERSON_SPANS)
from kg.core.geo import country_code
from kg.nlp.agreements.types import DateMention, DocContext, Lexicon, Mention, Ref
from kg.nlp.document.structure import AgreementText
from kg.nlp.dates import resolve_relative
from kg.nlp.lexicons import office_words


def build_context(doc: Doc, mentions: list[Mention], lex: Lexicon,
                  text: AgreementText | None = None) -> DocContext:
    country_at: dict[int, str] = {}
    for s in doc.spans.get(COUNTRY_SPANS, []):
        for i in range(s.start, s.end):
            country_at[i] = s.label_
    org_at: dict[int, Ref] = {}
    for s in doc.spans.get(ORGANIZATION_SPANS, []):
        ref = _org_ref(s, country_at, lex)
        for i in range(s.start, s.end):
            org_at[i] = ref
    title = title_line(doc)
    published = doc._.pkg_published if Doc.has_extension(DOC_PUBLISHED) else None
    person_at = {i: s._.pkg_country for s in doc.spans.get(PERSON_SPANS, [])
                 if s._.pkg_country for i in range(s.start, s.end)}
    return DocContext(
        country_at=country_at, org_at=org_at, person_at=person_at,
        dominant=_title_pair(doc, title) or _most_named(doc), title=title,
        paragraph_starts=[0] + [t.i + 1 for t in doc if t.is_space and "\n\n" in t.text],
        # the phrases, not acronyms or "it": a country inside another agreement's name
        # is no party of this one
        phrases=[(m.span.start, m.span.end) for m in mentions
                 if m.kind not in ("acronym", "pronoun")],
        dates=_dates(doc, published), published=published, text=text)


def _dates(doc: Doc, published: str | None) -> list[DateMention]:
    """The dates of ``doc``: absolute ones as the dates component read them, relative
    ones ("on Tuesday", "last month") resolved against the date the text gives for
    itself, and only then."""
    found = {(s.start, s.end): DateMention(s.start, s.end, s._.pkg_iso)
             for s in doc.spans.get(DATE_SPANS, []) if s._.pkg_iso}
    if published:
        for ent in doc.ents:
            if ent.label_ == "DATE" and (ent.start, ent.end) not in found:
                iso = resolve_relative(ent.text, published)
                if iso:
                    found[(ent.start, ent.end)] = DateMention(ent.start, ent.end, iso, True)
    return sorted(found.values())


def _most_named(doc: Doc) -> list[str]:
    """The one or two countries named most often. When the names give only one, a person
    who acts for another counts as a mention of it: a readout names its own side through
    its officials ("Secretary of State Rubio met Indonesian Foreign Minister Sugiono")."""
    names = Counter(s.label_ for s in doc.spans.get(COUNTRY_SPANS, []))
    dominant = _top_two(names)
    if len(dominant) == 1:
        acting = {(s._.pkg_person, s._.pkg_country) for s in doc.spans.get(PERSON_SPANS, [])
                  if s._.pkg_country}
        dominant = _top_two(names + Counter(iso for _, iso in acting))
    return dominant


def _top_two(counts: Counter) -> list[str]:
    ranked = counts.most_common()
    dominant = [c for c, _ in ranked[:1]]
    if len(ranked) > 1 and ranked[1][1] >= max(2, 0.3 * ranked[0][1]):
        dominant.append(ranked[1][0])
    return dominant


def _title_pair(doc: Doc, title: Span | None) -> list[str]:
    """The two countries a title line names ("Joint Declaration by the Prime Minister of
    Cambodia and the Prime Minister of Thailand ..."): who "we" and "both sides" are,
    even when the host country is named more often in the text."""
    if title is None:
        return []
    named = []
    for s in doc.spans.get(COUNTRY_SPANS, []):
        if s.end <= title.end and s.label_ not in named and not _place(s.root):
            named.append(s.label_)
    return named if len(named) == 2 else []


def title_line(doc: Doc) -> Span | None:
    """The document's first sentence when it is a title: a line of its own, no full stop."""
    first = next(doc.sents, None)
    if first is None or "\n" not in doc[first.end - 1].text_with_ws + doc.text[
            first.end_char:first.end_char + 2] or first.text.rstrip().endswith("."):
        return None
    return first


def _place(tok: Token) -> bool:
    """A country named as where something happens: "meeting in Kuala Lumpur, Malaysia"."""
    for _ in range(4):
        if tok.dep_ == "pobj":
            return tok.head.lower_ in ("in", "at")
        if tok.dep_ not in ("appos", "conj", "compound"):
            return False
        tok = tok.head
    return False


def _org_ref(span: Span, country_at: dict[int, str], lex: Lexicon) -> Ref:
    """An organization, or its state when it is a state body: "U.S. Department of State",
    "Vietnam's Ministry of Planning", "the Pentagon" (a ministry signing for its state
    counts as that state)."""
    seat = office_words().government_bodies.get(span.text.lower())
    if seat:
        return ("country", seat)
    inner = [country_at[i] for i in range(span.start, span.end) if i in country_at]
    words = {t.lower_ for t in span}
    if words & lex.state_body_words:
        inner = inner or [c for c in (lookup_country(t.text, lex) for t in span) if c]
        before = span.start - 1 - (span.start > 1
                                   and span.doc[span.start - 1].text in lex.possessives)
        if not inner and before in country_at:
            inner = [country_at[before]]
        if inner:
            return ("country", inner[0])
    return ("organization", span.label_ or span.text)


def lookup_country(text: str, lex: Lexicon) -> str | None:
    """ISO code of a country name, alias or demonym, for parts of hyphenated compounds."""
    low = text.lower().strip(".")
    aliases = lex.compound_countries
    if low in aliases or text.lower() in aliases:
        return aliases.get(low, aliases.get(text.lower())) or None
    if len(text) < 4:
        return None
    return country_code(text)
