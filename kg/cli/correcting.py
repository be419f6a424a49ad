"""Commands for analyst corrections: kg correct ..., kg corrections (docs/corrections.md)."""

from __future__ import annotations

import sys
from typing import List

import typer
from rich.table import Table

from kg.cli.base import _Group, app, err, open_cli_store, stdout_console, store_option
from kg.core.errors import KgError

TERM_HELP = ("as in SPARQL: <IRI>, pkg:name (prefixes pkg rdf rdfs xsd owl prov), "
             "'\"literal\"', '\"2022-01-07\"^^xsd:date'")
correct_app = typer.Typer(cls=_Group, no_args_is_help=True, help=(
    "Correct the graph: reject or add a fact, merge two nodes, set a label, split a "
    "node. Corrections are kept apart from the documents, survive re-ingest, export and "
    "load, and can be undone; kg query shows the corrected graph, kg query --raw what "
    "extraction alone produced."))
app.add_typer(correct_app, name="correct")


def _reason():
    return typer.Option(None, "--reason", "-r", help="Why (kept with the correction).")


def _author():
    return typer.Option(None, "--author", "-a", help=(
        "Who makes it [default: $KG_AUTHOR, else your user name]."))


def _done(c) -> None:
    print(f"correction {c.id}: {c.kind} {c.terms()}")


@correct_app.command("reject")
def reject_cmd(subject: str = typer.Argument(..., help=f"The fact's subject, {TERM_HELP}."),
               predicate: str = typer.Argument(..., help="Its property, e.g. pkg:actsFor."),
               obj: str = typer.Argument(..., metavar="OBJECT", help="Its object or value."),
               reason: str = _reason(), author: str = _author(),
               store: str = store_option()) -> None:
    """The fact is wrong: it disappears from queries, exports and the app (here and in
    any document that states it later); its evidence stays stored (kg query --raw)."""
    from kg.archive.corrections import reject

    with open_cli_store(store) as st:
        _done(reject(st, subject, predicate, obj, reason=reason, author=author))


@correct_app.command("add")
def add_cmd(subject: str = typer.Argument(..., help=f"The fact's subject, {TERM_HELP}."),
            predicate: str = typer.Argument(..., help="Its property, e.g. pkg:party; "
                                            "rdf:type pkg:Person makes a new node."),
            obj: str = typer.Argument(..., metavar="OBJECT", help="Its object or value."),
            reason: str = _reason(), author: str = _author(),
            store: str = store_option()) -> None:
    """A fact extraction missed; its provenance is you and your reason."""
    from kg.archive.corrections import add

    with open_cli_store(store) as st:
        _done(add(st, subject, predicate, obj, reason=reason, author=author))


@correct_app.command("merge")
def merge_cmd(keep: str = typer.Argument(..., help="The node to keep (an IRI)."),
              other: str = typer.Argument(..., help="The node that is the same entity: "
                                          "its facts are seen on KEEP."),
              reason: str = _reason(), author: str = _author(),
              store: str = store_option()) -> None:
    """Two nodes are one entity (two spellings of a person, an agreement under two
    names)."""
    from kg.archive.corrections import merge

    with open_cli_store(store) as st:
        _done(merge(st, keep, other, reason=reason, author=author))


@correct_app.command("label")
def label_cmd(node: str = typer.Argument(..., help="The node (an IRI)."),
              text: str = typer.Argument(..., help="The label to show, as plain text."),
              reason: str = _reason(), author: str = _author(),
              store: str = store_option()) -> None:
    """The label a node is shown with, in every document."""
    from kg.archive.corrections import label

    with open_cli_store(store) as st:
        _done(label(st, node, text, reason=reason, author=author))


@correct_app.command("split")
def split_cmd(node: str = typer.Argument(..., help="The node extraction merged wrongly."),
              documents: List[str] = typer.Argument(..., metavar="DOCUMENT...", help=(
                  "The documents whose mention is another entity: IRI, file name, "
                  "SHA-256 prefix or path, as for kg remove.")),
              into: str = typer.Option(None, "--into", help=(
                  "The new node's IRI [default: NODE-<correction id>].")),
              reason: str = _reason(), author: str = _author(),
              store: str = store_option()) -> None:
    """Undo a merge extraction made: NODE in these documents becomes a new node."""
    from kg.archive.corrections import split

    with open_cli_store(store) as st:
        _done(split(st, node, documents, into=into, reason=reason, author=author))


@correct_app.command("undo")
def undo_cmd(ident: str = typer.Argument(..., metavar="ID", help=(
                 "The correction's id (kg corrections), or a unique prefix of it.")),
             author: str = _author(), store: str = store_option()) -> None:
    """The correction no longer applies; its record stays, marked undone."""
    from kg.archive.corrections import undo

    with open_cli_store(store) as st:
        c = undo(st, ident, author=author)
    print(f"undone {c.id}: {c.kind} {c.terms()}")


@correct_app.command("reapply")
def reapply_cmd(store: str = store_option()) -> None:
    """Rebuild the corrected graphs from the correction records (after a write a SPARQL
    server did only in part)."""
    from kg.archive.corrections import reapply

    with open_cli_store(store) as st:
        print(f"{reapply(st)} graph(s) rewritten")


@app.command("corrections")
def corrections_cmd(store: str = store_option(),
                    fmt: str = typer.Option(None, "--format", "-f", help=(
                        "table, tsv, csv or json [default: table on a terminal, tsv "
                        "into a pipe or file].")),
                    every: bool = typer.Option(False, "--all", help=(
                        "Undone corrections too."))) -> None:
    """List the corrections: id, time, author, kind, terms, reason, whether the node it
    is about is still in the store (no: orphaned, its documents were removed)."""
    from kg.archive.corrections.listing import COLUMNS, FORMATS, correction_rows, render

    fmt = fmt or ("table" if sys.stdout.isatty() else "tsv")
    if fmt not in FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with open_cli_store(store) as st:
        rows = correction_rows(st, include_undone=every)
    if fmt != "table":
        sys.stdout.write(render(rows, fmt))
        return
    table = Table(*COLUMNS)
    for row in rows:
        table.add_row(*(("yes" if row[c] else "no") if c == "exists" else str(row[c])
                        for c in COLUMNS))
    stdout_console(soft_wrap=False, width=None if sys.stdout.isatty() else 400).print(table)
    err(f"{len(rows)} correction{'s' if len(rows) != 1 else ''}")
