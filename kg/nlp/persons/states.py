"""The state a person acts for, read from the words right before or after their name: a
country ("Ukrainian X", "X of Finland", "X's Russia"), a state body's country ("X of the
Communist Party of Vietnam") or a province's ("Senator X of New Hampshire"). Titles are
parsed in ``kg.nlp.persons.titles``; ``kg.nlp.persons.office_linker`` applies both.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp.countries.gazetteer import fold, subdivisions
from kg.nlp.lexicons import common_words, office_words


def country_before_name(doc: Doc, start: int, by_end: dict[int, Span]) -> str | None:
    """"Ukrainian X", "Russia's X"."""
    if start > 0 and doc[start - 1].text in common_words().possessive_s:
        start -= 1
    return by_end[start].label_ if start in by_end else None


def country_after_name(doc: Doc, end: int, by_start: dict[int, Span]) -> str | None:
    """"President X of Finland", "X's Russia", "General Secretary X of the Communist Party
    of Vietnam"."""
    j = end
    if j < len(doc) and doc[j].lower_ == "of":
        k = j + 1 + (j + 1 < len(doc) and doc[j + 1].lower_ == "the")
        if k in by_start:
            return by_start[k].label_
        return _national_body_country(doc, k, by_start)
    if j < len(doc) and doc[j].text in common_words().possessive_s and j + 1 in by_start:
        return by_start[j + 1].label_
    return None


def province_after_name(doc: Doc, end: int) -> str | None:
    """The country of a state or province of ISO 3166-2 named after "of" right after a
    name, ending a phrase ("Senator X of New Hampshire", not "X of New York Times")."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return None
    places, k = subdivisions(), end + 1
    for n in (3, 2, 1):
        stop = k + n
        if stop <= len(doc) and all(t.is_title for t in doc[k:stop]) and \
                fold(doc[k:stop].text) in places and not (
                    stop < len(doc) and (doc[stop].is_title or doc[stop].pos_ == "PROPN")):
            return places[fold(doc[k:stop].text)]
    return None


def _national_body_country(doc: Doc, k: int, by_start: dict[int, Span]) -> str | None:
    """The country ending a state body's name that starts at ``k``: "Communist Party of
    Vietnam", "National Assembly of Pakistan" (not "Council of the European Union")."""
    body = False
    for m in range(k, min(k + 5, len(doc) - 1)):
        tok = doc[m]
        if tok.lower_ == "of" and m > k:
            c = m + 1 + (doc[m + 1].lower_ == "the")
            return by_start[c].label_ if body and c in by_start else None
        if not tok.is_title:
            return None
        body = body or tok.lower_ in office_words().national_bodies
    return None
