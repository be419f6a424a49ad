"""Organization mentions in ``doc.spans["pkg_organizations"]``.

Each span's ``label_`` is the canonical (fullest) name of the organization it mentions, so
"U.S. Congress", "Congress" and "United States Congress" in one document all carry the
label "United States Congress", and "NATO" after "North Atlantic Treaty Organization
(NATO)" carries the full name. Sources, in order of trust:

1. names headed by an organization word ("Ministry of Commerce", "Central Bank of Iraq",
   "Missile Defense Agency"), found by walking capitalised tokens around the head;
2. a small gazetteer of international bodies ("UN", "NATO", "G7", "White House");
3. the statistical NER's ORG entities, cleaned (leading "the", possessive "'s", trailing
   person names) and filtered (agreements, events, programmes, countries, bare generic
   words such as "State" or "Defense" in "Secretary of Defense").

The rules that build and judge a name are in ``kg.nlp.organizations.names``; this module runs
them and merges the mentions of one organization under its fullest name.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.core.constants import ORGANIZATION_SPANS, PERSON_SPANS
from kg.core.lexicons import frozen
from kg.nlp.document.headings import LINE, RUN_IN, in_layout, layout_tokens
from kg.nlp.organizations.acronyms import defined_acronyms
from kg.nlp.lexicons import office_words
from kg.nlp.organizations.kinds import (a_persons_name, a_things_modifier, acts, attended,
                                        coined, described, measured, names_a_thing,
                                        said_to_be, used_as_place)
from kg.nlp.organizations.names import (NameRules, bracketed_after, bracketed_before, head_word,
                                        initials, person_mentions)
from kg.nlp.persons.finder import common_nouns
from kg.nlp.persons.titles import country_tokens


@Language.factory("policykg_organizations", requires=["doc.ents", "doc.spans"],
                  assigns=["doc.spans"],
                  default_config={"words": {"@misc": "policykg.organization_words.v3"},
                                  "name_words": {"@misc": "policykg.org_name_words.v3"},
                                  "noun_classes": {"@misc": "policykg.noun_class_words.v1"},
                                  "spans_key": ORGANIZATION_SPANS})
def make_organization_finder(nlp: Language, name: str, words: dict, name_words: dict,
                             noun_classes: dict, spans_key: str) -> "OrganizationFinder":
    english = frozenset().union(*(common_nouns(nlp, kind) for kind in ("noun", "adj", "verb")))
    return OrganizationFinder(words, name_words, noun_classes, spans_key, english)


class OrganizationFinder:
    def __init__(self, words: dict, name_words: dict, noun_classes: dict,
                 spans_key: str = ORGANIZATION_SPANS,
                 english: frozenset[str] = frozenset()) -> None:
        self.spans_key = spans_key
        self.english = english  # the model's English words: a name's other words are coined
        self.rules = NameRules(words, name_words)
        self.classes = frozen(noun_classes)  # WordNet's noun classes (kg.nlp.organizations.kinds)
        # nouns that describe a body, whatever WordNet files them as ("X, a state-owned bank")
        self.body_nouns = frozenset(self.rules.lower_heads | self.rules.names.descriptors
                                    | self.rules.names.body_nouns)

    def __call__(self, doc: Doc) -> Doc:
        blocked = self._blocked_tokens(doc)
        rules = self.rules
        spans = _longest_first(rules.headed(doc, blocked) + rules.gazetteer_names(doc, blocked))
        # The statistical entities only where the rules found nothing: their edges are
        # less reliable ("the Council of Ministers of the Union X Y").
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans += _longest_first([
            s for s in (rules.clean_entity(e, blocked) for e in doc.ents if e.label_ == "ORG")
            if s is not None and not taken & set(range(s.start, s.end))])
        countries = country_tokens(doc)
        described = _described_names(doc, blocked, countries, rules.names)
        spans += _longest_first([s for s in described if not _overlaps(s, spans)])
        spans += self._acronym_mentions(doc, spans, blocked)
        spans += _repeated_names(doc, spans, blocked | countries)
        spans = _longest_first(_without_other_acronyms(spans, defined_acronyms(doc)))
        doc.spans[self.spans_key] = self._canonical(doc, spans + self._parents(spans))
        return doc

    # -- candidates -------------------------------------------------------------------
    def _blocked_tokens(self, doc: Doc) -> set[int]:
        """Tokens of persons and of the layout, which no organization name may overlap. A
        one-word "person" inside a capitalised run ("the Regional Border Committee") is a
        tagging slip."""
        blocked = layout_tokens(doc)  # headings, "each Party": no organization's name
        for s in doc.spans.get(PERSON_SPANS, []):
            if len(s) == 1 and s.end < len(doc) and doc[s.end].text in self.rules.heads:
                continue
            blocked.update(range(s.start, s.end))
        return blocked

    def _acronym_mentions(self, doc: Doc, spans: list[Span], blocked: set[int]) -> list[Span]:
        """Bare acronyms ("IMF") defined in brackets after a name elsewhere in the text."""
        defined = {s.text for s in spans if self.rules.acronym.match(s.text) and s.text.isupper()}
        for s in spans:
            acr = bracketed_after(s, self.rules.acronym)
            if acr:
                defined.add(acr.text)
        have = {(s.start, s.end) for s in spans}
        return [doc[t.i:t.i + 1] for t in doc
                if t.text in defined and (t.i, t.i + 1) not in have and t.i not in blocked
                and not any(s.start <= t.i < s.end for s in spans)]

    def _parents(self, spans: list[Span]) -> list[Span]:
        """A well-known body named inside the name of one of its organs: "UN" in "UN
        Security Council", "the United Nations" in "General Assembly of the United
        Nations". The organ's name mentions the body too."""
        gaz, out = self.rules.gaz_tokens, []
        for span in spans:
            words = [t.text for t in span]
            first = next((n for n in range(len(span) - 1, 0, -1) if tuple(words[:n]) in gaz), 0)
            if first:
                out.append(span[:first])
            of = next((t.i for t in span[1:-1] if t.lower_ == "of"), None)
            if of is not None:
                rest = span.doc[of + 1 + (span.doc[of + 1].lower_ == "the"):span.end]
                if len(rest) and tuple(t.text for t in rest) in gaz:
                    out.append(rest)
        return out

    # -- one name per organization --------------------------------------------------------
    def _canonical(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Every span relabelled with the fullest name of its organization."""
        out = []
        persons = person_mentions(doc)  # once: every group is checked against them
        for group in self._group(spans):
            names = [s for s in group if not self._bare_head(s)]
            if not names or all(in_layout(s.doc, s.end - 1, (LINE, RUN_IN)) for s in group) \
                    and group[0].text not in self.rules.gazetteer:
                continue  # capitals mean nothing in a title-case heading
            full = max(names, key=lambda s: (len(s) if not s.text.isupper() else 0, -s.start))
            if self._a_thing(full, group, persons):
                continue
            out += [Span(s.doc, s.start, s.end, label=full.text) for s in group]
        return sorted(out, key=lambda s: s.start)

    def _group(self, spans: list[Span]) -> list[list[Span]]:
        """Mentions of one organization together, longest first: shorter variants with the
        same head ("Congress"), acronyms bracketed beside a name or made of its initials."""
        groups: list[list[Span]] = []
        acronym_of: dict[str, int] = {}
        gazetteer = self.rules.gazetteer
        for span in sorted(spans, key=lambda s: (-len(s), s.start)):
            gi = acronym_of.get(span.text)
            if gi is None:
                gi = acronym_of.get(gazetteer.get(span.text, ""))
            if gi is None:
                gi = next((k for k, g in enumerate(groups)
                           if _variant_of(span, g[0], gazetteer)), None)
            if gi is None:
                groups.append([])
                gi = len(groups) - 1
            groups[gi].append(span)
            acronym = self.rules.acronym
            for acr in (bracketed_after(span, acronym), bracketed_before(span, acronym)):
                if acr is not None:
                    acronym_of.setdefault(acr.text, gi)
            acronym_of.setdefault(gazetteer.get(span.text, span.text), gi)
        return groups

    def _a_thing(self, full: Span, group: list[Span], persons: list[Span]) -> bool:
        """The name is a person's, or a noun that names no body ("Standard Time",
        "Capitol Hill"), and no mention has it act (the subject of a verb); none is a
        well-known body's or introduced as a company's ("rival X Motor"): a person's
        name that acts is as often a company's. ``persons``: the document's person
        mentions (``names.person_mentions``)."""
        rules = self.rules
        if head_word(full).text in rules.heads or any(
                s.text in rules.gazetteer or _introduced(s, rules.names) for s in group):
            return False
        if any(described(s) or _plural_acronym(s, rules.acronym) for s in group):
            return True
        if self._said_otherwise(full, group, persons):
            return True  # the text says what it is, whatever it does
        places = self.classes.places
        if len(full) <= 2 and not full.text.isupper() and any(used_as_place(s, places)
                                                               for s in group) \
                and not any(acts(s) or _possessor(s) for s in group):
            return True
        kind = names_a_thing(full, head_word(full), rules.heads, self.english, self.classes)
        return kind is not None and not any(acts(s) for s in group)

    def _said_otherwise(self, full: Span, group: list[Span], persons: list[Span]) -> bool:
        """The text says the name is a person's or a thing's ("X, an annual exercise"),
        writes a person's name short with it, measures it ("more X") or only makes it
        modify a thing ("the X launchers"); or, when no mention acts, attends it as an
        event ("hosted the X Forum")."""
        titles = office_words().heads
        if any(said_to_be(s, self.classes, titles, self.body_nouns) or measured(s)
               for s in group):
            return True
        if a_persons_name(full, persons) or self._a_products_name(full, group):
            return True
        return any(attended(s, self.rules.names.event_verbs) for s in group) \
            and not any(acts(s) for s in group)

    def _a_products_name(self, full: Span, group: list[Span]) -> bool:
        """Every mention modifies a made thing, a stuff or an object ("the X launchers",
        "X exports") and no word is coined: a company's own word ("Zorblax jets") names
        the maker."""
        return all(a_things_modifier(s, self.classes) for s in group) \
            and not any(coined(t, self.english, self.classes) for t in full)

    def _bare_head(self, span: Span) -> bool:
        """A bare "Ministry" or "Government": a mention, never the name."""
        return len(span) == 1 and span[0].lower_ in self.rules.lower_heads \
            and span[0].lower_ not in self.rules.singletons


def _plural_acronym(span: Span, acronym: re.Pattern) -> bool:
    """A name bracketed with a plural acronym names a kind of body, not one: "National
    Metrology Institutes (NMIs)", "non-governmental organizations (NGOs)"."""
    short = bracketed_after(span, acronym)
    text = short.text if short is not None and len(short) == 1 else ""
    return len(text) > 2 and text.endswith("s") and text[:-1].isupper()


def _possessor(span: Span) -> bool:
    doc = span.doc
    return span.end < len(doc) and doc[span.end].tag_ == "POS"


def _without_other_acronyms(spans: list[Span], defined: dict[str, Span]) -> list[Span]:
    """Acronyms the text defines as something that is no organization it names ("Air
    Defense Identification Zone (ADIZ)", "unexploded ordnance (UXO)") are left out: an
    acronym is an organization's when its long form is one."""
    names = [s for s in spans if s.text not in defined]
    tagged = {e.text.removeprefix("the ").removeprefix("The ") for e in
              next(iter(spans)).doc.ents if e.label_ == "ORG"} if spans else set()

    def other(span: Span) -> bool:
        # the long form is an organization the rules found, or one the statistical
        # tagger calls so somewhere in the text
        long_form = defined.get(span.text)
        return long_form is not None and not _overlaps(long_form, names) \
            and long_form.text not in tagged and not all(t.ent_type_ == "ORG" for t in long_form)

    return [s for s in spans if not other(s)]


def _described_names(doc: Doc, blocked: set[int], countries: set[int],
                     w: SimpleNamespace) -> list[Span]:
    """A capitalised name right after a descriptor noun ("Russian energy giant Gazprom")
    or a participle that describes a company ("state-owned Gazprom", "Ohio-based Acme
    Robotics")."""
    out = []
    for tok in doc[:-1]:
        if not tok.is_lower or not (tok.lemma_ in w.descriptors or _participle(tok, w)):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 3 and (
                doc[end].pos_ == "PROPN" or end > tok.i + 1 and doc[end].is_title) \
                and doc[end].text[:1].isupper() and end not in blocked and end not in countries:
            end += 1
        if end > tok.i + 1 and not (end < len(doc) and doc[end].text[:1].isupper()):
            out.append(doc[tok.i + 1:end])
    return out


def _introduced(span: Span, w: SimpleNamespace) -> bool:
    """The name comes after a word that introduces a company ("carmaker", "rival",
    "Ohio-based")."""
    prev = span.doc[span.start - 1] if span.start else None
    return prev is not None and prev.is_lower and (
        prev.lemma_ in w.descriptors or _participle(prev, w))


def _participle(tok: Token, w: SimpleNamespace) -> bool:
    return tok.lower_ in w.descriptor_participles and tok.i > 0 \
        and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 1].whitespace_


def _repeated_names(doc: Doc, spans: list[Span], blocked: set[int]) -> list[Span]:
    """Other occurrences of a one-word name found once ("Yukos" the tagger called a person
    or a place elsewhere): every one is the organization, outside ``blocked`` (names of
    persons and countries) and other names that contain it."""
    names = {s.text for s in spans if len(s) == 1 and s[0].is_title and s[0].pos_ == "PROPN"}
    return [doc[t.i:t.i + 1] for t in doc
            if t.text in names and t.i not in blocked and not _inside_longer_name(t)
            and not any(s.start <= t.i < s.end for s in spans)]


def _inside_longer_name(tok: Token) -> bool:
    """Part of another proper name: "the Geelong Treaty", "Treaty of Tlatelolco"."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    before = doc[tok.i - 2] if tok.i > 1 else None
    return (nxt is not None and nxt.text[:1].isupper() and nxt.pos_ in ("PROPN", "NOUN")
            or prev is not None and prev.text[:1].isupper() and prev.pos_ == "PROPN"
            and prev.i != prev.sent.start
            or prev is not None and prev.lower_ == "of" and before is not None
            and before.text[:1].isupper())


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(span.start < s.end and s.start < span.end for s in spans)


def _variant_of(span: Span, name: Span, known: dict[str, str]) -> bool:
    return _same_org(_content(span, known), span, name, known) \
        or len(span) == 1 and len(name) > 1 and (
        span.text.isupper() and initials(name) == span.text
        or _first_word(span[0], name))


def _first_word(tok: Token, name: Span) -> bool:
    """"Nissan" of "Nissan Motor": a company's name without the word after it (a proper
    noun that is no country word and no head word of a body)."""
    return tok.text == name[0].text and tok.pos_ == "PROPN" and tok.is_title \
        and name[0].ent_type_ not in ("GPE", "NORP", "LOC") and name[1].text[:1].isupper()


def _content(span: Span, known: dict[str, str]) -> set[str]:
    """The words of a name, a well-known body's acronym spelled out ("UN General
    Assembly" has the words of "United Nations General Assembly")."""
    words = set()
    for t in span:
        text = known.get(t.text, t.text) if t.is_upper else t.text
        for part in re.split(r"[-\u2013.\s]", text.lower()):
            if len(part) > 1 and part not in ("the", "of", "and", "us", "u", "s"):
                words.add(part)
    return words


def _same_org(key: set[str], span: Span, other: Span, known: dict[str, str]) -> bool:
    """A shorter variant of ``other`` with the same head word ("Congress", "U.S. Congress")."""
    if span.text == other.text:
        return True
    if head_word(span).lower_ != head_word(other).lower_ or not key:
        return False
    return key <= _content(other, known)


def _longest_first(spans: list[Span]) -> list[Span]:
    """Drop spans overlapping a longer (or earlier equal) one."""
    taken: set[int] = set()
    out = []
    for s in sorted(spans, key=lambda s: (-len(s), s.start)):
        if taken & set(range(s.start, s.end)):
            continue
        taken.update(range(s.start, s.end))
        out.append(s)
    return sorted(out, key=lambda s: s.start)
