"""Titles around person mentions, read into the office each gives: the role a person
holds and the state they hold it for.

In kg.nlp.persons a *title* is the words as written ("Japan's foreign minister"), an
*office* what a title says is held (``Office``: a role for a state), a *role* the office's
name in policykg's words ("Foreign Minister", ``kg.nlp.persons.roles``). Parsing only; the
``policykg_offices`` component that applies it to each person mention, and falls back on
the document's context, is in ``kg.nlp.persons.office_linker``.

Patterns (all over tokens, around each ``pkg_persons`` span):

- title before the name: "US Secretary of State X", "Japanese Foreign Minister X",
  "Chairman of the Council of Ministers of the Soviet Union X", "India's petroleum
  minister X";
- title in apposition before: "The Turkish economics minister, X, said";
- title after the name: "X, Japan's prime minister", "X, the IMF's managing director", a
  signature block "X\\nPrime Minister of Cambodia";
- the country after the name: "President X of Finland", "X's Russia", "signed ... on
  behalf of Bahrain" (``kg.nlp.persons.states``).

The role is the title as written without the country word; the country comes from a
demonym, a possessive, an "of COUNTRY" or a country word before the title. Officers of
companies and international bodies get no country from their title.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.core.constants import COUNTRY_SPANS, SUBJECT_DEPS
from kg.nlp.countries.gazetteer import fold, subdivisions
from kg.nlp.lexicons import common_words, office_words, relational_adjectives
from kg.nlp.persons.groups import countries_at
from kg.nlp.persons.roles import singular

WINDOW = 12  # tokens a title may span before a name


@cache
def title_words() -> frozenset[str]:
    """Every word a title may be made of: heads, modifiers and honorifics."""
    w = office_words()
    return w.heads | w.modifiers | w.honorifics


@dataclass
class Office:
    """The office a title next to a person mention gives: the role, the state it is held
    for, and the rules that read them."""

    role: str
    country: str | None = None  # ISO code the text ties to the title
    org: bool = False  # the title belongs to an organization, not a state
    business: bool = False
    rule: str = ""  # how the title was found ("role.title-before", ...)
    country_rule: str = ""  # how the state was found ("state.title", "state.context", ...)


def country_index(doc: Doc) -> tuple[dict[int, Span], dict[int, Span]]:
    """Country spans by start and by end token index."""
    by_start, by_end = {}, {}
    for span in doc.spans.get(COUNTRY_SPANS, []):
        by_start.setdefault(span.start, span)
        by_end.setdefault(span.end, span)
    return by_start, by_end


def country_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens inside country spans."""
    return set(countries_at(doc))


def skip_honorifics_back(doc: Doc, start: int) -> int:
    """The start of a name with the honorifics before it: "H.E. Dr. | Mohamed Muizzu", and
    a title's bracketed acronym: "Director of National Intelligence (DNI) | Ann Hale"."""
    if start > 2 and doc[start - 1].text == ")" and doc[start - 3].text == "(" \
            and doc[start - 2].is_upper and doc[start - 2].is_alpha:
        start -= 3
    while start > 0 and doc[start - 1].lower_ in office_words().honorifics:
        start -= 1
    return start


def is_head(tok: Token) -> bool:
    return tok.lower_ in office_words().heads


def is_plural_head(tok: Token) -> bool:
    """"delegates", "officials": a head word in the plural, which a list of names
    shares ("American delegates X and Y")."""
    one = singular(tok.lower_)
    return one != tok.lower_ and one in office_words().heads


def _modifier(tok: Token) -> bool:
    """A word of a title before its head: a title word, or a lower-case word modifying
    a word after it ("petroleum minister", "political leader")."""
    w = office_words()
    word = tok.lower_.removesuffix("-") if len(tok) > 1 else tok.lower_  # "Secretary- General"
    if word in w.modifiers or word in w.heads:
        return True
    if not (tok.is_lower and tok.is_alpha and tok.head.i > tok.i):
        return False
    # never the end of a compound adjective: no "hard-right" gets into a role
    after_hyphen = tok.i > 0 and tok.nbor(-1).text == "-"
    # an adjective only from the list above (no "new" or "beloved"), or a relational one,
    # which names the office's field ("political leader", WordNet's adj.pert)
    if tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.lower_ in relational_adjectives():
        return not after_hyphen
    # nouns: "petroleum minister", "delegation representative" (not "with deep
    # appreciation President X"), "military officials" (a noun the parser hangs as an
    # adjective)
    return tok.pos_ == "NOUN" and (tok.dep_ in {"compound", "nmod"}
                                   or tok.dep_ == "amod" and not after_hyphen)


class TitleParser:
    """Parses office titles forward from a token; knows the doc's country spans."""

    def __init__(self, doc: Doc, blocked: set[int] = frozenset()) -> None:
        self.doc = doc
        self.by_start, self.by_end = country_index(doc)
        self.blocked = blocked  # token indices of person names: never part of a title

    def parse(self, i: int, limit: int, plural: bool = False) -> tuple[int, Office] | None:
        """A title starting at ``i`` and ending at or before ``limit``: (end, office);
        with ``plural``, a title of several ("military officials"), its head made
        singular in the role."""
        doc, end, words = self.doc, None, []
        k = i
        while k < limit and k not in self.blocked and k not in self.by_start:
            if (_modifier(doc[k]) or plural and is_plural_head(doc[k])) and (
                    doc[k].is_lower or doc[k].is_title or doc[k].is_upper):
                k += 1
                if (is_plural_head(doc[k - 1]) if plural else is_head(doc[k - 1])) \
                        and _head_ok(doc[k - 1]):
                    end = k
            elif doc[k].lower_ == "and" and end == k and k + 1 < limit and doc[k + 1].is_title:
                k += 1  # "Crown Prince and Prime Minister"
            elif doc[k].lower_ == "and" and k > i and end is None and doc[k - 1].is_title \
                    and k + 1 < limit and doc[k + 1].is_title and _modifier(doc[k + 1]):
                k += 1  # "Energy and Mines Minister": two fields of one office
            elif doc[k].text == "-" and k > i and k + 1 < limit and _modifier(doc[k + 1]) \
                    and not doc[k - 1].whitespace_:
                k += 1  # "Secretary-General", "Vice-President", "Secretary- General"
            else:
                break
        if end is None:
            return None
        office = Office(role="")
        role_end, end = self._complement(end, limit, office)
        w = office_words()
        words = [t for t in doc[i:role_end] if not t.is_space and t.lower_ not in w.drop_anywhere]
        while words and words[0].lower_ in common_words().articles:
            words = words[1:]
        if len(words) > 1 and words[-1].lower_ in w.noble_titles and is_head(words[-2]):
            words = words[:-1]  # "Energy Minister Prince Abdulaziz": the office is minister
        office.role = " ".join("".join(
            (singular(t.text) if plural and is_plural_head(t) else t.text) + t.whitespace_
            for t in words).split())
        if words and words[-1].lower_ in w.no_role_heads:
            office.role = ""
        office.business = any(singular(t.lower_) in w.business_heads for t in doc[i:end])
        # an officer of an international body ("Secretary-General") acts for no state
        office.org = office.org or " ".join(
            office.role.lower().replace("-", " ").split()) in w.international_offices
        # an analyst or correspondent gets no state from a title, as a company's officer
        office.business = office.business or bool(words) and \
            singular(words[-1].lower_) in w.no_state_heads
        return end, office

    def _complement(self, h: int, limit: int, office: Office) -> tuple[int, int]:
        """Extend over "of the Council of Ministers", "for Climate"; a final "of
        [the] COUNTRY" sets the country and is left out of the role.
        Returns (end of the role words, end of the title including the country)."""
        doc, w = self.doc, office_words()
        if h + 1 < limit and doc[h].lower_ == "to" and doc[h - 1].lower_ in w.posted_heads:
            k = h + 1 + (doc[h + 1].lower_ == "the")
            if k in self.by_start and self.by_start[k].end <= limit:
                # "U.S. Ambassador to Costa Rica X": the host state is where the office
                # is held, not the state it is held for
                return h, self.by_start[k].end
        while h < limit and doc[h].lower_ in {"of", "for"}:
            k = h + 1
            if k < limit and doc[k].lower_ == "the":
                k += 1
            if k in self.by_start:
                country = self.by_start[k]
                if country.end <= limit:
                    office.country = country.label_
                    return h, country.end
                return h, h
            m = k
            while m < limit and m not in self.blocked and m not in self.by_start and (
                    doc[m].lower_ in w.modifiers or doc[m].lower_ in w.complement_words
                    or doc[m].is_title or doc[m].is_upper) and not doc[m].is_punct:
                m += 1
            while m > k and doc[m - 1].lower_ in {"the", "and"}:
                m -= 1
            if m == k or (m < len(doc) and doc[m].is_lower and doc[m].pos_ == "NOUN"):
                return h, h  # "a negotiator of the ABM treaty": not part of the title
            if any(t.is_title and t.lower_ not in w.modifiers and t.lower_ not in w.complement_words
                   for t in doc[k:m]):
                office.org = True
            h = m
        return h, h

    def before(self, start: int, plural: bool = False) -> tuple[int, Office] | None:
        """The title that ends right before ``start`` (a name), leftmost start first;
        with ``plural``, a title of several (``parse``)."""
        lo = max(self.doc[start].sent.start if start < len(self.doc) else 0, start - WINDOW)
        while lo > max(0, start - WINDOW) and self.doc[lo - 1].text.endswith("-"):
            lo -= 1  # a word broken at its hyphen ends no sentence: "Secretary- General"
        while lo > max(0, start - WINDOW) and _split_inside_a_line(self.doc, lo):
            # nor does the parser's split inside a line ("President | X of Y" in a list)
            lo = max(self.doc[lo - 1].sent.start, start - WINDOW)
        for i in range(lo, start):
            found = self.parse(i, start, plural)
            if found and found[0] == start:
                self._left_context(i, found[1])
                return i, found[1]
        return None

    def _left_context(self, i: int, office: Office) -> None:
        """Country or organization written before a title."""
        doc, j, skipped = self.doc, i, 0
        while j > 0:
            if doc[j - 1].text in common_words().possessives:
                j -= 1
            span = self.by_end.get(j)
            if span is not None:
                if office.country is None and not office.business:
                    office.country = span.label_
                return
            prev = doc[j - 1]
            if skipped < 3 and (prev.is_title and prev.lower_ in office_words().between_words or
                                prev.is_lower and prev.pos_ == "ADJ"):  # "X's new president"
                j, skipped = j - 1, skipped + 1
                continue
            bodies, places = office_words().government_bodies, subdivisions()
            body = next((bodies[doc[k:j].text.lower()] for k in (j - 1, j - 2)
                         if k >= 0 and doc[k:j].text.lower() in bodies), None) or next(
                (places[fold(doc[k:j].text)] for k in (j - 1, j - 2, j - 3)
                 if k >= 0 and doc[k].is_title and fold(doc[k:j].text) in places), None)
            if body and office.country is None and not office.business:
                # "Kremlin spokesman Dmitry Peskov", "Arizona Governor X" (a state's own
                # province or state)
                office.country = body
                return
            if (prev.is_title or prev.is_upper) and prev.is_alpha and prev.pos_ == "PROPN":
                office.org = True  # "IMF managing director", "Hamas delegation ..."
            return

    def after(self, end: int) -> Office | None:
        """A title after a name: ", Japan's prime minister", "\\nPrime Minister of X"."""
        doc = self.doc
        j = end
        if j >= len(doc) or not (doc[j].text == "," or doc[j].is_space):
            return None
        j += 1
        if j < len(doc) and doc[j].lower_ in common_words().articles:
            j += 1
        country, org = None, False
        if j in self.by_start:
            span = self.by_start[j]
            country, j = span.label_, span.end
        else:  # "the IMF's managing director", "a White House spokesman"
            k = j
            while k < len(doc) and k - j < 4 and doc[k].pos_ == "PROPN" and \
                    doc[k].lower_ not in title_words() and (doc[k].is_title or doc[k].is_upper):
                k += 1
            if k > j:
                country = office_words().government_bodies.get(doc[j:k].text.lower())
                org, j = country is None, k
        if j < len(doc) and doc[j].text in common_words().possessive_s:
            j += 1
        j = _skip_adjectives(doc, j)  # ", the hard-right finance minister"
        found = self.parse(j, min(len(doc), j + WINDOW))
        if found is None:
            return None
        stop, office = found
        if stop < len(doc) and doc[stop].pos_ == "PROPN" and doc[stop].is_title and \
                doc[stop].lower_ not in title_words() | office_words().complement_words:
            return None  # "X, President Y": the title is the next person's
        office.org = office.org or org
        if office.country is None and not office.business:
            office.country = country
        return office

    def apposition_before(self, name: Span) -> tuple[int, Office] | None:
        """"The Turkish economics minister, X," or "The shōgun himself, X";
        not "with the Prime Minister, X said" (there the name is a subject)."""
        # "President of the Republic of Maldives, H.E. Dr. Mohamed Muizzu"
        doc, start = self.doc, skip_honorifics_back(self.doc, name.start)
        j = start - 1
        if j < 1 or doc[j].text != ",":
            return None
        if doc[j - 1].lower_ in office_words().reflexives:
            j -= 1
        found = self.before(j)
        if found is None:
            return None
        i, office = found
        heads = [t for t in doc[i:j] if is_head(t)]
        if name.root.dep_ in SUBJECT_DEPS and not any(
                h.dep_ == "appos" for h in heads):
            return None
        return i, office


def _split_inside_a_line(doc: Doc, i: int) -> bool:
    """Whether a sentence starts at ``i`` with nothing that ends one before it: no
    closing punctuation and no line break (the parser's split inside a line)."""
    if not (0 < i < len(doc)) or not doc[i].is_sent_start:
        return False
    prev = doc[i - 1]
    return not (prev.is_punct or prev.is_space or "\n" in prev.whitespace_)


def _skip_adjectives(doc: Doc, j: int) -> int:
    """Past lower-case adjectives that are not title words ("new", "hard-right")."""
    while j + 1 < len(doc):
        if doc[j].is_lower and doc[j].pos_ in {"ADJ", "ADV"} and not _modifier(doc[j]):
            j += 1
        elif doc[j].text == "-" and not doc[j].whitespace_ and doc[j + 1].is_lower:
            j += 2  # the rest of a compound adjective: "far-right", "long-time"
        else:
            break
    return j


def _head_ok(tok: Token) -> bool:
    """A head word used as a noun, not "general" in "in general" or "head" as a verb;
    after a head and a hyphen it ends the title whatever its tag ("secretary-general")."""
    return tok.pos_ in {"NOUN", "PROPN"} or tok.is_title or (
        tok.i > 1 and tok.nbor(-1).text == "-" and not tok.nbor(-1).whitespace_
        and is_head(tok.nbor(-2)))


def on_behalf_of(span: Span, by_start: dict[int, Span]) -> str | None:
    """"X signed the Accords on behalf of Bahrain" (same sentence, after the name)."""
    doc, sent = span.doc, span.sent
    for i in range(span.end, sent.end - 2):
        if doc[i].lower_ == "on" and doc[i + 1].lower_ == "behalf" and doc[i + 2].lower_ == "of":
            k = i + 3 + (i + 3 < sent.end and doc[i + 3].lower_ == "the")
            return by_start[k].label_ if k in by_start else None
        if doc[i].lemma_ == "sign" and doc[i].pos_ == "VERB" and doc[i + 1].lower_ == "for":
            k = i + 2 + (doc[i + 2].lower_ == "the")  # "X ... signed for Ghana"
            return by_start[k].label_ if k in by_start else None
    return None


def bracketed_country(doc: Doc, end: int, by_start: dict[int, Span]) -> str | None:
    """"Foreign Minister X (Costa Rica)": a state alone in brackets right after a name."""
    if end + 2 < len(doc) and doc[end].text == "(" and end + 1 in by_start:
        span = by_start[end + 1]
        if span.end < len(doc) and doc[span.end].text == ")":
            return span.label_
    return None
