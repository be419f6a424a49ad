"""The `kg app` command: the Streamlit app on a store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from kg.cli.base import app, err, is_loopback, open_cli_store, store_option
from kg.archive.corrections.records import AUTHOR_VAR
from kg.core.errors import KgError
from kg.store import ENV_VAR, default_store_location

APP_MAIN = Path(__file__).resolve().parents[2] / "app" / "main.py"


def _store_spec(spec: str | None) -> str:
    spec = spec or default_store_location()
    if spec == "memory" or spec.startswith(("http://", "https://")):
        return spec
    # absolute, so the app finds the same store whatever its working directory
    return str(Path(spec).expanduser().resolve())


@app.command("app")
def app_cmd(
    store: str = store_option(),
    host: str = typer.Option("127.0.0.1", "--host", help=(
        "Address to listen on. The app can add documents to the store and asks nobody "
        "who they are: 0.0.0.0 lets anyone on the network do that.")),
    port: int = typer.Option(8501, "--port", "-p", min=1, max=65535, help="Port to serve on."),
    headless: bool = typer.Option(False, "--headless",
                                  help="Do not open a browser window."),
    author: str = typer.Option(None, "--author", help=(
        "Who signs the corrections made in the app [default: $KG_AUTHOR, else your "
        "user name].")),
) -> None:
    """Open the Streamlit app: graph, entities with evidence, agreements, documents,
    SPARQL, analytics, ingest. It listens on 127.0.0.1 (this machine only) unless
    --host says otherwise.

    Where no store is yet, the app starts on an empty one, and its Ingest page creates
    it. The app does not keep the store open: `kg ingest`, `kg query` and the other
    commands work on the same store while the app runs, and documents ingested from the
    shell show on the app's next rerun.
    """
    if not APP_MAIN.is_file():
        raise KgError(f"the app is not installed with this package (no {APP_MAIN})")
    opened = open_cli_store(store, create=True)
    if not opened.exists():
        err(f"note: no store at {_store_spec(store)} yet: the app starts empty, and its "
            "Ingest page creates the store")
    else:
        derive_if_needed(opened)
    # streamlit run, with the pages' reads warmed from the start (app/serve.py)
    cmd = [sys.executable, str(APP_MAIN.with_name("serve.py")), "run", str(APP_MAIN),
           "--server.address", host, "--server.port", str(port),
           "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
           # No watching of source files: it is for editing the app. Every new session
           # otherwise walked every loaded module's path (spaCy, pandas...: ~0.3-0.5
           # server CPU-s of a page's first visit at 10,000 documents, docs/benchmarks.md)
           "--server.fileWatcherType", "none"]
    if headless:
        cmd += ["--server.headless", "true"]
    if not is_loopback(host):
        err(f"warning: the app on {host} is reachable from other machines; it has no "
            "authentication and its Ingest page writes to the store")
    env = {**os.environ, ENV_VAR: _store_spec(store)}
    if author:
        env[AUTHOR_VAR] = author
    # Become the streamlit process: signals (Ctrl-C, a service manager's SIGTERM) then
    # reach the server itself instead of leaving it orphaned behind a waiting parent.
    os.execve(sys.executable, cmd, env)


def derive_if_needed(st) -> None:
    """The pages read the index the write path keeps: a store an older policykg wrote
    (or one whose index lacks what this app lists) is derived again once, here, before
    the app opens, rather than each page refusing it."""
    from kg.archive.derived import ensure_derived, has_current_summaries
    from kg.cli.maintenance import progress_bar

    if has_current_summaries(st):
        return
    err("the store's index is missing or older than this policykg: deriving it again, "
        "document by document (once; what `kg reindex` does)")
    try:
        with progress_bar("reindex") as bar:
            task = bar.add_task("", total=None)
            ensure_derived(st, on_progress=lambda n, total: bar.update(task, completed=n,
                                                                         total=total))
    except KgError as exc:  # a server we may not write to, a store another program holds
        err(f"warning: could not derive it ({exc}); the pages that list the store will "
            "ask for `kg reindex`")
