"""Document titles: the line of a text that reads as its title, and metadata titles
worth keeping.

Readers (``kg.reading.readers``) ask :func:`title_line` for formats without a title field (plain
text, a Markdown file without a ``#`` heading, a PDF without a usable metadata title), and
:func:`metadata_title` to drop the placeholders that word processors and converters write
into a PDF's or a DOCX file's title field.

A title line is the first line of the text standing on its own: short, no final full
stop, not continued on the next line, not a date or a byline. News wires, press releases
and encyclopedia articles open that way ("Egypt and Israel seal trade deal", "CLARK HOLDS
TALKS WITH SHULTZ", "Basel Convention"); speeches and letters open with a sentence.
"""

from __future__ import annotations

import re

MAX_CHARS = 250  # a joint statement's title may name both leaders and the place
MAX_WORDS = 40
MAX_SKIPPED = 2  # date lines or release markers above the title

# A line that ends on one of these is cut in the middle of a phrase (hard-wrapped text).
_OPEN_ENDINGS = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by",
                 "at", "from", "as", "but", "that", "which", "its", "their", "his", "her"}
_MONTHS = ("january february march april may june july august september october november "
           "december jan feb mar apr jun jul aug sep sept oct nov dec").split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_DATE_WORDS = set(_MONTHS + _WEEKDAYS) | {"published", "updated", "posted", "date", "dated",
                                          "last", "modified", "on", "at", "am", "pm", "gmt",
                                          "utc", "est", "edt", "bst", "cet"}
# Markers of a press release, not its title.
_MARKERS = {"for immediate release", "immediate release", "press release", "news release",
            "embargoed", "media note", "transcript"}
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*\.?")
_INITIALISM = re.compile(r"(?:\b[A-Z]\.){2,}$")  # "... with the U.S."
_PLACE_PREFIX = re.compile(r"^[A-Z][A-Z .'’-]+,\s*")  # "WASHINGTON, " of a dateline
# Two sentences are no title: a word (not an abbreviation) ends one and another begins.
_ABBREVIATIONS = {"mr", "mrs", "ms", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt",
                  "adm", "prof", "dr", "st", "mt", "jr", "sr", "no", "vol", "inc", "corp", "ltd",
                  "co", "vs", "amb"}
_SENTENCE_END = re.compile(r"\b([A-Za-z][a-z]+)[.!?]\s+[\"“‘']?[A-Z]")
_BULLET = re.compile(r"^(?:[-*•–·]|\d+[.)])\s")
_PAGE_FURNITURE = re.compile(r"^(?:page\s+)?\d+(?:\s*(?:of|/)\s*\d+)?$|^https?://|^www\.|@", re.I)


def title_line(text: str) -> str | None:
    """The text's title line, or None when the text opens with a sentence.

    Up to two date lines or press-release markers above it are skipped ("March 2, 2022"
    then the headline)."""
    lines = text.lstrip("\ufeff").splitlines()
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    for rank, i in enumerate(nonblank[:MAX_SKIPPED + 1]):
        line = " ".join(lines[i].split())
        if is_date_line(line) or line.lower().rstrip(":.") in _MARKERS:
            continue
        return line if _reads_as_title(line, lines[i + 1:]) else None
    return None


def _reads_as_title(line: str, rest: list[str]) -> bool:
    words = _WORD.findall(line)
    if not words or len(line) > MAX_CHARS or len(words) > MAX_WORDS:
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘«"):
        return False
    if _BULLET.match(line) or _PAGE_FURNITURE.search(line) or _byline(line, words):
        return False
    if any(m[1].lower() not in _ABBREVIATIONS for m in _SENTENCE_END.finditer(line)):
        return False
    if line.endswith((",", ";", ":", "-", "–", "—", "(", "/")):
        return False
    if line.endswith(".") and not _INITIALISM.search(line):
        return False
    if words[-1].lower() in _OPEN_ENDINGS:
        return False
    return _stands_alone(line, rest)


def _byline(line: str, words: list[str]) -> bool:
    return line.startswith(("By ", "BY ")) and len(words) <= 6


def _stands_alone(line: str, rest: list[str]) -> bool:
    """Not the first line of a hard-wrapped paragraph: followed by a blank line or the
    end, or by a line that starts afresh while this one is clearly shorter than the
    width the text is wrapped at."""
    following = [l.strip() for l in rest[:6]]
    if not following or not following[0]:
        return True
    nxt = following[0]
    if not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"'“‘«("):
        return False
    width = max(len(l) for l in following)
    return len(line) < 0.75 * width


def is_date_line(line: str) -> bool:
    """A line that only states a date (and perhaps a place, a weekday, a time):
    "WASHINGTON, March 11", "Monday, 4 March 2024", "Published: 2024-03-04"."""
    rest = _PLACE_PREFIX.sub("", line.strip()) if "," in line else line.strip()
    tokens = re.findall(r"\d+(?:st|nd|rd|th)?|[^\W\d_]+", rest.lower())
    if not any(t[0].isdigit() for t in tokens):
        return False
    has_month = any(t in _MONTHS for t in tokens) or re.search(r"\d{4}-\d{2}", rest)
    return bool(has_month) and all(t[0].isdigit() or t in _DATE_WORDS for t in tokens)


# Titles that a program wrote, not an author: "Microsoft Word - draft3.docx", "untitled",
# a file name, "Slide 1", "Document1".
_PLACEHOLDER = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel)\s*-.*|untitled.*|no title|title|"
    r"(?:document|presentation|slide|book)\s*\d*|.*\.(?:docx?|pdf|rtf|odt|txt|pptx?|indd|"
    r"tex|html?|qxd|xlsx?))$", re.I)


def metadata_title(value: object) -> str | None:
    """A title field's value, whitespace collapsed, or None when it is empty or a
    placeholder a program filled in."""
    text = " ".join(str(value or "").split())
    if not text or _PLACEHOLDER.match(text) or not re.search(r"[^\W\d_]", text):
        return None
    return text
