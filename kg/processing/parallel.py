"""Extraction on several cores (a local process pool) or on a Dask cluster.

Both functions run the same unit of work as the single-process path,
``kg.processing.process.extract_many``, over chunks of files, and yield ``(path, DocumentRecords |
InputError)`` in order of completion. Only extraction is distributed: resolving entities
against the store, building graphs and writing stay in the caller (``kg.archive.ingest``), so
each document is still written in its own transaction by one process.

Read errors come back as ``InputError`` values, pickled like the records.
"""

from __future__ import annotations

import dataclasses
import multiprocessing as mp
import os
import signal
import tempfile
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from kg.core.errors import InputError, KgError
from kg.nlp import DEFAULT_MODEL, load_pipeline

if TYPE_CHECKING:
    from kg.core.records import DocumentRecords

Outcome = tuple[Path, "DocumentRecords | InputError"]

# Files per task at most: big enough that nlp.pipe batches and the per-task overhead
# (pickling records back, ~1 ms) stays negligible; chunks shrink near the end.
CHUNK_SIZE = 8
# Chunks in flight per worker: one running, one queued, so a worker never waits for
# the parent, while results and (on a cluster) file bytes in memory stay bounded.
IN_FLIGHT_PER_WORKER = 2
# A cluster chunk carries the files' bytes; big PDFs get chunks of their own.
MAX_CHUNK_BYTES = 16 * 2**20
# forkserver: workers fork from a clean single-threaded server that has imported spaCy
# once, not from the caller, which may hold the store's lock and runs a progress-bar
# thread (forking a threaded process can deadlock a child). See docs/benchmarks.md.
START_METHOD = "forkserver"
_PRELOAD = ["kg.processing.parallel", "kg.processing.process"]
PARENT_CHECK = 0.5  # seconds between a worker's looks at its parent


# --------------------------------------------------------------------------- shared helpers


def chunk_files(files: list[Path], workers: int, size: int = CHUNK_SIZE) -> list[list[Path]]:
    """Split ``files`` into chunks of at most ``size`` that shrink towards the end
    (guided self-scheduling), so the workers finish within a document or two of each
    other instead of one of them running a last full chunk alone."""
    chunks, start, spread = [], 0, max(workers, 1) * 2
    while start < len(files):
        n = max(1, min(size, (len(files) - start) // spread))
        chunks.append(files[start:start + n])
        start += n
    return chunks


# --------------------------------------------------------------------------- process pool

_worker: dict = {}  # per worker process: the pipeline, or why it could not be loaded


def _init_worker(model: str, parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent alone handles it and ends us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with(parent)
    try:
        _worker["nlp"] = load_pipeline(model)
    except BaseException as exc:  # noqa: BLE001 - raised by the first task instead:
        _worker["error"] = exc  # a failing initializer makes the pool respawn forever


def _end_with(parent: int) -> None:
    """End this worker when ``parent`` (the program that made the pool) is gone. A
    parent killed with SIGKILL closes nothing, and the pool's queues give its workers no
    end of file (each worker holds their other ends too): they, and the forkserver that
    made them, would wait forever, holding memory and the parent's pipes."""
    import psutil

    try:
        started = psutil.Process(parent).create_time()
    except psutil.Error:
        os._exit(1)

    def alive() -> bool:
        try:
            process = psutil.Process(parent)
            return (process.create_time() == started  # not another process under its pid
                    and process.status() != psutil.STATUS_ZOMBIE)
        except psutil.Error:
            return False

    def watch() -> None:
        while alive():
            time.sleep(PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def _extract_chunk(paths: list[Path]) -> list[Outcome]:
    if "error" in _worker:
        raise _worker["error"]
    from kg.processing.process import extract_many

    return list(extract_many(paths, _worker["nlp"]))


def _new_pool(workers: int, model: str) -> ProcessPoolExecutor:
    ctx = mp.get_context(START_METHOD)
    if START_METHOD == "forkserver":
        ctx.set_forkserver_preload(_PRELOAD)
    return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(model, os.getpid()))


def _stop_pool(pool: ProcessPoolExecutor, clean: bool) -> None:
    """Shut the pool down; after an error or an abandoned generator, kill the workers
    rather than wait for the chunks they are on."""
    if clean:
        pool.shutdown(wait=True)
        return
    # ProcessPoolExecutor cannot terminate running workers before Python 3.14
    # (terminate_workers); its process table is the only handle on them.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)


def extract_in_processes(files: Iterable[Path], workers: int, *, model: str = DEFAULT_MODEL
                         ) -> Iterator[Outcome]:
    """Extract ``files`` in ``workers`` processes, each loading the pipeline once.

    Results stream back as chunks finish. A worker that dies (killed, out of memory)
    raises ``KgError``; an exception, a Ctrl-C or closing the generator early terminates
    the workers instead of waiting for them.
    """
    chunks = iter(chunk_files([Path(f) for f in files], workers))
    pool = _new_pool(workers, model)
    clean = False
    try:
        pending: set[Future] = set()
        while True:
            while len(pending) < workers * IN_FLIGHT_PER_WORKER:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.add(pool.submit(_extract_chunk, chunk))
            if not pending:
                break
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from _result_of(future)
        clean = True
    finally:
        _stop_pool(pool, clean)


def _result_of(future: Future) -> list[Outcome]:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise KgError("an extraction worker process died unexpectedly (killed, or out of "
                      "memory?); try fewer --workers") from exc


# --------------------------------------------------------------------------- Dask cluster
# The client sends each chunk's file *bytes* with the task, so workers need no shared
# filesystem; they need policykg and the spaCy model installed (same versions).

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler before giving up
_cluster_lock = threading.Lock()  # one pipeline per worker process, used by one thread


def _cluster_task(payload: list[tuple[str, bytes]], model: str) -> list[Outcome]:
    """Runs on a Dask worker: write the files under their own names into a temporary
    folder (the suffix picks the reader), extract, and report the original paths."""
    from kg.processing.process import extract_many

    with _cluster_lock, tempfile.TemporaryDirectory(prefix="kg-chunk-") as tmp:
        nlp = load_pipeline(model)  # cached per worker process: loaded by the first task
        local: dict[Path, str] = {}
        for i, (original, raw) in enumerate(payload):
            target = Path(tmp, str(i), Path(original).name)  # one folder each: names may clash
            target.parent.mkdir()
            target.write_bytes(raw)
            local[target] = original
        return [_relocate(outcome, local) for outcome in extract_many(list(local), nlp)]


def _relocate(outcome: Outcome, local: dict[Path, str]) -> Outcome:
    """Give a result the path the client named instead of the worker's temporary copy."""
    path, result = outcome
    original = local[path]
    if isinstance(result, InputError):
        return Path(original), InputError(original, result.reason)
    return Path(original), dataclasses.replace(result, source_path=original)


def _read_for_cluster(path: Path) -> tuple[str, bytes] | InputError:
    """(resolved path, bytes), read here in the client; failures as the reader words them."""
    from kg.reading.files import read_bytes

    try:
        return str(path.resolve()), read_bytes(path)
    except InputError as exc:
        return exc


def _payloads(chunks: Iterable[list[Path]]) -> Iterator[tuple[list, list[InputError]]]:
    """Per chunk: the files to send and the files that could not even be read here.
    Read lazily, chunk by chunk, so at most the chunks in flight are held in memory."""
    for chunk in chunks:
        payload, failed, size = [], [], 0
        for path in chunk:
            item = _read_for_cluster(path)
            if isinstance(item, InputError):
                failed.append(item)
                continue
            if payload and size + len(item[1]) > MAX_CHUNK_BYTES:
                yield payload, failed
                payload, failed, size = [], [], 0
            payload.append(item)
            size += len(item[1])
        yield payload, failed


def _connect(address: str, timeout: float):
    from distributed import Client

    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise KgError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


def _cluster_result(future, address: str) -> list[Outcome]:
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    try:
        return future.result()
    except ModuleNotFoundError as exc:
        raise KgError(f"the Dask workers at {address} cannot import {exc.name!r}: install "
                      f"policykg and its model on every worker") from exc
    except (KilledWorker, FutureCancelledError) as exc:
        raise KgError(f"Dask workers at {address} died or were lost while extracting: "
                      f"{exc}") from exc


def extract_on_cluster(files: Iterable[Path], address: str, *, model: str = DEFAULT_MODEL,
                       connect_timeout: float = CONNECT_TIMEOUT) -> Iterator[Outcome]:
    """Extract ``files`` on the Dask cluster whose scheduler is at ``address``.

    Files are read here and their bytes sent with the tasks; each worker loads the
    pipeline once (on its first task). Results stream back as chunks finish.
    """
    from distributed import as_completed

    files = [Path(f) for f in files]
    client = _connect(address, connect_timeout)
    try:
        threads = max(1, sum(client.nthreads().values()))
        payloads = _payloads(chunk_files(files, threads))
        futures = as_completed(loop=client.loop)

        def submit_next() -> Iterator[Outcome]:
            """Send the next chunk; yield what could not be read locally."""
            for payload, failed in payloads:
                yield from ((Path(err.path), err) for err in failed)
                if payload:
                    futures.add(client.submit(_cluster_task, payload, model, pure=False))
                    return

        for _ in range(threads * IN_FLIGHT_PER_WORKER):
            yield from submit_next()
        for future in futures:
            outcomes = _cluster_result(future, address)
            future.release()
            yield from submit_next()  # keep the workers busy while the caller writes
            yield from outcomes
    finally:
        client.close()
