"""Agreements in time: the read side of the app's Timeline page.

Each document graph says how far an agreement had got (``pkg:status``, one of the six
stages) and when (``pkg:date``: an xsd:date, xsd:gYearMonth or xsd:gYear, as precise as
the text), as far as that text knows. One point of the timeline is one (agreement,
document) pair, so an agreement that several documents follow shows its progress: talks
in one report, the signing in another. A document that gives the stage without a date
can still place it at the document's own publication date (``pkg:published``); such
points say so (``dated_by == "document"``).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from kg.core.constants import STAGE_OF, STAGES
from kg.querying.query import to_records
from kg.store.base import Store
from kg.views.display import best_label

NO_STAGE = "not stated"
COLUMNS = ["iri", "agreement", "row", "stage", "date", "when", "precision", "dated_by",
           "countries", "parties", "document", "file_name", "title"]

# Everything about an agreement is joined inside its document's graph (see kg.views.browse on
# the union graph); a document gives one stage, perhaps several dates.
_POINTS = """
SELECT DISTINCT ?a ?doc ?fileName ?title ?status ?date ?published WHERE { GRAPH ?doc {
  ?a a pkg:Agreement . ?doc pkg:mentions ?a ; pkg:fileName ?fileName .
  OPTIONAL { ?doc pkg:title ?title } OPTIONAL { ?doc pkg:published ?published }
  OPTIONAL { ?a pkg:status ?status } OPTIONAL { ?a pkg:date ?date } } }"""
_NAMES = """
SELECT DISTINCT ?a ?field ?value WHERE { GRAPH ?g {
  ?a a pkg:Agreement .
  { ?a rdfs:label ?value BIND("label" AS ?field) }
  UNION { ?a pkg:party ?p . ?p a pkg:Country ; rdfs:label ?value BIND("country" AS ?field) }
  UNION { ?a pkg:party ?p . ?p a pkg:Organization ; rdfs:label ?value
          BIND("organization" AS ?field) } } }"""

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_PRECISION = {1: "year", 2: "month", 3: "day"}


def parse_date(value: str | None) -> tuple[str, str] | None:
    """``"1936-07-20"``, ``"1936-07"`` or ``"1936"`` (a time zone may follow) as (the
    first day it names, for a time axis; its precision), or None."""
    match = _ISO.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    precision = _PRECISION[1 + (month is not None) + (day is not None)]
    return f"{year}-{month or '01'}-{day or '01'}", precision


def stage_of(values) -> str:
    """The furthest of the six stages among a document's status values (values of
    stores written before the six stages mapped onto them), else ``NO_STAGE``."""
    stages = [STAGE_OF.get(v, v) for v in values]
    known = [s for s in stages if s in STAGES]
    return max(known, key=STAGES.index) if known else NO_STAGE


def agreement_timeline(store: Store) -> pd.DataFrame:
    """One row per (agreement, document): its stage and date there, with the agreement's
    label, party countries and organizations, and the document's file name and title.

    ``when`` is the ISO date a time axis can use (None when neither the agreement nor
    its document has a date), ``row`` a label unique per agreement (an unnamed "defence
    agreement" of two documents is two agreements)."""
    names: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for a, field, value in store.query(_NAMES).rows:
        names[str(a)][str(field)].add(" ".join(str(value).split()))
    pairs: dict[tuple[str, str], dict] = {}
    for r in to_records(store.query(_POINTS)):
        pair = pairs.setdefault((r["a"], r["doc"]), {"statuses": set(), "dates": set(), **r})
        pair["statuses"].update([r["status"]] if r["status"] else [])
        pair["dates"].update([r["date"]] if r["date"] else [])
    rows = [_row(pair, names[a]) for (a, _), pair in pairs.items()]
    df = pd.DataFrame(rows, columns=COLUMNS)
    _unique_rows(df)
    return df.sort_values(["when", "row", "file_name"], na_position="last", ignore_index=True)


def _row(pair: dict, names: dict[str, set]) -> dict:
    # the latest date the document gives (its furthest stage is reached last), else the
    # document's own date
    stated = max(pair["dates"], key=lambda d: parse_date(d) or ("", ""), default=None)
    dated_by = "agreement"
    if parse_date(stated) is None:
        stated, dated_by = pair["published"], "document"
    when, precision = parse_date(stated) or (None, None)
    return {"iri": pair["a"], "stage": stage_of(pair["statuses"]),
            "agreement": best_label(names["label"]) if names["label"] else pair["a"],
            "date": stated if when else None, "when": when, "precision": precision,
            "dated_by": dated_by if when else None, "countries": sorted(names["country"]),
            "parties": sorted(names["country"] | names["organization"]),
            "document": pair["doc"], "file_name": pair["fileName"], "title": pair["title"]}


def _unique_rows(df: pd.DataFrame) -> None:
    """``row``: the label, and the first document's name where two agreements share it."""
    first_doc = df.groupby("iri")["file_name"].min()
    per_label = df.groupby("agreement")["iri"].nunique()
    df["row"] = [label if per_label[label] == 1 else f"{label} ({first_doc[iri]})"
                 for iri, label in zip(df["iri"], df["agreement"])]
