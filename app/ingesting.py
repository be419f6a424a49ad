"""The Ingest page's work: uploads to files, kg.archive.ingest with a progress bar, the report."""

from __future__ import annotations

import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Mapping

import pandas as pd
import streamlit as st

import appkit
from kg.core.errors import KgError
from kg.store import Store

if TYPE_CHECKING:  # kg.archive.ingest imports spaCy (a second): only when ingesting
    from kg.archive.ingest import DocumentResult, IngestReport

COUNTS = ("persons", "countries", "organizations", "agreements")


# The source path recorded for an upload or a pasted text: the file sits in a fresh
# temporary folder each time, so its path would make every upload a new document; under
# its name, an edited copy uploaded again replaces the earlier one (kg.archive.ingest).
UPLOADED = "upload:"
PASTED = "pasted:"


@contextmanager
def saved_uploads(files) -> Iterator[dict[Path, str]]:
    """The uploads as files under their original names (the readers go by suffix, and
    the name becomes the document's pkg:fileName), removed afterwards; each with the
    source path to record."""
    with tempfile.TemporaryDirectory(prefix="kg-upload-") as tmp:
        saved = {}
        for f in files:
            path = Path(tmp) / Path(f.name).name  # never a path from the browser
            path.write_bytes(f.getvalue())
            saved[path] = UPLOADED + path.name
        yield saved


def safe_name(name: str) -> str:
    """A file name for pasted text: letters, digits, dot, dash; always ``.txt``."""
    stem = re.sub(r"[^\w.-]+", "-", name.strip()).strip("-.") or "pasted-text"
    return stem if stem.lower().endswith(".txt") else f"{stem}.txt"


@contextmanager
def pasted_file(name: str, text: str) -> Iterator[dict[Path, str]]:
    with tempfile.TemporaryDirectory(prefix="kg-paste-") as tmp:
        path = Path(tmp) / safe_name(name)
        path.write_text(text, encoding="utf-8")
        yield {path: PASTED + path.name}


def shown_name(source: str) -> str:
    """The file name a report shows for a source path (an upload's is ``upload:NAME``)."""
    for prefix in (UPLOADED, PASTED):
        if source.startswith(prefix):
            return source[len(prefix):]
    return Path(source).name


def ingest_paths(store: Store, files: Mapping[Path, str]) -> IngestReport | None:
    """Run kg.archive.ingest on ``files`` (each with the source path to record) with a
    progress bar advancing as each document is stored; a store error is shown, not
    raised (bad files are in the report, kg.archive.ingest never raises)."""
    from kg.archive.ingest import ingest

    appkit.nlp()  # loaded once per process; kg.archive.ingest reuses it
    bar = st.progress(0.0, text="Reading documents…")
    total, done = [len(files)], []

    def on_result(result: DocumentResult) -> None:
        done.append(result)
        bar.progress(min(len(done) / max(total[0], 1), 1.0),
                     text=f"{shown_name(result.path)}: {result.status}")

    try:
        report = ingest(list(files), store, on_result=on_result,
                        on_total=lambda n: total.__setitem__(0, n),
                        sources={str(p.resolve()): s for p, s in files.items()})
    except KgError as exc:
        st.error(f"Ingest stopped: {exc}")
        return None
    bar.progress(1.0, text=f"Done: {len(report.results)} document(s)")
    return report


def report_table(report: IngestReport) -> pd.DataFrame:
    rows = [{"document": shown_name(r.path), "status": r.status,
             **{c: r.counts.get(c, 0) for c in COUNTS}, "triples": r.triples,
             "note": r.reason or ""} for r in report.results]
    return pd.DataFrame(rows, columns=["document", "status", *COUNTS, "triples", "note"])


def show_report(report: IngestReport) -> None:
    totals = report.totals()
    stored = totals["added"] + totals["replaced"]
    st.subheader("What was found")
    st.dataframe(report_table(report), hide_index=True)
    for failed in report.failed:
        st.error(f"**{appkit.md(Path(failed.path).name)}** could not be read: "
                 f"{appkit.md(failed.reason)}")
    if stored:
        st.success(f"{stored} document(s) stored: {totals['triples']:,} triples.")
        appkit.link("graph", "See them in the graph")
    elif not report.failed:
        st.info("Nothing new: these documents were already in the store.")
