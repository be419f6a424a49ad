"""The README's shell commands, run as a reader would run them (sqlite-utils tests its
documentation the same way), so the README cannot drift from what the code does.

The README is parsed when the test runs: a command added, changed or removed by anyone is
what gets run. The commands run in README order in a scratch folder that mirrors the
repository (symbolic links), with KG_STORE pointing at a temporary store, so files they
write and the store they fill stay out of the repository and the user's data.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SHELLS = ("bash", "sh", "shell", "console")
# Commands not run, by their first words, and why. Everything else in a bash block runs.
NOT_RUN = {
    "./setup.sh": "installs the package and Debian packages: the environment this test "
                  "already runs in",
    "pytest": "runs this very test suite",
    "kg app": "starts a server that runs until stopped (tests/test_app.py starts it)",
    "kg serve": "starts a server that runs until stopped (tests/test_serve.py serves)",
    "streamlit": "starts the app's server (tests/test_app_browser.py starts it)",
}


def shell_blocks(markdown: str) -> list[str]:
    fence = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)
    return [m.group(2) for m in fence.finditer(markdown) if m.group(1) in SHELLS]


def commands(block: str) -> list[str]:
    """The block's commands: a command goes on over lines until its quotes close (a
    multi-line SPARQL query) or while a line ends with a backslash."""
    found, pending = [], ""
    for line in block.splitlines(keepends=True):
        pending += line
        if pending.rstrip("\n").endswith("\\"):
            continue
        try:
            words = shlex.split(pending, comments=True)
        except ValueError:  # a quote still open
            continue
        if words:
            found.append(pending.strip())
        pending = ""
    assert not pending.strip(), f"unterminated command in README.md: {pending!r}"
    return found


def first_words(command: str) -> list[str]:
    words = shlex.split(command, comments=True)
    while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=\S*", words[0]):
        words = words[1:]  # VAR=value prefixes
    return words


def skipped(command: str) -> bool:
    words = first_words(command)
    return any(words[:len(key.split())] == key.split() for key in NOT_RUN)


def test_docs_readme_commands_are_found():
    found = [c for block in shell_blocks(README.read_text(encoding="utf-8"))
             for c in commands(block)]
    assert "kg ingest examples/" in [" ".join(first_words(c)) for c in found]
    assert any(c.startswith("kg query '") and "\n" in c for c in found)  # multi-line
    assert [c for c in found if skipped(c)], "the skip list no longer matches the README"


def test_docs_readme_every_shell_command_runs(tmp_path):
    work = tmp_path / ROOT.name
    work.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in (".git", ".venv"):
            (work / entry.name).symlink_to(entry)
    env = {**os.environ, "KG_STORE": str(tmp_path / "store"),
           "XDG_DATA_HOME": str(tmp_path / "data"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    ran, failures = [], []
    for block in shell_blocks(README.read_text(encoding="utf-8")):
        for command in commands(block):
            if skipped(command):
                continue
            result = subprocess.run(["bash", "-c", f"set -eo pipefail\n{command}"],
                                    cwd=work, env=env, capture_output=True, text=True,
                                    timeout=900)
            ran.append(command)
            problem = _problem(command, result, work)
            if problem:
                failures.append(f"$ {command}\n{problem}\n{result.stderr[-2000:]}")
    assert ran, "no command of README.md was run"
    assert not failures, "\n\n".join(failures)


def _problem(command: str, result: subprocess.CompletedProcess, work: Path) -> str | None:
    if result.returncode != 0:
        return f"exit code {result.returncode}"
    if re.search(r"^error:", result.stderr, re.M) or "Traceback" in result.stderr:
        return "an error on stderr"
    words = first_words(command)
    if ">" in words:
        written = work / words[words.index(">") + 1]
        if not written.is_file() or not written.stat().st_size:
            return f"wrote nothing to {written.name}"
    elif words[:2] == ["kg", "query"]:
        rows = result.stdout.strip().splitlines()[1:]
        if not rows:  # an example that finds nothing on the example documents
            return "no rows"
    return None
