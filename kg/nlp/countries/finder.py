"""Country mentions as spans in ``doc.spans["pkg_countries"]``, each labelled with its ISO code.

Forms found (see ``kg.nlp.countries.gazetteer``): names ("the United States", "Czechia"), short
codes ("US", "U.S.", case-sensitive), demonyms ("Japanese ministers", "the Dutch"),
capitals and cities ("Beijing's actions", "talks in Madrid"). The longest match wins, so
"North Korea" beats "Korea" and blocker phrases such as "Latin America" or "South China
Sea" swallow the country word inside them and are then dropped.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.core.constants import COUNTRY_SPANS
from kg.core.lexicons import words as lexicon
from kg.nlp.countries.gazetteer import Gazetteer, gazetteer_words

KINDS = ("name", "demonym", "city", "blocker", "code")
HYPHEN_RE = re.compile(r"[-–—]")


@Language.factory("policykg_countries", assigns=["doc.spans"], requires=["doc.ents"],
                  default_config={"gazetteer": {"@misc": "policykg.country_gazetteer.v1"},
                                  "spans_key": COUNTRY_SPANS})
def make_country_finder(nlp: Language, name: str, gazetteer: Gazetteer,
                        spans_key: str) -> "CountryFinder":
    return CountryFinder(nlp, gazetteer, spans_key)


def country_words():
    """Context words that decide whether a form is a country (``countries.v1.json``)."""
    return lexicon("countries.v1")


class CountryFinder:
    """Annotate every country mention; the component only writes ``doc.spans``."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer,
                 spans_key: str = COUNTRY_SPANS) -> None:
        self.gaz = gazetteer
        self.spans_key = spans_key
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.code_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for kind in ("name", "demonym", "city"):
            self.matcher.add(kind, list(nlp.tokenizer.pipe(gazetteer.forms(kind))))
        self.matcher.add("blocker", list(nlp.tokenizer.pipe(gazetteer.blockers)))
        self.code_matcher.add("code", list(nlp.tokenizer.pipe(gazetteer.codes)))
        self.kinds = {nlp.vocab.strings[k]: k for k in KINDS}

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.spans_key] = self.find(doc)
        return doc

    def find(self, doc: Doc) -> list[Span]:
        matches = [Span(doc, s, e, label=self.kinds[m]) for m, s, e in
                   [*self.matcher(doc), *self.code_matcher(doc)]]
        spans = []
        for span in filter_spans(matches):
            iso = self._resolve(span)
            if iso:
                spans.append(Span(doc, span.start, span.end, label=iso))
        spans.extend(self._hyphen_compounds(doc))
        return sorted(spans)

    def _resolve(self, span: Span) -> str | None:
        """The ISO code of a match, or None when context shows it is not a country."""
        kind = span.label_
        if kind == "blocker" or not _capitalised(span) or (
                kind in {"name", "city"} and _inside_person(span)):
            return None
        if kind == "code":
            return self.gaz.codes.get(span.text)
        if kind == "city" and not _city_is_place_or_actor(span):
            return None
        if kind == "demonym" and _is_language(span):
            return None
        table = {"name": self.gaz.names, "demonym": self.gaz.demonyms,
                 "city": self.gaz.cities}[kind]
        return table.get(span.text.lower())

    def _hyphen_compounds(self, doc: Doc) -> list[Span]:
        """Tokens like "U.S.-Bahrain" stay whole in the tokenizer: label each known part
        (the same token may carry two country spans)."""
        found = []
        for tok in doc:
            if len(tok) < 4 or not HYPHEN_RE.search(tok.text):
                continue
            for part in HYPHEN_RE.split(tok.text):
                iso = self.gaz.codes.get(part) or (self.gaz.names.get(part.lower()) or
                                                   self.gaz.demonyms.get(part.lower())
                                                   if part[:1].isupper() else None)
                if iso:
                    found.append(Span(doc, tok.i, tok.i + 1, label=iso))
        return found


def _capitalised(span: Span) -> bool:
    """Proper names are capitalised: "china" and "turkey" in lower case are not countries."""
    first, last = span[0].text, span[-1].text
    return first[:1].isupper() and (any(c.isupper() for c in last) or not last[:1].isalpha())


def _inside_person(span: Span) -> bool:
    """A single-token country inside a longer PERSON entity is a name ("Jordan Peterson",
    "George Washington"). The NER entity must look like a name, so a mislabelled
    "Statement South Sudan" does not hide South Sudan."""
    tok = span[0]
    if len(span) != 1 or tok.ent_type_ != "PERSON":
        return False
    ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
    return len(ent) > 1 and all(t.is_title or t.is_punct for t in ent)


def _city_is_place_or_actor(span: Span) -> bool:
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.is_title and nxt.lower_ in country_words().name_heads:
        return False
    if span.text in gazetteer_words().place_only:
        prev = span.doc[span.start - 1] if span.start else None
        return prev is not None and prev.lower_ in country_words().place_preps
    return True


def _is_language(span: Span) -> bool:
    """"in the English language", "written in English, Dutch and Japanese"."""
    tok: Token = span[-1]
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in country_words().language_nouns:
        return True
    head = tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    return (head.dep_ == "pobj" and head.head.lower_ in {"in", "into"}
            and not any(c.dep_ in {"det", "amod", "compound"} for c in head.children))
