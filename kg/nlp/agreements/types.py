"""The objects the agreement steps pass to each other (see ``pipeline.py`` for the order).

Every fact a step produces names the rule that produced it (``rule``, a short dotted
name listed in ``kg.nlp.agreements.rules``) and the token whose sentence justifies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from types import SimpleNamespace
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Span, Token

from kg.core.constants import STAGES
from kg.core.lexicons import frozen

if TYPE_CHECKING:
    from kg.nlp.document.structure import AgreementText


Ref = tuple[str, str]  # ("country", "JP") or ("organization", "IMF")
# the prepositions of an agreement's own complement that name its parties (party.between ...)
COMPLEMENT_PREPS = ("between", "with", "among")


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``policykg.agreement_words.v3`` as sets and tables."""

    heads: frozenset[str]
    weak_heads: frozenset[str]
    weak_heads_agreed: frozenset[str]
    deal_heads: dict[str, frozenset[str]]
    signed_documents: dict[str, frozenset[str]]
    kind_words: frozenset[str]
    agreeing_verbs: frozenset[str]
    signed_only: frozenset[str]
    generic_heads: frozenset[str]
    verb_like_heads: frozenset[str]
    amount_adjectives: frozenset[str]
    amount_adjectives_of: frozenset[str]
    year: re.Pattern
    actions: dict[str, str]
    nominals: dict[str, str]
    derived: dict[str, str]  # nouns of action WordNet derives from the actions
    agents: dict[str, str]  # nouns of those who act or are bound: signer, signatory, party
    stages: tuple[str, ...]
    stage_of: dict[str, str]
    future_kinds: frozenset[str]
    future_auxiliaries: frozenset[str]
    aspiring: frozenset[str]
    aspiring_preps: frozenset[str]
    failing: frozenset[str]
    subject_verbs: frozenset[str]
    superseding_verbs: frozenset[str]
    leaving_verbs: frozenset[str]
    part_nouns: frozenset[str]
    signing_verbs: frozenset[str]
    basis_preps: frozenset[str]
    basis_heads: frozenset[str]
    basis_nouns: frozenset[str]
    comparison_preps: frozenset[str]
    comparison_heads: frozenset[str]
    known_as: frozenset[str]
    name_preps: tuple[str, ...]
    phrase_preps: frozenset[str]
    distinct: frozenset[str]
    contrast: tuple[frozenset[str], ...]
    plain_modifiers: frozenset[str]
    collective: frozenset[str]
    quantity: frozenset[str]
    combining: dict[str, str]
    agent_nouns: frozenset[str]
    group_nouns: frozenset[str]
    signatory_nouns: frozenset[str]
    pair_numbers: frozenset[str]
    unpaired: frozenset[str]
    state_body_words: frozenset[str]
    compound_countries: dict[str, str]
    past_words: frozenset[str]
    value_words: frozenset[str]
    term_words: frozenset[str]
    modal_auxiliaries: frozenset[str]
    effort_verbs: frozenset[str]
    travel_verbs: frozenset[str]
    aim_nouns: frozenset[str]
    aim_verbs: frozenset[str]
    planned_modifiers: frozenset[str]
    modifier_kinds: dict[str, str]
    force_words: frozenset[str]
    force_adjectives: frozenset[str]
    renaming: frozenset[str]
    document_heads: frozenset[str]
    counted_groups: frozenset[str]
    near_words: frozenset[str]
    universal: frozenset[str]
    idioms: dict[str, frozenset[str]]
    list_separators: frozenset[str]
    negations: frozenset[str]
    condition_marks: frozenset[str]
    possessives: frozenset[str]
    guesses: SimpleNamespace  # guesses.v1: what marks an agreement of many parties
    noun_classes: SimpleNamespace  # noun_classes.v1: WordNet's classes of nouns
    verb_classes: SimpleNamespace  # verb_classes.v1: WordNet's classes of verbs
    definite: frozenset[str]  # determiners of a thing known: the, this, its ...
    indefinite: frozenset[str]  # a, an, another ...

    @classmethod
    def from_words(cls, words: dict, common: SimpleNamespace, derived: dict, *,
                   classes: dict[str, dict]) -> "Lexicon":
        """The lists of ``words``; the possessives and the year token are the shared ones
        (``common``, kg.nlp.lexicons.common_words()); the nouns of action WordNet derives
        from the actions are ``derived`` (agreement_nominals.v1: events, agents), which the
        hand-made ``nominals`` and ``agent_kinds`` of ``words`` override; ``classes`` are
        the other lexicons the rules read, by field name (guesses, noun_classes,
        verb_classes), as the component's config gives them."""
        plain = {"actions", "nominals", "stage_of", "combining_forms", "compound_countries",
                 "modifier_kinds", "agent_kinds"}
        kwargs: dict = {}
        for key, value in words.items():
            name = {"signed_only_heads": "signed_only",
                    "combining_forms": "combining"}.get(key, key)
            if key == "year":
                kwargs[name] = re.compile(value)
            elif key == "determiners":
                kwargs["definite"] = frozenset(value["definite"])
                kwargs["indefinite"] = frozenset(value["indefinite"])
            elif key == "name_preps":
                kwargs[name] = tuple(value)
            elif key in ("deal_heads", "signed_documents", "idioms"):
                kwargs[name] = {h: frozenset(words) for h, words in value.items()}
            elif key == "contrast":
                kwargs[name] = tuple(frozenset(group) for group in value)
            else:
                kwargs[name] = dict(value) if key in plain else frozenset(value)
        kwargs["stages"] = STAGES  # the contract's six, in order
        hand_agents = kwargs.pop("agent_kinds", None)
        kwargs["derived"] = dict(derived["events"])
        kwargs["agents"] = {**derived["agents"], **(hand_agents or {})}
        kwargs["possessives"] = frozenset(common.possessives)
        kwargs.update({name: frozen(entries) for name, entries in classes.items()})
        kwargs["year"] = re.compile(common.year)
        missing = sorted(f.name for f in fields(cls) if f.name not in kwargs)
        missing += ["agent_kinds"] if hand_agents is None else []
        if missing:  # an empty list is written as one: a missing one is a mistake
            raise ValueError(f"agreement lexicon: no list {', '.join(missing)}")
        lex = cls(**kwargs)
        heads = lex.heads | lex.weak_heads
        for name in ("weak_heads_agreed", "signed_only", "generic_heads", "verb_like_heads"):
            if not getattr(lex, name) <= heads:  # a property of heads, not a second list
                raise ValueError(f"agreement lexicon: {name} names words that are no head: "
                                 f"{sorted(getattr(lex, name) - heads)}")
        return lex

    @property
    def determiners(self) -> frozenset[str]:
        return self.definite | self.indefinite

    def deal_verbs(self, tok: Token) -> frozenset[str]:
        """The verbs that make ``tok`` a commercial deal ("placed an order"), if it is a
        noun of the deal lexicon; else none."""
        return self.deal_heads.get(tok.lower_) or self.deal_heads.get(
            tok.lemma_.lower(), frozenset())

    def stage(self, kind: str) -> str:
        """The stage of CONTRACT.md an action of this kind reaches ("ratified" -> "in force")."""
        return self.stage_of.get(kind, kind)


class Action(NamedTuple):
    """What the text reports done to a mention: ``kind`` as the lexicon names it
    ("signed", "ratified", "withdrawn" ...), the verb or noun that says so, whether it is a
    verb, and the rule that read it."""

    kind: str
    token: Token
    verbal: bool
    rule: str


class Actor(NamedTuple):
    """A country or organization a noun phrase stands for; ``via`` says how, when not
    by its name: "we", "pair" ("the two countries"), "body" (a person or body of a state)."""

    ref: Ref
    via: str = ""


class Party(NamedTuple):
    ref: Ref
    token: Token  # its sentence justifies the party
    rule: str


class Fact(NamedTuple):
    """One fact of an agreement as handed to ``kg.extract``: the value, the index of the
    token whose sentence states it, and the rule that read it."""

    value: object
    at: int
    rule: str


class Rejection(NamedTuple):
    """A candidate a rule considered and left out, with the reason (``kg explain``)."""

    what: str  # "party US", "stage signed", "mention 'the Paris Agreement'"
    at: int  # token index: its sentence is where the candidate was read
    reason: str


class Terms(NamedTuple):
    """Durations and money read around one mention, and those a rule left out."""

    durations: list[Fact]
    values: list[Fact]
    rejected: list[Rejection]


@dataclass
class Mention:
    head: Token
    span: Span  # the phrase used as label: modifiers, head, its "of/on/between" complements
    named: bool = False
    kind: str = "indefinite"  # named | definite | indefinite | acronym | pronoun
    plural: bool = False
    nested: bool = False  # inside another agreement's phrase ("Protocols to the Treaty")
    own: bool = False  # the document's reference to itself, when it is an agreement's text
    year: str | None = None
    marks: set = field(default_factory=set)
    actions: list[Action] = field(default_factory=list)
    acronyms: set = field(default_factory=set)
    # what is said around the mention, read in step 2 once the actions are known:
    # coreference (3) compares them, the parties (5) and terms (7) steps choose from them
    parties: tuple[list[Party], list[Party], list] | None = None
    quantities: Terms | None = None


@dataclass
class Cluster:
    """The mentions of one agreement, and what the steps decided about it."""

    mentions: list[Mention]
    reported: bool = False  # the text reports something done to it
    parties: list[Party] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def refs(self) -> set[Ref]:
        return {p.ref for p in self.parties}


class DateMention(NamedTuple):
    """A date the text states: its tokens and ISO form; ``relative`` when it was read
    against the document's own date ("on Tuesday", "last month")."""

    start: int
    end: int
    iso: str
    relative: bool = False


@dataclass
class DocContext:
    """What the steps read about the whole document, built once per document."""

    country_at: dict[int, str]  # token index -> ISO code
    person_at: dict[int, str]  # token index of a person who acts for a state -> its code
    org_at: dict[int, Ref]  # token index -> organization, or the state a state body is
    dominant: list[str]  # the one or two countries the document is about
    title: Span | None  # the first line, when it is a title
    paragraph_starts: list[int]  # token index where each paragraph starts
    phrases: list[tuple[int, int]] = field(default_factory=list)  # agreement phrases
    dates: list[DateMention] = field(default_factory=list)  # in text order
    published: str | None = None  # the date the text gives for itself
    places: set[int] = field(default_factory=set)  # tokens of cities named as places
    speaker: str | None = None  # the state the text speaks for in the first person
    lists: list[tuple[int, list[Ref]]] = field(default_factory=list)  # lists of 3+ actors
    person_spans: set[int] = field(default_factory=set)  # tokens of any person's name
    agreement_tokens: set[int] = field(default_factory=set)  # of any agreement mention
    # the structure of the agreement the document is the text of (kg.nlp.document)
    text: "AgreementText | None" = None


@dataclass
class Trace:
    """Candidates the steps considered and left out, per cluster (filled only when
    ``kg explain`` asks; the component runs without one)."""

    rejected: dict[int, list[Rejection]] = field(default_factory=dict)
    clusters: list[Cluster] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)  # also of those not reported

    def reject(self, cluster: Cluster, what: str, at: int, reason: str) -> None:
        found = self.rejected.setdefault(id(cluster), [])
        rejection = Rejection(what, at, reason)
        if rejection not in found:
            found.append(rejection)

    def of(self, cluster: Cluster) -> list[Rejection]:
        return self.rejected.get(id(cluster), [])

    def label(self, cluster: Cluster) -> str:
        return self.labels.get(id(cluster), cluster.first.span.text)


@dataclass
class AgreementInfo:
    """The description of one agreement left on its first mention
    (``span._.pkg_agreement_info``) for ``kg.extract.agreements``."""

    label: str
    named: bool
    parties: list[Fact]  # value: ("country", "JP")
    stages: list[Fact]  # value: one of the six stages
    dates: list[Fact]  # value: "1936-07-20" | "1936-07" | "1936"
    durations: list[Fact]  # value: "P5Y"
    values: list[Fact]  # value: (Decimal, "USD")
    # the document is this agreement's text: the passages that show it (value: True)
    text_of: list[Fact] = field(default_factory=list)
    signatories: list[Fact] = field(default_factory=list)  # value: (person name, Ref)
