"""Several processes on one embedded store: readers share it, a writer waits for them
(and says so) and gives up after a bounded time; a query past its time limit keeps the
store until it really ends; every write changes a version any process can read."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.core.errors import StoreError
from kg.store.oxigraph import OxigraphStore
from kg.store.safety import TimeLimitError

DOC = URIRef("https://w3id.org/policykg/id/doc/lock-test")


def graph(name: str, size: int = 3) -> Graph:
    g = Graph(identifier=URIRef(f"{DOC}-{name}"))
    for i in range(size):
        g.add((URIRef(f"urn:x:{name}:{i}"), RDFS.label, Literal(i)))
    return g


def hold(path, mode: str, seconds: float) -> subprocess.Popen:
    """Another process holding the store (reading or writing) for ``seconds``; it says
    "held" once it has the lock."""
    code = textwrap.dedent(f"""
        import time
        from kg.store.oxigraph import OxigraphStore
        st = OxigraphStore({str(path)!r})
        with st.{'reading' if mode == 'read' else 'writing'}():
            print("held", flush=True)
            time.sleep({seconds})
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture
def filled(tmp_path):
    st = OxigraphStore(tmp_path / "store")
    st.add_graph(graph("a"))
    return st


def test_store_lock_readers_share_the_store(filled):
    reader = hold(filled.path, "read", 3)
    try:
        started = time.monotonic()
        assert len(filled) == 3  # a second reader does not wait
        assert time.monotonic() - started < 2
    finally:
        reader.wait()


def test_store_lock_writer_waits_for_a_reader_and_says_so(filled):
    told = []
    writer = OxigraphStore(filled.path, on_wait=told.append)
    reader = hold(filled.path, "read", 2.5)
    try:
        started = time.monotonic()
        writer.add_graph(graph("b"))
        waited = time.monotonic() - started
    finally:
        reader.wait()
    assert waited > 1.0 and len(filled) == 6
    assert len(told) == 1 and told[0].startswith("waiting for the store lock held by ")
    assert f"pid {reader.pid}" in told[0]


def test_store_lock_writer_gives_up_after_the_timeout(filled, monkeypatch):
    monkeypatch.setenv("KG_LOCK_TIMEOUT", "2")
    other = hold(filled.path, "write", 8)
    try:
        with pytest.raises(StoreError, match=rf"busy: its lock is held by .*pid {other.pid}"):
            OxigraphStore(filled.path, on_wait=lambda m: None).add_graph(graph("b"))
    finally:
        other.kill()
        other.wait()
    filled.add_graph(graph("b"))  # a killed holder leaves no lock behind
    assert len(filled) == 6


def test_store_lock_a_query_past_its_time_limit_keeps_the_store(filled, monkeypatch):
    filled.add_graph(graph("big", 150))
    slow = """SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?x . ?b rdfs:label ?y .
              ?c rdfs:label ?z FILTER(?x + ?y > ?z) }"""
    with pytest.raises(TimeLimitError):
        filled.query(slow, timeout=0.2)
    # the query still runs in its thread: a writer must not get in before it ends
    monkeypatch.setenv("KG_LOCK_TIMEOUT", "0.1")
    with pytest.raises(StoreError, match="busy"):
        OxigraphStore(filled.path).add_graph(graph("b"))
    monkeypatch.setenv("KG_LOCK_TIMEOUT", "60")
    OxigraphStore(filled.path, on_wait=lambda m: None).add_graph(graph("b"))
    assert filled.query("ASK { ?s rdfs:label 2 }").boolean


def test_store_lock_threads_of_one_process_take_turns(filled):
    """The app's sessions are threads: a writing thread waits for a reading one."""
    events, reading = [], threading.Event()

    def read():
        with filled.reading():
            events.append("read start")
            reading.set()
            time.sleep(1.5)
            events.append("read end")

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert reading.wait(30), "the reading thread did not start"
    OxigraphStore(filled.path, on_wait=lambda m: None).add_graph(graph("b"))
    events.append("written")
    reader.join()
    assert events == ["read start", "read end", "written"]


def test_store_lock_version_changes_with_every_write(filled, tmp_path):
    other = OxigraphStore(filled.path)  # another process's view: nothing shared
    before = other.version()
    filled.add_graph(graph("b"))
    after = other.version()
    filled.drop_graph(str(graph("b").identifier))
    assert before and after and len({before, after, other.version()}) == 3
    assert OxigraphStore(tmp_path / "nothing").version() == ""


def test_store_lock_a_missing_store_is_not_created_by_reading(tmp_path):
    from kg.core.errors import NoStoreError

    st = OxigraphStore(tmp_path / "typo")
    for read in (lambda: len(st), lambda: st.query("ASK {}"),
                 lambda: st.query("ASK {}", timeout=5), lambda: st.dump(None, "nquads")):
        with pytest.raises(NoStoreError, match="no store at .*typo"):
            read()
    assert not (tmp_path / "typo").exists()
    st.add_graph(graph("a"))  # writing creates it
    assert len(st) == 3
