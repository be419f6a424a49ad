"""Roles: offices named in policykg's words. "Minister of Foreign Affairs of Ghana" and
"Federal Minister for Foreign Affairs" are both the role "Foreign Minister", "Prime
ministers" (a list's heading) a "Prime Minister".

The knowledge-base build normalises the titles its sources give with ``normalise_role``;
the knowledge component compares a role the text gives with a known one through
``same_office`` (the same office, under either name), and tells an office held before
("former President") with ``past_office``. The rules are about the shape of titles,
never about particular people.
"""

from __future__ import annotations

import re
from typing import Callable

from kg.nlp.countries.gazetteer import office_families
from kg.nlp.lexicons import office_words

# "Minister of/for X" -> "X Minister" for the portfolios texts name that way.
PORTFOLIOS = {
    "foreign affairs": "Foreign", "foreign relations": "Foreign", "external affairs": "Foreign",
    "external relations": "Foreign", "foreign": "Foreign", "defense": "Defense",
    "defence": "Defence", "national defense": "Defense", "national defence": "Defence",
    "finance": "Finance", "interior": "Interior", "internal affairs": "Interior",
    "home affairs": "Interior", "justice": "Justice", "trade": "Trade",
    "economy": "Economy", "energy": "Energy", "health": "Health", "education": "Education",
}
# Single-holder offices: a text's "President" and a source's "President" are one office.
LEADING = {"president", "vice president", "prime minister", "monarch", "chancellor",
           "party leader"}
SMALL = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "la", "de"}
PLURALS = {"men": "man", "ies": "y", "ses": "s", "s": ""}


def singular(word: str) -> str:
    """"ministers" -> "minister", "chairmen" -> "chairman", "secretaries" -> "secretary"."""
    low = word.lower()
    if low.endswith("ss") or len(low) < 4:
        return word
    for plural, single in PLURALS.items():
        if low.endswith(plural):
            return word[: len(word) - len(plural)] + single
    return word


def title_case(text: str) -> str:
    """Capitalised words, small words in lower case, hyphenated parts both capitalised
    ("governor-general" -> "Governor-General")."""
    words = []
    for i, w in enumerate(text.split()):
        if i and w.lower() in SMALL:
            words.append(w.lower())
        elif "." in w.strip("."):
            words.append(w.upper())  # "U.S."
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(words)


def heading_title(heading: str) -> str:
    """A list heading as one holder's title: "Prime ministers" -> "Prime Minister",
    "Chairmen of the council of ministers (PRIME_MINISTERS" -> "Chairman of the
    Council of Ministers", "Kings/QUEENS" -> "King"."""
    text = heading.replace("_", " ").split("(")[0].split("/")[0].split(",")[0].strip()
    head, sep, rest = text.partition(" of ")
    head = " ".join("-".join(singular(p) for p in w.split("-")) for w in head.split())
    return title_case(head + sep + rest)


def normalise_role(title: str | None, is_place: Callable[[str], bool] = lambda _: False
                   ) -> str | None:
    """``title`` without its state ("of Ghana", "United States ...") and in the form
    texts use for the common offices; None for an empty title."""
    if not title or not title.strip():
        return None
    text = re.sub(r"\s*\([^)]*\)?", "", title).strip()  # "(Myanmar)", "(acting"
    text = _strip_place(text, is_place)
    low = text.lower()
    if re.search(r"\bsecretary of state for foreign\b", low):
        return "Foreign Secretary"
    # a junior or deputy office keeps its own title ("Minister of State for Foreign
    # Affairs" is not the Foreign Minister)
    if re.search(r"\b(?:deputy|vice|assistant|minister of state|state minister|junior)\b",
                 low) is None:
        if re.search(r"\bprime minister\b", low):
            return "Prime Minister"
        if re.search(r"\bminister (?:of|for) (?:the )?(?:[a-z]+ and )?(?:foreign|external) "
                     r"(?:affairs|relations)\b", low):
            return "Foreign Minister"
        m = re.search(r"\bminister (?:of|for) (?:the )?([a-z ]+?)(?: and\b|,|$)", low)
        if m and m.group(1).strip() in PORTFOLIOS:
            return f"{PORTFOLIOS[m.group(1).strip()]} Minister"
        m = re.search(r"\b(foreign|defen[cs]e|finance) minister\b", low)
        if m:
            return f"{PORTFOLIOS[m.group(1)]} Minister"
    if low.startswith("federal "):
        text = text[len("federal "):]
    return title_case(text) if text.islower() or text.isupper() else _capitalise(text)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _strip_place(text: str, is_place: Callable[[str], bool]) -> str:
    """Drop a final "of [the] PLACE" / ", PLACE" / " in PLACE" (the longest such tail:
    "of the People's Republic of China") and a leading place or demonym ("United States
    Secretary of State", "Italian Minister of ...")."""
    for m in re.finditer(r"(?:,| of| in) (?:the )?", text):
        if is_place(text[m.end():]):
            text = text[:m.start()].strip()
            break
    words = text.split()
    for n in (3, 2, 1):
        if len(words) > n and is_place(" ".join(words[:n])):
            return " ".join(words[n:])
    return text


def role_key(role: str) -> str:
    return " ".join(re.findall(r"[a-z]+", role.lower().replace("defence", "defense")))


def same_office(text_role: str, known_role: str | None) -> bool | None:
    """Whether the office a text gives and a known one can be the same: True, False, or
    None when ``known_role`` is unknown. Leading offices compare by kind ("President of
    the Republic" is a "President", a "Vice President" is not); otherwise the text's
    words must be the known title's ("Secretary" of "Secretary of State"). A known title
    of several offices ("Deputy Prime Minister and Minister of Foreign Affairs") fits
    when one of them does."""
    if not known_role:
        return None
    return any(_same(text_role, part) for part in OFFICE_SPLIT.split(known_role))


OFFICE_SPLIT = re.compile(r"\s+(?:and|&)\s+(?=(?:(?:First|Second|Deputy|Vice|Senior) )*"
                          r"(?:Minister|Secretary|Prime|President|Deputy|Vice|Chancellor))")


def past_office(role: str) -> bool:
    """An office held before: "former President", "ex-minister", "the late King"."""
    return bool(set(role.lower().replace("-", " ").split()) & office_words().past_words)


def _same(text_role: str, known_role: str) -> bool:
    text, known = normalise_role(text_role) or "", normalise_role(known_role) or ""
    if role_key(text) == role_key(known):
        return True
    fam_text, fam_known = office_families(text), office_families(known)
    lead_text, lead_known = fam_text & LEADING, fam_known & LEADING
    if lead_text or lead_known:
        return bool(lead_text & lead_known) and _same_rank(text, known)
    words = set(role_key(text).split()) - SMALL
    return bool(words) and words <= set(role_key(known).split()) | set(
        role_key(known_role).split()) and _same_rank(text, known)


def _same_rank(a: str, b: str) -> bool:
    """"Vice President" is not "President", "Deputy Prime Minister" not "Prime Minister"."""
    lower = re.compile(r"\b(?:vice|deputy|first deputy|assistant|acting)\b", re.I)
    return bool(lower.search(a)) == bool(lower.search(b))
