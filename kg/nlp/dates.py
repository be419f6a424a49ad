"""Dates the text states, and the date the document gives for itself.

``doc.spans["pkg_dates"]`` holds every date expression the model tagged (DATE entities)
that names a calendar date, month or year; ``span._.pkg_iso`` is its ISO 8601 form, as
precise as the text ("1936-07-20", "1936-07", "1936"). ``doc._.pkg_published`` is the
publication date the text states for itself (a dateline, a line that is only a date, a
title ending in its year), else None; ``doc._.pkg_dates`` lists the ISO dates in text
order. A relative expression ("on Tuesday", "last month") is resolved only against the
document's own date (``resolve_relative``), never against today's.

Parsing is python-dateutil's, asked twice with different defaults: the fields that come
out different were not in the text, which is how the precision is known.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache
from types import SimpleNamespace

from dateutil import parser as dateparser
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.core.constants import DATE_ISO, DATE_SPANS, DOC_DATES, DOC_PUBLISHED
from kg.core.lexicons import read_lexicon, words as lexicon
from kg.nlp.document.paragraphs import dateline

_DEFAULTS = (datetime(1, 1, 1), datetime(2, 2, 2))
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@cache
def date_patterns() -> SimpleNamespace:
    """The patterns of ``data/lexicons/dates.v1.json``, compiled: ``year_in_text`` (a
    year written in a date), ``noise`` (words around a date that dateutil does not take
    but that leave the date itself intact), ``date_label`` (a line that presents the
    document's own date: "Date: 7 March 2022", "Released June 2021")."""
    w = lexicon("dates.v1")
    return SimpleNamespace(year_in_text=re.compile(w.year_in_text),
                           noise=re.compile(w.noise, re.IGNORECASE),
                           date_label=re.compile(w.date_label, re.IGNORECASE))


def _weekdays() -> list[str]:
    """Weekdays in calendar order, Monday first (as ``date.weekday`` counts them)."""
    return read_lexicon("common.v1")["weekdays"]


def parse_iso(text: str) -> str | None:
    """The calendar date, month or year ``text`` names, as ISO 8601, or None.

    Only expressions with a year count ("March 11" names no date without one), and the
    year must be the one written, so a count ("30 years") is no date.
    """
    if _ISO.match(text.strip()):
        return text.strip()
    years = date_patterns().year_in_text.findall(text)
    if len(years) != 1:
        return None
    cleaned = " ".join(date_patterns().noise.sub(" ", text).split())
    try:
        first, second = (dateparser.parse(cleaned, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return None
    if first.year != second.year or first.year != int(years[0]):
        return None
    if first.month != second.month:
        return f"{first.year:04d}"
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    return first.date().isoformat()


def resolve_relative(text: str, anchor: str | None) -> str | None:
    """A relative date ("on Tuesday", "yesterday", "last month") resolved against the
    ISO date ``anchor`` the same text states, or None. News reports use the weekday of
    the past week, so "Tuesday" is the latest Tuesday on or before the anchor."""
    if not anchor or len(anchor) < 4:
        return None
    words = text.lower().split()
    year = int(anchor[:4])
    if len(anchor) == 10:
        day = date.fromisoformat(anchor)
        if "today" in words:
            return anchor
        if "yesterday" in words:
            return (day - timedelta(days=1)).isoformat()
        for index, name in enumerate(_weekdays()):
            if name in words:
                return (day - timedelta(days=(day.weekday() - index) % 7)).isoformat()
    if len(anchor) >= 7 and "month" in words and ("last" in words or "this" in words):
        month = int(anchor[5:7]) - ("last" in words)
        return f"{year - (month == 0):04d}-{(month - 1) % 12 + 1:02d}"
    if "year" in words and ("last" in words or "this" in words):
        return f"{year - ('last' in words):04d}"
    return None


def published_date(doc: Doc) -> str | None:
    """The date the text gives for itself: a dateline opening a paragraph, a paragraph
    that is only a date (or "Date: ..."), or a title ending in ", YEAR"."""
    paragraphs = _paragraphs(doc.text)
    for text in paragraphs[1:4]:
        match = dateline().match(text)
        if match:  # "GENEVA, March 20, 1987 (Reuters) -": the date between place and agency
            when = re.sub(r"\([^)]*\)", " ", match.group(0)).partition(",")[2]
            return parse_iso(when.rstrip(" -—–"))
    for text in paragraphs:
        line = date_patterns().date_label.sub("", text.strip()).strip(" .")
        if 0 < len(line) <= 40 and not re.search(r"[a-z]{4,}\s+[a-z]{4,}\s+[a-z]", line):
            iso = parse_iso(line)
            if iso and len(iso) >= 7:
                return iso
    if paragraphs:
        match = re.search(r"[,–—-]\s*((?:[A-Z][a-z]+\.?\s+\d{1,2},\s+)?\d{4})\s*$",
                          paragraphs[0])
        if match:
            return parse_iso(match.group(1))
    return None


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


@Language.factory("policykg_dates", requires=["doc.ents"],
                  assigns=["doc.spans", f"span._.{DATE_ISO}", f"doc._.{DOC_DATES}",
                           f"doc._.{DOC_PUBLISHED}"],
                  default_config={"spans_key": DATE_SPANS})
def make_date_finder(nlp: Language, name: str, spans_key: str) -> "DateFinder":
    if not Span.has_extension(DATE_ISO):
        Span.set_extension(DATE_ISO, default=None)
    for attr in (DOC_PUBLISHED, DOC_DATES):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
    return DateFinder(spans_key)


class DateFinder:
    """Annotates the dates a document states (see the module docstring)."""

    def __init__(self, spans_key: str = DATE_SPANS) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            iso = parse_iso(ent.text)
            if iso is not None:
                span = Span(doc, ent.start, ent.end, label="DATE")
                span._.pkg_iso = iso
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.pkg_dates = [s._.pkg_iso for s in spans]
        doc._.pkg_published = published_date(doc)
        return doc
