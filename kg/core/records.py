"""Plain records that extraction produces and the RDF builder consumes.

Every fact carries the evidence it came from: a dict maps the fact's value to the list of
passages (sentences) that state it, or, for a fact the text does not state but the actor
knowledge base adds, the knowledge sources it was taken from. Offsets are character
offsets into the cleaned text of the document (``DocumentRecords.text``), end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal


@dataclass(frozen=True, order=True)
class Evidence:
    """A sentence of the document that states a fact."""

    start: int
    end: int
    text: str
    # The extraction rule that read the fact from this passage ("party.between"); the
    # same passage may state a fact through two rules. None for mentions, which no rule
    # of ours decides beyond the model's and the gazetteer's.
    rule: str | None = None


@dataclass(frozen=True, order=True)
class KnowledgeSource:
    """A dataset of the actor knowledge base (``kg/nlp/data/actors*.json``) that a fact
    was taken from instead of a sentence."""

    id: str  # "wikidata", "archigos", ...
    version: str  # the knowledge base's version
    name: str
    citation: str = ""
    licence: str = ""
    url: str = ""
    rule: str | None = None  # the knowledge rule that used it ("knowledge.state")


@dataclass(frozen=True, order=True)
class Ref:
    """A pointer to a country (by ISO 3166-1 alpha-2 code) or organization (by name)."""

    kind: Literal["country", "organization"]
    key: str

    @classmethod
    def country(cls, iso: str) -> "Ref":
        return cls("country", iso.upper())

    @classmethod
    def organization(cls, name: str) -> "Ref":
        return cls("organization", name)


@dataclass(frozen=True, order=True)
class Money:
    amount: Decimal
    currency: str  # ISO 4217


Facts = dict  # value -> list[Evidence | KnowledgeSource]; values can be str, Ref or Money


@dataclass
class Country:
    iso: str  # ISO 3166-1 alpha-2, upper case (retired codes such as SU allowed; XK)
    name: str  # canonical English short name
    mentions: list[Evidence] = field(default_factory=list)
    same_as: Facts = field(default_factory=dict)  # Wikidata ID ("Q30") -> sources


@dataclass
class Organization:
    name: str  # fullest form in the document
    aliases: list[str] = field(default_factory=list)
    mentions: list[Evidence] = field(default_factory=list)
    # The name the node's IRI is minted from when it is not ``name``: set by linking to
    # an organization already stored ("NATO" here, "North Atlantic Treaty Organization"
    # there: one node, and each document's graph keeps its own label).
    key: str | None = None
    full_name: Facts = field(default_factory=dict)  # the knowledge base's name -> sources
    same_as: Facts = field(default_factory=dict)  # Wikidata ID -> sources


@dataclass
class Person:
    name: str  # fullest form in the document, honorifics dropped
    mentions: list[Evidence] = field(default_factory=list)
    roles: Facts = field(default_factory=dict)  # office title -> evidence
    acts_for: Facts = field(default_factory=dict)  # Ref -> evidence
    key: str | None = None  # IRI name when linked to a stored person (see Organization)
    same_as: Facts = field(default_factory=dict)  # Wikidata ID -> sources


@dataclass
class Agreement:
    label: str  # short description in the text's words
    named: bool = False  # a proper name ("Artemis Accords"), the same across documents
    mentions: list[Evidence] = field(default_factory=list)
    parties: Facts = field(default_factory=dict)  # Ref -> evidence
    durations: Facts = field(default_factory=dict)  # ISO 8601 duration "P5Y" -> evidence
    values: Facts = field(default_factory=dict)  # Money -> evidence
    statuses: Facts = field(default_factory=dict)  # one of kg.core.constants.STAGES -> evidence
    dates: Facts = field(default_factory=dict)  # "1936-07-20" | "1936-07" | "1936" -> evidence
    # The document is this agreement's text (a treaty as signed): the passages that show
    # it (title, preamble formula, closing clause); empty when it is not.
    text_of: list[Evidence] = field(default_factory=list)
    signatories: Facts = field(default_factory=dict)  # (person name, Ref party) -> evidence


@dataclass
class DocumentRecords:
    """Everything extracted from one document."""

    file_name: str
    sha256: str  # of the document's raw bytes
    text: str  # cleaned text the offsets refer to
    title: str | None = None
    published: str | None = None  # ISO 8601 date, year-month or year the text states
    source_path: str | None = None
    media_type: str = "text/plain"
    countries: list[Country] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
