"""The Typer app and what every command shares: error handling, the --store option."""

from __future__ import annotations

import sys
import typer
from typer.core import TyperGroup

from kg.errors import KgError
from kg.store import Store, open_store


class _Group(TyperGroup):
    """The one place where library errors become CLI errors: one line, exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            err(f"Error: {exc}")
            raise typer.Exit(1) from exc

    def list_commands(self, ctx) -> list[str]:
        return list(self.commands)  # in the order they are defined, not sorted


app = typer.Typer(cls=_Group, add_completion=False, no_args_is_help=True,
                  pretty_exceptions_enable=False, rich_markup_mode=None,
                  help="policykg: turn policy documents into a knowledge graph you can "
                       "query with SPARQL, analyse and explore.")

STORE_HELP = ("Store: a directory (embedded Oxigraph), 'memory', or a SPARQL 1.1 endpoint "
              "URL [default: $KG_STORE, else ~/.local/share/policykg/store].")


def store_option():
    return typer.Option(None, "--store", "-s", metavar="DIR|URL", help=STORE_HELP)


def open_cli_store(spec: str | None, *, create: bool = False,
                   read_only: bool = False) -> Store:
    """The store a command works on. Only the commands that add documents (``create``:
    ingest, load) may create one; for every other command a path that holds no store is
    an error, raised here before any work (a mistyped --store must not answer 0 rows)."""
    store = open_store(spec, read_only=read_only)
    if not create:
        store.require_existing()
    return store


def err(message: str) -> None:
    print(message, file=sys.stderr)
