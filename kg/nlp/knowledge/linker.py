"""The ``policykg_actors`` component: knowledge-base evidence about the persons and
organizations the text components found (rules in ``kg.nlp.knowledge.facts``).

It runs after the office and organization components and only fills what they left
empty: ``span._.pkg_kb`` on person spans (a state or office the text did not give, a
Wikidata ID) and on organization spans (the body's full name, a Wikidata ID); it adds
organization spans for acronyms and names the knowledge base holds that the text
components missed. ``doc._.pkg_knowledge`` names the knowledge base's version and the
sources used, for provenance. ``span._.pkg_role`` and ``span._.pkg_country`` are never
touched: the text always wins, but a state the office component only guessed from the
document's context (rule ``state.context``) is no statement of the text, and the
knowledge base's state replaces it in the records.

The document's date comes from ``doc._.pkg_published`` (else the latest of
``doc._.pkg_dates``), when a component sets them.
"""

from __future__ import annotations

from functools import cache
from typing import Callable

import numpy as np
from spacy.attrs import IDX, LOWER, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.core.constants import (COUNTRY_SPANS, DOC_DATES, DOC_KNOWLEDGE, DOC_PUBLISHED,
                               KNOWLEDGE_FACTS, ORGANIZATION_SPANS, PERSON_COUNTRY,
                               PERSON_COUNTRY_RULE, PERSON_NAME, PERSON_ROLE, PERSON_SPANS)
from kg.core.lexicons import words
from kg.nlp.countries.gazetteer import load_gazetteer
from kg.nlp.knowledge.facts import (OPEN_YEARS, document_date, horizon, organization_facts,
                                    person_facts, taken_offices)
from kg.nlp.knowledge.kb import KnowledgeBase, body_key, initials, name_key
from kg.nlp.persons.office_linker import set_title_offices
from kg.nlp.persons.roles import SMALL

COUNTRY_SOURCE = "wikidata"  # the source of the states' Wikidata IDs
GUESSED = "state.context"  # the office rule that guesses a state from the context


@Language.factory("policykg_actors",
                  requires=["doc.spans", f"span._.{PERSON_NAME}", f"span._.{PERSON_ROLE}",
                            f"span._.{PERSON_COUNTRY}", f"span._.{PERSON_COUNTRY_RULE}",
                            f"doc._.{DOC_PUBLISHED}", f"doc._.{DOC_DATES}"],
                  assigns=["doc.spans", f"span._.{KNOWLEDGE_FACTS}", f"doc._.{DOC_KNOWLEDGE}"],
                  default_config={"knowledge": {"@misc": "policykg.actors.v1"},
                                  "open_years": OPEN_YEARS, "add_organizations": True})
def make_actor_linker(nlp: Language, name: str, knowledge: Callable[[], KnowledgeBase],
                      open_years: int, add_organizations: bool) -> "ActorLinker":
    register_extensions()
    return ActorLinker(nlp, knowledge, open_years, add_organizations)


def register_extensions() -> None:
    if not Span.has_extension(KNOWLEDGE_FACTS):
        Span.set_extension(KNOWLEDGE_FACTS, default=None)
    if not Doc.has_extension(DOC_KNOWLEDGE):
        Doc.set_extension(DOC_KNOWLEDGE, default=None)


def doc_date(doc: Doc, until: str | None = None) -> str | None:
    """The document's date, from the extensions a date component sets (if any); stated
    dates after ``until`` are passed over (``document_date``)."""
    published = doc._.pkg_published if Doc.has_extension(DOC_PUBLISHED) else None
    stated = doc._.pkg_dates if Doc.has_extension(DOC_DATES) else None
    return document_date(published, stated or (), until)


class ActorLinker:
    def __init__(self, nlp: Language, knowledge: Callable[[], KnowledgeBase],
                 open_years: int = OPEN_YEARS, add_organizations: bool = True) -> None:
        self.nlp = nlp
        self.load = knowledge  # called on the first document: loading stays fast
        self.open_years = open_years
        self.add_organizations = add_organizations
        self._kb: KnowledgeBase | None = None
        self._index: tuple[dict[int, list[str]], dict[int, list[str]]] | None = None
        self._horizon: int | None = None  # of the knowledge base, which never changes

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = self.load()
        return self._kb

    def __call__(self, doc: Doc) -> Doc:
        if self._horizon is None:
            self._horizon = horizon(self.kb, self.open_years)
        date = doc_date(doc, self._horizon)
        used: set[str] = set()
        if self.add_organizations:
            self._add_organizations(doc, date)
        self._persons_tagged_as_organizations(doc)
        for span in doc.spans.get(ORGANIZATION_SPANS, []):
            facts = organization_facts(self.kb, span.label_ or span.text, date) or \
                organization_facts(self.kb, span.text, date)
            if facts:
                span._.pkg_kb = {"name": facts.name, "wikidata": facts.wikidata,
                                 "sources": {k: list(v) for k, v in facts.sources.items()}}
                used.update(*facts.sources.values())
        _join_acronyms(doc)
        used |= self._persons(doc, date)
        named = sorted({s.label_ for s in doc.spans.get(COUNTRY_SPANS, [])})
        countries = {iso: self.kb.countries[iso] for iso in named if iso in self.kb.countries}
        if countries:
            used.add(COUNTRY_SOURCE)
        doc._.pkg_knowledge = {
            "version": self.kb.version, "date": date, "countries": countries,
            "sources": {sid: vars(self.kb.sources[sid]) for sid in sorted(used)
                        if sid in self.kb.sources}}
        return doc

    # -- persons --------------------------------------------------------------------------
    def _persons_tagged_as_organizations(self, doc: Doc) -> None:
        """An "organization" whose name is, word for word, the full name of a person the
        knowledge base holds ("Yair Lapid" the statistical tagger called ORG) is that
        person: its mentions move to the persons, where the knowledge base's state for
        them can be read."""
        groups: dict[str, list[Span]] = {}
        for span in doc.spans.get(ORGANIZATION_SPANS, []):
            groups.setdefault(span.label_ or span.text, []).append(span)
        moved = {label for label, spans in groups.items() if self._a_person(label, spans)}
        if not moved:
            return
        people = []
        for label in moved:
            for span in groups[label]:
                person = Span(doc, span.start, span.end, label="PERSON")
                setattr(person._, PERSON_NAME, label)
                people.append(person)
        doc.spans[PERSON_SPANS] = sorted(list(doc.spans.get(PERSON_SPANS, [])) + people)
        doc.spans[ORGANIZATION_SPANS] = [s for s in doc.spans.get(ORGANIZATION_SPANS, [])
                              if (s.label_ or s.text) not in moved]
        # the title next to it, as for any person: "its President, X"
        set_title_offices(doc, people)

    def _a_person(self, label: str, spans: list[Span]) -> bool:
        full = max(spans, key=len)
        if len(full) < 2 or full.text != label or not all(t.is_title for t in full) \
                or any(t.text in org_heads() for t in full):  # "Palestinian Authority"
            return False
        key = name_key(label)
        return any(name_key(n) == key for r in self.kb.persons_named(label) for n in r.names)

    def _persons(self, doc: Doc, date: str | None) -> set[str]:
        people: dict[str, list[Span]] = {}
        for span in doc.spans.get(PERSON_SPANS, []):
            name = _attr(span, PERSON_NAME) or span.text
            people.setdefault(" ".join(name.split()), []).append(span)
        # A state the office component only guessed from the document's context is no
        # statement of the text: the knowledge base may correct it (the extractor then
        # keeps the knowledge base's state instead of the guess).
        said = {name: (_first(spans, PERSON_ROLE), _first(
                    [s for s in spans if _attr(s, PERSON_COUNTRY_RULE) != GUESSED],
                    PERSON_COUNTRY))
                for name, spans in people.items()}
        named_states = {s.label_ for s in doc.spans.get(COUNTRY_SPANS, [])}
        used: set[str] = set()
        for name, spans in people.items():
            role, state = said[name]
            others = taken_offices([v for k, v in said.items() if k != name])
            facts = person_facts(self.kb, name, date, text_role=role, text_state=state,
                                 taken=others, open_years=self.open_years,
                                 named_states=named_states)
            if facts is None or not (facts.state or facts.role or facts.wikidata):
                continue
            value = {"country": facts.state, "role": facts.role, "title": facts.title,
                     "wikidata": facts.wikidata,
                     "sources": {k: list(v) for k, v in facts.sources.items()}}
            for span in spans:
                span._.pkg_kb = value
            used.update(*facts.sources.values())
        return used

    # -- organizations the text components missed ---------------------------------------
    def _forms(self) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
        """Names (lower case) and acronyms (as written) by the string ID of their first
        word, longest first: a string search, which needs no tokenizing of thousands of
        names."""
        if self._index is None:
            names, acronyms = self.kb.organization_forms()
            codes = set(load_gazetteer().codes)
            by_name: dict[str, list[str]] = {}
            by_acronym: dict[str, list[str]] = {}
            for name in (n for n in names if len(n) > 3 and n.split()):
                by_name.setdefault(name.split()[0].lower(), []).append(name.lower())
            for acr in (a for a in acronyms if a not in codes):
                by_acronym.setdefault(acr.split()[0], []).append(acr)
            for table in (by_name, by_acronym):
                for forms in table.values():
                    forms.sort(key=len, reverse=True)
            self._index = tuple({get_string_id(word): forms for word, forms in table.items()}
                                for table in (by_name, by_acronym))
        return self._index

    def _add_organizations(self, doc: Doc, date: str | None) -> None:
        """Names and acronyms the knowledge base holds, where no text component found
        a person, country or organization, and the knowledge base can tell which body
        they name."""
        orgs = list(doc.spans.get(ORGANIZATION_SPANS, []))
        taken = {i for key in (PERSON_SPANS, COUNTRY_SPANS)
                 for s in doc.spans.get(key, []) for i in range(s.start, s.end)}
        by_name, by_acronym = self._forms()
        text = doc.text  # built from every token each time it is asked for: once
        found = [s for s in _search(doc, text.lower(), by_name, LOWER) if _written_as_name(s)]
        found += [s for s in _search(doc, text, by_acronym, ORTH) if not _in_capitals(s)]
        new, longer = [], []
        for s in filter_spans(found):
            inside = [o for o in orgs if s.start <= o.start and o.end <= s.end]
            if any(o.start < s.end and s.start < o.end for o in orgs if o not in inside):
                continue  # crosses a name the text components found
            if (inside or not taken & set(range(s.start, s.end))) and \
                    organization_facts(self.kb, s.text, date) is not None:
                # a name the text components cut short ("Organization for Security and
                # Cooperation" before "in Europe") takes the knowledge base's whole name
                (longer if inside and len(s) > max(len(o) for o in inside) else new).append(s)
        if not new and not longer:
            return
        grown = {(o.start, o.end): s for s in longer for o in orgs
                 if s.start <= o.start and o.end <= s.end}
        orgs = [o for o in orgs if (o.start, o.end) not in grown]
        new = [s for s in new if not any(s.start <= o.start and o.end <= s.end for o in orgs)]
        relabel = _relabelled(doc, grown)
        labels = _labels(doc, new)
        spans = [Span(doc, o.start, o.end, label=relabel.get(o.label_, o.label_)) for o in orgs] \
            + [Span(doc, s.start, s.end, label=s.text) for s in longer] \
            + [Span(doc, s.start, s.end, label=labels[(s.start, s.end)]) for s in new]
        doc.spans[ORGANIZATION_SPANS] = sorted(spans, key=lambda s: (s.start, s.end))


@cache
def org_heads() -> frozenset[str]:
    """Words that head organization names (the organization lexicon's)."""
    return frozenset(words("organizations.v3").heads)


def _search(doc: Doc, text: str, wanted: dict[int, list[str]], attr: int) -> list[Span]:
    """Spans of ``doc`` whose ``text`` (the doc's, or lower-cased for ``attr`` LOWER) is
    one of the forms ``wanted`` lists by the string ID of their first word (the longest
    at each token), at token boundaries. Tokens are read as arrays of IDs and offsets:
    a Token object per token would cost more than the search."""
    out = []
    rows = doc.to_array([attr, IDX])
    keys = np.fromiter(wanted, dtype=rows.dtype, count=len(wanted))
    for string_id, idx in rows[np.isin(rows[:, 0], keys)].tolist():
        for form in wanted.get(string_id, ()):
            end = idx + len(form)
            if text.startswith(form, idx) and (end == len(text) or not text[end].isalnum()):
                span = doc.char_span(idx, end)
                if span is not None:
                    out.append(span)
                    break
    return out


def _join_acronyms(doc: Doc) -> None:
    """Mentions the text components left apart ("CIS" and "Commonwealth of Independent
    States" in one text, no bracket between them) that the knowledge base says are one
    body take the fullest name the text gives."""
    spans = list(doc.spans.get(ORGANIZATION_SPANS, []))
    fullest: dict[str, str] = {}
    for span in spans:
        body = _body(span)
        if body and not span.label_.isupper():
            fullest[body] = max(fullest.get(body, ""), span.label_, key=len)
    if not any(_body(s) in fullest and s.label_ != fullest[_body(s)] and s.label_.isupper()
               for s in spans):
        return
    out = []
    for span in spans:
        body = _body(span)
        if body in fullest and span.label_.isupper():
            new = Span(doc, span.start, span.end, label=fullest[body])
            new._.pkg_kb = span._.pkg_kb
            span = new
        out.append(span)
    doc.spans[ORGANIZATION_SPANS] = out


def _body(span: Span) -> str | None:
    known = span._.pkg_kb
    return (known["wikidata"] or body_key(known["name"])) if known else None


def _labels(doc: Doc, new: list[Span]) -> dict[tuple[int, int], str]:
    """A new mention's label: the fullest form the document gives of the same body
    (an acronym matched here and the name found elsewhere in the text are one)."""
    out = {}
    for span in new:
        same = [s for s in doc.spans.get(ORGANIZATION_SPANS, []) if _initials_of(span.text, s.label_)]
        out[(span.start, span.end)] = same[0].label_ if same else span.text
    return out


def _relabelled(doc: Doc, grown: dict[tuple[int, int], Span]) -> dict[str, str]:
    """Old label -> new label of the organizations whose name the knowledge base made
    longer: their other mentions ("OSCE") follow."""
    old = {(s.start, s.end): s.label_ for s in doc.spans.get(ORGANIZATION_SPANS, [])}
    return {old[key]: span.text for key, span in grown.items()
            if len(span.text) > len(old[key])}


def _initials_of(acronym: str, name: str) -> bool:
    return acronym.isupper() and len(acronym) > 1 and initials(name) == acronym


def _written_as_name(span: Span) -> bool:
    """Capitalised as a proper name ("Southern Common Market", not "common market")."""
    words = [t for t in span if t.is_alpha and t.lower_ not in SMALL]
    return bool(words) and all(t.text[:1].isupper() for t in words)


def _in_capitals(span: Span) -> bool:
    """An acronym inside a line of capitals ("TALKS IN UN HALL") is no acronym."""
    doc = span.doc
    near = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return any(t.is_alpha and t.is_upper and len(t) > 1 for t in near)


def _attr(span: Span, name: str):
    return getattr(span._, name) if Span.has_extension(name) else None


def _first(spans: list[Span], attr: str) -> str | None:
    return next((v for v in (_attr(s, attr) for s in spans) if v), None)
