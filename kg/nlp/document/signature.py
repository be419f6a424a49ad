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

from kg.core.lexicons import words as lexicon
from kg.nlp.document.layout import Range, patterns
from kg.nlp.lexicons import office_words

# The signature block follows the closing clause within this many characters.
BLOCK_CHARS = 1500
# A name has this many words at least and at most (honorifics apart).
_NAME_WORDS = (2, 5)


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
        initial=re.compile(r"^(?:[A-Z]\.){1,3}$"),
        open=w.signature_open_words,
        persons=lexicon("persons.v1"),
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
    return all(w[:1].isupper() or _plain(w) in _compiled().open for w in words.split())


def _intro_end(text: str, start: int, end: int) -> int:
    """Where a "For X" ends: a colon, or a wide gap before words that start a cell of
    their own (not "For the Socialist Republic  of Viet Nam:")."""
    colon = text.find(":", start, end)
    end = colon if colon != -1 else end
    for gap in _compiled().gap.finditer(text, start, end):
        before = text[start:gap.start()].split()
        if not (text[gap.end():gap.end() + 1].islower()
                or before and _plain(before[-1]) in _compiled().open):
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
    if any(_plain(w) in office_words().heads for w in words):
        return "role"
    words = _unbracket(cell).split()
    return "name" if _name_words(words) or _names_in(words) else "other"


def _plain(word: str) -> str:
    return word.strip(",;:()[]").lower()


def _unbracket(cell: str) -> str:
    return cell[1:-1].strip() if cell[:1] in "([" and cell[-1:] in ")]" else cell


def _name_words(words: list[str]) -> list[str] | None:
    """The words of a name, honorifics before it dropped, or None when ``words`` is no name:
    each word capitalised (in any case), an initial, or a particle; a lone word only of a
    script without case."""
    while words and _honorific(words[0]):
        words = words[1:]
    if len(words) == 1 and words[0].isalpha() and not any(ch.isupper() or ch.islower()
                                                          for ch in words[0]):
        return words  # a name in a script without case
    if not _NAME_WORDS[0] <= len(words) <= _NAME_WORDS[1]:
        return None
    return words if all(_name_word(w) for w in words) else None


def _names_in(words: list[str]) -> bool:
    """Words that may be several names in a row ("H.E. X Y Z H.E. V W")."""
    return len(words) > _NAME_WORDS[1] and all(_name_word(w) or _honorific(w) for w in words)


def _honorific(word: str) -> bool:
    honorifics = office_words().honorifics
    return _plain(word) in honorifics or _plain(word) + "." in honorifics


def _name_word(word: str) -> bool:
    c, low = _compiled(), _plain(word)
    if low in c.persons.particles:
        return True
    if low in c.open or low in c.persons.non_name or low in office_words().modifiers:
        return False
    return bool(c.initial.match(word) or word[:1].isupper() and re.fullmatch(
        r"[^\W\d_]+(?:['’\-][^\W\d_]+)*['’]?", word))


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
            ends_open = _plain(last.split()[-1]) in _compiled().open if last.split() else False
            if cell.kind == "join" or ends_open and cell.kind in ("other", "role"):
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
    name cut into the name and the role ("Nihat ZEYBEKCİ Minister of Economy")."""
    out: list[Cell] = []
    for cell in cells:
        if cell.kind not in ("name", "role"):
            out.append(cell)
            continue
        words = _words(text, cell.start, cell.end)
        role_at = _role_start(text, words) if cell.kind == "role" else len(words)
        named = _cut(text, words[:role_at], wanted) if role_at else []
        for a, b in named:
            out.append(Cell(a, b, cell.line, "name", cell.indent))
        if role_at < len(words):
            start = words[role_at][0] if named else cell.start
            out.append(Cell(start, cell.end, cell.line, "role", cell.indent, cell.parts))
    return out


def _role_start(text: str, words: list[Range]) -> int:
    """Where the role begins: its head word ("Minister"), back over the words that qualify
    it ("Deputy Prime", "Commerce and Industry")."""
    plain = [_plain(text[a:b]) for a, b in words]
    head = next(i for i, w in enumerate(plain) if w in office_words().heads)
    while head and (plain[head - 1] in office_words().modifiers or plain[head - 1] in ("and", "&")):
        head -= 1
    return head


def _cut(text: str, words: list[Range], wanted: int) -> list[Range]:
    """The names of a run of name words: cut before an honorific ("H.E. X H.E. Y"), after
    a surname in capitals followed by a given name ("Kürşad TÜZMEN Rachid Mohamed RACHID");
    when the columns want more names than the line holds, before initials that follow
    two words ("LIONEL BOWEN L. J. FRANCIS")."""
    texts = [text[a:b].strip("()[]") for a, b in words]
    cuts = set()
    for i in range(1, len(texts)):
        prev, word = texts[i - 1], texts[i]
        if _honorific(word) and not _honorific(prev):
            cuts.add(i)
        elif _caps(prev) and _titled(word) and any(_titled(w) for w in texts[:i - 1]):
            cuts.add(i)
    if not cuts and wanted > 1:
        initial = _compiled().initial
        at = next((i for i in range(2, len(texts)) if initial.match(texts[i])
                   and not initial.match(texts[i - 1])), None)
        if at is not None:
            cuts.add(at)
    strong = {i for i in cuts if _honorific(texts[i])}
    if any(not _name_words(texts[a:b]) for a, b in _pieces(cuts, len(texts))):
        cuts = strong  # a cut must leave names ("María QUISPE Rojas" is one)
    out = []
    for a, b in _pieces(cuts, len(words)):
        kept = _name_words(texts[a:b])
        if kept:
            first = a + (b - a - len(kept))
            out.append((_strip_bracket(text, words[first][0], True),
                        _strip_bracket(text, words[b - 1][1], False)))
    return out


def _pieces(cuts: set[int], n: int) -> list[Range]:
    return list(zip([0, *sorted(cuts)], [*sorted(cuts), n]))


def _titled(word: str) -> bool:
    return word[:1].isupper() and any(ch.islower() for ch in word)


def _caps(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def _strip_bracket(text: str, i: int, start: bool) -> int:
    if start:
        return i + 1 if text[i] in "([" else i
    return i - 1 if text[i - 1] in ")]" else i


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
