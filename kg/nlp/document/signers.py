"""The words of a signature block's cells: which are a name, where one name ends and the
next begins, where a role begins ("Nihat ZEYBEKCİ Minister of Economy").

Text extraction (and ``kg.reading.clean``) runs the columns of a block together: "OLAF
H. BRENNER Maria QUISPE Rojas", "中曽根弘文 Vu Huy Hoang", "Minister for Foreign Affairs
Minister of Commerce". The names of such a line are told apart by what changes between
them: an honorific ("H.E. X Y H.E. V W"), the case (a name in capitals, then one that
is not; a surname in capitals, then a given name), the script (one without case, then
one with), initials after two words; when the columns want more names than these cues
give, the words are shared out evenly, two or three to a name (a guess: the only one
left). A run of roles is cut before each head word of an office that no qualifier or
"and" binds to the one before.
"""

from __future__ import annotations

import re
from functools import cache
from types import SimpleNamespace

from kg.core.lexicons import words as lexicon
from kg.nlp.document.layout import Range, patterns
from kg.nlp.lexicons import office_words

# A name has this many words at least and at most (honorifics apart).
NAME_WORDS = (2, 5)
# Words an even share gives each name, at least and at most.
_SHARE = (2, 3)


@cache
def _compiled() -> SimpleNamespace:
    return SimpleNamespace(
        initial=re.compile(r"^(?:[A-Z]\.){1,3}$"),
        open=frozenset(patterns().words.signature_open_words),
        persons=lexicon("persons.v1"),
    )


def plain(word: str) -> str:
    return word.strip(",;:()[]").lower()


def unbracket(cell: str) -> str:
    return cell[1:-1].strip() if cell[:1] in "([" and cell[-1:] in ")]" else cell


def name_words(words: list[str]) -> list[str] | None:
    """The words of a name, honorifics before it dropped, or None when ``words`` is no name:
    each word capitalised (in any case), an initial, or a particle; a lone word only of a
    script without case."""
    while words and honorific(words[0]):
        words = words[1:]
    if len(words) == 1 and _caseless(words[0]):
        return words  # a name in a script without case
    if not NAME_WORDS[0] <= len(words) <= NAME_WORDS[1]:
        return None
    return words if all(name_word(w) for w in words) else None


def names_in(words: list[str]) -> bool:
    """Words that may be several names in a row ("H.E. X Y Z H.E. V W", "中曽根弘文 Vu Huy
    Hoang")."""
    if any(_caseless(w) for w in words):
        return all(_caseless(w) or name_word(w) or honorific(w) for w in words)
    return len(words) > NAME_WORDS[1] and all(name_word(w) or honorific(w) for w in words)


def honorific(word: str) -> bool:
    honorifics = office_words().honorifics
    return plain(word) in honorifics or plain(word) + "." in honorifics


def name_word(word: str) -> bool:
    c, low = _compiled(), plain(word)
    if low in c.persons.particles:
        return True
    if low in c.open or low in c.persons.non_name or low in office_words().modifiers:
        return False
    return bool(c.initial.match(word) or word[:1].isupper() and re.fullmatch(
        r"[^\W\d_]+(?:['’\-][^\W\d_]+)*['’]?", word))


def role_starts(text: str, words: list[Range], wanted: int) -> list[int]:
    """Where each role of a run of words begins: its head word ("Minister"), back over the
    words that qualify it ("Deputy Prime", "Commerce and Industry"); a second role only
    when the columns want more than one."""
    plain_words = [plain(text[a:b]) for a, b in words]
    heads = [i for i, w in enumerate(plain_words) if w in office_words().heads]
    starts: list[int] = []
    for head in heads:
        start = head
        while start and (plain_words[start - 1] in office_words().modifiers
                         or plain_words[start - 1] in ("and", "&")):
            start -= 1
        if starts and start and plain_words[start - 1] in _compiled().open:
            start = head  # "Minister for | Foreign Affairs": the words went with the role before
        bound = starts and (start < head and plain_words[start] in ("and", "&")
                            or start <= starts[-1] or plain_words[start - 1] in _compiled().open)
        if not starts or not bound and len(starts) < wanted:
            starts.append(start)
    return starts


def cut(text: str, words: list[Range], wanted: int) -> list[Range]:
    """The names of a run of name words (module docstring), each as a range of ``text``."""
    texts = [text[a:b].strip("()[]") for a, b in words]
    cuts = _cues(texts)
    if len(_pieces(cuts, len(texts))) < wanted:
        cuts |= _initials(texts) or _shares(texts, wanted)
    cuts = _keep_names(texts, cuts)
    out = []
    for a, b in _pieces(cuts, len(words)):
        kept = name_words(texts[a:b])
        if kept:
            first = a + (b - a - len(kept))
            out.append((_strip_bracket(text, words[first][0], True),
                        _strip_bracket(text, words[b - 1][1], False)))
    return out


def _cues(texts: list[str]) -> set[int]:
    """Cuts before an honorific, where the case or the script changes."""
    cuts = set()
    for i in range(1, len(texts)):
        prev, word = texts[i - 1], texts[i]
        if honorific(word) and not honorific(prev):
            cuts.add(i)
        elif _caps(prev) and _titled(word) and (
                any(_titled(w) for w in texts[:i - 1])  # "Kürşad TÜZMEN | Rachid"
                or i >= 2 and all(_caps(w) or _compiled().initial.match(w)
                                  for w in texts[:i])):  # "OLAF H. BRENNER | Maria"
            cuts.add(i)
        elif _caseless(prev) != _caseless(word):  # "中曽根弘文 | Vu Huy Hoang"
            cuts.add(i)
    return cuts


def _initials(texts: list[str]) -> set[int]:
    """A cut before initials that follow two words ("LIONEL BOWEN | L. J. FRANCIS")."""
    initial = _compiled().initial
    at = next((i for i in range(2, len(texts)) if initial.match(texts[i])
               and not initial.match(texts[i - 1])), None)
    return {at} if at is not None else set()


def _shares(texts: list[str], wanted: int) -> set[int]:
    """Cuts that share the words out evenly among ``wanted`` names, when each gets two or
    three ("ÖSSUR SKARPHÉÐINSSON | GAO HUCHENG")."""
    if wanted < 2 or len(texts) % wanted or not _SHARE[0] <= len(texts) // wanted <= _SHARE[1]:
        return set()
    share = len(texts) // wanted
    return set(range(share, len(texts), share))


def _keep_names(texts: list[str], cuts: set[int]) -> set[int]:
    """The cuts without those that leave a piece that is no name ("Maria QUISPE | Rojas"):
    the cut before such a piece goes (or the one after it, for the first piece)."""
    cuts = set(cuts)
    while True:
        bad = next(((a, b) for a, b in _pieces(cuts, len(texts))
                    if not name_words(texts[a:b])), None)
        if bad is None or not cuts:
            return cuts
        a, b = bad
        drop = a if a in cuts and not honorific(texts[a]) else b
        if drop not in cuts:
            return {i for i in cuts if honorific(texts[i])}
        cuts.discard(drop)


def _pieces(cuts: set[int], n: int) -> list[Range]:
    return list(zip([0, *sorted(cuts)], [*sorted(cuts), n]))


def _titled(word: str) -> bool:
    return word[:1].isupper() and any(ch.islower() for ch in word)


def _caps(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def _caseless(word: str) -> bool:
    """A word only of letters of a script without case (Chinese, Japanese, Thai ...)."""
    return word.isalpha() and not any(ch.isupper() or ch.islower() for ch in word)


def _strip_bracket(text: str, i: int, start: bool) -> int:
    if start:
        return i + 1 if text[i] in "([" else i
    return i - 1 if text[i - 1] in ")]" else i
