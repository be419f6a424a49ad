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
from functools import lru_cache
from typing import Iterator, NamedTuple

from spacy.tokens import Span

# Currency symbols; the longer prefixes first so "US$" wins over "$". "$" alone is the
# US dollar, as in the press; "¥" is read as yen unless "yuan"/"renminbi" follows.
SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "$": "USD", "€": "EUR",
    "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₩": "KRW", "₺": "TRY",
}
# Currency names written after the number ("9.3 billion dollars").
WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "won": "KRW", "francs": "CHF", "riyals": "SAR", "dirhams": "AED",
}
# "Canadian dollars", "Australian dollars": the adjective decides the dollar.
DOLLAR_ADJECTIVES = {"us": "USD", "u.s.": "USD", "american": "USD", "canadian": "CAD",
                     "australian": "AUD", "hong kong": "HKD", "new zealand": "NZD",
                     "singapore": "SGD"}
SCALES = {
    "trillion": 10**12, "tn": 10**12, "tr": 10**12, "billion": 10**9, "bn": 10**9,
    "b": 10**9, "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "thousand": 10**3, "k": 10**3,
}
NUMBER_WORDS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100,
}
# xsd:duration has no weeks ("P2W" is ISO 8601 but not XSD): weeks are counted in days.
UNITS = {"year": "Y", "month": "M", "week": "D", "day": "D", "decade": "Y"}
_FACTOR = {"decade": 10, "week": 7}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"trillion|billion|million|thousand|tn|tr|bn|mln|mn|m|b|k"
_SYM = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_MONEY_RES = (
    # $9.3 billion, US$ 5 million, €2bn, £5.19bn
    re.compile(rf"(?P<sym>{_SYM})\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE})\b)?", re.I),
    # EUR 500 million, USD 10bn (ISO code first; validated against pycountry)
    re.compile(rf"\b(?P<code>[A-Z]{{3}})\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE})\b)?"),
    # 9.3 billion dollars, 500m euros, 10 billion USD
    re.compile(rf"(?<![\w$€£¥.])(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?\s"
               rf"(?:(?P<adj>{'|'.join(re.escape(a) for a in DOLLAR_ADJECTIVES)})\s)?"
               rf"(?P<word>{'|'.join(WORDS)}|[A-Z]{{3}})\b", re.I),
)
_NUMWORD = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS if w not in ("a", "an")),
                           key=len, reverse=True))
_COUNT = rf"\d+|{_NUMWORD}"
_UNIT = r"year|month|week|day|decade"
_DURATION_RES = (
    # five-year, 5-year, ten-year, 30-month, "three year funding programme" (not -old)
    re.compile(rf"\b(?P<n>{_COUNT})[-\u2010\u2011 ](?P<unit>{_UNIT})(?![-\w]*old\b)"
               rf"(?:-long)?\b(?!s\b)", re.I),
    # for 10 years, over 20 years, for the next 30 years, for a period of five years
    re.compile(rf"\b(?:for|over|lasting|spanning|within)\s(?:the\s(?:next|first)\s|a\speriod\s"
               rf"of\s|up\sto\s)?(?P<n>{_COUNT}|a|an)\s(?P<unit>{_UNIT})s?\b", re.I),
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
    value *= SCALES.get((scale or "").lower(), 1)
    # Whole amounts as integers: "9.3E+9" is not a valid xsd:decimal lexical form.
    return Decimal(int(value)) if value == value.to_integral_value() else value


def _currency(match: re.Match, text: str) -> str | None:
    groups = match.groupdict()
    if groups.get("sym"):
        sym = next(s for s in SYMBOLS if s.lower() == groups["sym"].lower())
        tail = text[match.end():match.end() + 12].lower()
        if sym == "¥" and ("yuan" in tail or "renminbi" in tail):
            return "CNY"
        return SYMBOLS[sym]
    code = groups.get("code") or groups.get("word") or ""
    if code.lower() in WORDS:
        cur = WORDS[code.lower()]
        adj = (groups.get("adj") or "").lower()
        if cur == "USD" and adj:
            return DOLLAR_ADJECTIVES.get(adj, cur)
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
    for regex in _MONEY_RES:
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


def _count(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def parse_duration(text: str) -> str | None:
    """The first duration in ``text`` as an ISO 8601 duration ("P5Y"), or None."""
    found = list(_duration_matches(text))
    return found[0][2] if found else None


def _duration_matches(text: str) -> Iterator[tuple[int, int, str]]:
    taken: list[tuple[int, int]] = []
    hits = []
    for regex in _DURATION_RES:
        for m in regex.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            n = _count(m.group("n"))
            unit = m.group("unit").lower()
            if not n or n > 200:
                continue
            n *= _FACTOR.get(unit, 1)
            taken.append((m.start(), m.end()))
            hits.append((m.start(), m.end(), f"P{n}{UNITS[unit]}"))
    return iter(sorted(hits))


def _spans(span: Span, matches) -> list[Quantity]:
    out = []
    base = span.start_char
    prev_end = None
    for start, end, value in matches:
        sub = span.doc.char_span(base + start, base + end, alignment_mode="expand")
        if sub is None:
            continue
        # "$10bn (£5.19bn)": an amount in brackets right after another is a conversion.
        gap = span.doc.text[prev_end:base + start] if prev_end is not None else None
        prev_end = base + end
        if gap is not None and gap.strip() in ("(", "( ", "or", "(or", "—", "-"):
            continue
        out.append(Quantity(sub, value))
    return out


def find_money(span: Span) -> list[Quantity]:
    """Money amounts in ``span``: Quantity(span, (Decimal amount, currency))."""
    return _spans(span, _money_matches(span.text))


def find_durations(span: Span) -> list[Quantity]:
    """Durations in ``span``: Quantity(span, "P5Y")."""
    return _spans(span, _duration_matches(span.text))
