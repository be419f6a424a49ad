"""Commands that put documents in and take them out: ingest, extract, export, load."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, List

import typer
from rdflib import Graph
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kg.archive.derived import store_totals
from kg.cli.base import app, err, note_if_memory, open_cli_store, store_option
from kg.cli.querying import store_view
from kg.core.errors import KgError
from kg.core.text import printable
from kg.rdf.build import dataset_of
from kg.store import EXPORT_FORMATS

if TYPE_CHECKING:  # imported when used: spaCy (see _print_extracted)
    from kg.archive.ingest import DocumentResult, IngestReport

FORMAT_HELP = "Output format: " + ", ".join(EXPORT_FORMATS) + "."
_RDFLIB_FORMATS = {"nquads": "nquads", "trig": "trig", "turtle": "turtle", "jsonld": "json-ld"}


def _check_format(fmt: str, extra: tuple[str, ...] = ()) -> str:
    if fmt not in EXPORT_FORMATS + extra:
        choices = ", ".join(EXPORT_FORMATS + extra)
        raise KgError(f"unknown format {fmt!r}; choose one of {choices}")
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
    from kg.archive.ingest import IngestReport, ingest  # spaCy: see _print_extracted

    console = Console(stderr=True)
    seen, total = IngestReport(str(store)), [0]  # what was done, for an interruption
    with open_cli_store(store, create=True) as st, Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), TextColumn("{task.description}"),
            console=console, transient=False) as bar:
        task = bar.add_task("", total=None)

        def on_total(n: int) -> None:
            total[0] = n
            bar.update(task, total=n)

        def on_result(result: DocumentResult) -> None:
            seen.results.append(result)
            bar.advance(task)
            bar.update(task, description=escape(printable(Path(result.path).name)))
            if result.status == "failed":
                # escape: a path is not markup; printable: nor a newline or a terminal
                # code; soft_wrap: one line per file, whatever the width
                bar.console.print(f"[red]error[/red]: {escape(printable(result.path))}: "
                                  f"{escape(printable(result.reason or ''))}",
                                  highlight=False, soft_wrap=True)

        try:
            report = ingest(paths, st, workers=workers, cluster=cluster,
                            on_result=on_result, on_total=on_total)
        except KeyboardInterrupt:
            bar.stop()
            _interrupted(seen, total[0])
            raise typer.Exit(130) from None
        documents, triples = store_totals(st)
    totals = report.totals()
    read = totals["added"] + totals["replaced"]
    print(f"documents: {read} ingested ({totals['replaced']} replaced), "
          f"{totals['unchanged']} unchanged, {totals['failed']} failed")
    print(f"found: {totals['persons']} persons, {totals['countries']} countries, "
          f"{totals['organizations']} organizations, {totals['agreements']} agreements")
    print(f"triples: {totals['triples']} added; store {report.store} holds {documents:,} "
          f"documents, {triples:,} triples")
    note_if_memory(st)
    if report.failed:
        raise typer.Exit(1)


def _interrupted(seen: IngestReport, total: int) -> None:
    """What an interrupted ingest leaves: each document is stored whole or not at all."""
    done = seen.totals()
    stored = done["added"] + done["replaced"] + done["unchanged"]
    err(f"interrupted: {stored} of {total} documents stored ({done['added']} added, "
        f"{done['replaced']} replaced, {done['unchanged']} already there), "
        f"{done['failed']} failed, {total - stored - done['failed']} not stored; run the "
        "same command again to add them (the stored ones are skipped)")


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
    # imported by the commands that read text: spaCy and the pipeline take ~1 CPU-s to
    # import, which `kg remove`, `kg documents`, `kg query`... would otherwise pay too
    from kg.archive.ingest import extract_graphs

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


DATA_FORMATS = ("graphml", "csv")
EXPORT_HELP = ("nquads, trig, turtle or jsonld: the RDF; graphml: the actor network (Gephi, "
               "Cytoscape, yEd); csv: one table, chosen with --table.")


@app.command("export")
def export_cmd(
    store: str = store_option(),
    fmt: str = typer.Option("nquads", "--format", "-f", metavar="FORMAT", help=EXPORT_HELP),
    table: str = typer.Option(None, "--table", "-t", metavar="TABLE", help=(
        "With --format csv: agreements, persons, organizations or countries (one row "
        "each) or facts (one row per fact and evidence sentence, with its document).")),
    raw: bool = typer.Option(False, "--raw", help=(
        "What extraction alone produced: without the analysts' corrections and their "
        "records (not a backup: kg load of it loses the corrections).")),
) -> None:
    """Print the whole store: as RDF (Turtle merges the graphs; the other formats keep
    them), as the actor network in GraphML, or as one CSV table.

    The graph is the corrected one, and the RDF formats include the analysts'
    correction records, so `kg load` restores them (docs/corrections.md).
    GraphML nodes carry label, kind, iso (countries) and documents (how many mention
    it); edges carry label (actsFor or party) and documents (how many state it).
    """
    from kg.views.exports import TABLES, write_graphml, write_table  # pandas: only here

    _check_format(fmt, DATA_FORMATS)
    if (table is None) == (fmt == "csv"):
        raise KgError(f"--format csv needs --table {'|'.join(TABLES)}" if table is None
                      else "--table goes with --format csv")
    if table is not None and table not in TABLES:
        raise KgError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    with open_cli_store(store) as opened, store_view(opened, raw) as st, st.reading():
        if fmt == "graphml":  # one reading session: one view for all its queries
            write_graphml(st, sys.stdout.buffer)
        elif fmt == "csv":
            write_table(st, table, sys.stdout)
        else:
            st.dump(sys.stdout.buffer, fmt)
    sys.stdout.flush()


@app.command("load")
def load_cmd(
    dumps: List[Path] = typer.Argument(..., metavar="DUMP...", help=(
        "N-Quads (.nq) or TriG (.trig) files, e.g. from `kg export`.")),
    store: str = store_option(),
    fmt: str = typer.Option(None, "--format", "-f", help=(
        "nquads or trig [default: from the file extension].")),
    replace: bool = typer.Option(False, "--replace", help=(
        "Overwrite documents the store already holds, instead of skipping them.")),
) -> None:
    """Load dumps made by `kg export` (a backup, or a graph built on another machine).

    Each dump is parsed in full first. One with a syntax error, a triple outside a
    document graph, a graph that is not a document's, or a document graph without its
    document node is refused: nothing of it is stored. Each document is then a whole:
    one the store already holds (same SHA-256) is skipped, or replaced with --replace,
    never merged. The embedded store bulk-loads (time per million triples:
    docs/benchmarks.md); an interrupted load is completed by running it again.
    """
    from kg.archive.load import load_dump

    failed, console = 0, Console(stderr=True)
    with open_cli_store(store, create=True) as st:
        for path in dumps:
            try:
                with console.status(f"checking and loading {escape(str(path))}"):
                    report = load_dump(st, path, fmt, replace=replace)
            except KgError as exc:
                err(f"error: {exc}")
                failed += 1
                continue
            _print_load_report(report)
        if st.exists():  # every dump refused: no store was made
            documents, triples = store_totals(st)
            print(f"store {st.location}: {documents:,} documents, {triples:,} triples")
        note_if_memory(st)
    if failed:
        raise typer.Exit(1)


def _print_load_report(report) -> None:
    names, summary = report.summary.names, report.summary
    for verb, iris, why in (("skipped", report.skipped, ": already in the store (--replace "
                             "overwrites it)"), ("replaced", report.replaced, "")):
        for iri in iris:
            print(f"{verb} {printable(names.get(iri, '?'))} ({iri.rsplit('/', 1)[-1][:12]})"
                  f"{why}")
    print(f"loaded {printable(report.path)}: {len(report.added):,} documents added, "
          f"{len(report.replaced):,} replaced, {len(report.skipped):,} skipped; "
          f"{report.quads:,} of its {summary.quads:,} quads written")
    if summary.corrections:
        print(f"corrections: {len(summary.corrections):,} in the dump, "
              f"{report.corrections:,} new to the store")
