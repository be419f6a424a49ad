"""The end of a text that is an agreement: its closing clause ("IN WITNESS WHEREOF the
undersigned ... have signed this Agreement. DONE at Tokyo on this twenty-fifth day of
December 2008"), the date it gives, and dated header lines ("Date of signing: December 17,
1992"). The signature block after it is ``kg.nlp.document.signature``'s.

Dates may be written in words, run together or with blanks for a draft: numbers in words
are read by text2num once they are apart ("twothousandandfourteen"); a blank for the day
or the month ("this ____ day of ____, 2010") gives no date at all, not a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from types import SimpleNamespace

from text_to_num import alpha2digit

from kg.nlp.document.layout import Range, patterns
from kg.core.lexicons import read_lexicon

# The closing clause is one sentence; a clause without a full stop ends within this.
_CLAUSE_CHARS = 400


@dataclass(frozen=True)
class Closing:
    """The closing clause: where it is, the date it states (ISO, or None for a blank
    draft or no date) and where that date is written."""

    start: int
    end: int
    date: str | None = None
    date_at: Range | None = None
    partial: tuple[int, int] | None = None  # (month, day) written without a year


@dataclass(frozen=True)
class DateLine:
    """A header line or bracket that dates the agreement: "Date of signing: ...",
    "Effective date: ...", "(Moscow, November 13, 1992)" under the title."""

    stage: str  # "signed" | "in force"
    date: str
    start: int
    end: int


@cache
def _compiled() -> SimpleNamespace:
    w = patterns().words
    month_names = read_lexicon("common.v1")["months"]  # in calendar order
    months = "|".join(month_names)
    numbers = "|".join(sorted(w.number_words, key=len, reverse=True))
    return SimpleNamespace(
        closing=re.compile(r"(?:^|(?<=[.:;]\s)|(?<=[.:;]\s\s)|(?<=\n))[ \t]*(" + w.closing + ")",
                           re.MULTILINE),
        witness=re.compile(w.witness, re.IGNORECASE),
        glued_numbers=re.compile(rf"(?i)\b(?:{numbers}){{2,}}\b"),
        number=re.compile(rf"(?i){numbers}"),
        noise=re.compile(w.date_noise, re.IGNORECASE),
        day_month=re.compile(rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?[\s,]+({months})\b"),
        month_day=re.compile(rf"(?i)\b({months})[\s,]+(\d{{1,2}})(?:st|nd|rd|th)?\b"),
        year=re.compile(r"\b(1[89]\d\d|20\d\d)\b"),
        months=[m.lower() for m in month_names],
        label=re.compile(r"(?i)\b(" + "|".join(w.date_labels) + r")[ \t]*:[ \t]*([^\n]{4,40})"),
        bracket=re.compile(r"\(([^()\n]{0,40}?\b(?:1[89]|20)\d\d)\)"),
    )


def closing(text: str, after: int = 0) -> tuple[Closing | None, Range | None]:
    """The closing clause (the last "Done at ..." line, one after the witness formula
    first) and the witness formula, both after offset ``after``."""
    c = _compiled()
    witness = [m.span() for m in c.witness.finditer(text, after)]
    found = [m.start(1) for m in c.closing.finditer(text, after)]
    if witness:
        found = [i for i in found if i > witness[-1][0]] or found
    if not found:
        return None, witness[-1] if witness else None
    start = found[0] if witness and found[0] > witness[-1][0] else found[-1]
    end = _clause_end(text, start)
    when, at, partial = clause_date(text, start, end)
    return Closing(start, end, when, at, partial), witness[-1] if witness else None


def _clause_end(text: str, start: int) -> int:
    """The end of the closing sentence: its full stop (not a run of dots that leaves a
    blank), else the paragraph's end, within ``_CLAUSE_CHARS``."""
    stop = min(len(text), start + _CLAUSE_CHARS)
    m = re.compile(r"(?<!\.)\.(?!\.)(?=\s|$)|\n[ \t]*\n").search(text, start, stop)
    return m.start() + (text[m.start()] == ".") if m else stop


def clause_date(text: str, start: int, end: int) -> tuple[str | None, Range | None,
                                                         tuple[int, int] | None]:
    """The date a closing clause states: ISO date, where it is written, and (month, day)
    when it gives no year."""
    spoken = _digits(text[start:end])
    if spoken is None:
        return None, None, None
    iso, month, partial = _date_in(spoken)
    return iso, _where(text, start, end, month) if iso else None, partial


def _date_in(spoken: str) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """The first day, month and year of ``spoken`` (numbers as digits): the ISO date and
    the month's name, or (month, day) when no year follows."""
    c = _compiled()
    plain = " ".join(c.noise.sub(" ", spoken).split())
    for m in (*c.day_month.finditer(plain), *c.month_day.finditer(plain)):
        day, month = (m.group(1), m.group(2)) if m.group(1).isdigit() else (m.group(2), m.group(1))
        month_no = c.months.index(month.lower()) + 1
        year = c.year.search(plain, m.end(), m.end() + 12)
        if year is None:
            return None, None, (month_no, int(day))
        try:
            return date(int(year.group(1)), month_no, int(day)).isoformat(), month, None
        except ValueError:
            return None, None, None
    return None, None, None


def _digits(clause: str) -> str | None:
    """The clause with its numbers in words as digits ("twenty-eighth" -> "28th"), words
    run together taken apart first; None when text2num cannot read it."""
    c = _compiled()
    clause = re.sub(r"(?<=\w)-\s+(?=\w)", "-", clause)  # "twenty- fourth"
    clause = re.sub(r"(?i)(in\s*the)(year)", r"\1 \2", clause)  # "in theyear 2008"
    clause = c.glued_numbers.sub(lambda m: " ".join(c.number.findall(m.group(0))), clause)
    try:
        return alpha2digit(clause, "en", threshold=0)
    except Exception:  # noqa: BLE001 - text2num's parser on odd input: read no date
        return None


def _where(text: str, start: int, end: int, month: str) -> Range:
    """Where the date is written in the clause: from its month name to the clause end
    (the day may be in words before it; the evidence is the whole clause anyway)."""
    i = text.lower().find(month.lower(), start, end)
    return (i, end) if i != -1 else (start, end)


def date_lines(text: str, head_end: int) -> list[DateLine]:
    """Dated lines of the header: "Date of signing: December 17, 1992" (signed),
    "Effective date: ..." (in force), and a bracket of place and date under the title
    ("(Moscow, November 13, 1992)": signed there and then)."""
    c = _compiled()
    labels = patterns().words.date_labels
    out = []
    limit = min(len(text), max(head_end, 0) + 600)
    for m in c.label.finditer(text, 0, limit):
        iso = _date_in(m.group(2))[0]
        if iso:
            out.append(DateLine(labels[m.group(1).lower()], iso, m.start(), m.end()))
    if not out:
        m = c.bracket.search(text, 0, limit)
        iso = _date_in(m.group(1))[0] if m else None  # "(Moscow, November 13, 1992)"
        if m and iso:
            out.append(DateLine("signed", iso, m.start(), m.end()))
    return out

