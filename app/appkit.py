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

from kg.core.errors import KgError
from kg.querying.query import run_query
from kg.store import Store, default_store_location, lock, open_store
from kg.views import browse, timeline
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
}


def pages() -> list[st.Page]:
    return [st.Page(script, title=title, icon=f":material/{icon}:", default=name == "home")
            for name, (script, title, icon) in PAGES.items()]


def go(name: str, **params: str) -> None:
    """Switch to another page, passing what it shows as query parameters."""
    st.switch_page(PAGES[name][0], query_params=params or None)


def link(name: str, label: str, **params: str) -> None:
    st.page_link(PAGES[name][0], label=label, query_params=params or None)


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


def _reading(spec: str, fn, *args):
    """``fn(store, *args)`` in one reading session of the store."""
    opened = _open(spec)
    with opened.reading():
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


def _view(name: str):
    """The read-side function the pages name: a table of ``kg.views.browse`` or the
    timeline of ``kg.views.timeline``."""
    return getattr(timeline, name) if name == "agreement_timeline" else getattr(browse, name)


def read(name: str, *args):
    """``<name>(store, *args)`` of ``kg.views.browse`` or ``kg.views.timeline``, cached
    until the store changes."""
    return stop_on_error(_read, name, *_key(), args)


@st.cache_data(show_spinner=False, max_entries=4)
def _size(spec: str, version: str) -> int:
    return len(_open(spec))


def size() -> int:
    """Quads in the store, cached until it changes."""
    return stop_on_error(_size, *_key())


@st.cache_data(show_spinner=False, max_entries=1)
def example_queries() -> dict:
    return browse.example_queries()


# The error is cached too: every widget click reruns the page, and a query that failed
# at the time limit would otherwise take that long again on each rerun.
@st.cache_data(show_spinner="Running the query…", max_entries=64)
def _query(spec: str, version: str, text: str):
    try:
        return run_query(_open(spec), text), None
    except KgError as exc:
        return None, str(exc)


def query(text: str):
    """(result, None) or (None, the reason it was refused or failed): kg.querying.query.run_query
    accepts read queries only."""
    return _query(*_key(), text)


# Graphs are shared read-only between sessions (filters copy), so cache_resource avoids
# pickling them on every rerun as cache_data would.
@st.cache_resource(show_spinner="Building the graph…", max_entries=2)
def _network(spec: str, version: str):
    return _reading(spec, kgraph.entity_network)


def network():
    return stop_on_error(_network, *_key())


@st.cache_resource(show_spinner=False, max_entries=4)
def _actors(spec: str, version: str, co_mention: bool):
    return kgraph.actors(_network(spec, version), co_mention=co_mention)


def actors(co_mention: bool = False):
    return stop_on_error(_actors, *_key(), co_mention)


@st.cache_data(show_spinner="Computing measures…", max_entries=4)
def _measures(spec: str, version: str, co_mention: bool):
    g = _actors(spec, version, co_mention)
    return kgraph.centrality_table(g), kgraph.communities_table(g)


def measures(co_mention: bool = False):
    """(centrality table, communities table) of the actor graph."""
    return stop_on_error(_measures, *_key(), co_mention)


# --- display helpers -------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|$~])")


def md(text: str | None) -> str:
    """Plain text safe inside st.markdown: whitespace collapsed and every markdown
    character escaped ("$9.3 billion" would otherwise start a LaTeX formula)."""
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
