"""kg.archive.resolve: a new document's persons and organizations link to the stored ones."""

from __future__ import annotations

import hashlib

import pytest
from rdflib.namespace import RDF, RDFS
from kg.archive.ingest import ingest, store_records
from kg.archive.resolve import StoreIndex, resolve_against_store
from kg.core.records import (Agreement, DocumentRecords, Evidence, Organization, Person,
                             Ref)
from kg.processing.linking import acronym
from kg.rdf import iris
from kg.rdf.build import document_graph
from kg.rdf.namespace import PKG


def ev(text: str, start: int = 0) -> Evidence:
    return Evidence(start, start + len(text), text)


def doc(name: str, persons=(), organizations=(), agreements=()) -> DocumentRecords:
    return DocumentRecords(file_name=f"{name}.txt",
                           sha256=hashlib.sha256(name.encode()).hexdigest(), text=name,
                           source_path=f"/docs/{name}.txt", persons=list(persons),
                           organizations=list(organizations), agreements=list(agreements))


def person(name: str, role: str | None = None, evidence: str | None = None) -> Person:
    sentence = ev(evidence or f"{name} spoke.")
    return Person(name, mentions=[sentence], roles={role: [sentence]} if role else {})


def stored(store, *names: str) -> None:
    """One stored document per person name."""
    for i, name in enumerate(names):
        store_records(store, doc(f"stored-{i}", persons=[person(name)]))


@pytest.mark.parametrize("stored_names, new, expected", [
    (["Antony Blinken"], "Blinken", "Antony Blinken"),
    (["Antony J. Blinken"], "J. Blinken", "Antony J. Blinken"),
    (["Jana Černochová"], "Cernochova", "Jana Černochová"),  # accents folded
    (["Joe Biden", "Hunter Biden"], "Biden", "Biden"),  # ambiguous: left alone
    (["Blinken"], "Antony Blinken", "Antony Blinken"),  # a fuller new name is kept
    (["Antony Blinken"], "Tony Blinken", "Tony Blinken"),  # not a subset of the words
    (["Antony Blinken"], "Antony", "Antony"),  # the surname must be the same
    (["Antony Blinken"], "Antony Blinken", "Antony Blinken"),
    (["Blinken", "Antony Blinken"], "Blinken", "Antony Blinken"),
    ([], "Blinken", "Blinken"),
])
def test_resolve_person_short_names(store, stored_names, new, expected):
    stored(store, *stored_names)
    out = resolve_against_store(doc("new", persons=[person(new)]), store)
    assert [p.key or p.name for p in out.persons] == [expected]  # the linked identity
    assert [p.name for p in out.persons] == [new]  # the document's own label


def test_resolve_leaves_input_records_untouched(store):
    stored(store, "Antony Blinken")
    records = doc("new", persons=[person("Blinken")])
    resolve_against_store(records, store)
    assert records.persons[0].name == "Blinken"


def test_resolve_persons_that_become_one_are_one_node(store):
    stored(store, "Antony Blinken")
    records = doc("new", persons=[person("Antony Blinken", "Secretary of State", "A."),
                                  person("Blinken", "Senator", "B.")])
    g = document_graph(resolve_against_store(records, store))
    node = iris.person_iri("Antony Blinken")
    assert {str(r) for r in g.objects(node, PKG.role)} == {"Secretary of State", "Senator"}
    assert [str(l) for l in g.objects(node, RDFS.label)] == ["Antony Blinken"]
    assert set(g.subjects(RDF.type, PKG.Person)) == {node}


@pytest.mark.parametrize("stored_orgs, new, expected", [
    ([Organization("North Atlantic Treaty Organization")], "NATO",
     "North Atlantic Treaty Organization"),
    ([Organization("The North Atlantic Treaty Organization")], "N.A.T.O.",
     "The North Atlantic Treaty Organization"),
    ([Organization("Atlantic Alliance", aliases=["NATO"])], "NATO", "Atlantic Alliance"),
    ([Organization("Atlantic Alliance", aliases=["The Alliance"])], "the alliance",
     "Atlantic Alliance"),  # an alias needs no acronym shape
    ([Organization("National Aeronautics Team Office"),
      Organization("North Atlantic Treaty Organization")], "NATO", "NATO"),  # ambiguous
    ([Organization("North Atlantic Treaty Organization")], "Nato", "Nato"),  # not an acronym
    ([Organization("NATO")], "North Atlantic Treaty Organization",
     "North Atlantic Treaty Organization"),  # a fuller new name is kept
])
def test_resolve_organization_aliases_and_acronyms(store, stored_orgs, new, expected):
    for i, org in enumerate(stored_orgs):
        store_records(store, doc(f"org-{i}", organizations=[org]))
    out = resolve_against_store(doc("new", organizations=[Organization(new)]), store)
    assert [o.key or o.name for o in out.organizations] == [expected]
    assert [o.name for o in out.organizations] == [new]  # the document's own label


def test_resolve_moves_parties_and_employers_with_the_organization(store):
    nato_full = Organization("North Atlantic Treaty Organization")
    store_records(store, doc("a", organizations=[nato_full]))
    nato = Ref.organization("NATO")
    records = doc("b", organizations=[Organization("NATO")],
                  persons=[Person("Jens Stoltenberg", acts_for={nato: [ev("x")]})],
                  agreements=[Agreement("the pact", parties={nato: [ev("y")]})])
    g = document_graph(resolve_against_store(records, store))
    full = iris.organization_iri("North Atlantic Treaty Organization")
    assert set(g.objects(None, PKG.actsFor)) == {full}
    assert set(g.objects(None, PKG.party)) == {full}
    assert [str(l) for l in g.objects(full, RDFS.label)] == ["NATO"]


def test_resolve_acronym_skips_articles_and_small_words():
    assert acronym("The North Atlantic Treaty Organization") == "NATO"
    assert acronym("Organisation for Economic Co-operation and Development") == "OECD"


def test_resolve_same_person_keeps_every_office_with_its_evidence(store):
    first = doc("first", persons=[person("Antony Blinken", "Secretary of State",
                                         "Secretary of State Antony Blinken spoke.")])
    second = doc("second", persons=[person("Blinken", "Deputy Secretary of State",
                                           "Blinken, then Deputy Secretary of State, spoke.")])
    index = StoreIndex(store)
    for records in (first, second):
        store_records(store, records, index)
    rows = store.query("""
        SELECT ?g ?p ?role ?text WHERE { GRAPH ?g {
          ?p pkg:role ?role .
          ?st rdf:subject ?p ; rdf:predicate pkg:role ; rdf:object ?role ;
              pkg:evidence/pkg:text ?text } }""").rows
    blinken = str(iris.person_iri("Antony Blinken"))
    assert {tuple(map(str, row)) for row in rows} == {
        (str(iris.document_iri(first.sha256)), blinken, "Secretary of State",
         "Secretary of State Antony Blinken spoke."),
        (str(iris.document_iri(second.sha256)), blinken, "Deputy Secretary of State",
         "Blinken, then Deputy Secretary of State, spoke."),
    }


class CountingStore:
    """A store wrapper that records the query texts it is sent."""

    def __init__(self, store) -> None:
        self.inner, self.queries = store, []

    def query(self, text, bindings=None, **kw):
        self.queries.append(text)
        return self.inner.query(text, bindings, **kw)

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.mark.parametrize("others", [0, 30])
def test_resolve_index_reads_only_the_names_a_document_could_match(store, others):
    """One bound lookup per surname of the document, however many names the store holds."""
    stored(store, "Antony Blinken", *(f"Person {chr(65 + i % 26)}{i} Stranger" for i in
                                      range(others)))
    counting = CountingStore(store)
    index = StoreIndex(counting)
    for i, name in enumerate(["Blinken", "Lloyd Austin", "Austin"]):
        store_records(counting, doc(f"new-{i}", persons=[person(name)]), index)
    lookups = [q for q in counting.queries if "?entry kgi:" in q]
    # per document, its surname alone: the strangers are never read
    assert len(lookups) == 3 and all("kgi:surname ?key" in q for q in lookups)
    assert not any("rdfs:label" in q for q in counting.queries)  # no scan of the facts
    nodes = {r[0] for r in store.query("SELECT DISTINCT ?p WHERE { ?p a pkg:Person }").rows}
    # "Austin" was linked to the "Lloyd Austin" this same ingest had just written
    assert {iris.person_iri("Antony Blinken"), iris.person_iri("Lloyd Austin")} <= nodes
    assert iris.person_iri("Austin") not in nodes and iris.person_iri("Blinken") not in nodes


def test_resolve_queries_never_contain_names(store):
    """Names reach the store only as bound values, never inside the query text."""
    stored(store, 'Antony "} DROP ALL #')
    counting = CountingStore(store)
    resolve_against_store(doc("new", persons=[person('Robert "} DROP ALL #')]), counting)
    assert counting.queries and not any("DROP" in q for q in counting.queries)


def test_resolve_index_forgets_removed_documents(store):
    index = StoreIndex(store)
    first = doc("first", persons=[person("Antony Blinken")])
    store_records(store, first, index)
    store.drop_graph(str(iris.document_iri(first.sha256)))
    index.invalidate()
    out = resolve_against_store(doc("new", persons=[person("Blinken")]), store, index)
    assert out.persons[0].key is None


def test_resolve_ingest_links_a_surname_to_the_stored_person(store, tmp_path, nlp,
                                                             monkeypatch):
    from kg.archive.ingest import extract_graphs

    monkeypatch.setattr("kg.archive.ingest.load_pipeline", lambda model: nlp)
    (tmp_path / "a.txt").write_text("US Secretary of State Antony Blinken met Japanese "
                                    "Foreign Minister Yoshimasa Hayashi in Tokyo.\n")
    (tmp_path / "b.txt").write_text("Mr Blinken met Japanese officials in Tokyo.\n")
    alone = {str(o) for _, g in extract_graphs([tmp_path / "b.txt"])
             for o in g.objects(iris.person_iri("Blinken"), RDFS.label)}
    assert alone == {"Blinken"}, "precondition: extraction alone finds 'Blinken' in b.txt"
    for name in ("a.txt", "b.txt"):  # one call each: b is resolved against a stored
        assert ingest([tmp_path / name], store).results[0].status == "added"
    graphs = store.query("SELECT DISTINCT ?g ?p WHERE { GRAPH ?g { ?p a pkg:Person } }",
                         {"p": iris.person_iri("Antony Blinken")}).rows
    assert len(graphs) == 2
    assert store.query("ASK { ?p rdfs:label ?l }",
                       {"p": iris.person_iri("Blinken")}).boolean is False


def test_resolve_label_choice_does_not_depend_on_order(store):
    stored(store, "ANTONY BLINKEN", "Antony Blinken")
    out = resolve_against_store(doc("new", persons=[person("Blinken")]), store)
    assert out.persons[0].key == "Antony Blinken"
