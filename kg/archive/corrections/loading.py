"""Corrections in a dump: checked before ``kg load`` writes anything, merged with the
store's by IRI, then applied.

A record of the dump that the store holds already must be the same correction (the
same kind, time, author and terms): it may only add that it was undone. Anything else
(a record without author, an unknown kind, a predicate the ontology does not define, two
different records under one id) refuses the whole dump.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterable

from kg.archive.corrections import apply
from kg.archive.corrections.curate import Rules
from kg.archive.corrections.records import (CORRECTIONS_GRAPH, Correction, from_triples,
                                            read_corrections)
from kg.archive.corrections.terms import (ENTITY_CLASSES, CorrectionError, fact_property,
                                          show)
from kg.core.errors import InputError
from kg.store.base import Store


def check_records(triples: list[tuple]) -> list[Correction]:
    """The records ``triples`` describe, each checked (shapes.ttl, then its terms)."""
    from rdflib import Graph

    from kg.archive.validate import validate_graph

    records = from_triples(triples)
    graph = Graph(identifier=CORRECTIONS_GRAPH)
    for t in triples:
        graph.add(t)
    report = validate_graph(graph, str(CORRECTIONS_GRAPH))
    if not report.conforms:
        raise CorrectionError("; ".join(f"{v.focus}: {v.message}" for v in report.errors))
    for c in records:
        if c.kind in ("reject", "add"):
            if fact_property(c.predicate, c.kind) is None and c.object not in ENTITY_CLASSES:
                raise CorrectionError(f"correction {c.id} types a node {show(c.object)}")
    return records


def check_delta(path: Path, quad) -> None:
    """A document's ``pkg:withheld`` / ``pkg:introduced`` must be N-Triples text."""
    import pyoxigraph as ox

    try:
        for _ in ox.parse(input=quad.object.value.encode("utf-8"),
                          format=ox.RdfFormat.N_TRIPLES):
            pass
    except (SyntaxError, AttributeError) as exc:
        raise InputError(path, f"{quad.subject} has a {quad.predicate.value.rsplit('#')[-1]}"
                               f" that is not N-Triples ({exc}); nothing was loaded") from None


def _core(c: Correction) -> Correction:
    return replace(c, undone_at=None, undone_by=None)


def new_records(store: Store, records: Iterable[Correction], path: Path) -> set[str]:
    """The ids of the dump's records the store does not hold as they are (new, or newly
    undone); ``InputError`` for one that contradicts the store's."""
    held = {c.id: c for c in read_corrections(store)} if store.exists() else {}
    fresh = set()
    for c in records:
        mine = held.get(c.id)
        if mine is not None and _core(mine) != _core(c):
            raise InputError(path, f"correction {c.id} differs from the one the store "
                                   "holds under that id; nothing was loaded")
        if mine is None or (mine.active and not c.active):
            fresh.add(c.id)
    return fresh


def reapply_after_load(store: Store, loaded: list[str], fresh: set[str],
                       dump_has_added: bool) -> None:
    """Bring the loaded documents and what the new records touch in line with the
    store's corrections: the loaded graphs a correction touches or that came corrected,
    every graph a new record touches, and the added graph."""
    records = read_corrections(store)
    if not records:
        return
    rules = Rules(records)
    loaded = set(loaded)
    todo = apply.graphs_corrected_by(store) & loaded
    for c in rules.corrections:
        touched = apply.graphs_touched(store, c, rules)
        todo |= touched if c.id in fresh else touched & loaded
    undone = {c.id for c in records if not c.active} & fresh
    for c in records:
        if c.id in undone:
            todo |= apply.graphs_corrected_by(store, c)
    changes = [c for c in apply.recompute(store, todo, rules) if c]
    if fresh or dump_has_added:
        changes.append(apply.rebuild_added(store, rules))
    apply.write(store, changes)
