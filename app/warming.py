"""The pages' reads made before anyone asks: what each page reads when it opens (the
catalog, the most mentioned entity's page of each kind, every document's row, the
agreements' rows and timeline, the entity network and its default drawing, the actor
graph and its degree centrality, the newest document, the SPARQL page's ready-made
query), computed once per version of the store
in a background thread of the app server and shared by every session through the same
caches the pages read (appkit: keyed on the store's version token). Its steps repeat
each page's opening reads at the page's defaults; a test opens every page after them
and fails on any read left (tests/test_app.py).

``kg app`` starts it with the server (app/serve.py), so the first visit of a page
finds its reads done; it then looks at the version token every ``POLL`` seconds (a
small file: no store is opened; a SPARQL server is asked every ``REMOTE_POLL``) and
warms again after any write, from the app or the shell (``kg ingest``), once the
version has held for a poll (``due``). A page that asks while a read is being warmed
waits for it (Streamlit's compute lock per cached value), it does not compute it a
second time. At 10,000 documents warming is 2.5-3.1 CPU-s (docs/benchmarks.md).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import time

from streamlit.runtime.scriptrunner_utils.exceptions import StopException

POLL = 2.0  # seconds between looks at the embedded store's version token (a small file)
REMOTE_POLL = 30.0  # a SPARQL server's token is a query: asked less often
ENV_OFF = "KG_APP_WARM"  # "0": do not warm (a benchmark of cold pages)
_THREAD = "kg-warm"
_STARTED = threading.Event()


def start() -> None:
    """Warm in a daemon thread (once per process), unless $KG_APP_WARM is "0"."""
    if os.environ.get(ENV_OFF) == "0" or _STARTED.is_set():
        return
    _STARTED.set()
    threading.Thread(target=_watch, name=_THREAD, daemon=True).start()


def _watch() -> None:
    _wait_for_runtime()
    # Imported now: cached functions made before the runtime would not use its caches.
    global appkit
    import appkit

    # Cached reads look for a page's run context; this thread has none, by design.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: record.threadName != _THREAD)
    warmed = seen = None
    while True:
        version = _version()
        if due(version, seen, warmed):
            _rewarm(first=warmed is None)
            warmed = version
        seen = version
        time.sleep(POLL if appkit.store().backend == "oxigraph" else REMOTE_POLL)


def due(version: str | None, seen: str | None, warmed: str | None) -> bool:
    """Whether to warm ``version`` (now), ``seen`` at the last poll, ``warmed`` last: at
    once when nothing is warmed yet; after a write, once the version has held for a poll
    (a `kg ingest` of many files writes again and again, and warming between its writes
    would cost a core and hold the store's lock against it)."""
    return version is not None and version != warmed and (warmed is None or version == seen)


def _rewarm(first: bool) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    if not first:
        appkit.forget_graphs()  # the last version's graphs (~100 MB each at 10,000)
    gc.unfreeze()  # the last version's reads may go now
    failed = warm()
    # What is warmed lives until the next write: out of the cyclic collector's way. Its
    # full passes otherwise walk every object of the cached graphs and catalog (~0.5 CPU-s
    # at 10,000 documents) in whichever page run triggers one.
    gc.collect()
    gc.freeze()
    # said once all is done, the collection too (~0.3 CPU-s at 10,000): a page opened
    # after this line shares no core with the warming
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"kg app: pages warmed in {wall:.1f} s ({cpu:.1f} CPU-s of the server)"
          + (f"; not warmed: {'; '.join(failed)}" if failed else ""),
          file=sys.stderr, flush=True)


def _wait_for_runtime() -> None:
    """Until the server's runtime is up: caches made before it are not the server's."""
    from streamlit.runtime import Runtime

    while not Runtime.exists():
        time.sleep(0.05)



def _version() -> str | None:
    try:
        opened = appkit.store()
        return opened.version() if opened.exists() else None
    except Exception:  # a store not there yet, unreadable: tried again later
        return None


def warm() -> list[str]:
    """Every page's opening reads, in the order a user is likeliest to need them; the
    steps that failed, each with its reason."""
    failed = []
    for name, step in STEPS:
        try:
            step()
        except (Exception, StopException) as exc:  # a busy store: its page says why
            failed.append(f"{name}: {exc or type(exc).__name__}")
    return failed


appkit = None  # imported by _watch once the runtime is up


def _overview() -> None:
    appkit.read("overview")


def _entities() -> None:
    _, offered = appkit.read("pick_entities", "", None, appkit.ENTITY_OPTIONS)
    import correcting  # the Entity page's corrections (kg.archive.corrections)

    correcting.records()
    # The pages of the most mentioned entity of each kind among those offered (the
    # Graph's hubs, the top of the Entity page's list): their own reads are about the
    # entity, not the catalog's (0.3-0.5 CPU-s for one in 9,873 documents of 10,000).
    busiest = {}
    for e in offered:
        busiest.setdefault(e["kind"], e["iri"])
    for iri in busiest.values():
        appkit.read("entity", iri)
        appkit.read("entity_counts", iri)
        appkit.read("entity_facts_page", iri, 0)
        appkit.read("entity_mentions_page", iri, 0)


def _documents() -> None:
    from kg.views.documents import PAGE_SIZE

    appkit.read("document_count", "")
    newest = appkit.read("documents_page", 0, PAGE_SIZE, "")
    if newest:  # the page opens on the newest document: its text highlighted (spaCy)
        iri = newest[0]["iri"]
        appkit.read("document_detail", iri)
        appkit.read("text_of", iri)
        appkit.read("document_html", iri, appkit.DOCUMENT_CHARS)


def _agreements() -> None:
    appkit.read("agreement_rows")


def _timeline() -> None:
    import timechart  # noqa: F401  Altair: 0.3-0.4 s to import

    appkit.timeline_points()


def _graph() -> None:
    from kg.views.display import KINDS

    # not st-link-analysis: a component declared outside a page's run is not registered

    net = appkit.network()
    appkit.read("documents_page", 0, appkit.GRAPH_OPTIONS, "")
    appkit.drawing(appkit.GRAPH_NODES, kinds=list(KINDS), countries=[], agreements=[],
                   documents=[], show_documents=net.number_of_edges() == 0)


def _analytics() -> None:
    appkit.actors(False)
    appkit.centrality(False, betweenness=False, pagerank=False)


def _sparql() -> None:
    """The query the SPARQL page opens with (a query process started and its rows)."""
    text = appkit.default_query()
    if text:
        appkit.query(text)


STEPS = (("overview", _overview), ("entities", _entities), ("documents", _documents),
         ("agreements", _agreements), ("timeline", _timeline), ("graph", _graph),
         ("analytics", _analytics), ("sparql", _sparql))
