"""Rules that build and clean organization names (used by ``kg.nlp.organizations.finder``).

``NameRules`` finds candidate names (capitalised runs around a head word, gazetteer
entries) and decides whether a candidate, or a statistical ORG entity, really names an
organization: not an agreement, event, country, person or a bare generic word. It gets
both its lexicons from the component's config: ``policykg.organization_words.v3`` (head
words, the gazetteer) and ``policykg.org_name_words.v3`` (the lists of the name rules).
"""

from __future__ import annotations

import re
from functools import wraps
from types import SimpleNamespace
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

from kg.core.constants import PERSON_SPANS
from kg.core.geo import country_code
from kg.core.lexicons import frozen
from kg.nlp.document.headings import LINE, RUN_IN, in_layout
from kg.nlp.lexicons import calendar_words, office_words
from kg.nlp.organizations.edges import (agreement_word, before_title, cut_in_list,
                                        inside_agreement_name, starts_other_name,
                                        tagged_inside, title_complement, two_entities)
from kg.nlp.persons.titles import country_tokens, title_words


class NameRules:
    """The organization lexicons and the rules that read names with them."""

    def __init__(self, words: dict, names: dict) -> None:
        self.names = frozen(names)  # the name rules' lists
        self.acronym = re.compile(self.names.acronym)
        self.heads = set(words["heads"])
        self.lower_heads = {h.lower() for h in self.heads}
        self.singletons = {s.lower() for s in words["singletons"]}
        self.non_heads = set(words["non_heads"])
        # what a name the tagger found may modify and so not be a body (the non-heads hold
        # "program", "programme"), once, not per candidate
        self._modified_by_ner = frozenset(self.non_heads | set(self.names.agreement_words))
        self.demonyms = set(words["demonyms"])
        self.gazetteer: dict[str, str] = {}  # surface form -> canonical name
        for full, acronyms in words["gazetteer"].items():
            self.gazetteer[full] = full
            for acr in acronyms:
                self.gazetteer[acr] = full
        self.gaz_tokens = {tuple(k.split()) for k in self.gazetteer}
        # the longest name starting with each word: a text's other words start none
        self.gaz_first: dict[str, int] = {}
        for k in self.gaz_tokens:
            self.gaz_first[k[0]] = max(self.gaz_first.get(k[0], 0), len(k))

    # -- candidates -------------------------------------------------------------------
    def _is_cap(self, tok: Token) -> bool:
        return (tok.is_title or tok.is_upper or tok.text[:1].isupper()) and tok.is_alpha \
            or bool(re.match(r"^[A-Z][\w.\-]*$", tok.text))

    def headed(self, doc: Doc, blocked: set[int]) -> list[Span]:
        """Capitalised names around an organization head word ("Ministry of Commerce")."""
        out = []
        for tok in doc:
            if tok.text not in self.heads or tok.i in blocked:
                continue
            start = tok.i
            while start > tok.sent.start and self._left_ok(doc[start - 1], blocked):
                start -= 1
            end = self._extend_right(doc, tok.i + 1, blocked)
            span = self._trim(doc[start:end])
            if span is not None:
                out.append(span)
        return out

    def _left_ok(self, tok: Token, blocked: set[int]) -> bool:
        if tok.lower_ in ("and", "&"):  # "Oil and Natural Gas Corporation", not "Japan and EU"
            prev = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
            return prev is not None and self._is_cap(prev) and prev.i not in blocked \
                and prev.ent_type_ not in ("GPE", "NORP") and not country_code(prev.text) \
                and not two_entities(tok)
        if tok.i in blocked or tok.lower_ in self.names.left_stop \
                or tok.lower_ in calendar_words():
            return False
        if tok.text == "-" or tok.text in self.heads:
            return True
        return self._is_cap(tok) and tok.tag_ in self.names.cap_tags and not tok.like_num \
            and tok.ent_type_ not in ("DATE", "PERSON")

    def _extend_right(self, doc: Doc, i: int, blocked: set[int]) -> int:
        """Follow "of (the) X", "for X", "in X", "to Defeat X" while the words are capitalised.

        A place after "in"/"for"/"on" ends the name: "Task Force in Germany"."""
        end = i
        sent_end = doc[i - 1].sent.end
        while end < sent_end:
            prep = doc[end].lower_
            if prep not in ("of", "for", "in", "on", "to"):
                break
            j = end + 1
            if j < sent_end and doc[j].lower_ == "the":
                j += 1
            if j >= sent_end or (prep != "of" and (doc[j].ent_type_ in ("GPE", "LOC", "NORP")
                                                   or country_code(doc[j].text))
                                 and not tagged_inside(doc[end])):
                break
            k = j
            while k < sent_end and k not in blocked and self._is_cap(doc[k]) \
                    and doc[k].lower_ not in calendar_words() and not country_code(doc[j:k].text):
                k += 1
                if k + 1 < sent_end and doc[k].lower_ == "and" and self._is_cap(doc[k + 1]) \
                        and not starts_other_name(doc[k + 1]):
                    k += 1
            if k < sent_end and k in blocked:
                k = before_title(doc, j, k)  # "... Resources Senior Bureau Official NAME"
            if k == j or (prep == "to" and k - j < 2):
                break
            end = k
        return end

    def gazetteer_names(self, doc: Doc, blocked: set[int]) -> list[Span]:
        out = []
        words = [t.text for t in doc]
        for i, word in enumerate(words):
            for n in range(min(self.gaz_first.get(word, 0), len(doc) - i), 0, -1):
                if tuple(words[i:i + n]) in self.gaz_tokens and not blocked & set(range(i, i + n)):
                    out.append(doc[i:i + n])
                    break
        return out

    def clean_entity(self, ent: Span, blocked: set[int]) -> Span | None:
        """An NER ORG entity without "the", "'s" and trailing person names, if still an org."""
        start, end = ent.start, ent.end
        while start < end and (end - 1) in blocked:
            end -= 1
        if any(i in blocked for i in range(start, end)):
            return None
        span = self._trim(ent.doc[start:end], ner=True)
        if span is not None and end < ent.end and _first_names(span, end, self.heads):
            return None
        return span

    def _trim(self, span: Span, ner: bool = False) -> Span | None:
        doc = span.doc
        start, end = span.start, span.end
        opened = next((t.i for t in span if t.text == "("), None)
        if opened is not None and not any(t.text == ")" for t in doc[opened:end]):
            end = opened  # a bracket the name does not close: "Initiative (CEDI"
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        while start < end:
            if start + 1 < end and doc[start + 1].tag_ == "POS":
                start += 2  # "China's Foreign Ministry": the owner is not part of the name
            elif doc[start].lower_ in self.names.left_stop or doc[start].is_punct \
                    or self._demonym_adjective(doc[start]):
                start += 1
            else:
                break
        if start >= end:
            return None
        span = doc[start:end]
        return span if self._acceptable(span, ner) else None

    def _demonym_adjective(self, tok: Token) -> bool:
        # "the American Missile Defense Agency": the demonym describes, it is not the name.
        doc = tok.doc
        return tok.text in self.demonyms and tok.i + 2 < len(doc) \
            and doc[tok.i + 1].text[:1].isupper() and doc[tok.i + 2].text[:1].isupper()

    def _acceptable(self, span: Span, ner: bool) -> bool:
        last, head = span[-1], head_word(span)
        text, agreement_words = span.text, self.names.agreement_words
        # the last word vetoes only a name it heads: "Department of Defense" is headed by
        # "Department", "Secretary of Defense" by a word that is no body's
        ending = {head.lower_} if head.text in self.heads else {last.lower_, head.lower_}
        if ending & self.non_heads or last.lower_ in calendar_words():
            return False
        if len(span) > 1 and (last.text in self.demonyms or last.tag_ == "JJ"
                              or cut_in_list(span)):
            return False  # cut inside a list: "Organization of African, Caribbean and ..."
        if agreement_word(span, self.heads, agreement_words) or country_code(text):
            return False
        if _a_place(span, self.names) or all(t.lower_ in title_words() for t in span):
            return False  # a place, or a title: "Field Marshal"
        if self._the_state_itself(span):
            return False
        if self._modifies_non_org(span, ner) or self._names_other_thing(span) \
                or inside_agreement_name(span, agreement_words) or self._person_word(span):
            return False
        if text in self.gazetteer:
            return True
        if len(span) == 1 and last.lower_ in self.lower_heads \
                and last.lower_ not in self.singletons:
            return False  # a bare "Ministry", "Government", "Coalition"
        if not any(t.text[:1].isupper() for t in span) \
                or all(t.ent_type_ in ("GPE", "LOC") for t in span):
            return False
        if ner:
            return self._ner_acceptable(span)
        return True

    def _ner_acceptable(self, span: Span) -> bool:
        last, text = span[-1], span.text
        headed = any(t.text in self.heads for t in span)
        if any(any(c.isdigit() for c in t.text) for t in span):
            return False
        if len(span) == 1 and (last.tag_ in ("JJ", "RB", "VB", "VBD", "VBN")
                               or last.lower_ in ("state", "energy", "government")):
            return False
        if _is_country_phrase(span):
            return False
        if not headed and ("of" in {t.lower_ for t in span} or " and " in text):
            return False  # "Isolation of Japan", "Shimoda and Hakodate"
        if not headed and in_layout(span.doc, span.end - 1, (LINE, RUN_IN)):
            return False  # "The Lasting Defeat of ISIS" as a section heading
        if not headed and (last.lower_ in office_words().heads or title_complement(span)):
            return False  # a title: "U.S. Solicitor General", "Secretary of | State for X"
        return True

    def _the_state_itself(self, span: Span) -> bool:
        """"the American Government", "Government of the Islamic Republic of Iran", "the
        United States Administration": a state's government named by the state alone is
        the state, an actor the graph already has; "Kurdistan Regional Government" and
        "Federal Aviation Administration" say more and are organizations."""
        state_itself = self.names.state_itself
        if head_word(span).lower_ not in state_itself:
            return False
        covered = _country_tokens(span.doc)
        return all(t.i in covered or t.text in self.demonyms or t.lower_ in state_itself
                   or t.lower_ in {"the", "of", "'s", "’s"} or t.is_punct for t in span)

    def _person_word(self, span: Span) -> bool:
        """"Perry" or "the Biden Administration" when Perry/Biden is a person in the text."""
        if len(span) > 1 and span[-1].lower_ not in ("administration", "government", "cabinet"):
            return False
        names = _person_name_words(span.doc)
        return any(t.text in names for t in span if t.text not in self.heads)

    def _names_other_thing(self, span: Span) -> bool:
        """An acronym bracketed after, or standing beside, an agreement or event name."""
        doc = span.doc
        if len(span) != 1 or not span.text.isupper():
            return False
        prev = doc[span.start - 1] if span.start else None
        if prev is not None and prev.lower_ in self.names.agreement_words:
            return True  # "the secure communications agreement COMCASA"
        return span.text in _non_org_acronyms(doc, self.non_heads, self.names.agreement_words)

    def _modifies_non_org(self, span: Span, ner: bool) -> bool:
        """"Artemis" in "NASA's Artemis program": a name used as a modifier of a thing.

        A name with an organization head only loses to an agreement ("... Forces Treaty");
        "the General Border Committee meetings" still names the committee."""
        words = self._modified_by_ner if ner else self.names.agreement_words
        root = span.root
        if root.dep_ == "compound" and root.head.i >= span.end \
                and root.head.lemma_.lower() in words:
            return True  # over other modifiers: "X air transport agreements"
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if nxt is None or not (span[-1].head == nxt or nxt.text[:1].isupper()):
            return False
        return nxt.lemma_.lower() in words or nxt.lower_ in words


def once_per_doc(rule):
    """``rule(doc, ...)`` computed once for each Doc, while the Doc lives: the name rules
    ask it again for every candidate. The results are kept beside the Doc, not in it (no
    scratch key in ``doc.user_data`` for someone to remove)."""
    found: WeakKeyDictionary = WeakKeyDictionary()

    @wraps(rule)
    def cached(doc: Doc, *args):
        if doc not in found:
            found[doc] = rule(doc, *args)
        return found[doc]
    return cached


_country_tokens = once_per_doc(country_tokens)  # asked for each candidate name


def person_mentions(doc: Doc) -> list[Span]:
    """The persons the person component found, and the statistical tagger's."""
    return list(doc.spans.get(PERSON_SPANS, [])) + [e for e in doc.ents if e.label_ == "PERSON"]


@once_per_doc
def _person_name_words(doc: Doc) -> set[str]:
    """The capitalised words of the persons' names in the text (the rules' and the
    tagger's), but for the one-word names it mostly calls an organization."""
    return {t.text for p in person_mentions(doc) if not any(t.tag_ == "POS" for t in p)
            for t in p if t.is_title} - _mostly_organizations(doc)


@once_per_doc
def _mostly_organizations(doc: Doc) -> set[str]:
    """One-word names the statistical tagger calls an organization more often than a
    person in this text, and that no person's name found by the rules contains: "Absa"
    tagged ORG three times and PERSON once is a bank."""
    votes: dict[str, int] = {}
    for ent in doc.ents:
        if len(ent) == 1 and ent.label_ in ("ORG", "PERSON"):
            votes[ent.text] = votes.get(ent.text, 0) + (1 if ent.label_ == "ORG" else -1)
    persons = {t.text for p in doc.spans.get(PERSON_SPANS, []) for t in p}
    return {w for w, v in votes.items() if v > 0 and w not in persons}


def _first_names(span: Span, person_start: int, heads: set[str]) -> bool:
    """What is left of an entity cut before a person's name only modifies that name:
    its first name ("X" of "daughter of X Y"), not a body before its officer
    ("the Council of Ministers X Y": a body's head word)."""
    root = span.root
    return root.dep_ == "compound" and root.head.i >= person_start \
        and not any(t.text in heads for t in span)


def head_word(span: Span) -> Token:
    """The word the name is built on: the last before "of"/"to"/"for"/"in", else the last."""
    for tok in span[1:]:
        if tok.lower_ in ("of", "to", "for", "in", "on"):
            return span.doc[tok.i - 1]
    return span[-1]


def bracketed_after(span: Span, acronym: re.Pattern) -> Span | None:
    """The acronym in "Name (ACR)" right after ``span``."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].tag_ == "POS":
        i += 1
    if i + 2 < len(doc) and doc[i].text == "(":
        for end in range(i + 2, min(i + 5, len(doc))):
            if doc[end].text == ")":
                return _short_form(doc[i + 1:end], acronym)
    return None


def _short_form(inner: Span, acronym: re.Pattern) -> Span | None:
    """The bracketed short form of a name: an acronym ("IMF"), or an acronym and
    capitalised words ("EXIM Bank")."""
    first = inner[0]
    if acronym.match(first.text) and first.text[:2].isupper() and all(
            t.text[:1].isupper() and t.is_alpha for t in inner[1:]):
        return inner
    return None


def bracketed_before(span: Span, acronym: re.Pattern) -> Span | None:
    """The acronym in "ACR (Name)" right before ``span``."""
    doc = span.doc
    i = span.start
    if i >= 2 and span.end < len(doc) and doc[i - 1].text == "(" and doc[span.end].text == ")" \
            and acronym.match(doc[i - 2].text) and doc[i - 2].text[:2].isupper():
        return doc[i - 2:i - 1]
    return None


@once_per_doc
def _non_org_acronyms(doc: Doc, non_heads: set[str],
                      agreement_words: frozenset[str]) -> set[str]:
    """Acronyms the text defines for agreements, events or places ("... Treaty (INF)")."""
    found = set()
    for t in doc[1:]:
        before = doc[t.i - 1].lower_
        if t.text != "(" or not (before in non_heads or before in agreement_words
                                 or before == "region"):
            continue
        for inner in doc[t.i + 1:min(t.i + 6, len(doc))]:
            if inner.text == ")":
                break
            if inner.text.isupper() and len(inner.text) > 1:
                found.add(inner.text)
    # "Strategic Arms Limitation Talks ... (SALT I)": initials of a non-organization name.
    run: list[Token] = []
    for t in doc:
        if t.is_title and t.is_alpha:
            run.append(t)
            continue
        if run and run[-1].lower_ in non_heads | agreement_words:
            found.add(initials(run))
        run = [] if t.lower_ not in ("of", "and", "on") or not run else run
    return found


def initials(tokens) -> str:
    return "".join(t.text[0] for t in tokens if t.text[:1].isupper())


def _is_country_phrase(span: Span) -> bool:
    covered = _country_tokens(span.doc)
    return all(t.i in covered or t.is_punct or t.tag_ == "POS" for t in span)


def _a_place(span: Span, w: SimpleNamespace) -> bool:
    """A region ("the Western Balkans"), or a name after "the city of" ("in the city of
    Geelong"). The span comes without "the" (``NameRules._trim``)."""
    text, doc = span.text.lower(), span.doc
    after_the = span.start > 0 and doc[span.start - 1].lower_ == "the"
    return text in w.regions or after_the and text in w.the_regions or (
        span.start > 1 and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in w.place_nouns)
