"""The Typer app and what every command shares: error handling, the --store option."""

from __future__ import annotations

import errno
import ipaddress
import os
import sys

import typer
from rich.console import Console
from typer.core import TyperGroup

from kg.core.errors import KgError
from kg.core.text import printable
from kg.store import Store, open_store


# Click's exception classes, as the installed Typer uses them (recent versions vendor
# Click as typer._click, older ones use the click package): found from a public class.
_CLICK_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_USAGE_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class _Group(TyperGroup):
    """The one place where errors become CLI messages: ``error: ...`` on stderr, exit 1
    (2 for a usage error, as Click has it); a closed stdout ends the command quietly."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            # not standalone: Click's usage errors come back here to be printed our way
            code = super().main(args, prog_name, complete_var, False, **extra)
        except _CLICK_ERROR as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                exc.show()  # `kg` alone prints the help
            else:
                _show_click_error(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            err("error: aborted")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # buffered output meets a closed pipe here, not at exit
            return result
        except KgError as exc:
            err(f"error: {exc}")
            raise typer.Exit(1) from exc
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise
            # The reader went away (`kg export | head`): stop quietly with status 0, as
            # Unix tools do, and keep Python from complaining when it flushes at exit.
            _silence_stdout()
            raise typer.Exit(0) from None

    def list_commands(self, ctx) -> list[str]:
        return list(self.commands)  # in the order they are defined, not sorted


def _show_click_error(exc) -> None:
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, _USAGE_ERROR) and ctx is not None:
        err(ctx.get_usage())
        err(f"Try '{ctx.command_path} --help' for help.\n")
    err(f"error: {exc.format_message()}")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests)
        pass


class _Console(Console):
    """rich's Console, except that a closed stdout reaches the CLI's one handler (rich
    itself would exit with status 1)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "broken pipe")


def stdout_console(**kwargs) -> Console:
    return _Console(**kwargs)


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


def note_if_memory(st: Store) -> None:
    """Say so when a command wrote to a store that ends with it."""
    if st.location == "memory":
        err("note: --store memory ends with this command, so nothing was kept; give "
            "--store DIR (or a SPARQL server URL) to keep the result")


def err(message: str) -> None:
    """``message`` on stderr, control characters escaped (a query's syntax error may
    show its lines: newlines are kept)."""
    print(printable(message, keep="\n"), file=sys.stderr)


def is_loopback(host: str) -> bool:
    """Is ``host`` an address only this machine can reach?"""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
