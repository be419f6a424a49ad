"""Person mentions in ``doc.spans["pkg_persons"]`` (label "PERSON"), full and short forms.

Candidates are NER PERSON entities plus capitalised name-shaped runs that an office title
introduces ("President Vale", "Tomas de Vale, the IMF's managing director") when
NER missed or mislabelled them. Each candidate is trimmed of titles, honorifics and
possessives, extended over a suffix (", Jr."), and rejected unless it looks like a
personal name. Mentions of one person are grouped within the document ("Vale" and
"Mr. Vale" are "Tomas J. Vale"); ``span._.pkg_person`` holds the fullest form.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from types import SimpleNamespace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.core.constants import (COUNTRY_SPANS, PERSON_COUNTRY, PERSON_COUNTRY_RULE, PERSON_NAME,
                               PERSON_ROLE, PERSON_ROLE_RULE, PERSON_SPANS, SUBJECT_DEPS)
from kg.core.lexicons import words as lexicon
from kg.nlp.countries.gazetteer import fold, subdivisions
from kg.nlp.document.headings import LINE, in_layout, layout_tokens
from kg.nlp.lexicons import calendar_words, common_words, office_words
from kg.nlp.persons.signatures import readable_name, signature_names, signature_tokens
from kg.nlp.persons.states import country_after_name
from kg.nlp.persons.titles import TitleParser, country_tokens, skip_honorifics_back



@cache
def person_words() -> SimpleNamespace:
    """The person lexicon (``data/lexicons/persons.v1.json``); its ``non_name`` also
    holds the months and weekdays of the common lexicon."""
    w = lexicon("persons.v1")
    return SimpleNamespace(**{**vars(w), "non_name": w.non_name | calendar_words()})


MAX_NAME = 6


@Language.factory("policykg_persons", requires=["doc.ents", "doc.spans"],
                  assigns=["doc.spans", f"span._.{PERSON_NAME}"],
                  default_config={"spans_key": PERSON_SPANS})
def make_person_finder(nlp: Language, name: str, spans_key: str) -> "PersonFinder":
    register_extensions()
    return PersonFinder(common_nouns(nlp), spans_key, common_nouns(nlp, "verb"),
                        verb_rules(nlp))


def common_nouns(nlp: Language, kind: str = "noun") -> frozenset[str]:
    """The English nouns (or verbs) the model's lemmatizer knows (its WordNet-derived
    index), or none when the pipeline has no such table."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get(kind, ()))


def register_extensions() -> None:
    """Span attributes: canonical name, and (set by policykg_offices) role and country
    with the names of the rules that found them."""
    for ext in (PERSON_NAME, PERSON_ROLE, PERSON_COUNTRY, PERSON_ROLE_RULE, PERSON_COUNTRY_RULE):
        if not Span.has_extension(ext):
            Span.set_extension(ext, default=None)


class PersonFinder:
    def __init__(self, nouns: frozenset[str] = frozenset(),
                 spans_key: str = PERSON_SPANS, verbs: frozenset[str] = frozenset(),
                 rules: tuple[tuple[str, str], ...] = ()) -> None:
        # A one-word "name" that only a title introduces and that is an English noun is
        # a Title Case phrase: "the General Debate", "under Executive Order".
        self.nouns = nouns
        self.spans_key = spans_key
        self.verbs = verbs  # "X Y Announce the ...": a heading's verb after a name
        self.verb_rules = rules

    def __call__(self, doc: Doc) -> Doc:
        countries = country_tokens(doc)
        ents = _join_particle_parts([e for e in doc.ents if e.label_ == "PERSON"])
        spans = [s for s in (clean(e, countries) for e in ents) if s]
        found = [s for s in discover(doc, spans, countries)
                 if not (len(s) == 1 and s[0].lower_ in self.nouns)]
        # a heading ("General Exceptions"), a reference to a section ("Articles XX") or a
        # party's role names no one
        layout = layout_tokens(doc)
        # the names of a signature block, read by its layout, stand for whatever the
        # model made of the block ("Minister of Commerce and | Supplies" is no one)
        signed = signature_names(doc, countries)
        starts = {s.start for s in signed}
        layout |= signature_tokens(doc) if signed else set()
        spans = [self._without_heading_verb(s) for s in _dedupe(spans + found)
                 if not _a_subdivision(s) and not layout & set(range(s.start, s.end))]
        spans = link_mentions(doc, spans + signed, starts)
        spans += repeated_surnames(doc, spans, countries)
        doc.spans[self.spans_key] = sorted(s for s in spans if s.start in starts
                                           or not layout & set(range(s.start, s.end)))
        return doc


    def _without_heading_verb(self, span: Span) -> Span:
        """In a title-case heading the tagger runs a name into the verb after it
        ("Minister X Y Travels to Z", "... Welcoming the Ceasefire"): a last word that is
        an English verb, before a lower-case article or preposition, is cut."""
        doc = span.doc
        if len(span) < 3 or span.end >= len(doc) or not in_layout(doc, span.end - 1, (LINE,)):
            return span
        last, nxt = span[-1], doc[span.end]
        after = doc[span.end + 1] if span.end + 1 < len(doc) else None
        # "... Welcoming the Truce", "... Travel to Chile" (not "... Bush to Meet the Press")
        before_object = nxt.lower_ in common_words().articles or nxt.tag_ == "IN" \
            and nxt.lower_ != "of" or nxt.lower_ == "to" and after is not None \
            and after.ent_type_ in ("GPE", "LOC")
        if nxt.is_lower and before_object and not _initial(span[-2]) and self._verb(last.lower_):
            return Span(doc, span.start, span.end - 1, label=span.label_)
        return span

    def _verb(self, word: str) -> bool:
        """An English verb in any form, by the lemmatizer's own suffix rules."""
        return word in self.verbs or any(
            word.endswith(old) and word[:len(word) - len(old)] + new in self.verbs
            for old, new in self.verb_rules if old)


def _a_subdivision(span: Span) -> bool:
    """A province, state or region taken for a name ("Ben Tre", "Milton Keynes", "Dak
    Lak Province"), unless an honorific or title comes before it."""
    words = [t.text for t in span]
    if words[-1].lower() in lexicon("org_names.v3").place_nouns:  # "... Province"
        words = words[:-1]
    prev = span.doc[span.start - 1] if span.start else None
    titled = prev is not None and (prev.lower_ in office_words().honorifics
                                   or prev.lower_ in office_words().heads)
    return bool(words) and not titled and fold(" ".join(words)) in subdivisions()


def verb_rules(nlp: Language) -> tuple[tuple[str, str], ...]:
    """The lemmatizer's suffix rules for verbs ("ing" -> "e"), or none."""
    if "lemmatizer" not in nlp.pipe_names:
        return ()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_rules"):
        return ()
    return tuple(tuple(rule) for rule in lookups.get_table("lemma_rules").get("verb", ()))


def _initial(tok: Token) -> bool:
    return len(tok.text) == 2 and tok.text.endswith(".")


def _join_particle_parts(ents: list[Span]) -> list[Span]:
    """NER splits some names at a particle: "Prince Abdulaziz" + "bin Salman", or in two
    with nothing between: "Arnoldo Andre" + "Tinoco"."""
    out: list[Span] = []
    for e in ents:
        if out and out[-1].end == e.start and (
                e[0].lower_ in person_words().particles or out[-1][-1].whitespace_ == " "
                and len(out[-1]) + len(e) <= MAX_NAME):
            out[-1] = Span(e.doc, out[-1].start, e.end, label="PERSON")
        else:
            out.append(e)
    return out


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if c.isalnum())


def _name_token(tok: Token) -> bool:
    w = person_words()
    if any(c.isdigit() for c in tok.text) or tok.lower_ in w.non_name or tok.tag_ == "VBG":
        return False  # "COVID-19", "Joint Statement", "Combating the Pandemic"
    if tok.lower_ in w.particles or tok.text in {"-", "’", "'"} or tok.lower_ in w.suffixes:
        return True
    if tok.i > 0 and tok.doc[tok.i - 1].text == "-" and tok.is_lower and tok.is_alpha:
        return not tok.doc[tok.i - 1].whitespace_  # "Ban Ki-moon"
    return tok.text[:1].isupper() and tok.text[-1:] not in "-–"


def clean(span: Span, countries: set[int]) -> Span | None:
    """Trim titles, honorifics and possessives; add a suffix; None if not a name."""
    doc, s, e = span.doc, span.start, span.end
    titles, suffixes = office_words(), person_words().suffixes
    cut = next((t.i for t in span if t.text in common_words().possessives), None)
    if cut is not None:
        e = cut
    while s < e and (doc[s].lower_ in titles.honorifics or doc[s].lower_ in titles.heads
                     or s in countries or (doc[s].lower_ in titles.modifiers and doc[s].is_title)
                     or doc[s].lower_ == "the" or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space) and doc[e - 1].text != ".":
        e -= 1
    while e - s >= 2 and e < len(doc) and e - s < MAX_NAME and _name_rest(doc[e], countries):
        e += 1  # NER stopped inside the name: "Yoon Suk" of "Yoon Suk Yeol" (not "Bretton")
    w = person_words()
    while e - s >= 2 and e + 1 < len(doc) and e - s + 2 <= MAX_NAME and \
            doc[e].lower_ in w.particles and doc[e + 1].is_title and e + 1 not in countries \
            and doc[e + 1].lower_ not in w.non_name and not doc[e + 1].ent_type_ == "GPE":
        e += 2  # before a particle: "Mohammed bin Abdulrahman" of "... Al Thani"
    if e < len(doc) and doc[e].lower_ in suffixes:
        e += 1
    elif e + 1 < len(doc) and doc[e].text == "," and doc[e + 1].lower_ in suffixes:
        e += 2
    if e <= s or e - s > MAX_NAME or any(i in countries for i in range(s, e)):
        return None
    s = _extend_initial(doc, s, countries)
    tokens = [t for t in doc[s:e] if t.text != "," or t.i + 1 == e - 1]
    if not all(_name_token(t) or t.text == "," for t in tokens) \
            or tokens[0].lower_ in person_words().particles:
        return None
    words = [t for t in tokens if t.is_alpha and len(t) > 1]
    if not words or sum(t.is_upper and len(t) > 1 for t in tokens) * 2 > len(tokens):
        return None  # "P.M. EDT"
    return Span(doc, s, e, label="PERSON")


def _name_rest(tok: Token, countries: set[int]) -> bool:
    """A capitalised proper noun that goes on a name: the last word of a compound the
    parser made of the whole name, never another entity."""
    prev = tok.doc[tok.i - 1]
    if prev.lower_ in person_words().particles and prev.lower_ not in ("y", "al", "el"):
        # a name cannot end in "von der", whatever the tagger made of the next word
        return tok.is_title and tok.i not in countries \
            and tok.lower_ not in person_words().non_name
    return (tok.pos_ == "PROPN" and tok.is_title and not tok.ent_type_ and tok.i not in countries
            and prev.dep_ == "compound" and prev.head.i == tok.i and _run_token(tok, countries))


def _extend_initial(doc: Doc, s: int, countries: set[int]) -> int:
    """NER sometimes starts a name at its middle initial ("J. Vale" of "Tomas J.
    Vale"): take in the given name before it."""
    tok = doc[s]
    if s > 0 and len(tok.text) == 2 and tok.text[1] == "." and tok.text[0].isupper():
        prev = doc[s - 1]
        if prev.is_title and prev.is_alpha and _run_token(prev, countries):
            return s - 1
    return s


def _run_token(tok: Token, countries: set[int]) -> bool:
    low, titles, w = tok.lower_, office_words(), person_words()
    return (tok.i not in countries and low not in titles.heads and low not in titles.modifiers
            and low not in titles.honorifics and _name_token(tok)
            and (tok.pos_ == "PROPN" or low in w.particles or low in w.suffixes or _glued(tok)))


def _glued(tok: Token) -> bool:
    """A hyphen inside a name, or the part after it: "Ki-moon", "Al-Sudani"."""
    doc = tok.doc
    if tok.text == "-":
        return (not tok.whitespace_ and tok.i > 0 and not doc[tok.i - 1].whitespace_
                and tok.i + 1 < len(doc) and doc[tok.i + 1].is_alpha)
    return tok.i > 0 and doc[tok.i - 1].text == "-" and _glued(doc[tok.i - 1])


def discover(doc: Doc, known: list[Span], countries: set[int]) -> list[Span]:
    """Name-shaped runs that NER missed, when an office title introduces them."""
    taken = {i for s in known for i in range(s.start, s.end)}
    parser = TitleParser(doc, blocked=taken)
    found, i = [], 0
    while i < len(doc):
        if not doc[i].is_title or i in taken or not _run_token(doc[i], countries):
            i += 1
            continue
        j = i
        while j < len(doc) and j - i < MAX_NAME and j not in taken and _run_token(doc[j], countries):
            j += 1
        if _titled(doc, parser, i, j) and not (j < len(doc) and doc[j].is_title):
            span = clean(Span(doc, i, j), countries)
            if span is not None:
                found.append(span)
        i = j
    return found


def _titled(doc: Doc, parser: TitleParser, i: int, j: int) -> bool:
    start = skip_honorifics_back(doc, i)
    prev = doc[start - 1] if start > 0 else None
    # a title word or a capitalised word may end a title before the name: "President
    # X", "petroleum minister X", "Minister of Foreign Affairs X",
    # "Chairman of the ... Soviet Union X"
    if prev is not None and (prev.lower_ in office_words().heads or prev.is_title or prev.is_upper
                             or start in parser.by_end) and parser.before(start) is not None:
        return True
    return j < len(doc) and (doc[j].text == "," or doc[j].is_space) and parser.after(j) is not None


def _dedupe(spans: list[Span]) -> list[Span]:
    seen, out = set(), []
    for s in sorted(spans):
        if (s.start, s.end) not in seen and not any(s.start < o.end and o.start < s.end for o in out):
            seen.add((s.start, s.end))
            out.append(s)
    return out


def _key(span: Span) -> list[str]:
    toks = [_norm(t.text) for t in span if t.lower_ not in person_words().suffixes]
    return [t for t in toks if t]


def _compatible(short: str, full: str) -> bool:
    nicknames = person_words().nicknames
    return (short == full or nicknames.get(short) == full or nicknames.get(full) == short
            or (len(short) == 1 and full.startswith(short))
            or (len(full) == 1 and short.startswith(full)))


def _part_of(short: list[str], full: list[str]) -> bool:
    """Every token of the short form matches a token of the full form, in order."""
    pos = 0
    for tok in short:
        while pos < len(full) and not _compatible(tok, full[pos]):
            pos += 1
        if pos == len(full):
            return False
        pos += 1
    return True


def link_mentions(doc: Doc, spans: list[Span], signed: set[int] = frozenset()) -> list[Span]:
    """Group mentions of one person; set ``pkg_person`` to the fullest form (a name that
    signs, whose first token is in ``signed``, in readable case); drop one-word clusters
    that nothing marks as a person (a name that signs is marked)."""
    order = sorted(spans, key=lambda s: (-len(_key(s)), -len(s.text), s.start))
    clusters: list[list[Span]] = []
    for span in order:
        key = _key(span)
        fits = [c for c in clusters if len(_key(c[0])) > len(key) and _fits(key, _key(c[0]))]
        if not fits:
            fits = [c for c in clusters if _key(c[0]) == key]
        if fits:
            min(fits, key=lambda c: min(abs(m.start - span.start) for m in c)).append(span)
        else:
            clusters.append([span])
    out = []
    for cluster in clusters:
        if len(_key(cluster[0])) == 1 and not any(_marked(m) or m.start in signed
                                                  for m in cluster):
            continue
        name = " ".join(cluster[0].text.split())
        if any(m.start in signed for m in cluster):  # capitals of a block, not "JD Vance"
            name = readable_name(name)
        for m in cluster:
            m._.pkg_person = name
            out.append(m)
    return sorted(out)


def _fits(key: list[str], full: list[str]) -> bool:
    if _part_of(key, full) and (key[-1] == full[-1] or len(key) > 1 or key[0] in full):
        return True
    return len(key) == 1 and key[0] == full[0]  # surname first: "Xi" of "Xi Jinping"


def _marked(span: Span) -> bool:
    """Evidence that a lone word is a person: a title or honorific before it, a country
    after it ("X's Russia"), or a he/she pronoun that follows it as subject."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    titles = office_words()
    if prev is not None and (prev.lower_ in titles.honorifics or prev.lower_ in titles.heads):
        return True
    by_start = {s.start: s for s in doc.spans.get(COUNTRY_SPANS, [])}
    if country_after_name(doc, span.end, by_start):
        return True
    if span.root.dep_ not in SUBJECT_DEPS:
        return False
    sent = span.sent
    nxt_end = doc[sent.end].sent.end if sent.end < len(doc) else sent.end
    return any(t.lower_ in person_words().pronouns for t in doc[span.end:nxt_end])


def repeated_surnames(doc: Doc, spans: list[Span], countries: set[int]) -> list[Span]:
    """Later bare surnames that NER missed ("Vale welcomed him") become mentions of the
    person whose full name ends with that word, if only one person does."""
    owners: dict[str, set[str]] = {}
    for span in spans:
        if len(span) > 1 and span[-1].lower_ not in person_words().suffixes:
            owners.setdefault(span[-1].text, set()).add(span._.pkg_person)
    taken = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for tok in doc:
        people = owners.get(tok.text)
        if (not people or len(people) > 1 or tok.i in taken or tok.i in countries
                or tok.ent_type_ in {"DATE", "GPE", "LOC"} or not tok.is_title):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.is_title and nxt.pos_ == "PROPN":
            continue  # part of another name: "Harris Treaty" stays whole
        span = Span(doc, tok.i, tok.i + 1, label="PERSON")
        span._.pkg_person = next(iter(people))
        found.append(span)
    return found
