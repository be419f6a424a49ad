"""Where an organization's name begins and ends: the rules that stop a capitalised run
at another body, a title, a list or an agreement's name."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.core.geo import country_code
from kg.nlp.lexicons import office_words
from kg.nlp.persons.titles import title_words


def agreement_word(span: Span, heads: set[str], agreement_words: frozenset[str]) -> bool:
    """An agreement word in the name, unless a body's head word comes after it: "the
    Treaty of Lisbon" is no organization, the "... Treaty Organization" that runs one is."""
    last = max((t.i for t in span if t.lower_ in agreement_words), default=None)
    return last is not None and not any(t.text in heads for t in span.doc[last + 1:span.end])


def inside_agreement_name(span: Span, agreement_words: frozenset[str]) -> bool:
    """"Amity" in "Treaty of Peace and Amity": part of an agreement's name, which is
    written in capitals from the agreement word to the span ("an agreement between
    Banco X and Bank Y" names parties, not a part of its name)."""
    tok, doc = span.root, span.doc
    for _ in range(4):
        if tok.dep_ not in ("pobj", "prep", "conj", "compound", "cc") or tok.head is tok:
            return False
        tok = tok.head
        if tok.lower_ in agreement_words:
            lo, hi = (tok.i, span.start) if tok.i < span.start else (span.end, tok.i)
            return tok.text[:1].isupper() and all(
                t.text[:1].isupper() or t.lower_ in _NAME_GLUE for t in doc[lo:hi])
    return False


# Small words inside a capitalised name: "Treaty of Peace and Amity".
_NAME_GLUE = frozenset({"of", "and", "or", "the", "for", "on", "in", "to", "between", "-", "&"})


def cut_in_list(span: Span) -> bool:
    """"X of A" followed by ", B and C": the name goes on past the comma (not "the
    Ministry of Commerce, China's imports ...": a list goes on with "and"/"or")."""
    doc = span.doc
    if len(span) < 3 or span[-2].lower_ != "of" or span.end + 2 >= len(doc) \
            or doc[span.end].text != ",":
        return False
    rest = doc[span.end + 1:min(span.end + 4, len(doc))]
    return rest[0].text[:1].isupper() and rest[0].tag_ != "POS" \
        and any(t.lower_ in ("and", "or") for t in rest[1:])


def tagged_inside(prep: Token) -> bool:
    """The statistical tagger reads the preposition as part of an organization's name
    ("Organization for Security and Co-operation in Europe", not "Task Force in X")."""
    return prep.ent_type_ == "ORG" and prep.ent_iob_ == "I"


def title_complement(span: Span) -> bool:
    """The words after an office title's "of"/"for": "Under Secretary of | State for
    Political Affairs", "Director for | Political Affairs"."""
    doc, i = span.doc, span.start - 1
    if i > 0 and doc[i].lower_ == "the":
        i -= 1
    return i > 0 and doc[i].lower_ in ("of", "for") and doc[i - 1].lower_ in office_words().heads


def two_entities(conj: Token) -> bool:
    """The statistical tagger ends an organization before "and" and starts another after
    it: "the X Foundation and the Y Administration" are two bodies."""
    doc = conj.doc
    if conj.i + 1 >= len(doc) or conj.i == 0:
        return False
    before, after = doc[conj.i - 1], doc[conj.i + 1]
    return before.ent_type_ == "ORG" and after.ent_type_ == "ORG" and after.ent_iob_ == "B"


def before_title(doc: Doc, j: int, k: int) -> int:
    """The end of a name that runs into a person's title before the person's name: the
    title words and the words they qualify are left out."""
    while k > j and doc[k - 1].lower_ in title_words():
        k -= 1
    return k


def starts_other_name(tok: Token) -> bool:
    """After "and" inside a name: a country begins another actor ("the Department of
    Commerce and Vietnam's Ministry of ..."), not a part ("Planning and Investment")."""
    return tok.ent_type_ in ("GPE", "NORP") or country_code(tok.text) is not None
