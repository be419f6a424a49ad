"""Ingest gives the same graph however it is split into runs: one run, two runs, or a
run killed and resumed (the store's index once counted one person stored under two
spellings as two candidates, so a short name became ambiguous and a new node)."""

from __future__ import annotations

import io

import pytest

from kg.archive import ingest as ingest_module
from kg.archive.ingest import ingest
from kg.store.oxigraph import OxigraphStore

TEXTS = {  # one person, fullest name first, then shorter forms
    "a.txt": "Secretary of State Antony J. Blinken arrived in Tokyo on Monday for talks "
             "with Japanese officials.\n",
    "b.txt": "Antony Blinken told reporters in Tokyo that the alliance was strong.\n",
    "c.txt": "Mr. Blinken later flew to Seoul.\n",
}


@pytest.fixture
def files(tmp_path, monkeypatch, nlp):
    monkeypatch.setattr("kg.archive.ingest.load_pipeline", lambda model: nlp)
    paths = []
    for name, text in TEXTS.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    return paths


def export(store: OxigraphStore) -> list[str]:
    out = io.BytesIO()
    store.dump(out, "nquads")
    return sorted(line for line in out.getvalue().decode().splitlines()
                  if "ingestedAt" not in line)


def killed_after(monkeypatch, stored: int) -> None:
    """The next ingest stops, as if killed, once ``stored`` documents are written."""
    real, count = ingest_module.store_records, [0]

    def store_records(*args, **kwargs):
        if count[0] == stored:
            raise KeyboardInterrupt
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest_module, "store_records", store_records)


@pytest.mark.parametrize("split", ["two-runs-2-1", "two-runs-1-2", "killed-after-1",
                                   "killed-after-2"])
def test_ingest_runs_give_one_graph(tmp_path, files, monkeypatch, split):
    one = OxigraphStore(tmp_path / "one")
    ingest(files, one)
    other = OxigraphStore(tmp_path / split)
    if split.startswith("two-runs"):
        first = int(split[-3])
        ingest(files[:first], other)
        ingest(files[first:], other)
    else:
        with monkeypatch.context() as m:
            killed_after(m, int(split[-1]))
            with pytest.raises(KeyboardInterrupt):
                ingest(files, other)
        ingest(files, other)  # resumed: the stored documents are skipped
    persons = "SELECT DISTINCT ?p WHERE { ?p a pkg:Person }"
    assert len(one.query(persons).rows) == 1
    assert export(other) == export(one)


@pytest.mark.parametrize("kind, full, short, lookup", [
    ("persons", "Antony J. Blinken", "Antony Blinken", ("person_name", "Blinken")),
    ("organizations", "North Atlantic Treaty Organization", "NATO",
     ("organization_name", "NATO")),
])
def test_ingest_runs_store_index_counts_nodes_not_spellings(store, kind, full, short,
                                                            lookup):
    """One node stored under two spellings is one candidate: the index of a new run
    (read from the store) links as this run's index does."""
    from kg.archive.ingest import store_records
    from kg.archive.resolve import StoreIndex
    from kg.core.records import DocumentRecords, Evidence, Organization, Person

    def records(name: str, who: str) -> DocumentRecords:
        text = f"{who} spoke."
        entity = (Person if kind == "persons" else Organization)(who)
        entity.mentions.append(Evidence(0, len(text), text))
        return DocumentRecords(file_name=f"{name}.txt", sha256=name * 64, text=text,
                               **{kind: [entity]})

    store_records(store, records("a", full))
    index = StoreIndex(store)
    store_records(store, records("b", short), index)  # linked to the first
    _, name = lookup

    def linked(idx: StoreIndex) -> str | None:  # the stored node it is keyed to
        return getattr(idx.resolve(records("c", name)), kind)[0].key

    assert linked(index) == full  # this run's index
    assert linked(StoreIndex(store)) == full  # a new run's
