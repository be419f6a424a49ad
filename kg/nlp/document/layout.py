"""The layout of a document, read from its text alone: section headings, and the parts of
a text that is itself an agreement (title, preamble, numbered articles).

Everything here works on the plain text and character offsets, with regular expressions
from the lexicon ``structure.v1``: a heading is a line of its own ("ARTICLE 5", then its
name on the next line), a title is the run of lines before the preamble that names the
instrument ("FREE TRADE AGREEMENT / BETWEEN / ..."), whatever its case, line breaks or
words run together. ``kg.nlp.document.closing`` reads the end of such a text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace

from titlecase import titlecase

from kg.core.lexicons import words as lexicon

Range = tuple[int, int]  # character offsets, end exclusive

# A heading's name line is short: a few words, no sentence.
_NAME_WORDS = 12
_NAME_CHARS = 100
# The title and preamble are near the top: a long header of notes is not searched past this.
_HEAD_CHARS = 3000


@cache
def patterns() -> SimpleNamespace:
    """The lexicon ``structure.v1`` compiled."""
    w = lexicon("structure.v1")
    heads = "|".join(sorted(w.heading_words, key=len, reverse=True))
    kinds = "|".join(sorted(w.text_kinds, key=len, reverse=True))
    return SimpleNamespace(
        words=w,
        heading=re.compile(rf"(?im)^[ \t]*({heads})[ \t]+({w.heading_number})\b[ \t]*"
                           rf"(?:[.:\-\u2013\u2014][ \t]*)?([^\n]*)$"),
        lone=re.compile(r"(?im)^[ \t]*(" + "|".join(w.lone_headings) + r")[ \t]*:?[ \t]*$"),
        lone_glued=re.compile("(" + "|".join(x.upper() for x in w.lone_headings) + ")"),
        # a kind word, also run together with what follows: "AGREEMENTBetween",
        # "Agreementbetween the" (not "Agreements")
        kind=re.compile(rf"(?i)(?<![a-z])({kinds})(?:(?-i:(?![a-z]))|(?=between\b))"),
        section=re.compile(rf"\b(?i:{'|'.join(sorted(w.section_words, key=len, reverse=True))})"
                           rf"\s+{w.heading_number}(?:\s*(?:,|and|or|to)\s*{w.heading_number})*"
                           rf"\b\.?"),
        self_ref=re.compile(rf"(?i)\b(?:{'|'.join(w.self_determiners)})\s+"
                            rf"(?:[A-Z][\w-]*\s+)?({kinds})\b"),
        formula=re.compile(w.formula, re.IGNORECASE),
        party_definition=re.compile(w.party_definition, re.IGNORECASE),
        date_label=re.compile(r"(?i)\b(" + "|".join(w.date_labels) + r")[ \t]*:"),
    )


@dataclass(frozen=True)
class Heading:
    """A heading line ("ARTICLE 5"), with its name line when it has one."""

    word: str  # "article", "chapter", ... (lower case)
    start: int
    end: int
    name: Range | None = None  # "Safeguard Measures"


def headings(text: str) -> list[Heading]:
    """The section headings of ``text``: a heading word and a number on a line of their
    own, or followed by a short name ("ARTICLE 11.3 Entry Into Force"); the next line is
    the heading's name when it is short and no sentence."""
    p = patterns()
    out = []
    for m in p.heading.finditer(text):
        rest = m.group(3).strip()
        if rest and not _name_like(rest):
            continue  # "Article XXIV of the GATT 1994 applies ...": a sentence citing it
        name = (m.start(3), m.start(3) + len(m.group(3).rstrip())) if rest else _name_line(
            text, m.end())
        end = name[1] if name else m.end()
        out.append(Heading(m.group(1).lower(), m.start(1), end, name))
    for m in p.lone.finditer(text):
        out.append(Heading(m.group(1).lower(), m.start(1), m.end(1)))
    return sorted(out, key=lambda h: h.start)


def _name_line(text: str, end_of_line: int) -> Range | None:
    """The line after a heading's number when it names the section."""
    if end_of_line >= len(text) or text[end_of_line] != "\n":
        return None
    start = end_of_line + 1
    stop = text.find("\n", start)
    stop = len(text) if stop == -1 else stop
    line = text[start:stop]
    if not line.strip() or not _name_like(line.strip()) or patterns().heading.match(line):
        return None
    lead = len(line) - len(line.lstrip())
    return (start + lead, start + len(line.rstrip()))


def _name_like(line: str) -> bool:
    """A heading's name: short, opens with a capital, no sentence punctuation at its end."""
    return len(line) <= _NAME_CHARS and len(line.split()) <= _NAME_WORDS \
        and line[:1].isupper() and not line.rstrip().endswith((".", ";", ",", ":"))


def section_references(text: str) -> list[Range]:
    """References to parts of a text: "Articles XIV and XX", "Annex I", "Chapter V"."""
    return [m.span() for m in patterns().section.finditer(text)]


def self_references(text: str) -> dict[str, int]:
    """How often the text calls itself "this X" / "the present X", by kind word."""
    counts: dict[str, int] = {}
    for m in patterns().self_ref.finditer(text):
        kind = m.group(1).lower()
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def formula(text: str, before: int) -> Range | None:
    """The preamble's "have agreed as follows", before offset ``before``."""
    m = patterns().formula.search(text, 0, before)
    return m.span() if m else None


@dataclass(frozen=True)
class Head:
    """The top of a text: where its title block ends and, when it has one, where the
    sentence that names the parties starts."""

    end: int
    preamble: int | None = None


def head(text: str, heads: list[Heading]) -> Head:
    """Where the title block ends: at the first heading (a glued "...PREAMBLE" too), a
    dated header line ("Date of signing: ..."), or the start of the preamble: the
    sentence that names the parties and defines them ("..., hereinafter the Parties"),
    else the first paragraph after the title that ends open (with a comma, semicolon or
    colon: "New Zealand and Singapore ("the Parties"),"). A text whose top holds a full
    sentence before any of these (a piece cut from the middle of a document) has none."""
    p = patterns()
    limit = min(len(text), _HEAD_CHARS)
    first = next((h for h in heads if h.start < limit), None)
    ends = [first.start if first else limit]
    glued = p.lone_glued.search(text, 0, limit)  # "... MOLDOVAPREAMBLE"
    if glued:
        ends.append(glued.start())
    labels = p.date_label.search(text, 0, limit)
    if labels:
        ends.append(labels.start())
    lone = first is not None and first.word in p.words.lone_headings  # "PREAMBLE"
    preamble = first.end if lone else None  # the parties are named right after it
    defined = None if lone else p.party_definition.search(text, 0, limit)
    if defined:
        preamble = _enumeration_start(text, defined.start())
        if preamble is not None and glued and preamble < glued.end() < defined.start():
            preamble = glued.end()  # "...PREAMBLE The Government of ..."
        if preamble is not None and (first is not None and preamble > first.start
                                     or _sentence_end(text, preamble, defined.start())):
            preamble = None  # defined in the articles ("hereinafter agricultural products")
    kind = p.kind.search(text, 0, min(ends + ([preamble] if preamble is not None else [])))
    if kind is not None and preamble is None:
        preamble = _open_paragraph(text, kind.end(), limit)
    end = min(ends + ([preamble] if preamble is not None else []))
    if _sentence_end(text, 0, end):
        return Head(0)
    return Head(end, preamble if preamble is not None and not _sentence_end(
        text, 0, preamble) else None)


def _open_paragraph(text: str, after: int, limit: int) -> int | None:
    """The opening line of the first paragraph after offset ``after`` that ends open."""
    for m in re.finditer(r"(?:^|\n[ \t]*\n)([^\n](?:.|\n(?![ \t]*\n))*)", text[:limit]):
        if m.start(1) > after and m.group(1).rstrip().endswith((",", ";", ":")):
            return _enumeration_start(text, m.start(1) + len(m.group(1).rstrip()))
    return None


def _sentence_end(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds the end of a sentence (running text, no title)."""
    return re.search(r"[a-z]{2}[.;]\s+(?:\d+\.\s+)?[A-Z]", text[start:end]) is not None


def preamble_range(text: str, start: int, stop: int) -> Range:
    """The words that name the parties, from ``start``: up to the end of their defined
    name ("..., hereinafter referred to as "the Parties")") or the first semicolon or
    colon, within the paragraph and before ``stop``."""
    start += len(text[start:stop]) - len(text[start:stop].lstrip())
    blank = re.compile(r"\n[ \t]*\n").search(text, start, stop)
    end = blank.start() if blank else stop
    defined = patterns().party_definition.search(text, start, end)
    cut = re.compile(r"[;:]|\)\s*,|\)\s*$" if defined else r"[;:]").search(
        text, defined.end() if defined else start, end)
    return (start, cut.start() + (text[cut.start()] == ")") if cut else end)


def _enumeration_start(text: str, i: int) -> int | None:
    """The start of the sentence that names the parties, given where it defines them:
    back over lines that continue it (lower case, or the defining words themselves:
    "HEREINAFTER referred to as ...") to the line that opens it ("The Government of");
    None when no line opens it."""
    start = text.rfind("\n", 0, i) + 1
    for _ in range(8):
        stop = text.find("\n", start)
        line = text[start:stop if stop != -1 else len(text)]
        stripped = line.strip()
        if stripped[:1].isupper() and not patterns().party_definition.match(stripped):
            return start + len(line) - len(line.lstrip())
        if start == 0:
            return None
        start = text.rfind("\n", 0, start - 1) + 1
    return None


def title_range(text: str, end: int) -> Range | None:
    """The title: the last copy, before ``end``, of the head's first kind phrase (a
    header repeated or run together with noise keeps its last copy; "FREE TRADE
    AGREEMENT"), with the capitalised words before it on its line ("REVISED"), to ``end``,
    less a trailing bracket of place and date."""
    p = patterns()
    head = text[:end]
    # the first kind word that opens its line, whatever noise runs into it (not one in
    # running text: "... under the United Nations Charter")
    first = next((m for m in p.kind.finditer(head) if not re.search(
        r"\b[a-z]{2,}\b", head[head.rfind("\n", 0, m.start()) + 1:m.start()])), None)
    if first is None:
        return None
    lead = re.search(r"(?:[A-Z][A-Za-z-]*[ \t]+){0,3}$", head[:first.start()])
    phrase = (lead.group(0) if lead else "") + first.group(1)
    pattern = re.compile(r"\s+".join(map(re.escape, phrase.split())), re.IGNORECASE)
    start = max(m.start() for m in pattern.finditer(head))
    # the capitalised words before the last copy on its line ("REVISED TREATY OF TRADE"),
    # not a word run together with it ("BELARUSFREE TRADE AGREEMENT")
    before = re.search(r"(?:(?<=\s)|^)(?:[A-Z][A-Za-z-]*[ \t]+){1,3}$", head[:start])
    if before is not None:
        start = before.start()
    stop = _strip_tail(head, start, end)
    return (start, stop) if stop > start else None


def _strip_tail(head: str, start: int, end: int) -> int:
    """Where the title ends: before trailing spaces and a bracket of place and date
    ("ON FREE TRADE(November 13, 1992)")."""
    part = head[start:end].rstrip()
    bracket = re.search(r"\([^()]*\d{4}\)\s*$", part)
    if bracket:
        part = part[:bracket.start()].rstrip()
    return start + len(part)


def text_words(text: str) -> frozenset[str]:
    """The words the text uses on their own three times or more (lower case): what a run of
    letters may be split into."""
    counts: dict[str, int] = {}
    for w in re.findall(r"[a-z]+", text.lower()):
        counts[w] = counts.get(w, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 3 and len(w) > 1)


def _unglue(word: str, vocab: frozenset[str], first: bool) -> list[str]:
    """A word the text never uses, split where both halves are words it uses
    ("BETWEENTHE", "ONFREE"); noise run into the first word of a title is dropped
    ("MFERTFREE" -> "FREE")."""
    low = word.lower()
    if not word.isalpha() or low in vocab or len(word) < 5:
        return [word]
    for i in sorted(range(2, len(word) - 1), key=lambda i: -len(word[:i])):
        if low[:i] in vocab and low[i:] in vocab:
            return [word[:i], word[i:]]
    if first:
        tail = next((i for i in range(1, len(word) - 2) if low[i:] in vocab), None)
        if tail is not None:
            return [word[tail:]]
    return [word]


def readable(title: str, vocab: frozenset[str] = frozenset()) -> str:
    """The title as one line in readable case, words run together split (``vocab``: the
    words of the text, ``text_words``): "FREE TRADE AGREEMENTBETWEEN THE ..." -> "Free
    Trade Agreement between the ..."."""
    words = title.split()
    words = [part for i, w in enumerate(words) for part in _unglue(w, vocab, i == 0)]
    text = re.sub(r"[^\w)\]\"'”’]+$", "", " ".join(words))
    letters = [c for c in text if c.isalpha()]
    shouting = sum(c.isupper() for c in letters) > 0.6 * len(letters) if letters else False
    if not shouting and not any(w.isupper() and len(w) > 3 for w in text.split()):
        return text
    small = patterns().words.title_small_words
    return titlecase(text.lower(),
                     callback=lambda word, **_: word.lower() if word.lower() in small else None)
