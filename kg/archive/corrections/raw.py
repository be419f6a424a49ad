"""What extraction alone produced: the store with every correction reversed, for ``kg
query --raw`` and ``kg export --raw``.

It is a copy, made per use and thrown away after, with the same graph names, so every
query means the same on it: the embedded store checkpoints itself (RocksDB hard-links
its files: milliseconds, whatever the size) into a folder inside the store, which is
then opened on its own; an in-memory store is copied; a SPARQL server is read whole
into memory (as ``kg export`` reads it). On the copy the corrected graphs get back what
extraction produced (the graph minus ``pkg:introduced`` plus ``pkg:withheld``, as
``curate.raw_of`` says) and the two correction graphs go.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from kg.archive.corrections.curate import DELTA
from kg.archive.corrections.records import ADDED_GRAPH, CORRECTIONS_GRAPH
from kg.rdf.namespace import PKG
from kg.store.base import Store
from kg.store.oxigraph import OxigraphStore

PREFIX = "policykg.raw-"
_STALE_SECONDS = 24 * 3600  # a copy left by a killed process is removed after a day
_DELTAS = (f"SELECT ?g ?w ?i WHERE {{ GRAPH ?g {{ ?g <{PKG.withheld}> ?w ; "
           f"<{PKG.introduced}> ?i }} }}")


@contextmanager
def raw_view(store: Store) -> Iterator[Store]:
    """A store holding what extraction alone produced, for the ``with`` block."""
    store.require_existing()
    with _copy(store) as db:
        _reverse(db)
        yield OxigraphStore.over(db, f"{store.location} (raw)")


@contextmanager
def _copy(store: Store) -> Iterator[ox.Store]:
    if isinstance(store, OxigraphStore) and store.path is not None:
        with _checkpoint(store) as db:
            yield db
        return
    db = ox.Store()
    if isinstance(store, OxigraphStore):  # in memory
        with store.reading() as session:
            db.bulk_extend(session.db.quads_for_pattern(None, None, None, None))
    else:
        buf = io.BytesIO()
        store.dump(buf, "nquads")
        db.bulk_load(input=buf.getvalue(), format=ox.RdfFormat.N_QUADS)
    yield db


@contextmanager
def _checkpoint(store: OxigraphStore) -> Iterator[ox.Store]:
    _remove_stale(store.path)
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=store.path))
    try:
        with store.reading() as session:
            session.db.backup(str(folder / "db"))
        db = ox.Store(str(folder / "db"))
        try:
            yield db
        finally:
            del db  # the last reference: RocksDB closes before its folder goes
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _remove_stale(path: Path) -> None:
    for folder in path.glob(PREFIX + "*"):
        try:
            if time.time() - folder.stat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


def _reverse(db: ox.Store) -> None:
    """One update on the copy: the correction graphs dropped, each corrected graph's
    introduced triples deleted, its withheld ones inserted, its delta deleted. Only the
    deltas are read (the documents are not), and their N-Triples are parsed and written
    again before they go into the update: a delta is data, never update text."""
    deleted, inserted = [], []
    for row in db.query(_DELTAS):
        graph = f"<{row['g'].value}>"
        deleted.append(f"GRAPH {graph} {{ {_ntriples(row['i'].value)} }}")
        inserted.append(f"GRAPH {graph} {{ {_ntriples(row['w'].value)} }}")
    steps = [f"DROP SILENT GRAPH <{g}>" for g in (ADDED_GRAPH, CORRECTIONS_GRAPH)]
    steps += [f"DELETE DATA {{ {' '.join(deleted)} }}", f"INSERT DATA {{ {' '.join(inserted)} }}"]
    steps += [f"DELETE WHERE {{ GRAPH ?g {{ ?g <{p}> ?v }} }}" for p in DELTA]
    db.update(" ;\n".join(steps))


def _ntriples(text: str) -> str:
    triples = ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
