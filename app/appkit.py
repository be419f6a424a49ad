"""What every page shares: the store, cached reads, the page registry and small display
helpers.

The app holds no store open: each cached read opens the embedded store for as long as it
runs (``Store.reading()``, under the store's lock), so ``kg ingest``, ``kg query`` or a
cron job can use the same store while the app runs. Reads are cached with
``st.cache_data`` keyed on ``store.version()``, a token every write changes (read from a
small file, without opening the store): documents ingested from the shell show on the
next rerun, and no page shows stale results.
"""

from __future__ import annotations

import re

import streamlit as st

from kg.core.constants import STAGES
from kg.core.errors import KgError
from kg.core.gcpause import gc_paused
from kg.querying.query import run_query
from kg.store import Store, default_store_location, lock, open_store
from kg.views import agreements, browse, documents, entity, texts, timeline
from kg.views import graph as kgraph

# name -> (script, title, material icon); the order is the sidebar's
PAGES = {
    "home": ("app_pages/home.py", "Overview", "home"),
    "ingest": ("app_pages/ingest.py", "Ingest", "upload_file"),
    "graph": ("app_pages/graph.py", "Graph", "hub"),
    "entity": ("app_pages/entity.py", "Entity", "person_search"),
    "agreements": ("app_pages/agreements.py", "Agreements", "handshake"),
    "timeline": ("app_pages/timeline.py", "Timeline", "timeline"),
    "documents": ("app_pages/documents.py", "Documents", "description"),
    "sparql": ("app_pages/sparql.py", "SPARQL", "code"),
    "analytics": ("app_pages/analytics.py", "Analytics", "analytics"),
    "corrections": ("app_pages/corrections.py", "Corrections", "edit_note"),
}

# What pages open on, shared with the warming of their reads (warming.py): the same
# arguments, so the same cached values.
ENTITY_OPTIONS = 100  # Entity: search results offered at once
GRAPH_OPTIONS = 300  # Graph: entries per filter list
GRAPH_NODES = 150  # Graph: nodes drawn at first (the size cap's default; the browser's
# cost grows with them: 1.2-1.5 CPU-s for 300 nodes in Cytoscape)
DOCUMENT_CHARS = 200_000  # Documents: beyond this the highlighted HTML makes the browser crawl


def pages() -> list[st.Page]:
    return [st.Page(script, title=title, icon=f":material/{icon}:", default=name == "home")
            for name, (script, title, icon) in PAGES.items()]


def go(name: str, **params: str) -> None:
    """Switch to another page, passing what it shows as query parameters."""
    st.switch_page(PAGES[name][0], query_params=params or None)


def link(name: str, label: str, **params: str) -> None:
    """A link to a page; ``label`` is shown as text (a page link's label is Markdown)."""
    st.page_link(PAGES[name][0], label=md(label), query_params=params or None)


# --- the store -------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def _open(spec: str) -> Store:
    lock.process_label = "kg app"  # how a `kg ingest` waiting for the lock names us
    return open_store(spec)  # opens nothing yet: each operation does


def store() -> Store:
    return _open(default_store_location())


def _key() -> tuple[str, str]:
    """(store spec, version): what every cached read is keyed on."""
    return default_store_location(), store().version()


cache_key = _key  # for a page's own cached values


@st.cache_resource(show_spinner=False)
def _empty() -> Store:
    return open_store("memory")


def _readable(spec: str) -> Store:
    """The store; where there is none yet (``kg app`` on a new path), an empty one to
    read: the Ingest page creates the store."""
    opened = _open(spec)
    return opened if opened.exists() else _empty()


def _reading(spec: str, fn, *args):
    """``fn(store, *args)`` in one reading session of the store."""
    opened = _readable(spec)
    with opened.reading(), gc_paused():  # large reads: see kg.core.gcpause
        return fn(opened, *args)


def stop_on_error(fn, *args):
    """``fn(*args)``; a store that cannot be read (none there, busy) stops the page with
    the reason instead of a traceback. Nothing is cached: the next rerun tries again."""
    try:
        return fn(*args)
    except KgError as exc:
        st.error(f"The store cannot be read: {exc}")
        st.stop()


@st.cache_resource(show_spinner="Loading the language model (first ingest only)…")
def nlp():
    from kg.nlp import load_pipeline  # also warms its lru_cache, which kg.archive.ingest uses

    return load_pipeline()


# --- cached reads ----------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=256)
def _read(name: str, spec: str, version: str, args: tuple):
    return _reading(spec, _view(name), *args)


# The read-side modules the pages read through ``read(name)``: the first that has it.
VIEWS = (browse, entity, documents, agreements, texts, timeline)


def _view(name: str):
    """The read-side function a page names (``kg.views.browse``, ``.entity`` ...)."""
    return next(getattr(module, name) for module in VIEWS if hasattr(module, name))


def read(name: str, *args):
    """``<name>(store, *args)`` of one of the VIEWS, cached until the store changes."""
    return stop_on_error(_read, name, *_key(), args)


@st.cache_data(show_spinner=False, max_entries=4)
def _size(spec: str, version: str) -> int:
    return _reading(spec, len)


def size() -> int:
    """Quads in the store, cached until it changes."""
    return stop_on_error(_size, *_key())


@st.cache_data(show_spinner=False, max_entries=1)
def example_queries() -> dict:
    return browse.example_queries()


DEFAULT_QUERY = "recent-documents"  # the SPARQL page's first query: a light one


def default_query() -> str:
    """The text the SPARQL page's editor starts with."""
    return example_queries().get(DEFAULT_QUERY, ("", "", ""))[2]


# The error is cached too: every widget click reruns the page, and a query that failed
# at the time limit would otherwise take that long again on each rerun.
@st.cache_data(show_spinner="Running the query…", max_entries=64)
def _query(spec: str, version: str, text: str):
    try:
        return run_query(_readable(spec), text), None
    except KgError as exc:
        return None, str(exc)


def query(text: str):
    """(result, None) or (None, the reason it was refused or failed): kg.querying.query.run_query
    accepts read queries only."""
    return _query(*_key(), text)


# Graphs are shared read-only between sessions (filters copy), so cache_resource avoids
# pickling them on every rerun as cache_data would.
@st.cache_resource(show_spinner="Building the graph…", max_entries=4)
def _network(spec: str, version: str, documents: bool):
    return _reading(spec, lambda store: kgraph.entity_network(store, documents=documents))


def read_with(fn, *args):
    """``fn(store, *args)`` for a function outside kg.views, cached until the store
    changes (``fn`` is named by its module and name, so the cache key is plain)."""
    return stop_on_error(_read_with, fn.__module__, fn.__name__, *_key(), args)


@st.cache_data(show_spinner=False, max_entries=64)
def _read_with(module: str, name: str, spec: str, version: str, args: tuple):
    import importlib

    return _reading(spec, getattr(importlib.import_module(module), name), *args)


def forget_graphs() -> None:
    """Drop the cached networks, actor graphs and timelines of every version (the warming
    does, when the store has changed: a network is ~100 MB at 10,000 documents, and up to
    four are kept)."""
    _network.clear()
    _actors.clear()
    _timeline.clear()


# The Timeline's points (one per agreement and document: 14,923 at 10,000 documents) and
# the choices its filters offer, shared read-only like the graphs: a rerun of the page
# neither unpickles the frame (as cache_data would: 50-150 ms) nor walks it for its
# countries and stages (~100 ms).
@st.cache_resource(show_spinner=False, max_entries=4)
def _timeline(spec: str, version: str) -> tuple:
    points = _reading(spec, timeline.agreement_timeline)
    countries = sorted({c for cs in points["countries"] for c in cs})
    present = set(points["stage"].unique())
    return points, countries, [s for s in (*STAGES, timeline.NO_STAGE) if s in present]


def timeline_points():
    """(the points of kg.views.timeline.agreement_timeline, the party countries among
    them, the stages they have in stage order), cached until the store changes; the
    frame is shared between sessions: filter it, never change it."""
    return stop_on_error(_timeline, *_key())


def network(documents: bool = False):
    """The entity network; with ``documents`` (a scan of the index's links: seconds at
    10,000 documents) the documents too, linked to what they mention."""
    return stop_on_error(_network, *_key(), documents)


@st.cache_data(show_spinner="Laying out the graph…", max_entries=16)
def _drawing(spec: str, version: str, selection: tuple, max_nodes: int) -> dict:
    import netdraw  # the Graph page's module

    selection = dict(selection)
    documents = bool(selection.get("documents") or selection.get("show_documents"))
    network = _network(spec, version, documents)
    with gc_paused():
        return netdraw.drawing(network, selection, max_nodes)


def drawing(max_nodes: int, **selection) -> dict:
    """The Graph page's drawing of a selection (netdraw.drawing), cached until the store
    changes: a rerun (a click, a toggle elsewhere) neither filters nor lays out again."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                          for k, v in selection.items()))
    return stop_on_error(_drawing, *_key(), frozen, max_nodes)


@st.cache_resource(show_spinner=False, max_entries=4)
def _actors(spec: str, version: str, co_mention: bool):
    network = _network(spec, version, co_mention)
    with gc_paused():
        return kgraph.actors(network, co_mention=co_mention)


def actors(co_mention: bool = False):
    return stop_on_error(_actors, *_key(), co_mention)


@st.cache_data(show_spinner="Computing measures…", max_entries=8)
def _centrality(spec: str, version: str, co_mention: bool, betweenness: bool, pagerank: bool):
    return kgraph.centrality_table(_actors(spec, version, co_mention), betweenness=betweenness,
                                   pagerank=pagerank)


def centrality(co_mention: bool = False, betweenness: bool = False, pagerank: bool = True):
    """The actor graph's centrality table; betweenness (seconds on a large graph) and
    PageRank only when asked for."""
    return stop_on_error(_centrality, *_key(), co_mention, betweenness, pagerank)


@st.cache_data(show_spinner="Finding communities…", max_entries=4)
def _communities(spec: str, version: str, co_mention: bool):
    return kgraph.communities_table(_actors(spec, version, co_mention))


def communities(co_mention: bool = False):
    """Louvain communities of the actor graph (seconds on a large graph)."""
    return stop_on_error(_communities, *_key(), co_mention)


# --- display helpers -------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|$~:&])")


def md(text: str | None) -> str:
    """Plain text safe inside st.markdown (and st.header, st.caption, a page link's
    label: every element that renders Markdown): whitespace collapsed and every markdown
    character escaped. Text from documents is shown through this: "$9.3 billion" would
    otherwise start a LaTeX formula, and a label "![p](http://host/p.png)" would make the
    page fetch that URL."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def clip(text: str | None, limit: int = 400) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def entity_option(ent: dict) -> str:
    return f"{ent['label']} ({ent['kind']})"


def document_option(doc: dict) -> str:
    """A document in a list: its title (clipped) and file name, or the file name alone."""
    title = clip(doc.get("title"), 90)
    return f"{title} ({doc['file_name']})" if title else doc["file_name"]


def agreement_text(iri: str) -> None:
    """For an agreement a stored document is the text of: that document, the stage and
    date it reports with the closing clause that states where and when it was signed, and
    the signatories with the party each signed for."""
    text = read("agreement_text", iri)
    if text is None:
        return
    with st.container(border=True, key="agreement-text"):
        st.markdown("**Text of the agreement**")
        link("documents", document_option(text), doc=text["document"])
        if text["status"]:
            when = f" on {md(text['date'])}" if text["date"] else ""
            st.markdown(f"*{md(text['status'])}*{when}")
        if text["clause"]:
            st.markdown(f"> {md(clip(text['clause']))}")
        for person in text["signatories"]:
            party = f" for {md(', '.join(person['parties']))}" if person["parties"] else ""
            st.markdown(f"Signed by **{md(person['name'])}**{party}")


# -- messages that outlive a rerun ------------------------------------------------------------
_FLASH = "pkg_flash"


def flash(messages: list[str]) -> None:
    """Messages for the next run of the page (a toast made just before ``st.rerun`` is
    lost with the run that made it)."""
    st.session_state[_FLASH] = [*st.session_state.get(_FLASH, []), *messages]


def show_flashed() -> None:
    """The messages ``flash`` kept, as toasts, once."""
    for message in st.session_state.pop(_FLASH, []):
        st.toast(message)
