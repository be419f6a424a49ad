"""Extraction quality on the dev corpus, scored by the shared scorer; fails below target."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import DEV, SHARED

pytestmark = pytest.mark.slow

TARGETS = {
    "countries": 0.95, "persons": 0.90, "person_role": 0.80, "person_country": 0.85,
    "organizations": 0.70, "agreements": 0.80, "agreement_parties": 0.75,
}


@pytest.fixture(scope="module")
def scores() -> dict:
    run = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), "--corpus", str(DEV), "--json",
         "--cmd", f"{sys.executable} -m kg extract"],
        capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads(run.stdout)


@pytest.mark.parametrize("field", sorted(TARGETS))
def test_quality_dev_f1_at_or_above_target(scores, field):
    assert scores["fields"][field]["f1"] >= TARGETS[field], scores["fields"][field]


@pytest.mark.parametrize("field", ["agreement_duration", "agreement_value"])
def test_quality_dev_durations_and_values_none_invented(scores, field):
    assert scores["fields"][field]["fp"] == 0, scores["fields"][field]


def test_quality_dev_every_document_has_a_graph(scores):
    assert all(d["found"] for d in scores["documents"].values())
