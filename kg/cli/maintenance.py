"""Commands that look after the store: documents, remove, validate."""

from __future__ import annotations

import io
import sys
from typing import List

import typer
from rdflib import Dataset
from rich.table import Table

from kg.archive.lifecycle import ENTITY_KINDS, list_documents, remove_documents
from kg.cli.base import app, err, open_cli_store, stdout_console, store_option
from kg.core.errors import KgError
from kg.store import Store


@app.command("documents")
def documents_cmd(store: str = store_option()) -> None:
    """List the stored documents: file, SHA-256 prefix, when ingested, title and counts."""
    with open_cli_store(store) as st:
        docs = list_documents(st)
    kinds = list(ENTITY_KINDS.values())
    table = Table("file", "sha256", "ingested at", "title", *kinds, "triples")
    for column in table.columns[4:]:
        column.justify = "right"
    for d in docs:
        table.add_row(d.file_name, d.sha256[:12], d.ingested_at or "", d.title or "",
                      *(str(d.counts[k]) for k in kinds), str(d.triples))
    # to a pipe or file, rich would squeeze the table into 80 columns: give it room
    width = None if sys.stdout.isatty() else 400
    stdout_console(soft_wrap=False, width=width).print(table)
    err(f"{len(docs)} document{'s' if len(docs) != 1 else ''}")


@app.command("remove")
def remove_cmd(
    selectors: List[str] = typer.Argument(..., metavar="SELECTOR...", help=(
        "A document's file path (a folder: every document under it), file name, IRI, "
        "or SHA-256 (a prefix of at least 8 hex digits will do).")),
    store: str = store_option(),
) -> None:
    """Remove documents with all their facts; entities other documents mention stay.

    Nothing is removed when a selector matches no document or more than one.
    """
    with open_cli_store(store) as st:
        removed = remove_documents(st, selectors)
    for d in removed:
        print(f"removed {d.file_name} ({d.sha256[:12]}, {d.triples} triples) {d.iri}")
    print(f"{len(removed)} document{'s' if len(removed) != 1 else ''} removed")


@app.command("validate")
def validate_cmd(store: str = store_option()) -> None:
    """Check every document graph against the SHACL shapes (ontology/shapes.ttl).

    Prints the report; the exit code is 1 when the store does not conform.
    """
    from kg.archive.validate import validate_dataset  # pyshacl is slow to import: only here

    with open_cli_store(store) as st:
        dataset = _dataset_of(st)
    report = validate_dataset(dataset)
    print(report.text())
    if not report.conforms:
        raise typer.Exit(1)


def _dataset_of(st: Store) -> Dataset:
    """The store's content as an rdflib Dataset (through N-Quads, which keeps graphs)."""
    buf = io.BytesIO()
    st.dump(buf, "nquads")
    ds = Dataset()
    try:
        ds.parse(data=buf.getvalue(), format="nquads")
    except Exception as exc:  # rdflib raises assorted types for bad input
        raise KgError(f"cannot read the store's content back as N-Quads: {exc}") from exc
    return ds

