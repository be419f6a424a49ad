"""The actor knowledge base the package ships is what its build script makes of the
datasets in ../shared/data/actors, byte for byte, with each licence in its own file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED
from kg.nlp.knowledge.kb import DATA_DIR, FILES, load_knowledge

SOURCE = SHARED / "data" / "actors"
BUILD = ROOT / "tools" / "build_actors.py"


def build(*args: str) -> subprocess.CompletedProcess:
    """The build script run as its docstring says (it is not part of the package)."""
    return subprocess.run([sys.executable, str(BUILD), *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("actors")
    run = build("--source", str(SOURCE), "--out", str(out))
    assert run.returncode == 0, run.stderr
    return out


@pytest.mark.parametrize("name", FILES)
def test_actors_build_reproduces_the_shipped_file(rebuilt, name):
    assert (rebuilt / name).read_bytes() == (DATA_DIR / name).read_bytes(), \
        f"{name} differs from a rebuild: run python tools/build_actors.py"


@pytest.mark.parametrize("name, sources", [
    ("actors.json", {"archigos", "reign", "wikidata", "phoenix", "cow", "manyios"}),
    ("actors-countryinfo.json", {"countryinfo"}),
    ("actors-supraverden.json", {"supraverden"})])
def test_actors_build_keeps_each_licence_in_its_own_file(name, sources):
    data = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    header = data["header"]
    assert set(header["sources"]) == sources
    assert all(src["citation"] and src["licence"] for src in header["sources"].values())
    used = {p[3] for p in data["persons"]} | {s for o in data["organizations"] for s in o[6]}
    assert used <= sources
    if "BY-SA" in " ".join(src["licence"] for src in header["sources"].values()):
        assert "BY-SA" in header["licence"]


def test_actors_build_terms_are_iso_states_and_dates():
    kb = load_knowledge()
    for i in range(0, len(kb.persons), 97):  # a sample across all sources
        for term in kb._person(i).terms:
            assert len(term.state) == 2 and term.state.isupper()
            for date in (term.start, term.end):
                assert date is None or date[:4].isdigit()


def test_actors_build_refuses_a_folder_without_the_datasets(tmp_path):
    run = build("--source", str(tmp_path), "--out", str(tmp_path / "out"))
    assert run.returncode == 2
    assert "SOURCES.md" in run.stderr
