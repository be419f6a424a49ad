"""The signature block of an agreement's text, read line by line from the text alone:
who signs ("KÜRŞAD TÜZMEN", "Maria Quispe"), in what office ("Minister of Economy"),
and under which "For X" ("FOR THE GOVERNMENT OF THE REPUBLIC OF PERU:").

A line is cut into cells at wide gaps (columns side by side). A cell is an introduction
("For X", "On behalf of X"), a name (two to five capitalised words or initials, in any
case, after an honorific; a word of a script without case), a role (an office's head
word: "Minister", "High Commissioner"), a placeholder ("[Signed]", "(signature)", dots,
underscores), or words that go on the cell above (a line that starts in lower case, or
comes under one that ends open: "... of the" / "Republic of Turkey").

Which name goes with which role is layout: a run of names takes the run of roles after
it when both hold as many. Which name goes with which "For X" needs the states the
introductions name, which countries are found later: the agreement component pairs them
(``kg.nlp.agreements.signatures``) from the lines and columns given here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from types import SimpleNamespace

from spacy.tokens import Doc, Span

from kg.nlp.document.layout import Range, patterns
from kg.nlp.document.signers import cut, name_words, names_in, plain, role_starts, unbracket
from kg.nlp.lexicons import office_words

# The signature block follows the closing clause within this many characters.
BLOCK_CHARS = 1500


@dataclass
class Cell:
    """Words of one line between wide gaps: where they are, their line and place in it."""

    start: int
    end: int
    line: int
    kind: str = "other"  # intro | name | role | join | blank | other
    indent: int = 0  # characters from the line's start: which column it stands in
    parts: list[Range] = field(default_factory=list)  # words that go on it (joins)


@dataclass(frozen=True)
class Side:
    """A "For X" of the block: its own words (with the lines that go on it when it stands
    alone on its line), its row (its line with the lines that go on it: what a row of
    introductions run together names, in order), and its place in that row."""

    own: Range
    row: Range
    line: int
    column: int
    columns: int


@dataclass(frozen=True)
class Signer:
    """A name of the block, the role written with it (its parts), and its place: the line
    it stands on, its column and how many names that line holds."""

    name: Range
    role: tuple[Range, ...]
    line: int
    column: int
    columns: int


@dataclass
class SignatureBlock:
    start: int
    end: int
    sides: list[Side] = field(default_factory=list)
    signers: list[Signer] = field(default_factory=list)


@cache
def _compiled() -> SimpleNamespace:
    w = patterns().words
    return SimpleNamespace(
        intro=re.compile(r"(?im)(?:^|(?<=\s\s)|(?<=\t)|(?<=[a-z:.]\s))(" + w.signature_intro
                         + r")\s+(?=[A-Z]|the\b)"),
        gap=re.compile(r"[ \t]{2,}|\t"),
        placeholder=re.compile(w.signature_placeholder),
        open=w.signature_open_words,
    )


def signature_block(text: str, after: int, stop: int | None = None) -> SignatureBlock | None:
    """The signature block after offset ``after`` (the closing clause's end), up to
    ``stop`` (the next heading) or ``BLOCK_CHARS``: None when it has no "For X"."""
    end = min(len(text), after + BLOCK_CHARS, stop if stop is not None else len(text))
    lines = _lines(text, after, end)
    cells, intros = _cells(text, lines)
    if not intros:
        return None
    _join(text, cells)
    sides = _sides(cells, intros, lines)
    wanted = max((s.columns for s in sides), default=1)
    names = _names(text, cells, wanted)
    return SignatureBlock(after, end, sides, _signers(names))


def _lines(text: str, start: int, end: int) -> list[Range]:
    out, i = [], start
    while i < end:
        j = text.find("\n", i, end)
        j = end if j == -1 else j
        out.append((i, j))
        i = j + 1
    return out


def _cells(text: str, lines: list[Range]) -> tuple[list[Cell], list[Cell]]:
    """Each line cut at introductions and wide gaps; introductions apart (their words up to
    a colon, the next introduction, or a gap before words that do not go on them)."""
    c = _compiled()
    cells, intros = [], []
    for n, (a, b) in enumerate(lines):
        marks = [m for m in c.intro.finditer(text, a, b) if m.group(1)[0].isupper()
                 and _naming(text[m.end():_intro_end(text, m.end(), b)])]
        bounds = [a] + [m.start(1) for m in marks] + [b]
        for k, (s, e) in enumerate(zip(bounds, bounds[1:])):
            if k and s == marks[k - 1].start(1):
                own = marks[k - 1].end()
                stop = _intro_end(text, own, e)
                intros.append(Cell(own, stop, n, "intro", s - a))
                s = stop
            for cs, ce in _split(text, s, e):
                cells.append(Cell(cs, ce, n, "other", cs - a))
    for cell in cells:
        cell.kind = _kind(text[cell.start:cell.end])
    return sorted(cells + intros, key=lambda x: x.start), intros


def _naming(words: str) -> bool:
    """Words that name a party: capitalised, or words that join them ("the", "of"); not a
    sentence ("For the purpose of interpreting ...")."""
    return all(w[:1].isupper() or plain(w) in _compiled().open for w in words.split())


def _intro_end(text: str, start: int, end: int) -> int:
    """Where a "For X" ends: a colon, or a wide gap before words that start a cell of
    their own (not "For the Socialist Republic  of Viet Nam:")."""
    colon = text.find(":", start, end)
    end = colon if colon != -1 else end
    for gap in _compiled().gap.finditer(text, start, end):
        before = text[start:gap.start()].split()
        if not (text[gap.end():gap.end() + 1].islower()
                or before and plain(before[-1]) in _compiled().open):
            return gap.start()
    return len(text[:end].rstrip())


def _split(text: str, start: int, end: int) -> list[Range]:
    out, i = [], start
    for gap in [*_compiled().gap.finditer(text, start, end), None]:
        j = gap.start() if gap else end
        piece = text[i:j].strip(" \t:")
        if piece:
            lead = i + text[i:j].index(piece)
            out.append((lead, lead + len(piece)))
        i = gap.end() if gap else end
    return out


def _kind(cell: str) -> str:
    c = _compiled()
    words = cell.split()
    if c.placeholder.fullmatch(cell):
        return "blank"
    if words[0][:1].islower():
        return "join"
    if any(plain(w) in office_words().heads for w in words):
        return "role"
    words = unbracket(cell).split()
    return "name" if name_words(words) or names_in(words) else "other"


def _join(text: str, cells: list[Cell]) -> None:
    """Words that go on the cell above them (in the column they stand in) become parts of
    it: a line in lower case ("of Iceland"), or one under a cell that ends open ("For the
    Government of the" / "Republic of Turkey", "Minister of" / "Commerce")."""
    owner: dict[int, Cell] = {}  # id of a joined cell -> the cell it went on
    by_line: dict[int, list[Cell]] = {}
    for cell in cells:
        by_line.setdefault(cell.line, []).append(cell)
    lines = sorted(n for n, cs in by_line.items() if any(c.kind != "blank" for c in cs))
    for prev, n in zip(lines, lines[1:]):
        above = [c for c in by_line[prev] if c.kind != "blank"]
        for cell in by_line[n]:
            if cell.kind in ("intro", "name", "blank"):
                continue
            over = max((c for c in above if c.indent <= cell.indent + 2),
                       key=lambda c: c.indent, default=above[0])
            head = owner.get(id(over), over)
            last = text[slice(*(head.parts[-1] if head.parts else (head.start, head.end)))]
            ends_open = plain(last.split()[-1]) in _compiled().open if last.split() else False
            # a "For X" open at its end takes words of a state's name, never a role: in a
            # row run together its end is open when another "For X" follows it
            goes_on = ("other",) if head.kind == "intro" else ("other", "role")
            if cell.kind == "join" or ends_open and cell.kind in goes_on:
                head.parts.append((cell.start, cell.end))
                owner[id(cell)] = head
                cell.kind = "joined"


def _sides(cells: list[Cell], intros: list[Cell], lines: list[Range]) -> list[Side]:
    """Each "For X" with its row: a line of one keeps the lines that go on it as its own."""
    out = []
    rows: dict[int, list[Cell]] = {}
    for cell in intros:
        rows.setdefault(cell.line, []).append(cell)
    for n, row in sorted(rows.items()):
        parts = [p for c in row for p in c.parts]
        row_range = (lines[n][0] + row[0].indent, max([lines[n][1]] + [b for _, b in parts]))
        for k, cell in enumerate(row):
            own = (cell.start, max([cell.end] + [b for _, b in cell.parts])) \
                if len(row) == 1 else (cell.start, cell.end)
            out.append(Side(own, row_range, n, k, len(row)))
    return out


def _words(text: str, start: int, end: int) -> list[Range]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def _names(text: str, cells: list[Cell], wanted: int) -> list[Cell]:
    """The cells with each name cell cut into its names, and a role cell that opens with a
    name cut into the name and the role ("Nihat ZEYBEKCİ Minister of Economy"); a role
    cell into its roles when the columns want several (``kg.nlp.document.signers``)."""
    out: list[Cell] = []
    for cell in cells:
        if cell.kind not in ("name", "role"):
            out.append(cell)
            continue
        words = _words(text, cell.start, cell.end)
        starts = role_starts(text, words, wanted) if cell.kind == "role" else []
        role_at = starts[0] if starts else len(words)
        named = cut(text, words[:role_at], wanted) if role_at else []
        for a, b in named:
            out.append(Cell(a, b, cell.line, "name", cell.indent))
        for k, start in enumerate(starts):
            a = words[start][0] if named or k else cell.start
            b = words[starts[k + 1] - 1][1] if k + 1 < len(starts) else cell.end
            out.append(Cell(a, b, cell.line, "role", cell.indent,
                            cell.parts if len(starts) == 1 else []))
    return out


def _signers(cells: list[Cell]) -> list[Signer]:
    """Each name with the role of the same rank in the run of roles after its run of
    names, when both runs hold as many; its line and column."""
    seq = [c for c in cells if c.kind in ("intro", "name", "role")]
    per_line: dict[int, list[Cell]] = {}
    for c in seq:
        if c.kind == "name":
            per_line.setdefault(c.line, []).append(c)
    out, i = [], 0
    while i < len(seq):
        if seq[i].kind != "name":
            i += 1
            continue
        j = i
        while j < len(seq) and seq[j].kind == "name":
            j += 1
        k = j
        while k < len(seq) and seq[k].kind == "role":
            k += 1
        names, roles = seq[i:j], seq[j:k]
        for n, name in enumerate(names):
            role = roles[n] if len(roles) == len(names) else None
            parts = ((role.start, role.end), *role.parts) if role else ()
            line = per_line[name.line]
            out.append(Signer((name.start, name.end), parts, name.line, line.index(name),
                              len(line)))
        i = k
    return out


# -- as spans of the Doc ------------------------------------------------------------------
@dataclass(frozen=True)
class SideSpan:
    """A ``Side`` as token spans."""

    own: Span | None
    row: Span
    line: int
    column: int
    columns: int


@dataclass(frozen=True)
class SignerSpan:
    """A ``Signer`` as token spans."""

    name: Span
    role: tuple[Span, ...]
    line: int
    column: int
    columns: int


def as_spans(doc: Doc, block: SignatureBlock) -> tuple[list[SideSpan], list[SignerSpan]]:
    sides = [SideSpan(_span(doc, *s.own), row, s.line, s.column, s.columns)
             for s in block.sides if (row := _span(doc, *s.row)) is not None]
    signers = [SignerSpan(name, tuple(r for r in (_span(doc, *p) for p in s.role) if r),
                          s.line, s.column, s.columns)
               for s in block.signers if (name := _span(doc, *s.name)) is not None]
    return sides, signers


def _span(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None
