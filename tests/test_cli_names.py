"""File names are escaped in every output: a newline in a name cannot forge an
`error:` line or split a row, and terminal escape codes never reach the terminal."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
GOOD = "US Secretary of State Antony Blinken met Japanese officials in Tokyo on Monday.\n"
NEWLINE = "note\nerror: forged.txt"
ESCAPE = "\x1b[2J\x1b]0;owned\x07red.txt"
SHOWN = {NEWLINE: r"note\nerror: forged.txt", ESCAPE: r"\x1b[2J\x1b]0;owned\x07red.txt"}
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def kg(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def fast_nlp(monkeypatch, nlp):
    monkeypatch.setattr("kg.archive.ingest.load_pipeline", lambda model: nlp)


def clean(output: str) -> None:
    """No control characters but newlines, and no forged error line."""
    assert not CONTROL.search(output), repr(output)
    assert not any(line.startswith("error: forged") for line in output.splitlines())


@pytest.mark.parametrize("name", [NEWLINE, ESCAPE], ids=["newline", "escape-codes"])
def test_cli_names_escaped_in_every_output(tmp_path, fast_nlp, name):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text(GOOD, encoding="utf-8")
    (folder / (name.replace(".txt", "") + "-empty.txt")).write_bytes(b"")
    store = tmp_path / "store"
    ingested = kg("ingest", folder, "--store", store)
    assert ingested.exit_code == 1  # the empty file
    errors = [l for l in ingested.stderr.splitlines() if l.startswith("error")]
    assert len(errors) == 1 and SHOWN[name].replace(".txt", "") + "-empty.txt" in errors[0]
    outputs = [ingested.stdout, ingested.stderr]
    listed = kg("documents", "--store", store)
    assert SHOWN[name] in listed.stdout
    outputs += [listed.stdout, listed.stderr]
    dump = tmp_path / "dump.nq"
    dump.write_text(kg("export", "--store", store).stdout, encoding="utf-8")
    loaded = kg("load", dump, "--store", store)  # every document skipped, by name
    assert f"skipped {SHOWN[name]} (" in loaded.stdout
    outputs += [loaded.stdout, loaded.stderr]
    extracted = kg("extract", folder)
    outputs += [extracted.stderr]
    removed = kg("remove", name, "--store", store)
    assert removed.exit_code == 0 and f"removed {SHOWN[name]} (" in removed.stdout
    outputs += [removed.stdout, removed.stderr]
    for output in outputs:
        clean(output)
