"""Text for a terminal or one line of a log: what could break the line or drive the
terminal written as escapes.

A file name may hold a newline (which would forge an ``error:`` line or split a row of
``kg documents``) or terminal escape codes (which would reach the terminal and act:
clear it, retitle it, hide what follows), and so may text from a document. Every output
of names and document text goes through ``printable``.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional controls (which
# reorder what a reader sees), the byte-order mark
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                          "\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: object, keep: str = "") -> str:
    """``text`` with every control character but those in ``keep`` written as an escape
    (``\\n``, ``\\x1b``, ``\\u202e``)."""
    def escape(m: re.Match) -> str:
        char = m.group()
        if char in keep:
            return char
        return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100
                                    else f"\\u{ord(char):04x}")

    return _UNPRINTABLE.sub(escape, str(text))
