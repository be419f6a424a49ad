"""Reading a dump (N-Quads or TriG) as a stream of quads, whatever the length of its
literals, within a bound on the length of a line.

pyoxigraph's parsers hold one token in a buffer of at most 16 MiB: a document whose
text is longer (its ``pkg:content`` is one literal) was exported but could not be
loaded back (MemoryError). So the dump is read line by line and a literal longer than
``LONG_LITERAL`` is taken out of its line before the parser sees it: it is replaced by
a placeholder (a string no dump holds) and put back, unescaped, in the quad the parser
gives for that line. Everything else, prefixes and all, is pyoxigraph's to parse, in one
stream, so its error messages keep their line numbers.

A line may be at most ``max_line_bytes()`` long: what a document of ``KG_MAX_CHARS``
characters (the reader's limit) can need, each character written in up to 8 bytes. A
longer line is refused before it is held in memory (a 1 GB line was a MemoryError).
"""

from __future__ import annotations

import io
import re
import uuid
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from kg.core.errors import InputError
from kg.reading.files import CHARS_VAR, ReadLimits

OX_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
LONG_LITERAL = 1 << 20  # bytes: a literal this long goes around pyoxigraph's parser
_BLOCK = 4 << 20  # bytes read at a time
# IRIs (skipped: they may hold quotes), string literals, comments
_TOKENS = re.compile(rb'<[^>\n]*>|"((?:[^"\\\n\r]++|\\.)*+)"|\'((?:[^\'\\\n\r]++|\\.)*+)\''
                     rb"|#[^\n]*")
_ESCAPES = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf"\'\\])|\\')
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'",
           "\\": "\\"}


def max_line_bytes(limits: ReadLimits | None = None) -> int:
    return 8 * (limits or ReadLimits.from_env()).chars + (1 << 20)


class DumpQuads:
    """The quads of the dump at ``path``, as often as it is iterated; SyntaxError as
    pyoxigraph raises it, InputError for a line past the limit or a token pyoxigraph
    cannot hold. ``shortened``: the long literals the last pass took around the parser."""

    def __init__(self, path: Path, fmt: str, limits: ReadLimits | None = None) -> None:
        self.path, self.fmt = path, fmt
        self.limit = max_line_bytes(limits)
        self.shortened = 0

    def __iter__(self) -> Iterator[ox.Quad]:
        reader = _Reader(self.path, self.limit)
        try:
            for quad in ox.parse(input=reader, format=OX_FORMATS[self.fmt]):
                yield reader.restore(quad) if reader.literals else quad
        except MemoryError as exc:  # an IRI, or a literal spread over lines, past 16 MiB
            raise InputError(self.path, f"holds a token of over 16 MiB that is not a "
                                        f"literal on one line ({exc}); nothing was loaded"
                             ) from None
        finally:
            self.shortened = reader.shortened
            reader.close()


class _Reader(io.RawIOBase):
    """The dump's bytes, long literals replaced by placeholders; read in blocks, and a
    block with a long line is rewritten line by line."""

    def __init__(self, path: Path, limit: int) -> None:
        self.path, self.limit = path, limit
        self.file = open(path, "rb")  # noqa: SIM115 - closed with the reader
        self.blocks = self._blocks()
        self.pending, self.offset = b"", 0
        self.marker = f"kg-long-literal-{uuid.uuid4().hex}-"
        self.literals: dict[str, str] = {}
        self.shortened = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.offset >= len(self.pending):
            self.pending, self.offset = next(self.blocks, b""), 0
            if not self.pending:
                return 0
        size = min(len(buffer), len(self.pending) - self.offset)
        buffer[:size] = memoryview(self.pending)[self.offset:self.offset + size]
        self.offset += size
        return size

    def _blocks(self) -> Iterator[bytes]:
        parts, size, lines = [], 0, 0  # pieces of an unfinished line; lines before it
        while chunk := self.file.read(_BLOCK):
            end = chunk.rfind(b"\n") + 1
            if not end:  # still in the same line: keep its pieces, within the limit
                parts.append(chunk)
                size += len(chunk)
                if size > self.limit:
                    self._too_long(lines + 1)
                continue
            data = b"".join(parts) + chunk[:end]
            parts, size = [chunk[end:]], len(chunk) - end
            yield self._rewritten(data, lines)
            lines += data.count(b"\n")
        if rest := b"".join(parts):
            yield self._rewritten(rest, lines)

    def _rewritten(self, data: bytes, lines: int) -> bytes:
        if max(map(len, data.split(b"\n"))) <= LONG_LITERAL:
            return data
        out = []
        for number, line in enumerate(data.split(b"\n"), lines + 1):
            if len(line) > self.limit:
                self._too_long(number)
            out.append(self._shorten(line, number) if len(line) > LONG_LITERAL else line)
        return b"\n".join(out)

    def _too_long(self, number: int) -> None:
        raise InputError(self.path, f"line {number:,} is over the limit of {self.limit:,} "
                                    f"bytes a line may have (what a document of "
                                    f"{CHARS_VAR} characters can need); nothing was loaded")

    def _shorten(self, line: bytes, number: int) -> bytes:
        def replace(m: re.Match) -> bytes:
            body = m.group(1) if m.group(1) is not None else m.group(2)
            if body is None or len(body) <= LONG_LITERAL:
                return m.group()
            key = f"{self.marker}{self.shortened}"
            self.literals[key] = _unescape(body, number)
            self.shortened += 1
            return f'"{key}"'.encode()

        return _TOKENS.sub(replace, line)

    def restore(self, quad: ox.Quad) -> ox.Quad:
        o = quad.object
        if not self.literals or not isinstance(o, ox.Literal) or o.value not in self.literals:
            return quad
        value = self.literals.pop(o.value)
        literal = (ox.Literal(value, language=o.language) if o.language
                   else ox.Literal(value, datatype=o.datatype))
        return ox.Quad(quad.subject, quad.predicate, literal, quad.graph_name)

    def close(self) -> None:
        self.file.close()
        super().close()


def _unescape(body: bytes, line: int) -> str:
    """A string literal's text from its escaped form (ECHAR and UCHAR of N-Quads and
    TriG); SyntaxError for a lone backslash or a byte sequence that is not UTF-8."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SyntaxError(f"line {line}: a literal that is not UTF-8 ({exc.reason})") from None

    def one(m: re.Match) -> str:
        escape = m.group(1)
        if escape is None:
            raise SyntaxError(f"line {line}: a backslash that starts no escape sequence")
        return chr(int(escape[1:], 16)) if escape[0] in "uU" else _ECHARS[escape]

    return _ESCAPES.sub(one, text)
