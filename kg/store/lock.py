"""One writer or any number of readers on an embedded store, across processes and
threads: a readers-writer lock beside the store's files, and the store's version token.

RocksDB (under Oxigraph) lets one process open a store for writing and says nothing of a
read-only opening beside a writer (pyoxigraph: undefined behaviour). So every operation
takes this lock first, opens the store (read-only for reads, read-write for writes) and
closes it before letting the lock go: readers never meet a writer, and the lock is held
only as long as the operation. The lock is filelock's ``ReadWriteLock`` (SQLite-based,
released by the system if its process dies); a hold belongs to the thread that took it.

A writer that has to wait says so once ("waiting for the store lock held by kg app
(pid 123)") and gives up after ``KG_LOCK_TIMEOUT`` seconds (default 60) with an error.
The version token (``policykg.version``) changes with every write, so a reader (the app)
can tell that its cached results are stale without opening the store.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Literal

from filelock import ReadWriteLock, Timeout

from kg.core.errors import StoreError

Mode = Literal["read", "write"]
_DOING = {"read": "reading", "write": "writing"}
LOCK_FILE = "policykg.lock"
OWNER_FILE = "policykg.lock-owner"
VERSION_FILE = "policykg.version"
TIMEOUT_VAR = "KG_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 60.0  # seconds a command waits for the lock before it gives up
NOTICE_AFTER = 1.0  # seconds of waiting before saying so
# How this process names itself to others waiting for the lock; the app sets "kg app".
process_label: str | None = None


def lock_timeout() -> float:
    try:
        return float(os.environ.get(TIMEOUT_VAR, DEFAULT_TIMEOUT))
    except ValueError:
        raise StoreError(f"{TIMEOUT_VAR} must be a number of seconds, not "
                         f"{os.environ[TIMEOUT_VAR]!r}") from None


def tell_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def held(directory: Path, mode: Mode, *, timeout: float | None = None,
         on_wait: Callable[[str], None] = tell_stderr) -> Iterator[None]:
    """Hold the lock of the store in ``directory`` (which exists) for reading or writing.

    Waits at most ``timeout`` seconds (default :func:`lock_timeout`), telling
    ``on_wait`` once if that takes more than a second; then raises ``StoreError``."""
    timeout = lock_timeout() if timeout is None else timeout
    try:
        lock = ReadWriteLock(directory / LOCK_FILE, is_singleton=False)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot lock the store at {directory}: {exc}") from exc
    try:
        _acquire(lock, directory, mode, timeout, on_wait)
        try:
            try:  # who holds it, for anyone who has to wait (a courtesy: may fail)
                _write(directory / OWNER_FILE, f"{me()}, {_DOING[mode]}")
            except StoreError:
                pass
            yield
        finally:
            lock.release()
    finally:
        lock.close()


def _acquire(lock: ReadWriteLock, directory: Path, mode: Mode, timeout: float,
             on_wait: Callable[[str], None]) -> None:
    acquire = lock.acquire_write if mode == "write" else lock.acquire_read
    try:
        acquire(timeout=min(NOTICE_AFTER, timeout))
        return
    except Timeout:
        pass
    holder = holder_of(directory)
    if timeout > NOTICE_AFTER:
        on_wait(f"waiting for the store lock held by {holder} (up to {timeout:g} s)...")
        try:
            acquire(timeout=timeout - NOTICE_AFTER)
            return
        except Timeout:
            holder = holder_of(directory)
    raise StoreError(f"the store at {directory} is busy: its lock is held by {holder}, "
                     f"for more than {timeout:g} s; try again when that is done (or set "
                     f"{TIMEOUT_VAR} to wait longer)")


def holder_of(directory: Path) -> str:
    """Who took the lock last: the one holding it, when a writer does."""
    try:
        return (directory / OWNER_FILE).read_text(encoding="utf-8").strip() or "another process"
    except OSError:
        return "another process"


def me() -> str:
    """How this process names itself to others waiting for the lock."""
    if process_label:
        return f"{process_label} (pid {os.getpid()})"
    argv = sys.argv or ["python"]
    name = Path(argv[0]).name
    if name in ("__main__.py", "kg"):  # `kg CMD` or `python -m kg CMD`
        name = "kg " + (argv[1] if len(argv) > 1 else "")
    return f"{name.strip()} (pid {os.getpid()})"


# --------------------------------------------------------------------------- version


def version(directory: Path) -> str:
    """The token of the store's last write; "" before its first (or for an old store)."""
    try:
        return (directory / VERSION_FILE).read_text(encoding="ascii").strip()
    except OSError:
        return ""


def new_version(directory: Path) -> None:
    """Mark a change (called with the write lock held, before and after writing, so a
    writer that dies halfway still leaves a new token)."""
    _write(directory / VERSION_FILE, uuid.uuid4().hex)


def _write(path: Path, text: str) -> None:
    """Replace ``path`` atomically: a reader sees the old text or the new, never half."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from exc
