"""Commands that put documents in and take them out: ingest, extract, export, load."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

import typer
from rdflib import Graph
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kg.cli.base import app, err, open_cli_store, store_option
from kg.errors import KgError
from kg.ingest import DocumentResult, extract_graphs, ingest
from kg.rdf.build import dataset_of
from kg.store import EXPORT_FORMATS

FORMAT_HELP = "Output format: " + ", ".join(EXPORT_FORMATS) + "."
_RDFLIB_FORMATS = {"nquads": "nquads", "trig": "trig", "turtle": "turtle", "jsonld": "json-ld"}


def _check_format(fmt: str) -> str:
    if fmt not in EXPORT_FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    return fmt


@app.command("ingest")
def ingest_cmd(
    paths: List[Path] = typer.Argument(..., help="Files or folders (walked recursively): "
                                       ".txt .md .html .pdf .docx."),
    store: str = store_option(),
    workers: int = typer.Option(1, "--workers", "-w", min=1,
                                help="Processes for extraction (use the number of cores)."),
    cluster: str = typer.Option(None, "--cluster", metavar="tcp://HOST:PORT",
                                help="Run extraction on a Dask distributed scheduler."),
) -> None:
    """Add documents to the store, one named graph each; bad files are reported and skipped.

    A file already in the store (same content) is skipped; a changed file replaces its old
    graph. The exit code is 1 when any file could not be read.
    """
    console = Console(stderr=True)
    with open_cli_store(store, create=True) as st, Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), TextColumn("{task.description}"),
            console=console, transient=False) as bar:
        task = bar.add_task("", total=None)

        def on_result(result: DocumentResult) -> None:
            bar.advance(task)
            bar.update(task, description=escape(Path(result.path).name))
            if result.status == "failed":
                # escape: a path is not markup; soft_wrap: one line per file, whatever the width
                bar.console.print(f"[red]error[/red]: {escape(result.path)}: "
                                  f"{escape(result.reason or '')}", highlight=False,
                                  soft_wrap=True)

        report = ingest(paths, st, workers=workers, cluster=cluster, on_result=on_result,
                        on_total=lambda n: bar.update(task, total=n))
        total_quads = len(st)
    totals = report.totals()
    read = totals["added"] + totals["replaced"]
    print(f"documents: {read} ingested ({totals['replaced']} replaced), "
          f"{totals['unchanged']} unchanged, {totals['failed']} failed")
    print(f"found: {totals['persons']} persons, {totals['countries']} countries, "
          f"{totals['organizations']} organizations, {totals['agreements']} agreements")
    print(f"triples: {totals['triples']} added; store {report.store} holds {total_quads}")
    if report.failed:
        raise typer.Exit(1)


@app.command("extract")
def extract_cmd(
    paths: List[Path] = typer.Argument(..., help="Files or folders."),
    fmt: str = typer.Option("nquads", "--format", "-f", help=FORMAT_HELP),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes for extraction."),
    store: str = typer.Option(None, "--store", "-s", metavar="DIR|URL",
                              help="Link names to the entities of this store, as `kg "
                                   "ingest` into it would (read only) [default: an empty "
                                   "store]."),
) -> None:
    """Print the triples `kg ingest` would add for these documents, writing to no store."""
    _check_format(fmt)
    if store is None:
        _print_extracted(paths, fmt, workers, None)
        return
    with open_cli_store(store, read_only=True) as st:
        _print_extracted(paths, fmt, workers, st)


def _print_extracted(paths, fmt: str, workers: int, store) -> None:
    graphs, failed = [], 0
    for path, outcome in extract_graphs(paths, workers=workers, store=store):
        if isinstance(outcome, KgError):
            err(f"error: {outcome}")
            failed += 1
        else:
            graphs.append(outcome)
    if graphs:
        data = _serialize(graphs, fmt)
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
    if failed:
        raise typer.Exit(1)


def _serialize(graphs, fmt: str) -> str:
    ds = dataset_of(graphs)
    if fmt == "turtle":  # Turtle has no graphs: the union, as `kg export` prints it
        union = Graph(bind_namespaces="core")
        union.namespace_manager = ds.namespace_manager
        for g in graphs:
            union += g
        return union.serialize(format="turtle")
    return ds.serialize(format=_RDFLIB_FORMATS[fmt])


@app.command("export")
def export_cmd(
    store: str = store_option(),
    fmt: str = typer.Option("nquads", "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Print the whole store (Turtle merges the graphs; the other formats keep them)."""
    _check_format(fmt)
    with open_cli_store(store) as st:
        st.dump(sys.stdout.buffer, fmt)
    sys.stdout.flush()


@app.command("load")
def load_cmd(
    dumps: List[Path] = typer.Argument(..., metavar="DUMP...", help=(
        "N-Quads (.nq) or TriG (.trig) files, e.g. from `kg export`.")),
    store: str = store_option(),
    fmt: str = typer.Option(None, "--format", "-f", help=(
        "nquads or trig [default: from the file extension].")),
) -> None:
    """Load dumps made by `kg export` (a backup, or a graph built on another machine).

    Each dump is parsed in full first; one with a syntax error, or with triples outside
    a document graph, is refused and nothing of it is stored. The embedded store then
    bulk-loads it (1M triples in well under 30 s); an interrupted load is completed by
    running it again.
    """
    from kg.load import check_dump

    failed, console = 0, Console(stderr=True)
    with open_cli_store(store, create=True) as st:
        for path in dumps:
            try:
                with console.status(f"checking {escape(str(path))}"):
                    summary = check_dump(path, fmt)
                with console.status(f"loading {summary.quads:,} quads from {escape(str(path))}"):
                    st.load(path, summary.fmt)
            except KgError as exc:
                err(f"Error: {exc}")
                failed += 1
                continue
            print(f"loaded {path}: {summary.quads:,} quads in {summary.graphs:,} graphs")
        print(f"store {st.location}: {len(st):,} quads")
    if failed:
        raise typer.Exit(1)
