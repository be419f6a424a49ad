"""Stage 2 of the pipeline: clean extracted text before NLP.

``clean_text`` repairs what file formats and converters leave behind (exotic spaces,
control characters, hard line breaks and hyphenation from PDFs, sentences glued together
without a space) and otherwise leaves the text alone: typographic quotes and dashes are
kept, because spaCy handles them and they are part of what the document says.

Character offsets of evidence refer to the *cleaned* text, so the function is pure,
deterministic and idempotent: ``clean_text(clean_text(x)) == clean_text(x)``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kg.core.lexicons import words as lexicon

# --------------------------------------------------------------------------- characters

_TRANSLATE = {
    **{c: " " for c in (0x09, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B))},
    **{c: "\n" for c in (0x0B, 0x2028)},  # vertical tab, LINE SEPARATOR
    **{c: "\n\n" for c in (0x0C, 0x2029)},  # form feed (a PDF page break), PARAGRAPH SEPARATOR
    # removed: soft hyphen, zero-width space, word joiner, BOM, Mongolian vowel separator,
    # and the invisible bidi marks and embeddings. ZWJ/ZWNJ stay: some scripts need them.
    **{c: None for c in (0xAD, 0x200B, 0x2060, 0xFEFF, 0x180E, 0x200E, 0x200F,
                         *range(0x202A, 0x202F), *range(0x2066, 0x206A))},
    # other C0 and C1 control characters (keeping \n)
    **{c: None for c in (*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0))},
}

# --------------------------------------------------------------------------- lines

_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACE_RUNS = re.compile(r" {2,}")
_EDGE_SPACES = re.compile(r"^ +| +$", re.M)

# A word broken by a hyphen at the end of a line and continued in lower case on the next.
# (The continuation is a lookahead, so that "multi-\nstake-\nholder" joins in one pass.)
_HYPHEN_BREAK = re.compile(r"([^\W\d_]+)-\n(?=([a-z][^\W\d_]*))")


def _text_words():
    """Words that decide how broken lines join (``kg/nlp/data/lexicons/text.v1.json``):
    ``continues`` (words that cannot end a sentence), ``not_a_sentence`` (what follows a
    dot in names of files and sites), ``suffix_fragment`` (continuations that are
    suffixes, never words of their own: "defen-\\nce", "na-\\ntion")."""
    return lexicon("text.v1")


@cache
def _suffix_fragment() -> re.Pattern:
    return re.compile(_text_words().suffix_fragment)


# Line breaks that a converter left inside a sentence become spaces. A line "ends" when
# its last character is sentence or clause punctuation, possibly closed by quotes.
_LINE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_LAST_WORD = re.compile(r"(?:^|\s)([a-z]+)$")
# A prose line ending in a capitalised word, followed by a capitalised line, is a name
# broken in two ("the United\nNations", "Burkina\nFaso"); a heading is not prose.
_LAST_NAME_WORD = re.compile(r"[A-Z][a-z]+$")
_WORDS = re.compile(r"[^\W\d_]+")  # letter runs: unchanged by the glued-sentence split
# A line that starts like a list item ("a) ...", "iv. ...", "• ...") is never joined on.
_LIST_ITEM = re.compile(r"(?:[a-z][.)]|[ivx]{1,4}[.)]|\(\w{1,3}\)|\d+[.)]|[•‣◦▪∙·*–—-])(?:\s|$)")


_TAIL = 1000  # line decisions look at most this far back: linear time on any input


def _word_counts(line: str) -> tuple[int, int]:
    """Letter runs in the line, and how many of them start in lower case."""
    words = _WORDS.findall(line)
    return len(words), sum(w[0].islower() for w in words)


def _join_hyphen_breaks(text: str) -> str:
    """"defen-\\nce" -> "defence", but "cross-\\nborder" -> "cross-border".

    Evidence from the document decides: if the joined word occurs elsewhere, it was a
    broken word; if the hyphenated form occurs elsewhere, it was a compound. Otherwise the
    hyphen is dropped only when the continuation is a suffix that cannot stand alone.
    Either way the line break goes, so a second pass finds nothing left to do.
    """
    if "-\n" not in text:
        return text
    words = {w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)}

    def join(m: re.Match[str]) -> str:  # returns what replaces "left-\n"
        left, right = m.group(1), m.group(2)
        if (left + right).lower() in words:
            return left
        if f"{left}-{right}".lower() in words:
            return left + "-"
        return left if _suffix_fragment().fullmatch(right) else left + "-"

    return _HYPHEN_BREAK.sub(join, text)


def _is_wrapped(line: str, following: str, prose: bool) -> bool:
    """Is the break between these two (non-empty) lines a hard wrap inside a sentence?

    ``line`` may be only the end of the line; ``prose`` says whether the whole line reads
    like running text (8+ words, 4+ of them lower case), not like a heading.
    """
    if _LIST_ITEM.match(following) or _LINE_END.search(line):
        return False
    if following[0].islower():
        return True
    last = _LAST_WORD.search(line)
    # a line ending with a word that cannot end a sentence (or with a comma) goes on on
    # the next line whatever that starts with ("in\nIraq", "that\n“Without")
    if line.endswith(",") or (last and last.group(1) in _text_words().continues):
        return True
    return prose and following[0].isupper() and bool(_LAST_NAME_WORD.search(line))


def _join_wrapped_lines(text: str) -> str:
    out: list[list[str]] = []  # output lines, each as the input lines joined into it
    tail, words, lower = "", 0, 0  # end of the output line being built, and its word counts
    for line in text.split("\n"):
        more_words, more_lower = _word_counts(line)
        if tail and line and _is_wrapped(tail, line, words >= 8 and lower >= 4):
            out[-1].append(line)
            tail, words, lower = (tail + " " + line)[-_TAIL:], words + more_words, lower + more_lower
        else:
            out.append([line])
            tail, words, lower = line[-_TAIL:], more_words, more_lower
    return "\n".join(" ".join(pieces) for pieces in out)


# --------------------------------------------------------------------------- glued sentences

# Candidates: sentence punctuation, optional closing quotes/brackets, then (after an
# optional opening quote) a letter with no space in between: "threats.Blinken",
# "said.”Next", "why?Because". Whether to split is decided in _is_glued, because the
# token before the punctuation has to be looked at as a whole (URLs, e-mails, initials).
_GLUE_CANDIDATE = re.compile(r"[.!?][”\"’')\]]{0,2}(?=[“‘]?[^\W\d_])")
# The token before the punctuation must end like a sentence: a word of 2+ letters,
# a number ("in 2022.Top"), or a closing quote/bracket/percent sign.
_SENTENCE_END = re.compile(r"(?:[^\W\d_]{2,}|[’']s|\d+|[”\"’')\]%])$")
_NEXT_WORD = re.compile(r"[“‘]?([^\W\d_]+)(\.?)")


def _is_glued(text: str, m: re.Match[str]) -> bool:
    window = max(0, m.start() - 200)  # tokens longer than this are cut: linear time
    start = max(text.rfind(" ", window, m.start()), text.rfind("\n", window, m.start()), window - 1) + 1
    token = text[start:m.start()]
    if not token or "/" in token or "@" in token or not _SENTENCE_END.search(token):
        return False  # URL, e-mail, ".NET", or an initial such as "J." / "e.g."
    nxt = _NEXT_WORD.match(text, m.end())
    word, dot = nxt.group(1), nxt.group(2)
    if not word[0].isupper() or word.lower() in _text_words().not_a_sentence:
        return False
    if len(word) > 1 and word[1].islower():  # "Blinken", "Top"
        return True
    # An acronym ("meeting.US Defense") only after a lower-case word: "ASP.NET" stays, and
    # so do "U.S.Army"-like runs of initials (single letters followed by a dot).
    tail = re.search(r"[^\W\d_]+$", token)
    return bool(tail and tail.group()[-1].islower() and len(word) >= 2 and not dot)


def _split_glued_sentences(text: str) -> str:
    parts, last = [], 0
    for m in _GLUE_CANDIDATE.finditer(text):
        if _is_glued(text, m):
            parts += [text[last:m.end()], " "]
            last = m.end()
    return "".join(parts) + text[last:] if parts else text


# --------------------------------------------------------------------------- the pipeline


def clean_text(text: str) -> str:
    """Normalise extracted text for NLP; deterministic and idempotent."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # translate before NFC: removing an invisible character can bring a letter and its
    # combining mark together, and NFC must see them (idempotence)
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATE))
    text = _EDGE_SPACES.sub("", _SPACE_RUNS.sub(" ", text))
    text = _BLANK_RUNS.sub("\n\n", text)
    text = _join_hyphen_breaks(text)
    text = _join_wrapped_lines(text)
    text = _split_glued_sentences(text)
    return text.strip()
