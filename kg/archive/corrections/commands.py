"""Making and undoing corrections: the functions ``kg correct`` and the app call.

Each one checks everything first (terms, ontology, what the store holds) and raises
``CorrectionError`` with the reason, having written nothing; then it writes the record
and the corrected graphs in one ``change_graphs`` (see ``apply``), in one writing
session of the store.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Identifier

from kg.archive.corrections import apply
from kg.archive.corrections.curate import Rules
from kg.archive.corrections.records import (ADDED_GRAPH, Correction, Records, author_name,
                                            new_correction, read_corrections)
from kg.archive.corrections.terms import (ENTITY_CLASSES, CorrectionError, check_subject,
                                          check_value, fact_property, parse_term,
                                          parse_text, show)
from kg.rdf.namespace import PKG
from kg.store.base import Store

Term = Identifier | str
_KINDS = "SELECT DISTINCT ?n ?k WHERE { ?n a ?k }"
_FACT_GRAPHS = "SELECT DISTINCT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def _term(value: Term, role: str) -> Identifier:
    # rdflib's terms are str too: only plain text is parsed
    return value if isinstance(value, Identifier) else parse_term(value, role)


def _node(value: Term, role: str) -> URIRef:
    term = _term(value, role)
    if not isinstance(term, URIRef):
        raise CorrectionError(f"the {role} must be a node (an IRI), not {show(term)}")
    return term


def kinds_of(store: Store, node: Identifier) -> set:
    """The entity classes the store (corrected view, added facts included) gives ``node``."""
    if not isinstance(node, URIRef):
        return set()
    return {k for _, k in store.query(_KINDS, {"n": node}).rows} & set(ENTITY_CLASSES)


def _records(store: Store) -> Records:
    return Records(read_corrections(store))


def _new(records: Records, kind: str, author: str | None, reason: str | None,
         **terms) -> Correction:
    return new_correction(kind, author_name(author), reason, records.by_id(), **terms)


# -- reject and add ------------------------------------------------------------------------
def _fact(subject: Term, predicate: Term, obj: Term, kind: str) -> tuple:
    """(s, p, o, the property's definition) of a fact to reject or add, checked."""
    s, p, o = _node(subject, "subject"), _node(predicate, "predicate"), _term(obj, "object")
    if p == RDFS.label:
        raise CorrectionError(f"a label is not {kind}ed: use kg correct label NODE TEXT "
                              "to set the label a node is shown with")
    return s, p, o, fact_property(p, kind)

def reject(store: Store, subject: Term, predicate: Term, obj: Term, *,
           reason: str | None = None, author: str | None = None) -> Correction:
    """The fact is wrong: it leaves every graph that states it (now or later)."""
    s, p, o, prop = _fact(subject, predicate, obj, "reject")
    if prop.is_object != isinstance(o, URIRef):
        check_value(prop, o, set())  # says a node or a literal is expected
    store.require_existing()
    with store.writing():
        records = _records(store)
        rules = Rules(records.all)
        graphs = {str(row[0]) for row in store.query(
            _FACT_GRAPHS, dict(zip("spo", rules.canonical_fact((s, p, o))))).rows}
        if str(ADDED_GRAPH) in graphs:
            added = _adding(records, rules, (s, p, o))
            raise CorrectionError(f"this fact was added by correction {added}: undo that "
                                  f"instead (kg correct undo {added})")
        if not graphs:
            raise CorrectionError(f"the store holds no fact {show(s)} {show(p)} {show(o)} "
                                  "(kg query shows what it holds)")
        c = _new(records, "reject", author, reason, subject=s, predicate=p, object=o)
        rules = Rules(records.all + [c])
        apply.commit(store, c, apply.graphs_touched(store, c, rules), rules, added=False)
    return c


def _adding(records: Records, rules: Rules, fact: tuple) -> str:
    fact = rules.canonical_fact(fact)
    return next((c.id for c in rules.adds if rules.canonical_fact(c.fact) == fact), "?")


def add(store: Store, subject: Term, predicate: Term, obj: Term, *,
        reason: str | None = None, author: str | None = None) -> Correction:
    """A fact extraction missed, stated by the analyst (it lives in the added graph)."""
    s, p, o, prop = _fact(subject, predicate, obj, "add")
    store.create()
    with store.writing():
        records = _records(store)
        rules = Rules(records.all)
        s, p, o = rules.canonical_fact((s, p, o))
        kinds = kinds_of(store, s)
        if prop is None:  # rdf:type: a new node
            if o not in ENTITY_CLASSES:
                raise CorrectionError("a new node is a " + " or ".join(
                    show(k) for k in ENTITY_CLASSES) + f", not {show(o)}")
            if kinds:
                raise CorrectionError(f"{show(s)} is already a {show(min(kinds))}")
        else:
            check_subject(prop, s, kinds)
            check_value(prop, o, kinds_of(store, o))
        _refuse_known(store, records, rules, (s, p, o))
        c = _new(records, "add", author, reason, subject=s, predicate=p, object=o)
        rules = Rules(records.all + [c])
        added = apply.added_graph(store, rules)
        _check_added(added, {s, o})
        apply.commit(store, c, (), rules, added=added)
    return c


def _refuse_known(store: Store, records: Records, rules: Rules, fact: tuple) -> None:
    if fact in rules.rejected:
        ident = rules.rejected[fact].id
        raise CorrectionError(f"this fact is rejected by correction {ident}: undo that "
                              f"instead (kg correct undo {ident})")
    if store.query(_FACT_GRAPHS, dict(zip("spo", fact))).rows:
        raise CorrectionError("the store already holds this fact")


def _check_added(added: set[tuple], nodes: set) -> None:
    """The added graph as it would be must pass the shapes where the new fact lies (a
    status among the six stages, one Wikidata ID for a node...): else nothing is
    written. Only the nodes of the new fact and their statements are validated: shapes
    are per node, so the rest of the graph (checked when it was added) cannot fail."""
    from rdflib import Graph

    from kg.archive.validate import validate_graph

    statements = {s for s, p, o in added if p == RDF.subject and o in nodes}
    graph = Graph(identifier=ADDED_GRAPH)
    for t in added:
        if t[0] in nodes or t[0] in statements:
            graph.add(t)
    report = validate_graph(graph, str(ADDED_GRAPH))
    if not report.conforms:
        raise CorrectionError("the added facts would not be valid: " + "; ".join(
            f"{v.focus} {v.path or ''}: {v.message}" for v in report.errors))


# -- merge, label, split ---------------------------------------------------------------------
def merge(store: Store, keep: Term, other: Term, *, reason: str | None = None,
          author: str | None = None) -> Correction:
    """``other`` is the same entity as ``keep``: its facts are seen on ``keep``."""
    keep, other = _node(keep, "node to keep"), _node(other, "node to merge")
    if keep == other:
        raise CorrectionError("a node cannot be merged into itself")
    store.require_existing()
    with store.writing():
        records = _records(store)
        shared = _same_kind(store, keep, other)
        if PKG.Country in shared:
            raise CorrectionError("countries are identified by their ISO code and are not "
                                  "merged: correct the facts that point to the wrong one")
        c = _new(records, "merge", author, reason, target=keep, other=other)
        rules = Rules(records.all + [c])
        apply.commit(store, c, apply.graphs_touched(store, c, rules), rules)
    return c


def _same_kind(store: Store, keep: URIRef, other: URIRef) -> set:
    kinds = {n: kinds_of(store, n) for n in (keep, other)}
    for node, found in kinds.items():
        if not found:
            raise CorrectionError(f"{show(node)} is not in the store")
    shared = kinds[keep] & kinds[other]
    if not shared:
        raise CorrectionError(f"{show(other)} is a {show(min(kinds[other]))} and "
                              f"{show(keep)} a {show(min(kinds[keep]))}: only nodes of "
                              "one kind are merged")
    return shared


def label(store: Store, node: Term, text: str | Literal, *, reason: str | None = None,
          author: str | None = None) -> Correction:
    """The label ``node`` is shown with, in every graph."""
    node = _node(node, "node")
    text = text if isinstance(text, Literal) else parse_text(text)
    store.require_existing()
    with store.writing():
        records = _records(store)
        if not kinds_of(store, node):
            raise CorrectionError(f"{show(node)} is not in the store")
        c = _new(records, "label", author, reason, target=node, label=text)
        rules = Rules(records.all + [c])
        apply.commit(store, c, apply.graphs_touched(store, c, rules), rules)
    return c


def split(store: Store, node: Term, documents: list[str], *, into: Term | None = None,
          reason: str | None = None, author: str | None = None) -> Correction:
    """``node`` in ``documents`` (IRIs, file names, SHA-256 prefixes or paths, as for
    ``kg remove``) is another entity: a new node, ``into`` or ``NODE-<id>``."""
    from kg.archive.lifecycle import list_documents, select_documents

    node = _node(node, "node")
    store.require_existing()
    with store.writing():
        records = _records(store)
        if not kinds_of(store, node):
            raise CorrectionError(f"{show(node)} is not in the store")
        docs = select_documents(list_documents(store, counts=False), documents)
        holding = apply.graphs_with_node(store, node)
        if missing := [d.file_name for d in docs if d.iri not in holding]:
            raise CorrectionError(f"{show(node)} is not in {', '.join(missing)}")
        c = _new(records, "split", author, reason, target=node)
        new = _node(into, "new node") if into is not None else URIRef(f"{node}-{c.id[:6]}")
        if kinds_of(store, new) or new == node:
            raise CorrectionError(f"{show(new)} is already in the store: choose another")
        c = Correction(c.id, "split", c.time, c.author, c.reason, target=node, new_node=new,
                       documents=tuple(sorted(URIRef(d.iri) for d in docs)),
                       paths=tuple(sorted({d.source_path for d in docs if d.source_path})))
        rules = Rules(records.all + [c])
        apply.commit(store, c, apply.graphs_touched(store, c, rules), rules)
    return c


# -- undo and repair ---------------------------------------------------------------------------
def undo(store: Store, ident: str, *, author: str | None = None) -> Correction:
    """The correction no longer applies: the graphs it changed are as the others make
    them; its record stays, marked undone."""
    store.require_existing()
    with store.writing():
        records = _records(store)
        c = records.find(ident)
        if not c.active:
            raise CorrectionError(f"correction {c.id} was undone already ({c.undone_at} by "
                                  f"{c.undone_by})")
        done = c.undone(author_name(author))
        rules = Rules([done if r.id == c.id else r for r in records.all])
        apply.commit(store, done, apply.graphs_corrected_by(store, c), rules, previous=c)
    return done


def reapply(store: Store) -> int:
    """Rebuild everything corrections derive (after a write a server did halfway):
    the number of graphs that changed."""
    store.require_existing()
    with store.writing():
        return apply.reapply(store, read_corrections(store))
