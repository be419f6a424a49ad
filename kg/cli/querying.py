"""Commands that read the store: query."""

from __future__ import annotations

import sys
from contextlib import nullcontext

from typing import List

import typer
from rdflib import Literal, URIRef
from rich.table import Table

from kg.cli.base import app, open_cli_store, stdout_console, store_option
from kg.core.text import printable
from kg.core.errors import KgError
from kg.querying.query import (DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, FORMATS, run_query, to_csv,
                               to_json, to_plain_tsv, to_records)


@app.command("query")
def query_cmd(
    sparql: str = typer.Argument(..., help="A SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE "
                                 "query; '-' reads it from standard input."),
    store: str = store_option(),
    fmt: str = typer.Option(None, "--format", "-f", help=(
        "table, tsv (tab-separated values; tabs and newlines in a value as \\t, \\n), "
        "json (SPARQL JSON) or csv [default: table on a terminal, tsv into a pipe or "
        "file, so no value is cut].")),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, help="Time limit in seconds."),
    limit: int = typer.Option(DEFAULT_MAX_ROWS, "--max-rows", help="Row limit."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Allow SERVICE (federated queries to other "
                                            "hosts)."),
    bind: List[str] = typer.Option([], "--bind", "-b", metavar="VAR=VALUE",
                                   help="Bind a variable the query projects: VALUE is a "
                                        "string, or an IRI in <angle brackets>. Repeatable, "
                                        "e.g. --bind iso=JP with queries/country-facts.rq."),
    raw: bool = typer.Option(False, "--raw", help=(
        "Ask what extraction alone produced, without the analysts' corrections.")),
) -> None:
    """Run a read-only SPARQL query; the default graph is the union of all documents,
    as corrected by analysts (kg correct; --raw: as extracted)."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "tsv")
    if fmt not in FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    text = sys.stdin.read() if sparql == "-" else sparql
    with open_cli_store(store) as st, store_view(st, raw) as view:
        result = run_query(view, text, parse_bindings(bind), timeout=timeout,
                           max_rows=limit, allow_service=allow_service)
    if fmt == "json":
        print(to_json(result))
    elif fmt == "csv":
        sys.stdout.write(to_csv(result))
    elif fmt == "tsv":
        sys.stdout.write(to_plain_tsv(result))
    else:
        _print_table(result)
    if result.truncated:
        print(f"note: stopped at the row limit of {limit}; use --max-rows to see more",
              file=sys.stderr)


def store_view(store, raw: bool):
    """The store as corrected, or (``--raw``) as extraction left it."""
    if not raw:
        return nullcontext(store)
    from kg.archive.corrections.raw import raw_view

    return raw_view(store)


def parse_bindings(items: list[str]) -> dict:
    """``["iso=JP", "p=<https://...>"]`` -> {"iso": Literal("JP"), "p": URIRef(...)}."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name.isidentifier():
            raise KgError(f"--bind takes VAR=VALUE, not {item!r}")
        if value.startswith("<") and value.endswith(">"):
            out[name] = URIRef(value[1:-1])
        else:
            out[name] = Literal(value)
    return out


def _print_table(result) -> None:
    rows = to_records(result)
    columns = list(rows[0]) if rows else (result.columns or ["ask"])
    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(*("" if v is None else printable(v) for v in row.values()))
    # asked for a table in a pipe or file: whole values, however wide the lines get
    width = None if sys.stdout.isatty() else 100_000
    stdout_console(soft_wrap=False, width=width).print(table)
    print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}", file=sys.stderr)
