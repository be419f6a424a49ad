"""Money amounts and durations in text: "$9.3 billion", "EUR 500 million", "five-year".

Plain functions over strings and spans (no pipeline state): ``find_money`` and
``find_durations`` return token spans with the parsed value, so the agreement
component can decide syntactically which amounts belong to which agreement.
Regular expressions over the span text are far cheaper than a Matcher here and cope
with tokenisation quirks ("$10bn", "US$5m", "€2bn" come out as one or several tokens).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Iterator, NamedTuple

from spacy.tokens import Span

from kg.core.lexicons import words as lexicon

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def quantity_words():
    """Currencies, scales, number words and units (``data/lexicons/quantities.v1.json``)."""
    return lexicon("quantities.v1")


def _alternation(words) -> str:
    """A regex alternation, longer words first so a prefix never cuts a word short."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _money_res() -> tuple[re.Pattern, ...]:
    w = quantity_words()
    scale, sym = _alternation(w.scales), _alternation(w.symbols)
    return (
        # $9.3 billion, US$ 5 million, €2bn, £5.19bn
        re.compile(rf"(?P<sym>{sym})\s?(?P<num>{_NUM})(?:\s?(?P<scale>{scale})\b)?", re.I),
        # EUR 500 million, USD 10bn (ISO code first; validated against pycountry)
        re.compile(rf"\b(?P<code>[A-Z]{{3}})\s?(?P<num>{_NUM})(?:\s?(?P<scale>{scale})\b)?"),
        # 9.3 billion dollars, 500m euros, 10 billion USD
        re.compile(rf"(?<![\w$€£¥.])(?P<num>{_NUM})(?:\s?(?P<scale>{scale}))?\s"
                   rf"(?:(?P<adj>{'|'.join(re.escape(a) for a in w.dollar_adjectives)})\s)?"
                   rf"(?P<word>{'|'.join(w.currency_words)}|[A-Z]{{3}})\b", re.I),
    )


@cache
def _duration_res() -> tuple[re.Pattern, ...]:
    w = quantity_words()
    count = rf"\d+|{_alternation(n for n in w.number_words if n not in ('a', 'an'))}"
    unit = "|".join(w.units)
    return (
        # five-year, 5-year, ten-year, 30-month, "three year funding programme" (not -old)
        re.compile(rf"\b(?P<n>{count})[-\u2010\u2011 ](?P<unit>{unit})(?![-\w]*old\b)"
                   rf"(?:-long)?\b(?!s\b)", re.I),
        # for 10 years, over 20 years, for the next 30 years, for a period of five years
        re.compile(rf"\b(?:for|over|lasting|spanning|within)\s(?:the\s(?:next|first)\s|a\s"
                   rf"period\sof\s|up\sto\s)?(?P<n>{count}|a|an)\s(?P<unit>{unit})s?\b", re.I),
    )


class Quantity(NamedTuple):
    span: Span  # the tokens that state it
    value: object  # (Decimal, "USD") for money, "P5Y" for durations


@lru_cache(maxsize=512)
def _is_currency(code: str) -> bool:
    import pycountry

    return pycountry.currencies.get(alpha_3=code.upper()) is not None


def _amount(num: str, scale: str | None) -> Decimal | None:
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    value *= quantity_words().scales.get((scale or "").lower(), 1)
    # Whole amounts as integers: "9.3E+9" is not a valid xsd:decimal lexical form.
    return Decimal(int(value)) if value == value.to_integral_value() else value


def _currency(match: re.Match, text: str) -> str | None:
    groups, w = match.groupdict(), quantity_words()
    if groups.get("sym"):
        sym = next(s for s in w.symbols if s.lower() == groups["sym"].lower())
        tail = text[match.end():match.end() + 12].lower()
        if sym == "¥" and ("yuan" in tail or "renminbi" in tail):
            return "CNY"
        return w.symbols[sym]
    code = groups.get("code") or groups.get("word") or ""
    if code.lower() in w.currency_words:
        cur = w.currency_words[code.lower()]
        adj = (groups.get("adj") or "").lower()
        if cur == "USD" and adj:
            return w.dollar_adjectives.get(adj, cur)
        return cur
    if code.isupper() and _is_currency(code):
        return code.upper()
    return None


def parse_money(text: str) -> tuple[Decimal, str] | None:
    """The first money amount in ``text`` as (amount, ISO 4217 code), or None."""
    found = list(_money_matches(text))
    return found[0][2] if found else None


def _money_matches(text: str) -> Iterator[tuple[int, int, tuple[Decimal, str]]]:
    taken: list[tuple[int, int]] = []
    hits = []
    for regex in _money_res():
        for m in regex.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            scale = m.groupdict().get("scale")
            # "m"/"b" glued to a word ("5 members") is not a scale: the regex needs \b.
            cur = _currency(m, text)
            amount = _amount(m.group("num"), scale)
            if cur is None or amount is None:
                continue
            if m.groupdict().get("code") and not scale and amount < 1000:
                continue  # "COP 27": a code before a small bare number names, not prices
            taken.append((m.start(), m.end()))
            hits.append((m.start(), m.end(), (amount, cur)))
    return iter(sorted(hits))


def count(word: str) -> int | None:
    """A number in digits or words: "15", "twelve", "thirty-two"."""
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    words = quantity_words().number_words
    parts = [words.get(p) for p in word.split("-")]
    return sum(parts) if all(p is not None for p in parts) and len(parts) <= 2 else None


def parse_duration(text: str) -> str | None:
    """The first duration in ``text`` as an ISO 8601 duration ("P5Y"), or None."""
    found = list(_duration_matches(text))
    return found[0][2] if found else None


def _duration_matches(text: str) -> Iterator[tuple[int, int, str]]:
    taken: list[tuple[int, int]] = []
    hits = []
    for regex in _duration_res():
        for m in regex.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            n = count(m.group("n"))
            unit = m.group("unit").lower()
            if not n or n > 200:
                continue
            n *= quantity_words().unit_factors.get(unit, 1)
            taken.append((m.start(), m.end()))
            hits.append((m.start(), m.end(), f"P{n}{quantity_words().units[unit]}"))
    return iter(sorted(hits))


def _spans(span: Span, matches) -> list[Quantity]:
    out = []
    base = span.start_char
    # the span's own text, read once: Doc.text and Span.text join their tokens' texts
    # each time they are read (per amount, over the document, made long texts quadratic)
    text, prev_end = span.text, None
    for start, end, value in matches:
        sub = span.doc.char_span(base + start, base + end, alignment_mode="expand")
        if sub is None:
            continue
        # "$10bn (£5.19bn)": an amount in brackets right after another is a conversion.
        gap = text[prev_end:start] if prev_end is not None else None
        prev_end = end
        if gap is not None and gap.strip() in ("(", "( ", "or", "(or", "—", "-"):
            continue
        out.append(Quantity(sub, value))
    return out


def find_money(span: Span) -> list[Quantity]:
    """Money amounts in ``span``: Quantity(span, (Decimal amount, currency)). An amount
    the span's end cuts ("$125" of "$125 million") is read whole, to its sentence's end."""
    if not len(span):
        return []
    whole = span.doc[span.start:max(span.end, span[-1].sent.end)]
    return [q for q in _spans(whole, _money_matches(whole.text)) if q.span.start < span.end]


def find_durations(span: Span) -> list[Quantity]:
    """Durations in ``span``: Quantity(span, "P5Y")."""
    return _spans(span, _duration_matches(span.text))
