"""Setting an agreement's parties, stage, date and label: what the app's editor does,
as the corrections that say it (the old values rejected, the new ones added, a label
correction), each made and kept like any other."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from kg.archive.corrections import commands
from kg.archive.corrections.records import Correction, read_corrections
from kg.rdf.build import date_literal
from kg.rdf.namespace import PKG
from kg.store.base import Store

_FIELDS = """
SELECT DISTINCT ?field ?value ?a WHERE {
  { ?a pkg:party ?value BIND("party" AS ?field) }
  UNION { ?a pkg:status ?value BIND("status" AS ?field) }
  UNION { ?a pkg:date ?value BIND("date" AS ?field) }
  UNION { ?a rdfs:label ?value BIND("label" AS ?field) } }"""


@dataclass
class AgreementState:
    """What the store says of one agreement (all documents and analysts together)."""

    labels: set[str] = field(default_factory=set)
    parties: set[URIRef] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)
    dates: set[Literal] = field(default_factory=set)


def agreement_state(store: Store, iri: str) -> AgreementState:
    state = AgreementState()
    for name, value, _ in store.query(_FIELDS, {"a": URIRef(iri)}).rows:
        if str(name) == "party":
            state.parties.add(value)
        elif str(name) == "status":
            state.statuses.add(str(value))
        elif str(name) == "date":
            state.dates.add(value)
        else:
            state.labels.add(str(value))
    return state


def set_agreement(store: Store, iri: str, *, parties: set[URIRef] | None = None,
                  stage: str | None = None, date: str | None = None,
                  label: str | None = None, reason: str | None = None,
                  author: str | None = None) -> list[Correction]:
    """Make the agreement say what is given (None: leave it): parties no longer given
    are rejected and new ones added; another stage or date replaces every stated one;
    a new label is a label correction. Returns the corrections made."""
    node, old = URIRef(iri), agreement_state(store, iri)
    wanted: list[tuple] = []
    if parties is not None:
        wanted += [("reject", PKG.party, p) for p in sorted(old.parties - set(parties))]
        wanted += [("add", PKG.party, p) for p in sorted(set(parties) - old.parties)]
    if stage and old.statuses != {stage}:
        wanted += [("reject", PKG.status, Literal(s)) for s in sorted(old.statuses)]
        wanted.append(("add", PKG.status, Literal(stage)))
    if date and {str(d) for d in old.dates} != {date}:
        new = date_literal(date)
        wanted += [("reject", PKG.date, d) for d in sorted(old.dates)]
        wanted.append(("add", PKG.date, new))
    made = []
    for kind, predicate, value in wanted:
        made.append(_say(store, kind, (node, predicate, value), reason, author))
    if label and label.strip() and {label.strip()} != old.labels:
        made.append(commands.label(store, node, label, reason=reason, author=author))
    return made


def _say(store: Store, kind: str, fact: tuple, reason: str | None,
         author: str | None) -> Correction:
    """Reject or add ``fact``; if an analyst's correction said the opposite, undo it
    instead (a party the analyst added and now removes, a stage set back)."""
    opposite = "add" if kind == "reject" else "reject"
    for c in read_corrections(store):
        if c.active and c.kind == opposite and c.fact == fact:
            return commands.undo(store, c.id, author=author)
    action = commands.reject if kind == "reject" else commands.add
    return action(store, *fact, reason=reason, author=author)
