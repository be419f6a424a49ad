"""The Documents page's list: stored documents counted, searched by title or file name,
and paged newest first, 50 at a time (an archive holds thousands), from the summaries
the write path keeps (kg.archive.catalog): no scan of the documents' graphs."""

from __future__ import annotations

from kg.archive import catalog
from kg.store.base import Store

PAGE_SIZE = 50


def _matching(store: Store, text: str) -> list[dict]:
    """The documents whose title or file name contains ``text`` (any case), newest
    first: by the date the text states (ISO text sorts as time: "2024" before
    "2024-03"), then by when it was stored; undated ones after the dated; ties by file
    name."""
    text = text.strip().lower()
    docs = [d for d in catalog.current_documents(store)
            if not text or text in (d["file_name"] or "").lower()
            or text in (d["title"] or "").lower()]
    docs.sort(key=lambda d: (d["file_name"] or "", d["iri"]))
    return sorted(docs, key=lambda d: (d["published"] or "", d["ingested_at"] or ""),
                  reverse=True)


def document_count(store: Store, text: str = "") -> int:
    """How many documents there are (whose title or file name contains ``text``)."""
    return len(_matching(store, text))


def documents_page(store: Store, offset: int = 0, limit: int = PAGE_SIZE,
                   text: str = "") -> list[dict]:
    """``limit`` documents from ``offset``, newest first (see ``_matching``), each with
    its title, dates and how many entities it declares."""
    return _matching(store, text)[offset:offset + limit]
