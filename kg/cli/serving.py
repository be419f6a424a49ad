"""Command that serves the store: serve."""

from __future__ import annotations

import signal

import typer

from kg.cli.base import app, err, is_loopback, open_cli_store, store_option
from kg.core.errors import KgError
from kg.querying.query import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT


@app.command("serve")
def serve_cmd(
    store: str = store_option(),
    host: str = typer.Option("127.0.0.1", help="Address to listen on; 0.0.0.0 exposes the "
                             "endpoint to the network, without authentication."),
    port: int = typer.Option(7878, help="Port to listen on."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, help="Time limit per query, seconds."),
    limit: int = typer.Option(DEFAULT_MAX_ROWS, "--max-rows", help="Row limit per query."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Allow SERVICE (federated queries to other "
                                            "hosts)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not log requests."),
) -> None:
    """Serve the store read-only as a SPARQL 1.1 endpoint at http://HOST:PORT/sparql."""
    from kg.querying.processes import prestart
    from kg.querying.serve import make_server

    with open_cli_store(store, read_only=True) as st:
        try:
            server = make_server(st, host, port, timeout=timeout, max_rows=limit,
                                 allow_service=allow_service, quiet=quiet)
        except OSError as exc:
            raise KgError(f"cannot listen on {host}:{port}: {exc}") from exc
        if st.backend == "oxigraph" and st.location != "memory":
            prestart()  # the first request need not wait for a query process to start
        err(f"Serving {st.location} read-only at {server.url} (Ctrl-C to stop)")
        if not is_loopback(host):
            err("warning: the endpoint is reachable from other machines and has no "
                "authentication")
        # a service manager stops us with SIGTERM: shut down as cleanly as on Ctrl-C
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt

