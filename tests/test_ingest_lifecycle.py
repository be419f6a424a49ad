"""Document lifecycle: ingest once, replace a changed file, remove, one transaction each."""

from __future__ import annotations

import functools
import hashlib
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.archive.derived import rederive
from kg.archive.ingest import ingest, store_records
from kg.archive.lifecycle import list_documents, remove_documents, select_documents
from kg.core.errors import KgError, StoreError
from kg.core.records import Country, DocumentRecords, Evidence, Person, Ref
from kg.processing.process import extract_many
from kg.rdf import iris
from kg.rdf.namespace import PKG
from kg.store import open_store
from kg.store.derived import INDEX_GRAPH, PREFIX

TEXT_A = "US Secretary of State Antony Blinken met French officials in Paris on Monday.\n"
TEXT_B = "Japanese Foreign Minister Yoshimasa Hayashi visited Tokyo and Seoul.\n"
TEXT_C = "Germany and Poland signed a defence agreement in Berlin.\n"

# the document graphs (not the derived data's graph)
GRAPHS = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
          "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/policykg/id/doc/')) }")
COUNTRY = "ASK { ?c pkg:isoCode ?iso }"


@pytest.fixture
def real_nlp(monkeypatch, nlp):
    """``ingest`` reuses the session's pipeline instead of loading one per call."""
    monkeypatch.setattr("kg.archive.ingest.load_pipeline", lambda model: nlp)
    return nlp


def graphs(store) -> set[str]:
    return {str(row[0]) for row in store.query(GRAPHS).rows}


def doc_iri(path: Path) -> str:
    return str(iris.document_iri(hashlib.sha256(path.read_bytes()).hexdigest()))


def has_country(store, iso: str) -> bool:
    from rdflib import Literal

    return store.query(COUNTRY, {"iso": Literal(iso)}).boolean


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def records(name: str, sha: str, path: str, *countries: str) -> DocumentRecords:
    """Hand-written records for a document mentioning ``countries`` (ISO codes)."""
    sentence = Evidence(0, 10, "A sentence.")
    return DocumentRecords(
        file_name=Path(path).name, sha256=sha, text="A sentence.", source_path=path,
        countries=[Country(iso, iso, [sentence]) for iso in countries],
        persons=[Person(f"Person {name}", [sentence],
                        acts_for={Ref.country(countries[0]): [sentence]})])


# -- ingest once, replace a changed file ----------------------------------------------------
def test_ingest_lifecycle_same_file_twice_is_unchanged(store, tmp_path, real_nlp):
    path = write(tmp_path, "a.txt", TEXT_A)
    first = ingest([path], store)
    size = len(store)
    second = ingest([path], store)
    assert [r.status for r in first.results] == ["added"]
    assert [r.status for r in second.results] == ["unchanged"]
    assert len(store) == size and graphs(store) == {doc_iri(path)}


def test_ingest_lifecycle_same_bytes_in_two_files_stored_once(store, tmp_path, real_nlp):
    one, two = write(tmp_path, "one.txt", TEXT_A), write(tmp_path, "two.txt", TEXT_A)
    report = ingest([one, two], store)
    assert sorted(r.status for r in report.results) == ["added", "unchanged"]
    names = store.query("SELECT ?n WHERE { ?d pkg:fileName ?n }").rows
    assert len(names) == 1  # the graph holds one file name, not a mix of both


def test_ingest_lifecycle_changed_file_replaces_its_graph(store, tmp_path, real_nlp):
    path = write(tmp_path, "a.txt", TEXT_A)
    ingest([path], store)
    old = doc_iri(path)
    assert has_country(store, "FR")
    write(tmp_path, "a.txt", TEXT_B)
    report = ingest([path], store)
    assert [r.status for r in report.results] == ["replaced"]
    assert graphs(store) == {doc_iri(path)} != {old}
    assert not has_country(store, "FR")  # only the old version mentioned France
    assert has_country(store, "JP")


@pytest.mark.parametrize("named,statuses,kept", [
    (True, ["replaced"], 1),   # recorded under one name: the edited copy replaces
    (False, ["added"], 2),     # two paths: two documents, as two files would be
])
def test_ingest_lifecycle_named_source_replaces_a_copy_from_elsewhere(
        store, tmp_path, real_nlp, named, statuses, kept):
    """The app saves each upload in a fresh temporary folder: under the name it records
    (``sources``), an edited copy uploaded again replaces the earlier one."""
    first = write(tmp_path / "one", "a.txt", TEXT_A)
    second = write(tmp_path / "two", "a.txt", TEXT_B)

    def sources(path):
        return {str(path.resolve()): "upload:a.txt"} if named else None

    ingest([first], store, sources=sources(first))
    report = ingest([second], store, sources=sources(second))
    assert [r.status for r in report.results] == statuses
    assert len(graphs(store)) == kept and doc_iri(second) in graphs(store)
    paths = {str(r[0]) for r in store.query(
        "SELECT ?p WHERE { GRAPH ?g { ?g pkg:sourcePath ?p } }").rows}
    assert paths == ({"upload:a.txt"} if named
                     else {str(first.resolve()), str(second.resolve())})
    again = ingest([second], store, sources=sources(second))  # unchanged: nothing to do
    assert [r.status for r in again.results] == ["unchanged"]


def test_ingest_lifecycle_crash_between_write_and_drop_is_repaired(store, tmp_path,
                                                                   real_nlp, monkeypatch):
    path = write(tmp_path, "a.txt", TEXT_A)
    ingest([path], store)
    old = doc_iri(path)
    write(tmp_path, "a.txt", TEXT_B)

    def crash(iri):
        raise StoreError("killed")

    with monkeypatch.context() as m:
        m.setattr(store, "drop_graph", crash)
        assert ingest([path], store).results[0].status == "failed"
    assert graphs(store) == {old, doc_iri(path)}  # both versions: nothing lost
    again = ingest([path], store).results[0]
    assert again.status == "unchanged" and "1 stale version" in again.reason
    assert graphs(store) == {doc_iri(path)}


# -- one transaction per document -----------------------------------------------------------
class BrokenGraph(Graph):
    """A graph whose triples run out half-way with an error, like a crash mid-write."""

    def __iter__(self):
        for i, triple in enumerate(super().__iter__()):
            if i == len(self) // 2:
                raise RuntimeError("disk on fire")
            yield triple


def break_building(monkeypatch, victim: str) -> None:
    from kg.archive import ingest as ingest_module

    real = ingest_module.document_graph

    def build(recs, *args, **kw):
        graph = real(recs, *args, **kw)
        if recs.file_name != victim:
            return graph
        broken = BrokenGraph(identifier=graph.identifier)
        for triple in graph:
            broken.add(triple)
        return broken

    monkeypatch.setattr(ingest_module, "document_graph", build)


def break_writing(monkeypatch, store, victim: str) -> None:
    real = store.add_graph

    def add(graph, derived=()):
        if (graph.identifier, PKG.fileName, None) in graph and \
                str(graph.value(graph.identifier, PKG.fileName)) == victim:
            raise StoreError("no space left on device")
        real(graph, derived)

    monkeypatch.setattr(store, "add_graph", add)


@pytest.mark.parametrize("breakage", ["building", "writing"])
def test_ingest_lifecycle_failed_document_leaves_the_store_as_before(
        store, tmp_path, real_nlp, monkeypatch, breakage):
    paths = [write(tmp_path, f"{i}.txt", text)
             for i, text in enumerate([TEXT_A, TEXT_B, TEXT_C], start=1)]
    if breakage == "building":
        break_building(monkeypatch, "2.txt")
    else:
        break_writing(monkeypatch, store, "2.txt")
    report = ingest(paths, store)
    # the failure is reported, the document after it still goes in
    assert [(Path(r.path).name, r.status) for r in report.results] == [
        ("1.txt", "added"), ("2.txt", "failed"), ("3.txt", "added")]
    assert "could not store it" in report.results[1].reason
    assert graphs(store) == {doc_iri(paths[0]), doc_iri(paths[2])}
    monkeypatch.undo()  # the fault is gone: a new run adds just the missing document
    monkeypatch.setattr("kg.archive.ingest.load_pipeline", lambda model: real_nlp)
    again = {Path(r.path).name: r.status for r in ingest(paths, store).results}
    assert again == {"1.txt": "unchanged", "2.txt": "added", "3.txt": "unchanged"}


def _graph_contents(location: Path) -> dict[str, frozenset]:
    """Every named graph of a store (the derived data's too) as its set of triples,
    without the time of ingestion."""
    with open_store(location) as st:
        quads = st.query(PREFIX + "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                         "FILTER(?p NOT IN (pkg:ingestedAt, kgi:ingestedAt, kgi:listing))"
                         " }").rows
    out: dict[str, set] = {}
    for g, s, p, o in quads:
        out.setdefault(str(g), set()).add((s, p, o))
    return {g: frozenset(t) for g, t in out.items()}


# Runs the real `kg ingest` with three test-side changes: extraction batches of one
# document and write groups of one, so documents are written one by one while later ones
# are still being read (by default a small run writes everything at the very end), and a
# line on stdout after each document is stored, so the test knows when to kill.
_HARNESS = """
import functools, sys
import kg.archive.ingest, kg.processing.process
kg.archive.ingest.extract_many = functools.partial(kg.processing.process.extract_many, batch_size=1)
kg.archive.ingest.WRITE_GROUP = 1
_store_records = kg.archive.ingest.store_records
def store_records(*args, **kw):
    result = _store_records(*args, **kw)
    print("stored", result.path, flush=True)
    return result
kg.archive.ingest.store_records = store_records
from kg.cli import main
sys.argv[0] = "kg"
main()
"""


def _run_and_kill(files: list[str], store: Path, after: int, delay: float) -> int:
    """Run `kg ingest`; SIGKILL it ``delay`` s after its ``after``-th stored document
    (so the kill may hit the next write). Returns how many documents it stored."""
    run = subprocess.Popen([sys.executable, "-c", _HARNESS, "ingest", *files,
                            "--store", str(store)], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    stored = 0
    for line in run.stdout:
        stored += line.startswith("stored ")
        if stored == after:
            time.sleep(delay)
            run.send_signal(signal.SIGKILL)
            break
    run.stdout.close()
    run.wait(120)
    return stored


def test_ingest_lifecycle_sigkill_leaves_only_complete_documents(tmp_path, dev_dir, nlp,
                                                                 monkeypatch):
    files = sorted(str(p) for p in dev_dir.glob("*.txt"))[:8]
    # the reference: an uninterrupted in-process run of the same code, batches of one
    monkeypatch.setattr("kg.archive.ingest.load_pipeline", lambda model: nlp)
    monkeypatch.setattr("kg.archive.ingest.extract_many",
                        functools.partial(extract_many, batch_size=1))
    with open_store(tmp_path / "reference") as st:
        ingest(files, st)
    expected = _graph_contents(tmp_path / "reference")
    assert len(expected) == len(files) + 1  # and the derived data's graph

    killed, rng = tmp_path / "killed", random.Random(7)
    for run in range(2):  # each run resumes where the last one died
        _run_and_kill(files, killed, after=rng.randint(1, 2), delay=rng.uniform(0, 0.05))
        stored = _graph_contents(killed)
        assert 0 < len(stored) - 1 < len(files)
        # the derived data is that of the documents there, no more, no less
        shutil.copytree(killed, tmp_path / f"rederived-{run}")
        rederive(open_store(tmp_path / f"rederived-{run}"))
        assert stored.pop(str(INDEX_GRAPH)) == \
            _graph_contents(tmp_path / f"rederived-{run}")[str(INDEX_GRAPH)]
        for graph, triples in stored.items():  # whatever is there is whole
            assert triples == expected[graph], f"{graph} is incomplete after a kill"
    _run_and_kill(files, killed, after=-1, delay=0)  # to the end
    assert _graph_contents(killed) == expected


# -- removal ---------------------------------------------------------------------------------
@pytest.fixture
def two_docs(store, tmp_path):
    """Two stored documents that both mention the United States."""
    root = tmp_path.resolve()
    for folder in ("x", "y"):
        (root / folder).mkdir()
    a = records("a", "a" * 64, str(root / "x" / "a.txt"), "US", "FR")
    b = records("b", "b" * 64, str(root / "y" / "b.txt"), "US", "JP")
    for r in (a, b):
        store_records(store, r)
    return a, b


@pytest.mark.parametrize("selector", [
    lambda a: a.source_path, lambda a: a.file_name, lambda a: str(iris.document_iri(a.sha256)),
    lambda a: a.sha256, lambda a: a.sha256[:8], lambda a: a.sha256.upper()[:10],
    lambda a: str(Path(a.source_path).parent),  # a folder: every document under it
], ids=["path", "file-name", "iri", "sha256", "prefix", "upper-prefix", "folder"])
def test_ingest_lifecycle_remove_by_selector(store, two_docs, selector):
    a, b = two_docs
    removed = remove_documents(store, [selector(a)])
    assert [d.sha256 for d in removed] == [a.sha256]
    assert removed[0].triples > 0
    assert graphs(store) == {str(iris.document_iri(b.sha256))}
    assert has_country(store, "US") and has_country(store, "JP")  # b still says so
    assert not has_country(store, "FR")  # only a did
    assert store.query("ASK { ?p rdfs:label ?l }",
                       {"p": iris.person_iri("Person a")}).boolean is False


def test_ingest_lifecycle_remove_by_a_folder_above_both(store, two_docs):
    """A folder selector names every document under it at any depth (the summaries keep
    each folder up to the root: one lookup, kgi:folder)."""
    a, b = two_docs
    top = str(Path(a.source_path).parent.parent) + "/"  # written with its slash
    assert sorted(d.sha256 for d in remove_documents(store, [top])) == [a.sha256, b.sha256]
    assert graphs(store) == set()


def test_ingest_lifecycle_remove_relative_path(store, two_docs, monkeypatch):
    a, _ = two_docs
    monkeypatch.chdir(Path(a.source_path).parent.parent)
    assert [d.sha256 for d in remove_documents(store, ["x/a.txt"])] == [a.sha256]


@pytest.mark.parametrize("selectors, message", [
    (["nothing.txt"], "matches no stored document"),
    (["abcd"], "at least 8 hex digits"),
    (["cccccccc"], "matches no stored document"),
    (["https://w3id.org/policykg/id/doc/" + "c" * 64], "matches no stored document"),
    ([""], "empty selector"),
    (["a.txt", "nothing.txt"], "'nothing.txt' matches no stored document"),
])
def test_ingest_lifecycle_remove_refuses_bad_selectors(store, two_docs, selectors, message):
    before = len(store)
    with pytest.raises(KgError, match=message):
        remove_documents(store, selectors)
    assert len(store) == before  # nothing removed, not even for the good selectors


def test_ingest_lifecycle_remove_refuses_ambiguous_selectors(store, tmp_path):
    for i, sha in enumerate(["deadbeef" + "0" * 56, "deadbeef" + "1" * 56]):
        store_records(store, records(str(i), sha, str(tmp_path / f"d{i}" / "same.txt"), "US"))
    for selector in ("same.txt", "deadbeef"):
        with pytest.raises(KgError, match="ambiguous: it matches 2 documents"):
            remove_documents(store, [selector])
    assert len(list_documents(store)) == 2
    assert len(remove_documents(store, ["deadbeef1"])) == 1


def test_ingest_lifecycle_selectors_name_each_document_once(store, two_docs):
    a, _ = two_docs
    docs = list_documents(store)
    chosen = select_documents(docs, [a.file_name, a.sha256[:8], a.source_path])
    assert [d.sha256 for d in chosen] == [a.sha256]


def test_ingest_lifecycle_list_documents(store, two_docs):
    a, b = two_docs
    docs = list_documents(store)
    assert [(d.file_name, d.sha256, d.source_path) for d in docs] == [
        (r.file_name, r.sha256, r.source_path) for r in (a, b)]
    first = docs[0]
    assert first.iri == str(iris.document_iri(a.sha256))
    triples = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                          {"g": URIRef(first.iri)}).rows
    assert first.ingested_at and first.triples == len(triples)
    assert (first.counts["countries"], first.counts["persons"]) == (2, 1)


# -- every file of a command counts: long, scanned, ordinary ---------------------------------
def test_ingest_lifecycle_long_scanned_and_ordinary_files_in_one_call(store, tmp_path,
                                                                      real_nlp, monkeypatch):
    from pypdf import PdfWriter

    monkeypatch.setattr(real_nlp, "max_length", 2000)  # a book, as far as spaCy knows
    long_doc = write(tmp_path, "book.txt", (TEXT_A + "\n") * 40 + TEXT_C)
    ordinary = write(tmp_path, "b.txt", TEXT_B)
    scan = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)  # a page with no text layer
    with scan.open("wb") as out:
        writer.write(out)
    report = ingest([long_doc, scan, ordinary], store)
    status = {Path(r.path).name: (r.status, r.reason) for r in report.results}
    assert status == {"book.txt": ("added", None), "b.txt": ("added", None),
                      "scan.pdf": ("failed", "no text: scanned PDF? OCR is not supported")}
    assert graphs(store) == {doc_iri(long_doc), doc_iri(ordinary)}
    assert has_country(store, "DE")  # from the last piece of the book


# -- two kg ingest processes on one store ---------------------------------------------------
def test_ingest_lifecycle_two_concurrent_ingests_store_every_document_once(tmp_path):
    texts = [TEXT_A, TEXT_B, TEXT_C, "Canada and Mexico signed a fisheries accord.\n"]
    files = [write(tmp_path / "in", f"d{i}.txt", text) for i, text in enumerate(texts)]
    store = tmp_path / "store"
    # overlapping sets, started together: both write d1 and d2 unless one sees the other's
    sets = [files[:3], files[1:]]
    procs = [subprocess.Popen([sys.executable, "-m", "kg", "ingest", *map(str, chosen),
                               "--store", str(store)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for chosen in sets]
    outputs = [proc.communicate(timeout=600) for proc in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
    st = open_store(store)
    assert graphs(st) == {doc_iri(f) for f in files}
    stamps = st.query("SELECT ?doc (COUNT(?t) AS ?n) WHERE { GRAPH ?doc { ?doc "
                      "pkg:ingestedAt ?t } } GROUP BY ?doc").rows
    assert sorted(int(n) for _, n in stamps) == [1, 1, 1, 1]  # each stored once
    added = sum(int(out.split(" ingested")[0].split()[-1]) for out, _ in outputs)
    assert added == 4, outputs
