"""The document context agreement parties are read against: where the countries and
organizations are (an organization that is a state body stands for its state), which
one or two countries dominate, and the title line."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pycountry
from spacy.tokens import Doc, Span, Token

from kg.nlp.offices import GOVERNMENT_BODIES

COUNTRY_KEY = "pkg_countries"
ORG_KEY = "pkg_organizations"
POSS = {"'s", "’s", "'", "’"}
STATE_BODY_WORDS = {"ministry", "department", "senate", "congress", "parliament", "government",
                    "cabinet", "navy", "army", "embassy", "administration", "party"}
COUNTRY_ALIASES = {"us": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US", "america": "US",
                   "uk": "GB", "u.k.": "GB", "britain": "GB", "ussr": "SU", "soviet": "SU",
                   "american": "US", "british": "GB", "russian": "RU", "chinese": "CN",
                   "japanese": "JP", "french": "FR", "german": "DE", "indian": "IN",
                   "israeli": "IL", "egyptian": "EG", "iraqi": "IQ", "iranian": "IR",
                   "turkish": "TR", "ukrainian": "UA", "canadian": "CA", "czech": "CZ",
                   "korean": "KR", "palestinian": "PS", "european": "", "eu": ""}


class Context:
    """Where the countries and organizations are, and which countries dominate."""

    def __init__(self, doc: Doc) -> None:
        self.country_at: dict[int, str] = {}
        for s in doc.spans.get(COUNTRY_KEY, []):
            for i in range(s.start, s.end):
                self.country_at[i] = s.label_
        self.org_at: dict[int, tuple[str, str]] = {}
        for s in doc.spans.get(ORG_KEY, []):
            ref = _org_ref(s, self.country_at)
            for i in range(s.start, s.end):
                self.org_at[i] = ref
        self.dominant = _title_pair(doc) or _most_named(doc)


def _most_named(doc: Doc) -> list[str]:
    """The one or two countries named most often. When the names give only one, a person
    who acts for another counts as a mention of it: a readout names its own side through
    its officials ("Secretary of State Rubio met Indonesian Foreign Minister Sugiono")."""
    names = Counter(s.label_ for s in doc.spans.get(COUNTRY_KEY, []))
    dominant = _top_two(names)
    if len(dominant) == 1:
        acting = {(s._.pkg_person, s._.pkg_country) for s in doc.spans.get("pkg_persons", [])
                  if s._.pkg_country}
        dominant = _top_two(names + Counter(iso for _, iso in acting))
    return dominant


def _top_two(counts: Counter) -> list[str]:
    ranked = counts.most_common()
    dominant = [c for c, _ in ranked[:1]]
    if len(ranked) > 1 and ranked[1][1] >= max(2, 0.3 * ranked[0][1]):
        dominant.append(ranked[1][0])
    return dominant


def _title_pair(doc: Doc) -> list[str]:
    """The two countries a title line names ("Joint Declaration by the Prime Minister of
    Cambodia and the Prime Minister of Thailand ..."): who "we" and "both sides" are,
    even when the host country is named more often in the text."""
    first = title_line(doc)
    if first is None:
        return []
    named = []
    for s in doc.spans.get(COUNTRY_KEY, []):
        if s.end <= first.end and s.label_ not in named and not _place(s.root):
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


def _org_ref(span: Span, country_at: dict[int, str]) -> tuple[str, str]:
    """An organization, or its state when it is a state body: "U.S. Department of State",
    "Vietnam's Ministry of Planning", "the Pentagon" (a ministry signing for its state
    counts as that state)."""
    seat = GOVERNMENT_BODIES.get(span.text.lower())
    if seat:
        return ("country", seat)
    inner = [country_at[i] for i in range(span.start, span.end) if i in country_at]
    words = {t.lower_ for t in span}
    if words & STATE_BODY_WORDS:
        inner = inner or [c for c in (lookup_country(t.text) for t in span) if c]
        before = span.start - 1 - (span.start > 1 and span.doc[span.start - 1].text in POSS)
        if not inner and before in country_at:
            inner = [country_at[before]]
        if inner:
            return ("country", inner[0])
    return ("organization", span.label_ or span.text)


def context(doc: Doc) -> Context:
    ctx = doc.user_data.get("pkg_agreement_context")
    if ctx is None:
        ctx = Context(doc)
        doc.user_data["pkg_agreement_context"] = ctx
    return ctx


@lru_cache(maxsize=4096)
def lookup_country(text: str) -> str | None:
    """ISO code of a country name, alias or demonym, for parts of hyphenated compounds."""
    from kg.geo import SHORT_NAMES

    low = text.lower().strip(".")
    if low in COUNTRY_ALIASES or text.lower() in COUNTRY_ALIASES:
        return COUNTRY_ALIASES.get(low, COUNTRY_ALIASES.get(text.lower())) or None
    if len(text) < 4:
        return None
    short = {v.lower(): k for k, v in SHORT_NAMES.items()}
    if text.lower() in short:
        return short[text.lower()]
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None
