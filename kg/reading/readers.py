"""Stage 1 of the pipeline, its second half: read the text out of a document.

``read_document`` reads one file (found by ``kg.reading.files.iter_documents``, its
bytes read by ``kg.reading.files.read_bytes``) into a ``SourceText``, within the limit on
characters per document. Every failure a user can cause (missing file, wrong type,
binary or corrupt content, no text) becomes an ``InputError`` with the path and a reason
a person can act on; no library exception escapes. The text returned is *not* cleaned:
``kg.reading.clean.clean_text`` does that next.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.core.errors import InputError
from kg.reading.files import (CHARS_VAR, DOCX, HTML, INFLATED_VAR, MD, MEDIA_TYPES, PDF, TXT,
                              ReadLimits, os_reason, read_bytes, suffix, unsupported)
from kg.reading.titles import metadata_title, title_line

# A PDF whose pages have no text layer is almost always a scan: say so, and that
# policykg does not run OCR, instead of storing an empty document.
NO_TEXT_LAYER = "no text: scanned PDF? OCR is not supported"

# pypdf reports recoverable damage through the "pypdf" logger; keep it off stderr unless
# the application configured that logger itself.
for _name in ("pypdf", "trafilatura", "htmldate", "courlan"):
    if logging.getLogger(_name).level == logging.NOTSET:
        logging.getLogger(_name).setLevel(logging.ERROR)


@dataclass(frozen=True)
class SourceText:
    """One document as read from disk, before cleaning."""

    path: Path
    raw: bytes  # the file's bytes; their SHA-256 is the document identity
    text: str  # extracted text, not yet cleaned
    title: str | None
    media_type: str


# --------------------------------------------------------------------------- decoding text

# Signatures of common binary formats, to say what a mislabelled file really is.
_MAGIC = {b"%PDF-": "PDF", b"PK\x03\x04": "zip/DOCX", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG",
          b"GIF8": "GIF", b"\x7fELF": "executable"}
# C0 control bytes other than \t \n \v \f \r: text files (in any ASCII-based encoding) have
# almost none, binary files have many.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def _decode(path: Path, raw: bytes, media_type: str) -> str:
    """Bytes of a text format to str: UTF-8 (BOM allowed), UTF-16 with a BOM, else refuse."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(path, f"not valid UTF-16 text (byte offset {e.start})") from None
    for magic, kind in _MAGIC.items():
        if raw.startswith(magic):
            raise InputError(path, f"binary file, not text (it looks like {kind})")
    head = raw[:8192]
    if b"\x00" in raw or len(_CONTROL_BYTES.findall(head)) > 0.05 * len(head):
        raise InputError(path, "binary file, not text")
    body, skipped = (raw[3:], 3) if raw.startswith(b"\xef\xbb\xbf") else (raw, 0)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        if media_type == HTML:  # a web page may declare a legacy charset: honour it
            declared = _META_CHARSET.search(raw[:4096])
            if declared:
                try:
                    return raw.decode(declared.group(1).decode("ascii"))
                except (LookupError, UnicodeDecodeError):
                    pass
        offset = e.start + skipped
        raise InputError(path, f"not valid UTF-8 text (byte 0x{raw[offset]:02x} at offset {offset})") from None


# --------------------------------------------------------------------------- one reader per type
# Each reader takes (path, raw bytes, limits) and returns (text, title); it raises
# InputError. read_document checks the length of the text; a reader that extracts piece
# by piece (PDF pages, DOCX paragraphs) stops as soon as it is past the limit.


def _read_plain(path: Path, raw: bytes, limits: ReadLimits) -> tuple[str, str | None]:
    text = _decode(path, raw, TXT)
    return text, title_line(text)


_MD_SOURCE_RULES = [  # (pattern, replacement), applied in order
    (re.compile(r"\A---\n.*?\n---\n", re.S), ""),  # YAML front matter
    (re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.S | re.M), ""),  # fenced code blocks
    (re.compile(r"<!--.*?-->", re.S), ""),  # HTML comments
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref] -> text
    (re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S.*$", re.M), ""),  # [ref]: url definitions
]
_MD_LINE_RULES = [
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M), r"\n\1\n"),  # ATX headings
    (re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$", re.M), ""),  # setext underlines
    (re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$", re.M), ""),  # horizontal rules
    (re.compile(r"^ {0,3}>[ \t]?", re.M), ""),  # blockquote markers
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.M), "\n"),  # bullets: each item its own paragraph
]
_MD_INLINE_RULES = [  # also applied to the title
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # **strong**
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *emphasis*
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),  # _emphasis_, not snake_case
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # ~~strike~~
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # `code`
]
_MD_TITLE = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.M)


def _apply(rules: list[tuple[re.Pattern[str], str]], text: str) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def _read_markdown(path: Path, raw: bytes, limits: ReadLimits) -> tuple[str, str | None]:
    """Markdown to plain text with modest regexes: markup that would confuse NLP goes."""
    text = _apply(_MD_SOURCE_RULES, _decode(path, raw, MD).replace("\r\n", "\n"))
    heading = _MD_TITLE.search(text)
    plain = _apply(_MD_INLINE_RULES, _apply(_MD_LINE_RULES, text))
    # without a "# " heading, a setext heading or a title line opens the plain text
    title = _apply(_MD_INLINE_RULES, heading.group(1)).strip() if heading else title_line(plain)
    return plain, title


_BLOCK_TAGS = ["address", "article", "blockquote", "caption", "dd", "div", "dl", "dt",
               "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "li", "main", "ol", "p", "pre",
               "section", "table", "td", "th", "tr", "ul"]
# Page furniture, never main text. A <header> inside an <article> or <main> holds the
# article's own headline, so only page headers go.
_DROP_TAGS = ["script", "style", "nav", "footer", "aside", "form", "noscript", "template",
              "iframe", "svg", "button", "select"]
_PRUNE_XPATH = [f"//{tag}" for tag in _DROP_TAGS] + [
    "//header[not(ancestor::article) and not(ancestor::main)]"]
_BLOCK_SET, _DROP_SET = frozenset(_BLOCK_TAGS + ["br"]), frozenset(_DROP_TAGS)
_BREAK = "\ue000"  # private-use sentinel marking a block boundary while whitespace is collapsed


def _soup_text(soup) -> str:
    """Fallback main text: page furniture left out, one paragraph per block element.

    One walk over the tree with a stack of its own, so the work is linear in the page's
    size however deeply it nests (marking blocks by inserting text into the tree was
    quadratic in the depth: 20,000 levels took 16 s, 100,000 nearly 8 minutes)."""
    from bs4 import CData, NavigableString

    texts = (NavigableString, CData)  # what get_text() reads: no comments, no doctype
    parts: list[str] = []
    stack: list = [(soup.body or soup, False)]  # (node, inside an <article> or <main>)
    while stack:
        node, in_article = stack.pop()
        if node is None:  # the end of a block element
            parts.append(_BREAK)
        elif isinstance(node, NavigableString):
            if type(node) in texts:
                parts.append(str(node))
        elif node.name not in _DROP_SET and (node.name != "header" or in_article):
            if node.name in _BLOCK_SET:
                parts.append(_BREAK)
                stack.append((None, in_article))
            inner = in_article or node.name in ("article", "main")
            stack.extend((child, inner) for child in reversed(node.contents))
    text = re.sub(r"\s+", " ", "".join(parts))
    return "\n\n".join(part.strip() for part in text.split(_BREAK) if part.strip())


def _trafilatura_text(html: str) -> str | None:
    try:
        import trafilatura  # imported lazily: it is slow to import and optional at run time
    except ImportError:
        return None
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=True,
                                   favor_recall=True, prune_xpath=_PRUNE_XPATH)
    except Exception:  # any failure inside the extractor: use the fallback instead
        return None
    # trafilatura puts one block per line; make blocks paragraphs so cleaning never joins them
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip()) if text else None


def _read_html(path: Path, raw: bytes, limits: ReadLimits) -> tuple[str, str | None]:
    from bs4 import BeautifulSoup

    html = _decode(path, raw, HTML)
    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception as e:
        raise InputError(path, f"cannot read HTML: {e}") from None
    title = _html_title(soup)  # before _soup_text takes the page apart
    text = _trafilatura_text(html)
    if text is None:
        text = _soup_text(soup)
    return text, title


def _html_title(soup) -> str | None:
    """og:title, else <title>, else the first <h1>. A <title> that holds the <h1>
    ("Headline | Site name") gives way to the <h1>, which has no site name."""
    meta = soup.find("meta", attrs={"property": "og:title"}) or soup.find("meta", attrs={"name": "og:title"})
    if meta and metadata_title(meta.get("content")):
        return metadata_title(meta.get("content"))
    h1 = soup.find("h1")
    heading = metadata_title(h1.get_text(" ")) if h1 else None
    title = metadata_title(soup.title.get_text()) if soup.title else None
    if title and heading and heading in title:
        return heading
    return title or heading


def _read_pdf(path: Path, raw: bytes, limits: ReadLimits) -> tuple[str, str | None]:
    from pypdf import PdfReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(raw), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(path, "cannot read PDF: it is encrypted with a password")
            pages = list(_within(path, (page.extract_text() or "" for page in reader.pages),
                                 limits))
            title = metadata_title(reader.metadata.title) if reader.metadata else None
    except InputError:
        raise
    except Exception as e:  # pypdf raises many types (PdfReadError, ValueError, KeyError...)
        raise InputError(path, f"cannot read PDF: {_describe(e)}") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not _has_text(text):
        raise InputError(path, NO_TEXT_LAYER)
    return text, title or title_line(text)


def _docx_blocks(container) -> Iterator[str]:
    """Paragraph texts and table cells, in document order (nested tables included)."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # a merged cell repeats across the grid
                        seen.add(id(cell._tc))
                        yield from _docx_blocks(cell)
        else:
            yield item.text


def _read_docx(path: Path, raw: bytes, limits: ReadLimits) -> tuple[str, str | None]:
    import docx

    _check_inflated(path, raw, limits)
    try:
        document = docx.Document(io.BytesIO(raw))
        blocks = list(_within(path, (block.strip() for block in _docx_blocks(document)),
                              limits))
        title = metadata_title(document.core_properties.title) or _docx_heading(document)
    except zipfile.BadZipFile:
        raise InputError(path, "cannot read DOCX: not a zip archive") from None
    except InputError:
        raise
    except Exception as e:  # python-docx/lxml raise KeyError, ValueError, XMLSyntaxError...
        raise InputError(path, f"cannot read DOCX: {_describe(e)}") from None
    # Word paragraphs are real paragraphs: a blank line between them keeps cleaning from
    # joining a list item or heading onto its neighbour.
    text = "\n\n".join(b for b in blocks if b)
    return text, title or title_line(text)


def _check_inflated(path: Path, raw: bytes, limits: ReadLimits) -> None:
    """Refuse a zip whose members inflate past the limit, before inflating any. The
    sizes it declares are enforced: zipfile stops at a member's size (and a member that
    holds more then fails its CRC check)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            size = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise InputError(path, "cannot read DOCX: not a zip archive") from None
    if size > limits.inflated:
        raise InputError(path, f"inflates to {size:,} bytes, over the limit of "
                               f"{limits.inflated:,} bytes ({INFLATED_VAR}; raise it to "
                               "read this file)")


def _within(path: Path, parts: Iterable[str], limits: ReadLimits) -> Iterator[str]:
    """``parts`` of a document's text until they are past the character limit."""
    total = 0
    for part in parts:
        total += len(part)
        if total > limits.chars:
            raise InputError(path, _too_long(f"more than {limits.chars:,}", limits))
        yield part


def _too_long(size: str, limits: ReadLimits) -> str:
    return (f"text of {size} characters is over the limit of {limits.chars:,} characters "
            f"per document ({CHARS_VAR}; raise it to read this file)")


def _docx_heading(document) -> str | None:
    """The first paragraph styled Title or Heading N, in document order."""
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style == "Title" or style.startswith("Heading"):
            if heading := metadata_title(paragraph.text):
                return heading
    return None


_READERS: dict[str, Callable[[Path, bytes, ReadLimits], tuple[str, str | None]]] = {
    TXT: _read_plain, MD: _read_markdown, HTML: _read_html, PDF: _read_pdf, DOCX: _read_docx,
}


# --------------------------------------------------------------------------- reading


def _describe(e: BaseException) -> str:
    message = str(e).strip().strip("\"'")
    return message or type(e).__name__


def _has_text(text: str) -> bool:
    return re.search(r"[^\W_]", text) is not None  # at least one letter or digit


def read_document(path: Path, limits: ReadLimits | None = None) -> SourceText:
    """Read one file into a ``SourceText``; raise ``InputError`` if that is not possible.
    ``limits`` bound what is read (default: ``ReadLimits.from_env()``)."""
    path = Path(path)
    limits = limits or ReadLimits.from_env()
    media_type = MEDIA_TYPES.get(suffix(path))
    if media_type is None:  # say "missing" or "is a directory" first, if that is the case
        try:
            is_dir = path.stat() and path.is_dir()
        except OSError as e:
            raise InputError(path, os_reason(e)) from None
        raise InputError(path, "is a directory") if is_dir else unsupported(path)
    raw = read_bytes(path, limits)
    if not raw:
        raise InputError(path, "file is empty")
    text, title = _READERS[media_type](path, raw, limits)
    if len(text) > limits.chars:
        raise InputError(path, _too_long(f"{len(text):,}", limits))
    if not _has_text(text):
        raise InputError(path, "no text found")
    return SourceText(path=path, raw=raw, text=text, title=title or None, media_type=media_type)
