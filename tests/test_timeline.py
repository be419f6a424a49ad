"""kg.views.timeline: agreements placed in time by stage and date, per document."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

import app_data as data
from kg.core.records import Agreement, DocumentRecords, Evidence, Ref
from kg.rdf.build import document_graph
from kg.rdf.iris import agreement_iri
from kg.archive.derived import ensure_derived
from kg.store import open_store
from kg.views import timeline


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st = data.build_store(tmp_path_factory.mktemp("timeline") / "s")
    yield st
    st.close()


def point(df, label):
    rows = df[df["agreement"] == label]
    assert len(rows) == 1, rows
    return rows.iloc[0].to_dict()


def test_timeline_places_each_agreement_by_its_date_and_stage(store):
    df = timeline.agreement_timeline(store)
    dca = point(df, "Defence Cooperation Arrangement")
    assert {k: dca[k] for k in ("stage", "date", "when", "precision", "dated_by", "countries",
                                "file_name", "title")} == {
        "stage": "signed", "date": "2023-01-11", "when": "2023-01-11", "precision": "day",
        "dated_by": "agreement", "countries": ["Japan", "United States"],
        "file_name": "us-japan.txt", "title": data.US_JAPAN_TITLE}
    raa = point(df, "Reciprocal Access Agreement")
    assert (raa["date"], raa["when"], raa["precision"]) == ("2022-01", "2022-01-01", "month")
    assert raa["iri"] == str(data.RAA) and raa["document"] == data.doc_iri("japan-australia.txt")
    # no date of its own: placed at its document's publication year, and saying so
    vfa = point(df, "Visiting Forces Agreement")
    assert (vfa["stage"], vfa["date"], vfa["when"], vfa["precision"], vfa["dated_by"]) == (
        "negotiating", "2024", "2024-01-01", "year", "document")
    assert list(df["agreement"]) == ["Reciprocal Access Agreement",
                                     "Defence Cooperation Arrangement",
                                     "Visiting Forces Agreement"]  # in time order


def _records(name: str, text: str, agreements: list[Agreement], published=None):
    sha = hashlib.sha256(name.encode()).hexdigest()
    return DocumentRecords(file_name=name, sha256=sha, text=text, published=published,
                           agreements=agreements)


def _agreement(label, named, ev, status=None, date=None, parties=("FR", "DE")):
    return Agreement(label, named=named, mentions=[ev],
                     parties={Ref.country(p): [ev] for p in parties},
                     statuses={status: [ev]} if status else {},
                     dates={date: [ev]} if date else {})


@pytest.fixture
def history(tmp_path):
    """A named treaty followed by two documents (talks, then in force), a legacy status
    value, and two unnamed "trade deal"s of different documents; one undated document."""
    ev = Evidence(0, 10, "Some text.")
    docs = [
        _records("talks.txt", ev.text, [_agreement("Rhine Treaty", True, ev, "negotiating",
                                                   "1950-05")]),
        _records("force.txt", ev.text, [_agreement("Rhine Treaty", True, ev, "ratified",
                                                   "1952"),
                                        _agreement("trade deal", False, ev, "signed",
                                                   "1952-03-01", parties=("FR",))]),
        _records("other.txt", ev.text, [_agreement("trade deal", False, ev, None, None,
                                                   parties=("IT",))]),
    ]
    st = open_store(tmp_path / "s")
    for rec in docs:
        st.add_graph(document_graph(rec))
    ensure_derived(st)  # the summaries and catalog the timeline reads
    yield st, docs
    st.close()


def test_timeline_follows_one_agreement_through_documents(history):
    store, _ = history
    df = timeline.agreement_timeline(store)
    treaty = df[df["agreement"] == "Rhine Treaty"]
    assert list(zip(treaty["file_name"], treaty["stage"], treaty["when"])) == [
        ("talks.txt", "negotiating", "1950-05-01"),
        ("force.txt", "in force", "1952-01-01")]  # "ratified", written before the stages


def test_timeline_keeps_same_named_unnamed_agreements_apart(history):
    store, docs = history
    df = timeline.agreement_timeline(store)
    deals = df[df["agreement"] == "trade deal"].set_index("file_name")
    assert deals.loc["force.txt", "row"] == "trade deal (force.txt)"
    assert deals.loc["other.txt", "row"] == "trade deal (other.txt)"
    assert deals.loc["force.txt", "iri"] == str(agreement_iri(
        "trade deal", False, docs[1].source_path or docs[1].sha256))
    # neither a date nor a dated document: in the frame, off the time axis, stage unknown
    other = deals.loc["other.txt"]
    assert pd.isna(other["when"]) and pd.isna(other["dated_by"])
    assert (other["stage"], other["countries"]) == (timeline.NO_STAGE, ["Italy"])
    assert df.iloc[-1]["file_name"] == "other.txt"  # undated last


@pytest.mark.parametrize("value, expected", [
    ("1936-07-20", ("1936-07-20", "day")),
    ("1936-07", ("1936-07-01", "month")),
    ("1936", ("1936-01-01", "year")),
    ("1936-07-20Z", ("1936-07-20", "day")),
    ("0800", ("0800-01-01", "year")),
    ("July 1936", None),
    (None, None),
])
def test_timeline_parse_date(value, expected):
    assert timeline.parse_date(value) == expected


@pytest.mark.parametrize("values, stage", [
    ({"signed", "negotiating"}, "signed"),
    ({"withdrawn"}, "ended"),
    ({"something else"}, timeline.NO_STAGE),
    (set(), timeline.NO_STAGE),
])
def test_timeline_stage_is_the_furthest(values, stage):
    assert timeline.stage_of(values) == stage


def test_timeline_of_an_empty_store(store, tmp_path):
    empty = open_store(tmp_path / "empty")
    empty.create()
    df = timeline.agreement_timeline(empty)
    assert df.empty and list(df.columns) == timeline.COLUMNS
    empty.close()
