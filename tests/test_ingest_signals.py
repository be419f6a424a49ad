"""`kg ingest` as a process: its workers die with it, Ctrl-C says what was stored and
what was not, and finished documents are written while a slow one is still read."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from kg.store.oxigraph import OxigraphStore

pytestmark = pytest.mark.slow
DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
STORED = "SELECT ?name WHERE { GRAPH ?d { ?d a pkg:Document ; pkg:fileName ?name } }"


def corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    for path in sorted(DEV.glob("*.txt"))[:count]:
        shutil.copy(path, folder / path.name)
    return sorted(folder.iterdir())


def start(spawn, *args) -> subprocess.Popen:
    # SIGINT as a terminal gives it, even when these tests run in the background (a
    # shell's background job inherits SIGINT ignored, and so would kg)
    return spawn([sys.executable, "-m", "kg", "ingest", *map(str, args)],
                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def stored(path: Path) -> set[str]:
    store = OxigraphStore(path, on_wait=lambda m: None)
    if not store.exists():
        return set()
    try:
        return {str(row[0]) for row in store.query(STORED).rows}
    except Exception:  # created a moment ago, not readable yet
        return set()


def wait_for(condition, seconds: float = 240, step: float = 0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(step)
    return None


def test_ingest_signals_workers_die_with_the_parent(tmp_path, spawn):
    proc = start(spawn, *corpus(tmp_path / "in", 8), "--workers", "2", "--store",
                 tmp_path / "store")
    parent = psutil.Process(proc.pid)
    children = wait_for(lambda: (kids := parent.children(recursive=True)) and len(
        [k for k in kids if "forkserver" in " ".join(k.cmdline())]) >= 3 and kids)
    assert children, "the workers never started"
    proc.kill()
    proc.wait()
    gone, alive = psutil.wait_procs(children, timeout=60)
    for orphan in alive:  # do not leave them to the next test
        orphan.kill()
    assert not alive, [" ".join(p.cmdline())[:80] for p in alive]


def test_ingest_signals_ctrl_c_says_what_was_stored(tmp_path, spawn):
    files = corpus(tmp_path / "in", 20)  # several batches: stored in several writes
    proc = start(spawn, tmp_path / "in", "--store", tmp_path / "store")
    assert wait_for(lambda: stored(tmp_path / "store")), "nothing was stored"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    kept = stored(tmp_path / "store")
    assert 0 < len(kept) < len(files), "interrupted too late to test"
    assert f"interrupted: {len(kept)} of {len(files)} documents stored" in err, err
    assert f"{len(files) - len(kept)} not stored" in err
    assert "run the same command again" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_signals_finished_documents_are_written_while_a_slow_one_is_read(
        tmp_path, spawn, workers):
    files = corpus(tmp_path / "in", 3)
    slow = tmp_path / "in" / "zz-slow.txt"  # last in order; ~150k characters, in pieces
    paragraph = "Japan and Australia signed a reciprocal access agreement in Canberra.\n\n"
    slow.write_text(paragraph * 2100, encoding="utf-8")
    proc = start(spawn, tmp_path / "in", "--workers", workers, "--store", tmp_path / "store")
    names = {f.name for f in files}
    early = wait_for(lambda: (seen := stored(tmp_path / "store")) >= names and seen)
    assert early == names, f"stored together with the slow one: {early}"
    assert proc.poll() is None  # the slow one is still being read
    proc.communicate(timeout=600)
    assert proc.returncode == 0
    assert stored(tmp_path / "store") == names | {slow.name}
