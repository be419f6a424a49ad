"""Parallel extraction (process pool, Dask cluster) gives what one process gives.

The reference is ``extract_many`` in this process; each mode must return the same
documents (compared as graphs with a fixed ingestion time) and the same read errors,
in any order. A worker that dies must end the run with ``KgError``, not hang it.
"""

from __future__ import annotations

import faulthandler
import time
from datetime import datetime, timezone
from pathlib import Path

import psutil
import pytest

from kg.core.errors import InputError, KgError
from kg.processing.parallel import chunk_files, extract_in_processes, extract_on_cluster
from kg.processing.process import extract_many
from kg.rdf.build import document_graph

pytestmark = pytest.mark.slow

WHEN = datetime(2024, 1, 1, tzinfo=timezone.utc)
HANG_LIMIT = 180  # seconds; a hang dumps the stacks and ends the run instead of blocking CI


@pytest.fixture(scope="module")
def files(dev_dir, tmp_path_factory) -> list[Path]:
    bad = tmp_path_factory.mktemp("bad") / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02 not text \x00" * 50)
    return sorted(dev_dir.glob("*.txt")) + [bad]


def _by_path(outcomes) -> dict[str, object]:
    """path -> set of triples (for documents) or the reason (for read errors)."""
    found: dict[str, object] = {}
    for path, outcome in outcomes:
        key = str(Path(path).resolve())
        assert key not in found, f"{path} reported twice"
        if isinstance(outcome, InputError):
            found[key] = ("error", outcome.reason)
        else:
            found[key] = set(document_graph(outcome, WHEN))  # no blank nodes: sets suffice
    return found


@pytest.fixture(scope="module")
def reference(files, nlp) -> dict[str, object]:
    return _by_path(extract_many(files, nlp))


@pytest.fixture
def watchdog():
    faulthandler.dump_traceback_later(HANG_LIMIT, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def _assert_same(got: dict, want: dict) -> None:
    assert got.keys() == want.keys()
    for path, expected in want.items():
        assert got[path] == expected, f"{path} differs"
    assert sum(isinstance(v, tuple) for v in got.values()) == 1  # the binary file


def test_chunks_cover_all_files_once():
    files = [Path(f"{i}.txt") for i in range(37)]
    chunks = chunk_files(files, 2)
    assert [f for c in chunks for f in c] == files
    assert max(len(c) for c in chunks) <= 8 and len(chunks[-1]) == 1  # a short tail
    assert [f for c in chunk_files(files, 1, size=100) for f in c] == files
    assert chunk_files([], 2) == []


def test_processes_match_single_process(files, reference, watchdog):
    _assert_same(_by_path(extract_in_processes(files, 2)), reference)


def test_cluster_matches_single_process(files, reference, watchdog):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        got = _by_path(extract_on_cluster(files, cluster.scheduler_address))
    _assert_same(got, reference)


def test_unreachable_scheduler_is_a_clear_error():
    address = "tcp://127.0.0.1:9"  # discard port: nothing listens there
    with pytest.raises(KgError, match="127.0.0.1:9"):
        list(extract_on_cluster([Path("a.txt")], address, connect_timeout=1))


def _pool_workers() -> list[psutil.Process]:
    """Live worker processes of our pool: the forkserver's children (its forks keep its
    command line, so they are told apart by parentage)."""
    children = psutil.Process().children()
    servers = [c for c in children if "forkserver" in " ".join(c.cmdline())]
    candidates = [w for s in servers for w in s.children()] if servers else children
    return [w for w in candidates if w.status() != psutil.STATUS_ZOMBIE]


def test_dead_worker_raises_and_stops_the_pool(files, watchdog):
    results = extract_in_processes(files * 3, 2)
    next(results)
    workers = _pool_workers()
    assert len(workers) == 2
    workers[0].kill()
    started = time.monotonic()
    with pytest.raises(KgError, match="died"):
        for _ in results:
            pass
    assert time.monotonic() - started < 60
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive
