"""User queries on an embedded store, each run by a query process that can be killed.

pyoxigraph cannot interrupt a query, and a thread that runs one cannot be stopped: a
query past its time limit kept a core busy and the store's read lock held (ingest, load
and remove failed as "store busy") until the program ended, and a query that overflowed
the native stack killed the whole program (``kg serve``, the app). So ``kg.querying.query`` hands
every user query on an embedded store on disk to a query process: a small Python
process (``python -m kg.querying.processes``) that checks the query, takes the store's read
lock, runs it and sends the result back. At the time limit the caller kills it: the CPU
and the lock are let go at once. A query process that dies (a crash) fails its query
alone.

Query processes are kept for the next query (``QUERY_PROCESSES`` at most, so that many
queries run at once; others wait for one), and end with the program that started them:
at its exit, when their standard input closes, or when they see it gone.

Protocol: length-prefixed pickles over the process's stdin and stdout. Both ends are
this module, in one program and the child it started.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import BinaryIO, Mapping

from rdflib.term import Identifier

from kg.core.errors import KgError, QueryError, StoreError
from kg.store.base import QueryResult, Store

WORKER = "kg.querying.processes"  # what a query process runs (python -m WORKER)
QUERY_PROCESSES = 4  # at most this many queries at once; more wait for a free process
WAIT_FOR_PROCESS = 60.0  # seconds a query waits for a free query process
START_TIMEOUT = 60.0  # seconds a new query process may take to start
_HEADER = struct.Struct(">Q")
_PARENT_CHECK = 0.5  # seconds between a query process's looks at its parent


def can_isolate(store: Store) -> bool:
    """Whether ``store`` is an embedded store on disk not held by this thread (inside a
    session of its own the query must run where the session is)."""
    return (store.backend == "oxigraph" and getattr(store, "path", None) is not None
            and not store.holds_session())


def run_in_query_process(store: Store, sparql: str,
                         bindings: Mapping[str, Identifier] | None = None, *,
                         timeout: float | None, max_rows: int | None,
                         allow_service: bool) -> QueryResult:
    """``kg.querying.query.run_query`` for an embedded store on disk, in a query process."""
    from kg.store import lock

    request = {"path": str(store.path), "sparql": sparql, "bindings": dict(bindings or {}),
               "max_rows": max_rows, "allow_service": allow_service,
               "label": f"a query of {lock.me()}"}
    return _pool().run(request, timeout, holder=lambda: lock.holder_of(store.path))


# -- the caller's side ---------------------------------------------------------------------
class _QueryProcess:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", WORKER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        self.ready = False

    def wait_ready(self) -> None:
        """Wait until the process has started (imported what it needs), so that a
        query's time limit does not pay for the start."""
        if not self.ready:
            reply = _read(self.proc.stdout.fileno(), time.monotonic() + START_TIMEOUT)
            if reply != ("ready",):
                raise StoreError(f"a query process did not start within {START_TIMEOUT:g} s "
                                 f"({self.ended() or 'no answer'})")
            self.ready = True

    def run(self, request: dict, timeout: float | None) -> tuple[str, tuple]:
        """(how far it got, reply): the reply is ``()`` when the time limit came first
        or the process ended; how far: "sent", "checked" (parsed, waiting for the
        store's lock) or "started" (running). The limit starts once the process is
        ready."""
        self.wait_ready()
        deadline = time.monotonic() + timeout if timeout else None
        _write(self.proc.stdin, request)
        stage = "sent"
        while True:
            reply = _read(self.proc.stdout.fileno(), deadline)
            if reply is _EOF:
                try:
                    self.proc.wait(timeout=10)  # so that ended() can tell how
                except subprocess.TimeoutExpired:
                    pass
                return stage, ()
            if reply is None or reply[0] not in ("checked", "started"):
                return stage, reply or ()
            stage = reply[0]

    def ended(self) -> str | None:
        """How the process ended, if it has: "SIGSEGV (signal 11)", "exit code 1"."""
        code = self.proc.poll()
        if code is None:
            return None
        if code < 0:
            return f"{signal.Signals(-code).name} (signal {-code})"
        return f"exit code {code}"

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass


class _Pool:
    def __init__(self, size: int) -> None:
        self.size = size
        self.slots = threading.BoundedSemaphore(size)
        self.idle: list[_QueryProcess] = []
        self.lock = threading.Lock()

    def run(self, request: dict, timeout: float | None, holder) -> QueryResult:
        if not self.slots.acquire(timeout=WAIT_FOR_PROCESS):
            raise StoreError(f"all {self.size} query processes stayed busy for "
                             f"{WAIT_FOR_PROCESS:g} s; try again later")
        try:
            return self._run(request, timeout, holder)
        finally:
            self.slots.release()

    def _run(self, request: dict, timeout: float | None, holder) -> QueryResult:
        worker = self._take()
        try:
            try:
                stage, reply = worker.run(request, timeout)
            except (BrokenPipeError, StoreError):  # it died meanwhile: one more try
                worker.kill()
                worker = _QueryProcess()
                stage, reply = worker.run(request, timeout)
        except BaseException:
            worker.kill()
            raise
        if not reply:
            ended = worker.ended()
            worker.kill()
            if ended is not None:
                raise QueryError(f"the query process ended with {ended} while running "
                                 "the query (a crash of the store's query engine); "
                                 "nothing else was affected")
            if stage == "checked":
                raise StoreError(f"the store at {request['path']} stayed locked by "
                                 f"{holder()} for the query's whole time limit "
                                 f"({timeout:g} s)")
            from kg.store.safety import TimeLimitError

            raise TimeLimitError(timeout)
        with self.lock:
            self.idle.append(worker)
        kind, value = reply
        if kind == "result":
            return value
        if kind == "error":
            raise value
        raise RuntimeError(f"the query process failed:\n{value}")

    def _take(self) -> _QueryProcess:
        with self.lock:
            while self.idle:
                worker = self.idle.pop()
                if worker.ended() is None:
                    return worker
                worker.kill()
        return _QueryProcess()

    def close(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for worker in idle:
            worker.kill()


_POOL: _Pool | None = None
_POOL_LOCK = threading.Lock()


def _pool() -> _Pool:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = _Pool(QUERY_PROCESSES)
            atexit.register(_POOL.close)
        return _POOL


def prestart() -> None:
    """Start one query process now, so that the first query does not wait for it."""
    pool = _pool()
    worker = _QueryProcess()
    with pool.lock:
        pool.idle.append(worker)


# -- frames ----------------------------------------------------------------------------------
def _write(pipe: BinaryIO, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(_HEADER.pack(len(data)) + data)
    pipe.flush()


_EOF = object()


def _read(fd: int, deadline: float | None):
    """The next message on ``fd``; None at the deadline, ``_EOF`` at end of file."""
    header = _read_exactly(fd, _HEADER.size, deadline)
    if header is None or header is _EOF:
        return header
    body = _read_exactly(fd, _HEADER.unpack(header)[0], deadline)
    return body if body is None or body is _EOF else pickle.loads(body)


def _read_exactly(fd: int, size: int, deadline: float | None):
    chunks, left = [], size
    while left:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        if not select.select([fd], [], [], wait)[0]:
            return None
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return _EOF
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# -- the query process -------------------------------------------------------------------------
def _answer(request: dict, send) -> tuple:
    from kg.store.safety import check_bindings, check_query
    from kg.store import lock
    from kg.store.oxigraph import OxigraphStore

    lock.process_label = request["label"]
    try:
        info = check_query(request["sparql"], allow_service=request["allow_service"])
        check_bindings(info, request["bindings"])
        send(("checked",))
        store = OxigraphStore(Path(request["path"]), read_only=True)
        with store.reading():
            send(("started",))
            return "result", store.query(request["sparql"], request["bindings"],
                                         max_rows=request["max_rows"])
    except KgError as exc:
        return "error", exc
    except Exception:  # noqa: BLE001 - a bug: its traceback goes to the caller
        return "bug", traceback.format_exc()


def _watch_parent() -> None:
    """End this process when the program that started it is gone (killed with SIGKILL,
    it closes nothing)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the program to handle
    requests = sys.stdin.fileno()
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not break frames
    _watch_parent()
    import kg.store.safety  # noqa: F401 - what every query needs, imported before "ready"
    import kg.store.oxigraph  # noqa: F401
    import rdflib.plugins.sparql.parser  # noqa: F401

    _write(replies, ("ready",))
    while True:
        request = _read(requests, None)
        if request is _EOF:  # the program closed our stdin: it ended
            return
        _write(replies, _answer(request, lambda message: _write(replies, message)))


if __name__ == "__main__":
    main()
