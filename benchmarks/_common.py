"""Helpers shared by the benchmark scripts: machine facts, the corpus, timing a process
tree (wall clock, CPU and memory, children included), and printing tables.

The machine these run on is often shared, so every script prints the load average
before and after and reports CPU seconds next to wall-clock seconds: CPU time hardly
moves when other processes compete for the cores, wall time does.
"""

from __future__ import annotations

import tempfile

import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BENCH_CORPUS = ROOT.parent / "shared" / "corpus" / "bench"


# --------------------------------------------------------------------------- machine


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def machine_summary() -> str:
    from importlib.metadata import version

    libs = []
    for name in ("spacy", "pyoxigraph", "rdflib"):
        try:
            libs.append(f"{name} {version(name)}")
        except Exception:  # noqa: BLE001 - a missing library is reported, not fatal
            libs.append(f"{name} ?")
    return (f"date {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC | "
            f"nproc {os.cpu_count()} | {cpu_model()} | "
            f"RAM {psutil.virtual_memory().total / 2**30:.1f} GiB | "
            f"Python {platform.python_version()} | {', '.join(libs)}")


def print_header(title: str) -> None:
    print(f"# {title}")
    print(machine_summary())
    print(f"load average (1/5/15 min) at start: {load_average()}")
    sys.stdout.flush()


# --------------------------------------------------------------------------- corpus


def corpus_files(corpus: Path, limit: int | None = None) -> list[Path]:
    files = sorted(p for p in corpus.glob("*.txt") if not p.name.startswith("."))
    if not files:
        raise SystemExit(f"no .txt files in {corpus}")
    return files[:limit] if limit else files


def read_clean_texts(files: list[Path]) -> list[str]:
    """The texts exactly as policykg feeds them to spaCy: read, then cleaned."""
    from kg.reading.clean import clean_text
    from kg.reading.readers import read_document

    return [clean_text(read_document(f).text) for f in files]


def count_words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


# --------------------------------------------------------------------------- measuring


@dataclass
class Usage:
    """What a process tree used between ``start`` and ``stop``."""

    wall: float = 0.0
    cpu: float = 0.0  # user + system seconds, all processes of the tree
    peak_rss: int = 0  # bytes: largest sum of RSS over the tree at one sample
    peak_pss: int = 0  # bytes: the same with shared pages split between processes
    samples: list[tuple[float, int, int]] = field(default_factory=list)  # (t, rss, pss)


class TreeSampler:
    """Samples a process and all its descendants in a background thread: CPU seconds
    (the last value seen for each pid, so processes that exit still count up to their
    last sample) and memory (RSS sum and PSS sum, peak over samples)."""

    def __init__(self, pid: int | None = None, interval: float = 0.25,
                 memory: bool = True) -> None:
        self.root = psutil.Process(pid or os.getpid())
        self.interval, self.memory = interval, memory
        self.usage = Usage()
        self._cpu: dict[int, float] = {}
        self._cpu0: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeSampler":
        self._t0 = time.perf_counter()
        self._sample(first=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self.usage.wall = time.perf_counter() - self._t0
        self.usage.cpu = sum(self._cpu[p] - self._cpu0.get(p, 0.0) for p in self._cpu)

    def current_rss(self) -> tuple[int, int]:
        return self.usage.samples[-1][1:] if self.usage.samples else (0, 0)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def _tree(self) -> list[psutil.Process]:
        try:
            return [self.root] + self.root.children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def _sample(self, first: bool = False) -> None:
        rss = pss = 0
        for proc in self._tree():
            try:
                with proc.oneshot():
                    t = proc.cpu_times()
                    cpu = t.user + t.system
                    if self.memory:
                        info = proc.memory_full_info()
                        rss, pss = rss + info.rss, pss + getattr(info, "pss", info.rss)
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            self._cpu[proc.pid] = cpu
            if first:
                self._cpu0[proc.pid] = cpu
        u = self.usage
        u.samples.append((time.perf_counter() - self._t0 if not first else 0.0, rss, pss))
        u.peak_rss, u.peak_pss = max(u.peak_rss, rss), max(u.peak_pss, pss)


def run_measured(cmd: list[str], env: dict | None = None, memory: bool = False
                 ) -> tuple[Usage, subprocess.CompletedProcess]:
    """Run ``cmd`` to completion and measure its whole process tree."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    sampler = TreeSampler(proc.pid, memory=memory)
    with sampler:
        out, err = proc.communicate()
    return sampler.usage, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def kg_command() -> list[str]:
    """The CLI as users run it, from this interpreter (so the same environment)."""
    return [sys.executable, "-m", "kg"]


# --------------------------------------------------------------------------- printing


def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table, ready to paste into docs/benchmarks.md."""
    cells = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h)
              for i, h in enumerate(headers)]
    line = lambda items: "| " + " | ".join(s.ljust(w) for s, w in zip(items, widths)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
                     + [line(r) for r in cells])


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f}"


def run_kg_ingest(files: list[Path], workers: int):
    """``kg ingest --workers N`` of ``files`` into a fresh temporary store, measured:
    ``(usage, completed process)``."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        cmd = kg_command() + ["ingest", "--store", str(Path(tmp, "store")),
                              "--workers", str(workers), *map(str, files)]
        return run_measured(cmd)
