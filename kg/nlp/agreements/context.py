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
from kg.nlp.countries.gazetteer import country_gazetteer
from kg.nlp.document.structure import AgreementText
from kg.nlp.dates import resolve_relative
from kg.nlp.document.perspective import own_state
from kg.nlp.lexicons import office_words


def build_context(doc: Doc, mentions: list[Mention], lex: Lexicon,
                  text: AgreementText | None = None) -> DocContext:
    country_at: dict[int, str] = {}
    places: set[int] = set()
    spans = doc.spans.get(COUNTRY_SPANS, [])
    union = _unions(spans)
    for s in spans:
        if s.start in union:
            continue
        for i in range(s.start, s.end):
            country_at[i] = s.label_
        # "met in Port Moresby, Papua New Guinea": the country after a city named as a
        # place is where too
        if _city_as_place(s, mentions) or s.start - 2 in places \
                and doc[s.start - 1].text == ",":
            places.update(range(s.start, s.end))
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
        person_spans={i for s in doc.spans.get(PERSON_SPANS, []) for i in range(s.start, s.end)},
        agreement_tokens={i for m in mentions for i in range(m.span.start, m.span.end)},
        lists=_lists(doc, country_at, org_at, lex),
        dominant=_title_pair(doc, title) or _most_named(doc), title=title,
        places=places,
        paragraph_starts=[0] + [t.i + 1 for t in doc if t.is_space and "\n\n" in t.text],
        # the phrases, not acronyms or "it": a country inside another agreement's name
        # is no party of this one
        phrases=[(m.span.start, m.span.end) for m in mentions
                 if m.kind not in ("acronym", "pronoun")],
        dates=_dates(doc, published), published=published, speaker=_speaker(doc),
        text=text)


def _lists(doc: Doc, country_at: dict[int, str], org_at: dict[int, Ref],
           lex: Lexicon) -> list[tuple[int, list[Ref]]]:
    """The lists of three or more states or bodies the text gives ("Angola, Argentina, ...,
    the United States, and Uruguay"), each with the token it starts at: the states of a
    group the text counts ("32 countries") are a list of that many."""
    out: list[tuple[int, list[Ref]]] = []
    start, items, last, gap = None, [], None, True
    for tok in doc:
        ref = ("country", country_at[tok.i]) if tok.i in country_at else org_at.get(tok.i)
        if ref is not None:
            if last is not None and tok.i == last + 1 and ref == items[-1]:
                last = tok.i  # the same name goes on
                continue
            if not gap:
                _close_list(out, start, items)
                start, items = None, []
            start = tok.i if start is None else start
            if ref not in items:
                items.append(ref)
            last, gap = tok.i, False
        elif tok.lower_ in lex.list_separators and last is not None:
            gap = True
        elif tok.is_space and "\n" not in tok.text:
            continue
        else:
            _close_list(out, start, items)
            start, items, last, gap = None, [], None, True
    _close_list(out, start, items)
    return out


def _close_list(out: list, start: int | None, items: list[Ref]) -> None:
    if start is not None and len(items) >= 3:
        out.append((start, list(items)))


def _unions(spans) -> set[int]:
    """Country spans that name two states in one and stand as a noun of their own:
    "Germany and Austria-Hungary" is a state no code names, not Austria and Hungary (as a
    modifier, "the U.S.-Japan alliance", each state is a party). The tokenizer keeps the
    compound whole or splits it at the dash."""
    whole = Counter(s.start for s in spans if len(s) == 1)
    out = {s.start for s in spans if whole[s.start] > 1 and _noun_of_its_own(s.root)}
    by_start = {s.start: s for s in spans}
    for a in spans:
        doc = a.doc
        dash = a.end
        b = by_start.get(dash + 1)
        if b is not None and doc[dash].text in ("-", "\u2013") and not a[-1].whitespace_ \
                and not doc[dash].whitespace_ and _noun_of_its_own(b.root):
            out.update((a.start, b.start))
    return out


def _noun_of_its_own(tok: Token) -> bool:
    return tok.dep_ not in ("compound", "amod", "nmod", "poss") and tok.pos_ == "PROPN"


def _speaker(doc: Doc) -> str | None:
    """The state whose speaker the text is ("Statement by X at the General Debate", "on
    behalf of X, we ..."): who "we" is. A government's publication has no speaker: its
    "we" may be both sides of a joint statement."""
    own, voice = own_state(doc)
    return own if voice == "speaker" else None


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


def _city_as_place(span: Span, mentions: list[Mention]) -> bool:
    """A city named as where something happens ("signed in Algiers", "met in Brussels"),
    or where an agreement was concluded as its name says ("the Juba Peace Agreement", "the
    Minsk agreements"): a place, not the state acting (its capital as the government,
    "Beijing said", "Beijing's deal", is no place)."""
    if span.text.lower() not in country_gazetteer().cities:
        return False
    root = span.root
    in_name = root.dep_ in ("compound", "nmod") and any(
        m.span.start <= span.start and span.end <= m.head.i and root.head.i <= m.head.i
        for m in mentions)
    return in_name or _place(root)


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
