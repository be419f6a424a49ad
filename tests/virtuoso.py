"""A throwaway Virtuoso server for tests: a generated virtuoso.ini in a temporary
directory, free ports on 127.0.0.1, stopped (terminate, wait, kill) when done.

Queries go to the anonymous ``/sparql`` endpoint, which stays read-only; updates go to
``/sparql-auth`` with the ``dba`` account (digest auth), as docs/stores.md recommends
for a real deployment.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
CheckpointInterval = 0
DirsAllowed = {d}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Virtuoso:
    base: str
    process: subprocess.Popen
    directory: Path
    sql_port: int = 0
    user: str = "dba"
    password: str = "dba"

    @property
    def url(self) -> str:
        return f"{self.base}/sparql"

    @property
    def update_url(self) -> str:
        return f"{self.base}/sparql-auth"

    @property
    def gsp_url(self) -> str:
        return f"{self.base}/sparql-graph-crud"

    def store(self, **options):
        from kg.store.remote import SparqlStore

        options = {"update_url": self.update_url, "user": self.user,
                   "password": self.password, **options}
        return SparqlStore(self.url, **options)

    def log(self) -> str:
        path = self.directory / "virtuoso.out"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(directory: Path, timeout: float = 90, buffers: int = 10000) -> Virtuoso:
    """A running Virtuoso; RuntimeError when it is not installed or does not come up.
    ``buffers``: its page cache, 8 kB each (the tests' small stores need few; Virtuoso
    suggests about 85,000 per GB of memory it may use)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise RuntimeError("virtuoso-t is not installed: apt-get install "
                           "virtuoso-opensource-7-bin (setup.sh does it as root)")
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(_INI.format(d=directory, http_port=http_port, sql_port=sql_port,
                               buffers=buffers, dirty=buffers * 3 // 5))
    out = open(directory / "virtuoso.out", "wb")
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)],
                               cwd=directory, stdout=out, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    out.close()
    server = Virtuoso(f"http://127.0.0.1:{http_port}", process, directory, sql_port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {process.returncode}:\n{server.log()}")
        if _answers(server.url):
            return server
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"virtuoso-t did not answer within {timeout:g} s:\n{server.log()}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False
