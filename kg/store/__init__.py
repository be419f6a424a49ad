"""Open a store by name or URL: a directory (embedded Oxigraph, the default), ``memory``,
or ``http(s)://...`` for any SPARQL 1.1 server."""

from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import EXPORT_FORMATS, QueryResult, Store

ENV_VAR = "KG_STORE"


def default_store_location() -> str:
    """``$KG_STORE``, else ``$XDG_DATA_HOME/policykg/store`` (``~/.local/share/...``)."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(data_home) / "policykg" / "store")


def open_store(spec: str | os.PathLike | None = None, *, read_only: bool = False) -> Store:
    """The store named by ``spec`` (default: :func:`default_store_location`). Nothing
    is opened yet: an embedded store is opened (and locked) by each operation, and only
    a write creates it. ``read_only`` refuses writes."""
    spec = str(spec) if spec is not None else default_store_location()
    if spec.startswith(("http://", "https://")):
        from kg.store.remote import SparqlStore

        return SparqlStore(spec)
    from kg.store.oxigraph import OxigraphStore

    if spec == "memory":
        return OxigraphStore(None)
    return OxigraphStore(Path(spec).expanduser(), read_only=read_only)


__all__ = ["EXPORT_FORMATS", "ENV_VAR", "QueryResult", "Store", "default_store_location",
           "open_store"]
