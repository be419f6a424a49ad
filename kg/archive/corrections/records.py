"""Correction records: what an analyst said, as Python objects and as RDF.

The records are the only source of truth: everything else (the corrected document
graphs, the added graph) is derived from them and can be rebuilt (``kg correct
reapply``). They live in one graph, ``CORRECTIONS_GRAPH``, one IRI per correction.
"""

from __future__ import annotations

import getpass
import os
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Iterable, Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD
from rdflib.term import Identifier

from kg.archive.corrections.terms import CorrectionError, show
from kg.rdf.iris import ADDED_GRAPH, CORRECTIONS_GRAPH  # noqa: F401 (the corrections name them)
from kg.rdf.namespace import ID_BASE, PKG
from kg.store.base import Store

AUTHOR_VAR = "KG_AUTHOR"
CORRECTION_BASE = ID_BASE + "correction/"
KINDS = ("reject", "add", "merge", "label", "split")
_ID_DIGITS = 8



def author_name(given: str | None = None) -> str:
    """``--author``, else ``$KG_AUTHOR``, else the user's login name."""
    for name in (given, os.environ.get(AUTHOR_VAR)):
        if name and name.strip():
            return " ".join(name.split())
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name (a container with an unnamed uid)
        return "unknown"


def now() -> Literal:
    stamp = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    return Literal(stamp.replace("+00:00", "Z"), datatype=XSD.dateTime)


def correction_iri(ident: str) -> URIRef:
    return URIRef(CORRECTION_BASE + ident)


@dataclass(frozen=True)
class Correction:
    """One analyst correction. ``subject``/``predicate``/``object`` for reject and add;
    ``target`` (+ ``other`` for merge, ``label`` for label, ``new_node``, ``documents``
    and ``paths`` for split)."""

    id: str
    kind: str
    time: Literal
    author: str
    reason: str | None = None
    subject: URIRef | None = None
    predicate: URIRef | None = None
    object: Identifier | None = None
    target: URIRef | None = None
    other: URIRef | None = None
    label: Literal | None = None
    new_node: URIRef | None = None
    documents: tuple[URIRef, ...] = ()
    paths: tuple[str, ...] = ()
    undone_at: Literal | None = None
    undone_by: str | None = None

    @property
    def iri(self) -> URIRef:
        return correction_iri(self.id)

    @property
    def active(self) -> bool:
        return self.undone_at is None

    @property
    def fact(self) -> tuple:
        return (self.subject, self.predicate, self.object)

    @property
    def about(self) -> URIRef | None:
        """The node the correction is about: the fact's subject, or the target."""
        return self.subject if self.kind in ("reject", "add") else self.target

    @property
    def order(self) -> tuple:
        return (str(self.time), self.id)

    def terms(self) -> str:
        """What it is about, in the syntax ``kg correct`` takes."""
        if self.kind in ("reject", "add"):
            return " ".join(show(t) for t in self.fact)
        if self.kind == "merge":
            return f"{show(self.target)} {show(self.other)}"
        if self.kind == "label":
            return f"{show(self.target)} {self.label.n3()}"
        return f"{show(self.target)} -> {show(self.new_node)} in " + " ".join(
            show(d) for d in self.documents)

    def undone(self, author: str) -> "Correction":
        return replace(self, undone_at=now(), undone_by=author)


def new_correction(kind: str, author: str, reason: str | None, taken: Iterable[str] = (),
                   **terms) -> Correction:
    """A correction made now, with a fresh id (none of ``taken``)."""
    taken = set(taken)
    while (ident := secrets.token_hex(_ID_DIGITS // 2)) in taken:
        pass
    reason = " ".join(reason.split()) if reason and reason.strip() else None
    return Correction(ident, kind, now(), author, reason, **terms)


# -- RDF -----------------------------------------------------------------------------------
_SINGLE = {PKG.factSubject: "subject", PKG.factPredicate: "predicate",
           PKG.factObject: "object", PKG.factValue: "object", PKG.target: "target",
           PKG.mergedNode: "other", PKG.newLabel: "label", PKG.splitNode: "new_node",
           PKG.undoneAt: "undone_at"}
_TEXT = {PKG.author: "author", PKG.reason: "reason", PKG.undoneBy: "undone_by",
         PKG.correctionKind: "kind"}


def to_triples(c: Correction) -> list[tuple]:
    node = c.iri
    out = [(node, RDF.type, PKG.Correction), (node, PKG.correctionKind, Literal(c.kind)),
           (node, PROV.generatedAtTime, c.time), (node, PKG.author, Literal(c.author))]
    if c.reason:
        out.append((node, PKG.reason, Literal(c.reason)))
    for prop, name in _SINGLE.items():
        value = getattr(c, name)
        if value is not None and prop not in (PKG.factObject, PKG.factValue):
            out.append((node, prop, value))
    if c.object is not None:
        literal = isinstance(c.object, Literal)
        out.append((node, PKG.factValue if literal else PKG.factObject, c.object))
    if c.undone_by:
        out.append((node, PKG.undoneBy, Literal(c.undone_by)))
    out += [(node, PKG.splitDocument, d) for d in c.documents]
    out += [(node, PKG.splitPath, Literal(p)) for p in c.paths]
    return out


def from_triples(triples: Iterable[tuple]) -> list[Correction]:
    """The corrections ``triples`` describe; ``CorrectionError`` names a malformed one."""
    fields: dict[URIRef, dict] = {}
    for s, p, o in triples:
        if not str(s).startswith(CORRECTION_BASE):
            raise CorrectionError(f"{show(s)} in the corrections graph is not a correction")
        record = fields.setdefault(s, {"documents": [], "paths": []})
        if p == PKG.splitDocument:
            record["documents"].append(o)
        elif p == PKG.splitPath:
            record["paths"].append(str(o))
        elif p in _SINGLE or p in _TEXT or p == PROV.generatedAtTime:
            name = _SINGLE.get(p) or _TEXT.get(p) or "time"
            value = str(o) if p in _TEXT else o
            if record.setdefault(name, value) != value:
                raise CorrectionError(f"correction {show(s)} has two values of {show(p)}")
        elif (p, o) != (RDF.type, PKG.Correction):
            raise CorrectionError(f"correction {show(s)} has an unknown property {show(p)}")
    return [_record(iri, values) for iri, values in fields.items()]


def _record(iri: URIRef, values: dict) -> Correction:
    ident = str(iri)[len(CORRECTION_BASE):]
    values["documents"] = tuple(sorted(values["documents"]))
    values["paths"] = tuple(sorted(values["paths"]))
    missing = [n for n in ("kind", "time", "author") if n not in values]
    if missing or values["kind"] not in KINDS:
        raise CorrectionError(f"correction {show(iri)} is malformed: "
                              + (f"no {', '.join(missing)}" if missing
                                 else f"unknown kind {values['kind']!r}"))
    needs = {"reject": ("subject", "predicate", "object"), "add": ("subject", "predicate", "object"),
             "merge": ("target", "other"), "label": ("target", "label"),
             "split": ("target", "new_node")}[values["kind"]]
    if any(values.get(n) is None for n in needs):
        raise CorrectionError(f"correction {show(iri)} ({values['kind']}) lacks "
                              + ", ".join(n for n in needs if values.get(n) is None))
    return Correction(ident, **values)


def read_corrections(store: Store, graph: URIRef = CORRECTIONS_GRAPH) -> list[Correction]:
    """Every correction of the store (undone ones too), oldest first."""
    return sorted(from_triples(store.read_graph(str(graph))), key=lambda c: c.order)


@dataclass
class Records:
    """The store's corrections, with lookups by id."""

    all: list[Correction] = field(default_factory=list)

    @property
    def active(self) -> list[Correction]:
        return [c for c in self.all if c.active]

    def by_id(self) -> Mapping[str, Correction]:
        return {c.id: c for c in self.all}

    def find(self, ident: str) -> Correction:
        """The correction ``ident`` names: its id, a unique prefix of it, or its IRI."""
        text = ident.strip().removeprefix(CORRECTION_BASE).lower()
        found = [c for c in self.all if c.id.startswith(text)] if text else []
        if len(found) != 1:
            raise CorrectionError(f"{ident!r} names {'no' if not found else 'more than one'} "
                                  "correction (kg corrections lists them)")
        return found[0]
