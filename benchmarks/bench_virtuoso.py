"""The app's pages and the command line against a SPARQL server: a Virtuoso started as
the tests start it (tests/virtuoso.py), in a temporary folder, with a dump bulk-loaded.

    python benchmarks/bench_virtuoso.py --dump /work/stores/10000.nq [--pages graph,entity]
    python benchmarks/bench_virtuoso.py --dump 10000.nq --also index.nq --no-reindex

(``--also``: the derived data dumped from an embedded store's index graph after ``kg
reindex``, bulk-loaded instead of derived again over HTTP, which takes ~0.13 client
CPU-s a document.)

Steps, each timed: Virtuoso's own bulk loader (``ld_dir`` + ``rdf_loader_run`` through
``isql-vt``: the dump is hard-linked into the server's folder, not copied), ``kg reindex``
(the derived data the write path keeps, built from the loaded graphs), the commands
(``kg documents``, every ready-made query of ``queries/``, ``kg export --table
agreements``) with the client's CPU and the server's, then every page in headless
Chromium (bench_app.py). The server is stopped at the end, whatever happened.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from _common import ROOT, kg_command, load_average, machine_summary, run_measured, table

BUFFERS = 170_000  # 8 kB pages: ~1.3 GB of cache (the tests' 10,000 suit their tiny stores)
QUERY_LIMIT = 120  # seconds per command


def _tests_virtuoso():
    """tests/virtuoso.py: the server exactly as the test suite starts it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("virtuoso", ROOT / "tests" / "virtuoso.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def bulk_load(server, dump: Path) -> float:
    """Virtuoso's bulk loader on ``dump`` (hard-linked into its folder); wall seconds."""
    target = server.directory / dump.name
    try:
        os.link(dump, target)
    except OSError:  # another file system: copy
        shutil.copyfile(dump, target)
    script = (f"ld_dir('{server.directory}', '{dump.name}', 'urn:policykg:unused'); "
              "rdf_loader_run(); checkpoint;")
    start = time.perf_counter()
    done = subprocess.run(["isql-vt", f"127.0.0.1:{server.sql_port}", server.user,
                           server.password, f"exec={script}"], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bulk load failed: {done.stdout}\n{done.stderr}")
    target.unlink()
    return time.perf_counter() - start


def server_cpu(server) -> float:
    t = psutil.Process(server.process.pid).cpu_times()
    return t.user + t.system


def timed(server, name: str, args: list[str], env: dict) -> list:
    cpu0 = server_cpu(server)
    usage, done = run_measured(kg_command() + args, env=env)
    said = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
    status = "ok" if done.returncode == 0 else said[-1][:80]
    return [name, f"{usage.wall:.1f}", f"{usage.cpu:.1f}", f"{server_cpu(server) - cpu0:.1f}",
            status]


def commands(server, env: dict) -> list[list]:
    store = ["--store", server.url]
    rows = [timed(server, "kg documents", ["documents", *store], env)]
    for query in sorted((ROOT / "queries").glob("*.rq")):
        rows.append(timed(server, f"kg query {query.name}",
                          ["query", query.read_text(encoding="utf-8"), "--format", "tsv",
                           "--timeout", str(QUERY_LIMIT), *store], env))
    rows.append(timed(server, "kg export --format csv --table agreements",
                      ["export", "--format", "csv", "--table", "agreements", *store], env))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, required=True, help="an N-Quads dump")
    parser.add_argument("--also", type=Path, action="append", default=[],
                        help="another dump to bulk-load after it (repeat), e.g. the "
                             "derived data of an embedded store's index graph")
    parser.add_argument("--no-reindex", action="store_true",
                        help="skip kg reindex (the derived data came with --also)")
    parser.add_argument("--buffers", type=int, default=BUFFERS)
    parser.add_argument("--pages", help="only these pages (as bench_app.py --pages)")
    parser.add_argument("--no-pages", action="store_true", help="the commands only")
    args = parser.parse_args(argv)
    start = _tests_virtuoso().start

    print("# Pages and commands against Virtuoso")
    print(machine_summary())
    with tempfile.TemporaryDirectory(prefix="kg-bench-virtuoso-") as tmp:
        server = start(Path(tmp), buffers=args.buffers)
        try:
            env = {**os.environ, "KG_SPARQL_UPDATE_URL": server.update_url,
                   "KG_SPARQL_USER": server.user, "KG_SPARQL_PASSWORD": server.password}
            for dump in (args.dump, *args.also):
                print(f"\nbulk load of {dump.name}: {bulk_load(server, dump):.0f} s "
                      f"(load average {load_average()})")
            if not args.no_reindex:
                reindex = timed(server, "kg reindex", ["reindex", "--store", server.url], env)
                print(f"kg reindex: {reindex[1]} s wall, {reindex[2]} CPU-s client, "
                      f"{reindex[3]} CPU-s server ({reindex[4]})\n")
            print(table(["command", "wall s", "CPU s (client)", "CPU s (server)", "status"],
                        commands(server, env)))
            sys.stdout.flush()
            if not args.no_pages:
                import bench_app

                bench_app.main(["--store", server.url]
                               + (["--pages", args.pages] if args.pages else []))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
