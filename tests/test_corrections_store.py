"""Corrections on a store (the embedded one and Virtuoso): each kind, its refusals,
undo, the raw view, and what becomes of corrections through re-ingest, removal,
export and load. The documents are hand-written records (tests/app_data.py) written
through kg.archive.ingest's write path."""

from __future__ import annotations

import dataclasses
import re
import io

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

import app_data
from kg.archive import corrections as C
from kg.archive.corrections.listing import correction_rows
from kg.archive.corrections.raw import raw_view
from kg.core.errors import InputError
from kg.core.records import Person, Ref
from kg.archive.ingest import store_records
from kg.archive.lifecycle import remove_documents
from kg.archive.load import load_dump
from kg.rdf.iris import person_iri
from kg.rdf.namespace import PKG
from kg.views.agreements import agreements_table

US, JP, AU = app_data.US, app_data.JP, app_data.AU
BLINKEN, WONG = app_data.BLINKEN, app_data.WONG
HAYASHI = person_iri("Yoshimasa Hayashi")
ACTS = "SELECT ?o ?p WHERE { ?p pkg:actsFor ?o } ORDER BY ?o"  # binds ?p
LABELS = "SELECT DISTINCT ?l ?n WHERE { ?n rdfs:label ?l } ORDER BY ?l"  # binds ?n


@pytest.fixture
def world(any_store):
    for rec in app_data.records():
        store_records(any_store, rec)
    return any_store


def values(store, query: str, **bind) -> list[str]:
    return [str(row[0]) for row in store.query(query, bind).rows]


def graphs(store) -> dict[str, set]:
    names = values(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a pkg:Document } }")
    return {g: store.read_graph(g) for g in names}


def dump(store) -> bytes:
    buf = io.BytesIO()
    store.dump(buf, "nquads")
    return buf.getvalue()


def test_corrections_store_reject_hides_the_fact_raw_keeps_it(world):
    before = graphs(world)
    c = C.reject(world, BLINKEN, PKG.actsFor, US, reason="test", author="ana")
    assert values(world, ACTS, p=BLINKEN) == []
    with raw_view(world) as raw:
        assert values(raw, ACTS, p=BLINKEN) == [str(US)]
        assert graphs(raw) == before  # exactly what extraction produced
        assert not values(raw, "SELECT ?c WHERE { ?c a pkg:Correction }")
    # its sentence stays stored, kept for the way back
    [withheld] = values(world, "SELECT ?w WHERE { GRAPH ?g { ?g pkg:withheld ?w } }")
    assert "antony-blinken> <https://w3id.org/policykg/ontology#actsFor>" in withheld
    assert values(world, ACTS, p=HAYASHI) == [str(JP)]
    [row] = correction_rows(world)
    assert (row["id"], row["author"], row["kind"], row["reason"], row["exists"]) == (
        c.id, "ana", "reject", "test", True)


def test_corrections_store_undo_brings_the_graph_back(world):
    before = graphs(world)
    for c in (C.reject(world, BLINKEN, PKG.actsFor, US),
              C.merge(world, HAYASHI, BLINKEN),
              C.label(world, JP, "Nippon"),
              C.add(world, WONG, PKG.actsFor, JP)):
        C.undo(world, c.id)
    assert graphs(world) == before
    assert world.read_graph(str(C.ADDED_GRAPH)) == set()
    assert [r["status"][:6] for r in correction_rows(world, include_undone=True)] == [
        "undone"] * 4
    assert correction_rows(world) == []


def test_corrections_store_add_shows_with_its_labels(world):
    c = C.add(world, app_data.VFA, PKG.party, US, reason="the text names it later")
    rows = agreements_table(world).set_index("Agreement")
    assert set(rows.loc["Visiting Forces Agreement", "Parties"].split("; ")) == {
        "Japan", "Philippines", "United States"}
    statement = values(world, "SELECT ?st ?c WHERE { ?st prov:wasDerivedFrom ?c }", c=c.iri)
    assert len(statement) == 1


@pytest.mark.parametrize("args, why", [
    ((BLINKEN, PKG.actsFor, US), "already holds"),
    ((BLINKEN, PKG.actsFor, Literal("US")), "points to a node"),
    ((BLINKEN, PKG.status, Literal("signed")), "said of a pkg:Agreement"),
    ((app_data.DCA, PKG.status, Literal("over")), "one of planned"),
    ((app_data.DCA, PKG.status, Literal("ended")), "pkg:status"),  # two statuses added
    ((URIRef("https://w3id.org/policykg/id/person/nobody"), PKG.actsFor, US),
     "not in the store"),
    (("<https://w3id.org/policykg/id/person/antony-blinken>", "pkg:actsFor", "nope:x"),
     "unknown prefix"),
    ((BLINKEN, RDFS.label, Literal("Tony")), "kg correct label"),
])
def test_corrections_store_add_refused_writes_nothing(world, args, why):
    C.add(world, app_data.DCA, PKG.status, Literal("in force"))
    size = len(world)
    with pytest.raises(C.CorrectionError, match=why):
        C.add(world, *args)
    assert len(world) == size


@pytest.mark.parametrize("args, why", [
    ((BLINKEN, PKG.actsFor, JP), "holds no fact"),
    ((BLINKEN, PKG.content, Literal("x")), "how a document was read"),
    ((WONG, PKG.actsFor, JP), "added by correction"),
])
def test_corrections_store_reject_refused_writes_nothing(world, args, why):
    C.add(world, WONG, PKG.actsFor, JP)
    size = len(world)
    with pytest.raises(C.CorrectionError, match=why):
        C.reject(world, *args)
    assert len(world) == size


def test_corrections_store_merge_shows_the_others_facts_on_the_kept_node(world):
    C.merge(world, BLINKEN, HAYASHI, reason="test")
    assert values(world, ACTS, p=BLINKEN) == [str(JP), str(US)]
    assert not values(world, "SELECT ?p ?n WHERE { GRAPH ?g { ?g a pkg:Document . "
                             "{ ?n ?p ?o } UNION { ?s ?p ?n } } }", n=HAYASHI)


@pytest.mark.parametrize("keep, other, why", [
    (US, JP, "countries"), (BLINKEN, app_data.DCA, "only nodes of one kind"),
    (BLINKEN, BLINKEN, "itself"), (BLINKEN, person_iri("Nobody"), "not in the store")])
def test_corrections_store_merge_refused(world, keep, other, why):
    with pytest.raises(C.CorrectionError, match=why):
        C.merge(world, keep, other)


def test_corrections_store_label_in_every_graph(world):
    C.label(world, JP, "Nippon")
    assert values(world, LABELS, n=JP) == ["Nippon"]
    C.add(world, WONG, PKG.actsFor, JP)  # the added graph labels it as the others do
    assert values(world, LABELS, n=JP) == ["Nippon"]


def test_corrections_store_split_one_documents_mention(world):
    # a second Penny Wong, acting for Japan in another document: extraction made one node
    rec = app_data.records()[2]
    rec.persons = [Person("Penny Wong", rec.agreements[0].mentions,
                          acts_for={Ref.country("JP"): rec.agreements[0].mentions})]
    rec.sha256 = "e" * 64  # the file changed: a new version replaces the stored one
    store_records(world, rec)
    assert values(world, ACTS, p=WONG) == [str(AU), str(JP)]
    c = C.split(world, WONG, ["japan-philippines.txt"], reason="another person")
    new = URIRef(f"{WONG}-{c.id[:6]}")
    assert values(world, ACTS, p=WONG) == [str(AU)]
    assert values(world, ACTS, p=new) == [str(JP)]
    assert values(world, LABELS, n=new) == ["Penny Wong"]
    with pytest.raises(C.CorrectionError, match="is not in"):
        C.split(world, BLINKEN, ["japan-philippines.txt"])


def test_corrections_store_changed_file_keeps_its_corrections(world):
    C.reject(world, BLINKEN, PKG.actsFor, US)
    C.label(world, HAYASHI, "Hayashi Yoshimasa")
    old = app_data.records()[0]
    new = dataclasses.replace(old, text=old.text + "\n\nA line added later.",
                              sha256="f" * 64)
    assert store_records(world, new).status == "replaced"
    assert values(world, ACTS, p=BLINKEN) == []
    assert values(world, LABELS, n=HAYASHI) == ["Hayashi Yoshimasa"]
    assert app_data.doc_iri("us-japan.txt") not in graphs(world)


def test_corrections_store_orphaned_by_remove_and_back_on_ingest(world):
    c = C.reject(world, BLINKEN, PKG.actsFor, US)
    remove_documents(world, ["us-japan.txt"])
    [row] = correction_rows(world)
    assert (row["id"], row["exists"]) == (c.id, False)
    store_records(world, app_data.records()[0])
    assert values(world, ACTS, p=BLINKEN) == []
    assert correction_rows(world)[0]["exists"] is True


def test_corrections_store_export_load_keeps_them(world, tmp_path):
    reject = C.reject(world, BLINKEN, PKG.actsFor, US)
    C.add(world, WONG, PKG.actsFor, JP)
    path = tmp_path / "dump.nq"
    path.write_bytes(dump(world))
    from kg.store import open_store

    copy = open_store(tmp_path / "copy")
    report = load_dump(copy, path)
    assert (len(report.added), report.corrections) == (3, 2)
    assert values(copy, ACTS, p=BLINKEN) == [] and values(copy, ACTS, p=WONG) == [
        str(AU), str(JP)]
    assert [r["id"] for r in correction_rows(copy)] == [r["id"] for r in correction_rows(world)]
    C.undo(copy, reject.id)
    assert values(copy, ACTS, p=BLINKEN) == [str(US)]
    # loading the same dump again, over the copy: nothing changes
    again = load_dump(copy, path, replace=True)
    assert (len(again.replaced), again.corrections) == (3, 0)
    assert values(copy, ACTS, p=BLINKEN) == [str(US)]  # undone stays undone


def test_corrections_store_load_applies_new_corrections_to_held_documents(world, tmp_path):
    from kg.store import open_store

    other = open_store(tmp_path / "other")
    other.create()
    for rec in app_data.records():
        store_records(other, rec)
    C.reject(other, BLINKEN, PKG.actsFor, US)
    path = tmp_path / "dump.nq"
    path.write_bytes(dump(other))
    report = load_dump(world, path)  # every document held already: skipped
    assert (len(report.skipped), report.corrections) == (3, 1)
    assert values(world, ACTS, p=BLINKEN) == []


K = f"<{C.CORRECTIONS_GRAPH}>"
RECORD = "<https://w3id.org/policykg/id/correction/0badc0de>"
WELL_FORMED = [
    f"{RECORD} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{PKG.Correction}> {K} .",
    f'{RECORD} <{PKG.correctionKind}> "reject" {K} .',
    f'{RECORD} <http://www.w3.org/ns/prov#generatedAtTime> '
    f'"2025-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> {K} .',
    f'{RECORD} <{PKG.author}> "ana" {K} .',
    f"{RECORD} <{PKG.factSubject}> <{BLINKEN}> {K} .",
    f"{RECORD} <{PKG.factPredicate}> <{PKG.actsFor}> {K} .",
    f"{RECORD} <{PKG.factObject}> <{US}> {K} ."]


@pytest.mark.parametrize("change, why", [
    (lambda lines: lines[:3] + lines[4:], "no author"),
    (lambda lines: [l.replace('"reject"', '"erase"') for l in lines], "unknown kind 'erase'"),
    (lambda lines: [l.replace(str(PKG.actsFor), str(PKG) + "madeUp") for l in lines],
     "not a property the ontology defines"),
    (lambda lines: [l.replace(str(PKG.actsFor), str(PKG.content)) for l in lines],
     "how a document was read"),
    (lambda lines: lines[:-1], "lacks object"),
    (lambda lines: [l.replace("^^<http://www.w3.org/2001/XMLSchema#dateTime>", "")
                    for l in lines], "generatedAtTime: exactly one xsd:dateTime"),
    (lambda lines: lines + [f"<{US}> <{PKG.author}> \"x\" {K} ."], "not a correction"),
    (lambda lines: lines + [f"{RECORD} <{PKG.author}> \"bob\" {K} ."], "two values"),
])
def test_corrections_store_load_refuses_malformed_corrections(world, tmp_path, change, why):
    path = tmp_path / "dump.nq"
    path.write_text("\n".join(change(WELL_FORMED)) + "\n")
    size = len(world)
    with pytest.raises(InputError, match=why):
        load_dump(world, path)
    assert len(world) == size


def test_corrections_store_load_refuses_a_record_that_contradicts_the_store(world, tmp_path):
    path = tmp_path / "dump.nq"
    path.write_text("\n".join(WELL_FORMED) + "\n")
    assert load_dump(world, path).corrections == 1
    assert values(world, ACTS, p=BLINKEN) == []  # applied to the held documents
    path.write_text("\n".join(l.replace('"ana"', '"bob"') for l in WELL_FORMED) + "\n")
    with pytest.raises(InputError, match="differs from the one the store"):
        load_dump(world, path)


def example(store, name: str, **bind) -> list[dict]:
    from kg.querying.query import to_records
    from kg.views.browse import example_queries

    return to_records(store.query(example_queries()[name][2], bind))


def test_corrections_store_example_queries_show_what_analysts_set(world):
    C.reject(world, app_data.VFA, PKG.status, Literal("negotiating"))
    C.add(world, app_data.VFA, PKG.status, Literal("signed"))
    C.add(world, WONG, PKG.actsFor, JP)
    signed = {r["label"]: r for r in example(world, "agreements-by-stage")}
    assert signed["Visiting Forces Agreement"]["fileName"] is None  # stated by no document
    assert "Visiting Forces Agreement" not in {
        r["label"] for r in example(world, "agreements-open")}
    persons = {(r["iso"], r["personLabel"]) for r in example(world, "persons-by-country")}
    assert ("JP", "Penny Wong") in persons and ("AU", "Penny Wong") in persons


def test_corrections_store_load_refuses_a_malformed_delta(world, tmp_path):
    C.reject(world, BLINKEN, PKG.actsFor, US)
    text = dump(world).decode()
    assert "#withheld>" in text
    path = tmp_path / "dump.nq"
    path.write_text(re.sub(r'(#withheld> )"(?:[^"\\]|\\.)*"', r'\1"} } ; DROP ALL ; x"', text))
    with pytest.raises(InputError, match="withheld that is not N-Triples"):
        load_dump(world, path)


@pytest.mark.virtuoso
def test_corrections_store_through_the_graph_store_protocol(virtuoso_server, virtuoso_store):
    store = virtuoso_server.store(gsp_url=virtuoso_server.gsp_url)
    for rec in app_data.records():
        store_records(store, rec)
    C.add(store, WONG, PKG.actsFor, JP)  # the added graph did not exist: read as empty
    C.reject(store, BLINKEN, PKG.actsFor, US)
    assert values(store, ACTS, p=WONG) == [str(AU), str(JP)]
    assert values(store, ACTS, p=BLINKEN) == []
