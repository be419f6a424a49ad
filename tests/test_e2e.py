"""End to end: the `kg` command on the seed document, checked through SPARQL."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PERSONS = """
SELECT ?name ?role ?iso WHERE {
  ?p a pkg:Person ; rdfs:label ?name .
  OPTIONAL { ?p pkg:role ?role }
  OPTIONAL { ?p pkg:actsFor ?c . ?c pkg:isoCode ?iso }
}"""
COUNTRIES = "SELECT DISTINCT ?iso WHERE { ?c a pkg:Country ; pkg:isoCode ?iso }"
AGREEMENTS = """
SELECT ?a ?party ?duration ?amount ?currency WHERE {
  ?a a pkg:Agreement ; pkg:party ?p . ?p pkg:isoCode ?party .
  OPTIONAL { ?a pkg:duration ?duration }
  OPTIONAL { ?a pkg:value ?v . ?v pkg:amount ?amount ; pkg:currency ?currency }
}"""


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True,
                          text=True, timeout=300)


def rows(store, query: str) -> list[dict]:
    run = kg("query", query, "--store", str(store), "--format", "json")
    assert run.returncode == 0, run.stderr
    return [{k: v["value"] for k, v in b.items()}
            for b in json.loads(run.stdout)["results"]["bindings"]]


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, seed_path):
    store = tmp_path_factory.mktemp("e2e") / "store"
    run = kg("ingest", str(seed_path), "--store", str(store))
    assert run.returncode == 0, run.stderr
    assert "documents: 1 ingested" in run.stdout
    return store


def test_e2e_seed_persons_with_offices_and_countries(seed_store):
    found = {(r["name"], r.get("role"), r.get("iso")) for r in rows(seed_store, PERSONS)}
    assert found == {
        ("Antony Blinken", "Secretary of State", "US"),
        ("Lloyd Austin", "Defense Secretary", "US"),
        ("Fumio Kishida", "Prime Minister", "JP"),
        ("Yoshimasa Hayashi", "Foreign Minister", "JP"),
    }


def test_e2e_seed_countries(seed_store):
    found = {r["iso"] for r in rows(seed_store, COUNTRIES)}
    assert found == {"US", "JP", "TW", "KP", "RU", "UA", "CN"}


def test_e2e_seed_agreements(seed_store):
    by_agreement: dict[str, dict] = {}
    for r in rows(seed_store, AGREEMENTS):
        a = by_agreement.setdefault(r["a"], {"parties": set(), "duration": None, "value": None})
        a["parties"].add(r["party"])
        a["duration"] = r.get("duration") or a["duration"]
        if "amount" in r:
            a["value"] = (float(r["amount"]), r["currency"])
    assert len(by_agreement) == 2
    assert all(a["parties"] == {"US", "JP"} for a in by_agreement.values())
    terms = sorted((a["duration"] or "", a["value"] or ()) for a in by_agreement.values())
    assert terms == [("", ()), ("P5Y", (9.3e9, "USD"))]


def test_e2e_reingest_adds_nothing(seed_store, seed_path):
    before = rows(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    run = kg("ingest", str(seed_path), "--store", str(seed_store))
    assert run.returncode == 0 and "1 unchanged" in run.stdout
    after = rows(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert before == after


def test_e2e_extract_equals_what_ingest_stored(seed_store, seed_path):
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    from kg.rdf.namespace import PKG

    extracted, exported = Dataset(), Dataset()
    extracted.parse(data=kg("extract", str(seed_path), "--format", "nquads").stdout,
                    format="nquads")
    exported.parse(data=kg("export", "--store", str(seed_store), "--format", "nquads").stdout,
                   format="nquads")
    for ds in (extracted, exported):
        ds.remove((None, PKG.ingestedAt, None, None))
    graphs = [g.identifier for g in extracted.graphs() if len(g)]
    assert len(graphs) == 1
    assert isomorphic(extracted.graph(graphs[0]), exported.graph(graphs[0]))
