"""Shared fixtures: the pipeline (loaded once), paths to the shared corpora, stores."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "us-japan-defence.txt"
DEV = SHARED / "corpus" / "dev"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    return DEV


@pytest.fixture
def store(tmp_path):
    """A fresh embedded store in a temporary directory."""
    from kg.store import open_store

    st = open_store(tmp_path / "store")
    yield st
    st.close()
