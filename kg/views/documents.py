"""The Documents page's list: stored documents counted, searched by title or file name,
and paged newest first, 50 at a time (an archive holds thousands)."""

from __future__ import annotations

from rdflib import Literal

from kg.querying.query import to_records
from kg.store.base import Store

PAGE_SIZE = 50

_MATCH = """FILTER(CONTAINS(LCASE(STR(?fileName)), LCASE(STR(?q)))
              || CONTAINS(LCASE(STR(COALESCE(?title, ""))), LCASE(STR(?q))))"""
_DOCS = """
  GRAPH ?doc { ?doc a pkg:Document ; pkg:fileName ?fileName ; pkg:ingestedAt ?ingestedAt .
               OPTIONAL { ?doc pkg:title ?title } OPTIONAL { ?doc pkg:published ?published } }"""

def _count_query(search: bool) -> str:
    return f"SELECT ?q (COUNT(*) AS ?n) WHERE {{ {_DOCS} {_MATCH * search} }} GROUP BY ?q"


def _page_query(limit: int, offset: int, search: bool) -> str:
    # LIMIT and OFFSET take no variables in SPARQL: they are written in, as integers.
    return f"""
SELECT ?q ?doc ?fileName ?title ?published ?ingestedAt (COUNT(?e) AS ?entities) WHERE {{
  {{ SELECT ?q ?doc ?fileName ?title ?published ?ingestedAt WHERE {{ {_DOCS} {_MATCH * search} }}
    ORDER BY DESC(STR(?published)) DESC(?ingestedAt)
    LIMIT {int(limit)} OFFSET {int(offset)} }}
  {{ GRAPH ?doc {{ ?doc pkg:mentions ?e }} }} UNION {{ BIND(0 AS ?none) }}
}} GROUP BY ?q ?doc ?fileName ?title ?published ?ingestedAt"""


def document_count(store: Store, text: str = "") -> int:
    """How many documents there are (whose title or file name contains ``text``)."""
    rows = store.query(_count_query(bool(text.strip())), _search(text)).rows
    return int(rows[0][1]) if rows else 0


def documents_page(store: Store, offset: int = 0, limit: int = PAGE_SIZE,
                   text: str = "") -> list[dict]:
    """``limit`` documents from ``offset``, newest first (by the date the text states,
    then by when it was stored; undated ones after the dated), each with its title,
    dates and how many entities it mentions; only those whose title or file name
    contains ``text`` when given."""
    query = _page_query(limit, offset, bool(text.strip()))
    rows = to_records(store.query(query, _search(text)))
    out = [{"iri": r["doc"], "file_name": r["fileName"], "title": r["title"],
            "published": r["published"], "ingested_at": r["ingestedAt"],
            "entities": int(r["entities"] or 0)} for r in rows]
    return sorted(out, key=lambda d: (d["published"] or "", d["ingested_at"]), reverse=True)


def _search(text: str) -> dict | None:
    return {"q": Literal(text.strip())} if text.strip() else None
