"""Commands that look after the store: documents, remove, validate."""

from __future__ import annotations

import sys
from typing import List

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kg.archive.lifecycle import ENTITY_KINDS, list_documents, remove_documents
from kg.cli.base import app, err, open_cli_store, store_option
from kg.core.errors import KgError
from kg.core.text import printable


LISTING_FORMATS = ("table", "tsv")


@app.command("documents")
def documents_cmd(
    store: str = store_option(),
    limit: int = typer.Option(None, "--limit", "-n", min=0, help="List at most this many."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many first."),
    fmt: str = typer.Option(None, "--format", "-f", help=(
        "table or tsv (tab-separated, one document a line, written as it goes) "
        "[default: table on a terminal, tsv into a pipe or file].")),
) -> None:
    """List the stored documents by file name: file, SHA-256 prefix, when ingested, title
    and counts. Read from each document's summary (one value each), not its graph."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "tsv")
    if fmt not in LISTING_FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(LISTING_FORMATS)}")
    with open_cli_store(store) as st:
        docs = list_documents(st, limit=limit, offset=offset)
    kinds = list(ENTITY_KINDS.values())
    header = ["file", "sha256", "ingested at", "title", *kinds, "triples"]
    rows = ([printable(d.file_name), d.sha256[:12], d.ingested_at or "",
             printable(d.title or ""), *(str(d.counts[k]) for k in kinds), str(d.triples)] for d in docs)
    if fmt == "tsv":
        print("\t".join(header))
        for row in rows:
            print("\t".join(row))  # printable: no tab or newline left
    else:
        _print_aligned(header, list(rows), right_from=4)
    err(f"{len(docs)} document{'s' if len(docs) != 1 else ''}")


def _print_aligned(header: list[str], rows: list[list[str]], right_from: int) -> None:
    """Plain columns, numbers right-aligned: a rich table of 10,000 rows takes 7 s to
    lay out, these take milliseconds."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i >= right_from else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


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
        print(f"removed {printable(d.file_name)} ({d.sha256[:12]}, {d.triples} triples) "
              f"{d.iri}")
    print(f"{len(removed)} document{'s' if len(removed) != 1 else ''} removed")


@app.command("reindex")
def reindex_cmd(store: str = store_option()) -> None:
    """Derive the store's derived data again (the names entity resolution looks up, each
    document's summary) from its document graphs, one by one.

    Commands that write do it by themselves when the store was written by an older
    policykg; this is for such a store that is only read, or to check the index.
    """
    from kg.archive.derived import rederive

    with open_cli_store(store) as st, progress_bar("reindex") as bar:
        task = bar.add_task("", total=None)
        done = rederive(st, on_progress=lambda n, total: bar.update(task, completed=n,
                                                                      total=total))
    print(f"derived data of {done:,} document{'s' if done != 1 else ''} rebuilt")


def progress_bar(title: str) -> Progress:
    return Progress(TextColumn(f"[bold]{title}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=Console(stderr=True), transient=False)


@app.command("validate")
def validate_cmd(
    store: str = store_option(),
    everything: bool = typer.Option(False, "--all", help=(
        "Validate every document, not only those written since the last validation.")),
) -> None:
    """Check the document graphs against the SHACL shapes (ontology/shapes.ttl), one
    document at a time, with a progress bar.

    Each document's outcome is remembered, so by default only the documents written
    since the last validation are validated (and earlier failures are reported again);
    --all validates them all. Prints the report; the exit code is 1 when the store does
    not conform.
    """
    from kg.archive.validate_store import validate_store  # pyshacl is slow to import: only here

    with open_cli_store(store) as st, progress_bar("validate") as bar:
        task = bar.add_task("", total=None)
        result = validate_store(st, everything=everything, on_progress=lambda n, total:
                                bar.update(task, completed=n, total=total))
    print(result.report.text())
    if result.skipped:
        print(f"{result.skipped:,} document(s) validated before and unchanged since were "
              "not validated again (--all validates every document).")
    if result.skipped_failing:
        shown = ", ".join(result.skipped_failing[:5])
        more = len(result.skipped_failing) - 5
        print(f"{len(result.skipped_failing):,} of them did not conform then: {shown}"
              + (f" and {more:,} more" if more > 0 else "") + " (kg validate --all "
              "shows why).")
    if not result.conforms:
        raise typer.Exit(1)
