"""curate(): corrections applied to a graph, in their order of kinds, and the document's
way back to what extraction produced."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from kg.archive.corrections.curate import (Rules, added_triples, curate, raw_of,
                                           with_delta)
from kg.archive.corrections.records import ADDED_GRAPH, Correction, from_triples, to_triples
from kg.rdf.namespace import ID_BASE, PKG

DOC = URIRef(ID_BASE + "doc/" + "a" * 64)
ROE = URIRef(ID_BASE + "person/jane-roe")
ROE2 = URIRef(ID_BASE + "person/j-roe")
DOE = URIRef(ID_BASE + "person/john-doe")
FR, BE = URIRef(ID_BASE + "country/FR"), URIRef(ID_BASE + "country/BE")
ACCORD = URIRef(ID_BASE + "agreement/paris-accord")


def fact(s, p, o, n: int) -> set:
    """``s p o`` with its statement, as kg.rdf.build writes it."""
    st = URIRef(f"{DOC}/fact/{n}")
    return {(s, p, o), (st, RDF.type, RDF.Statement), (st, RDF.subject, s),
            (st, RDF.predicate, p), (st, RDF.object, o), (st, PROV.wasDerivedFrom, DOC)}


def person(node, name) -> set:
    return {(node, RDF.type, PKG.Person), (node, RDFS.label, Literal(name))}


def raw_graph() -> set:
    return (person(ROE, "Jane Roe") | person(ROE2, "J. Roe") | person(DOE, "John Doe")
            | {(FR, RDF.type, PKG.Country), (FR, RDFS.label, Literal("France")),
               (DOC, RDF.type, PKG.Document), (DOC, PKG.sourcePath, Literal("/c/a.txt"))}
            | fact(ROE, PKG.actsFor, FR, 1) | fact(ROE2, PKG.actsFor, FR, 2)
            | fact(ROE2, PKG.role, Literal("Minister"), 3) | fact(DOE, PKG.actsFor, FR, 4)
            | fact(DOC, PKG.mentions, ROE2, 5))


def make(kind, n=0, **terms) -> Correction:
    """A correction made at second ``n``."""
    return Correction(f"{n:08x}", kind, Literal(f"2025-01-01T00:00:{n:02d}Z"), "tester",
                      **terms)


def test_corrections_curate_reject_removes_fact_and_statement():
    c = make("reject", 1, subject=ROE, predicate=PKG.actsFor, object=FR)
    out, applied = curate(raw_graph(), DOC, Rules([c]))
    assert (ROE, PKG.actsFor, FR) not in out
    assert not any(t[0] == URIRef(f"{DOC}/fact/1") for t in out)
    assert (DOE, PKG.actsFor, FR) in out and applied == [c.id]


def test_corrections_curate_merge_rewrites_everywhere_and_keeps_one_label():
    c = make("merge", 1, target=ROE, other=ROE2)
    out, applied = curate(raw_graph(), DOC, Rules([c]))
    assert not any(ROE2 in t for t in out)
    assert (ROE, PKG.role, Literal("Minister")) in out
    assert (DOC, PKG.mentions, ROE) in out
    assert {o for s, p, o in out if s == ROE and p == RDFS.label} == {Literal("Jane Roe")}
    assert (URIRef(f"{DOC}/fact/2"), RDF.subject, ROE) in out and applied == [c.id]


def test_corrections_curate_merge_into_absent_node_keeps_the_documents_label():
    c = make("merge", 1, target=URIRef(ID_BASE + "person/elsewhere"), other=ROE2)
    out, _ = curate(raw_graph(), DOC, Rules([c]))
    assert (c.target, RDFS.label, Literal("J. Roe")) in out


def test_corrections_curate_merge_drops_the_others_one_valued_fact_with_statement():
    graph = raw_graph() | fact(ROE, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1"), 6) \
        | fact(ROE2, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q2"), 7)
    out, _ = curate(graph, DOC, Rules([make("merge", 1, target=ROE, other=ROE2)]))
    assert {o for s, p, o in out if p == OWL.sameAs} == {
        URIRef("http://www.wikidata.org/entity/Q1")}
    assert not any(t[0] == URIRef(f"{DOC}/fact/7") for t in out)


@pytest.mark.parametrize("order", ["reject first", "merge first"])
def test_corrections_curate_rejection_holds_through_a_merge(order):
    # the analyst rejected J. Roe's France, then merged J. Roe into Jane Roe (or the
    # other way round): the merged fact Jane Roe actsFor France stays rejected
    reject = make("reject", 1 if order == "reject first" else 2,
                  subject=ROE2, predicate=PKG.actsFor, object=FR)
    merge = make("merge", 2 if order == "reject first" else 1, target=ROE, other=ROE2)
    out, applied = curate(raw_graph(), DOC, Rules([reject, merge]))
    assert (ROE, PKG.actsFor, FR) not in out
    assert set(applied) == {reject.id, merge.id}


def test_corrections_curate_merge_chain_and_cycle():
    a_to_b = make("merge", 1, target=ROE, other=ROE2)
    b_to_c = make("merge", 2, target=DOE, other=ROE)
    back = make("merge", 3, target=ROE2, other=DOE)  # would close a cycle: ignored
    rules = Rules([a_to_b, b_to_c, back])
    assert rules.canonical(ROE2) == DOE and rules.canonical(ROE) == DOE
    out, _ = curate(raw_graph(), DOC, rules)
    assert not any(n in t for t in out for n in (ROE, ROE2))


def test_corrections_curate_label_last_wins():
    first = make("label", 1, target=ROE, label=Literal("Jane A. Roe"))
    last = make("label", 2, target=ROE, label=Literal("Dr Jane Roe"))
    out, applied = curate(raw_graph(), DOC, Rules([last, first]))
    assert {o for s, p, o in out if s == ROE and p == RDFS.label} == {Literal("Dr Jane Roe")}
    assert last.id in applied


@pytest.mark.parametrize("documents, paths, applies", [
    ((DOC,), (), True), ((), ("/c/a.txt",), True),  # a later version of the same file
    ((URIRef(ID_BASE + "doc/" + "b" * 64),), ("/c/b.txt",), False)])
def test_corrections_curate_split_in_its_documents(documents, paths, applies):
    new = URIRef(f"{ROE}-split")
    c = make("split", 1, target=ROE, new_node=new, documents=documents, paths=paths)
    out, applied = curate(raw_graph(), DOC, Rules([c]), "/c/a.txt")
    assert ((new, PKG.actsFor, FR) in out) is applies
    assert ((ROE, PKG.actsFor, FR) in out) is not applies
    assert (applied == [c.id]) is applies


def test_corrections_curate_undone_corrections_do_nothing():
    c = make("reject", 1, subject=ROE, predicate=PKG.actsFor, object=FR).undone("tester")
    assert curate(raw_graph(), DOC, Rules([c])) == (raw_graph(), [])


@pytest.mark.parametrize("corrections", [
    [make("reject", 1, subject=ROE, predicate=PKG.actsFor, object=FR)],
    [make("merge", 1, target=ROE, other=ROE2), make("label", 2, target=ROE,
                                                     label=Literal("Roe"))],
    [make("split", 1, target=DOE, new_node=URIRef(f"{DOE}-2"), documents=(DOC,))],
])
def test_corrections_curate_delta_gives_back_what_extraction_produced(corrections):
    raw = raw_graph()
    curated, applied = curate(raw, DOC, Rules(corrections))
    stored = with_delta(DOC, raw, curated, applied)
    assert curated != raw and stored != curated
    assert raw_of(stored, DOC) == (raw, stored - curated)
    assert {o for s, p, o in stored if p == PKG.correctedBy} == {c.iri for c in corrections}


def test_corrections_curate_added_graph_is_self_contained():
    add = make("add", 1, subject=ROE2, predicate=PKG.actsFor, object=BE)
    merge = make("merge", 2, target=ROE, other=ROE2)  # the addition follows the merge
    known = person(ROE, "Jane Roe") | {(BE, RDF.type, PKG.Country),
                                       (BE, RDFS.label, Literal("Belgium")),
                                       (BE, PKG.isoCode, Literal("BE"))}
    out = added_triples(Rules([add, merge]), lambda nodes: {t for t in known if t[0] in nodes})
    assert (ROE, PKG.actsFor, BE) in out and known <= out
    statement = next(s for s, p, o in out if p == PROV.wasDerivedFrom)
    assert (statement, PROV.wasDerivedFrom, add.iri) in out
    assert str(statement).startswith(str(ADDED_GRAPH))


def test_corrections_curate_added_node_labelled_until_the_analyst_labels_it():
    new = URIRef(ID_BASE + "person/new-person")
    typed = make("add", 1, subject=new, predicate=RDF.type, object=PKG.Person)
    out = added_triples(Rules([typed]), lambda nodes: set())
    assert (new, RDFS.label, Literal("new-person")) in out
    named = make("label", 2, target=new, label=Literal("New Person"))
    out = added_triples(Rules([typed, named]), lambda nodes: set())
    assert {o for s, p, o in out if p == RDFS.label} == {Literal("New Person")}


@pytest.mark.parametrize("c", [
    make("reject", 1, subject=ROE, predicate=PKG.status, object=Literal("signed")),
    make("add", 2, subject=ROE, predicate=PKG.actsFor, object=FR),
    make("merge", 3, target=ROE, other=ROE2),
    make("label", 4, target=ROE, label=Literal("Roe")),
    make("split", 5, target=ROE, new_node=ROE2, documents=(DOC,), paths=("/c/a.txt",)),
    make("reject", 6, subject=ROE, predicate=PKG.actsFor, object=FR).undone("x"),
])
def test_corrections_curate_records_round_trip_as_rdf(c):
    c = Correction(**{**c.__dict__, "reason": "because"})
    assert from_triples(to_triples(c)) == [c]
