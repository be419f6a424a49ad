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

from kg.archive import catalog
from kg.core.constants import STAGE_OF, STAGES
from kg.store.base import Store
from kg.views.display import entity_label

NO_STAGE = "not stated"
COLUMNS = ["iri", "agreement", "row", "stage", "date", "when", "precision", "dated_by",
           "countries", "parties", "document", "file_name", "title"]

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
    From the summaries and the catalog the write path keeps (kg.archive.catalog).

    ``when`` is the ISO date a time axis can use (None when neither the agreement nor
    its document has a date), ``row`` a label unique per agreement (an unnamed "defence
    agreement" of two documents is two agreements)."""
    cat = catalog.current(store)
    docs = {d["iri"]: d for d in catalog.current_documents(store)}
    names = _names(cat)
    rows = [_row(a, statuses, dates, docs.get(doc, {"iri": doc}), names[a])
            for doc, reports in cat.reports.items()
            for a, statuses, dates in reports if a in names]
    df = pd.DataFrame(rows, columns=COLUMNS)
    _unique_rows(df)
    return df.sort_values(["when", "row", "file_name"], na_position="last", ignore_index=True)


def _names(cat) -> dict[str, dict]:
    """agreement -> {"label": its label, "countries": its party countries' labels,
    "parties": its party countries' and organizations' labels (both sorted)}: once per
    agreement, not per point."""
    found: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    label = {}  # party -> its label: a country is party to thousands of agreements
    for a, relation, party in cat.relations:
        if relation == "party" and party in cat.entities:
            if party not in label:
                label[party] = " ".join(entity_label(cat.entities[party]).split())
            found[a][cat.entities[party].kind].add(label[party])
    names = {}
    for a, e in cat.entities.items():
        if e.kind == "Agreement":
            parties = found.get(a, {})
            names[a] = {"label": " ".join(entity_label(e).split()),
                        "countries": sorted(parties.get("Country", ())),
                        "parties": sorted(parties.get("Country", set())
                                          | parties.get("Organization", set()))}
    return names


def _row(a: str, statuses: list, dates: list, doc: dict, names: dict) -> dict:
    # the latest date the document gives (its furthest stage is reached last), else the
    # document's own date
    stated = max(dates, key=lambda d: parse_date(d) or ("", ""), default=None)
    dated_by = "agreement"
    if parse_date(stated) is None:
        stated, dated_by = doc.get("published"), "document"
    when, precision = parse_date(stated) or (None, None)
    return {"iri": a, "stage": stage_of(statuses), "agreement": names["label"],
            "date": stated if when else None, "when": when, "precision": precision,
            "dated_by": dated_by if when else None, "countries": names["countries"],
            "parties": names["parties"], "document": doc["iri"],
            "file_name": doc.get("file_name"), "title": doc.get("title")}


def _unique_rows(df: pd.DataFrame) -> None:
    """``row``: the label, and the first document's name where two agreements share it."""
    first_doc = df["iri"].map(df.groupby("iri")["file_name"].min()).fillna(df["iri"])
    shared = df["agreement"].map(df.groupby("agreement")["iri"].nunique()) > 1
    df["row"] = df["agreement"].where(~shared, df["agreement"] + " (" + first_doc + ")")
