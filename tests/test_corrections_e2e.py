"""The analyst's scenario with the `kg` command, end to end: ingest, reject, the curated
and the raw view, an edited file ingested again, an added fact, the list, export and
load into a new store, validate, undo."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

ACTS = "SELECT ?p ?c WHERE { ?p pkg:actsFor ?c } ORDER BY ?p ?c"
PARTIES = "SELECT ?a ?x WHERE { ?a pkg:party ?x } ORDER BY ?a ?x"


def kg(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
    run = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True,
                         text=True, timeout=600)
    if ok:
        assert run.returncode == 0, run.stderr
    return run


def rows(store, query: str, *flags: str) -> list[tuple]:
    run = kg("query", query, "--store", str(store), "--format", "json", *flags)
    return [tuple(b[v]["value"] for v in b) for b in
            json.loads(run.stdout)["results"]["bindings"]]


def test_corrections_e2e_scenario(tmp_path, seed_path):
    docs, store, copy = tmp_path / "docs", tmp_path / "store", tmp_path / "copy"
    docs.mkdir()
    text = docs / seed_path.name
    shutil.copy(seed_path, text)
    kg("ingest", str(docs), "--store", str(store))
    acts, parties = rows(store, ACTS), rows(store, PARTIES)
    person, country = acts[0]
    agreement, party = next(r for r in parties if "/agreement/" in r[0])

    who = ("--store", str(store), "--author", "ana")
    kg("correct", "reject", f"<{person}>", "pkg:actsFor", f"<{country}>",
       "--reason", "the text says the opposite", *who)
    kg("correct", "reject", agreement, "pkg:party", party, *who)  # bare IRIs
    assert (person, country) not in rows(store, ACTS)
    assert (person, country) in rows(store, ACTS, "--raw")

    # the file is edited elsewhere and ingested again: the rejections hold, also the
    # one about an agreement the text only describes (its node is the same)
    text.write_text(text.read_text() + "\n\nA paragraph added in a later edition.\n")
    assert "(1 replaced)" in kg("ingest", str(docs), "--store", str(store)).stdout
    assert (person, country) not in rows(store, ACTS)
    assert (agreement, party) not in rows(store, PARTIES)
    assert (agreement, party) in rows(store, PARTIES, "--raw")

    kg("correct", "add", f"<{person}>", "pkg:role", '"Special Envoy"', *who)
    roles = f"SELECT ?r WHERE {{ <{person}> pkg:role ?r }}"
    assert ("Special Envoy",) in rows(store, roles)
    listed = json.loads(kg("corrections", "--store", str(store), "--format", "json").stdout)
    assert [(r["kind"], r["author"], r["exists"]) for r in listed] == [
        ("reject", "ana", True), ("reject", "ana", True), ("add", "ana", True)]
    assert listed[0]["reason"] == "the text says the opposite"

    dump = tmp_path / "dump.nq"
    dump.write_text(kg("export", "--store", str(store)).stdout)
    assert "corrections: 3 in the dump, 3 new" in kg("load", str(dump), "--store",
                                                     str(copy)).stdout
    assert "conforms" in kg("validate", "--store", str(copy)).stdout
    assert (person, country) not in rows(copy, ACTS)
    assert ("Special Envoy",) in rows(copy, roles)
    tsv = kg("corrections", "--store", str(copy)).stdout.splitlines()
    assert tsv[0].split("\t")[:4] == ["id", "time", "author", "kind"] and len(tsv) == 4

    kg("correct", "undo", listed[0]["id"], "--store", str(copy))
    assert (person, country) in rows(copy, ACTS)
    assert "undone" in kg("corrections", "--all", "--store", str(copy)).stdout
    again = kg("correct", "undo", listed[0]["id"], "--store", str(copy), ok=False)
    assert again.returncode == 1 and "undone already" in again.stderr


def test_corrections_e2e_malformed_term_refused(tmp_path, seed_path):
    store = tmp_path / "store"
    kg("ingest", str(seed_path), "--store", str(store))
    before = kg("export", "--store", str(store)).stdout
    for args, why in ((("reject", "pkg:nothing", "pkg:actsFor", '"x"'), "points to a node"),
                      (("add", "<https://w3id.org/policykg/id/country/JP>", "pkg:madeUp",
                        '"x"'), "not a property the ontology defines"),
                      (("add", "<https://w3id.org/policykg/id/country/JP>", "pkg:role",
                        '"2022-13-01"^^xsd:date'), "not a valid xsd:date")):
        run = kg("correct", *args, "--store", str(store), ok=False)
        assert run.returncode == 1 and why in run.stderr
        assert run.stderr.startswith("error: ") and "Traceback" not in run.stderr
    assert kg("export", "--store", str(store)).stdout == before
