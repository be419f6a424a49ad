"""Extraction quality on the dev corpora, scored by the shared scorer; fails below target.

dev alone keeps the targets it was built to; dev and dev2 together are held to every
target of issue 11 (persons, offices, states, organizations, agreements, parties, the new
fields status, date and published) and to no invented duration or value.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEV, DEV2, SHARED

pytestmark = pytest.mark.slow

TARGETS = {
    "countries": 0.95, "persons": 0.90, "person_role": 0.80, "person_country": 0.85,
    "organizations": 0.70, "agreements": 0.80, "agreement_parties": 0.75,
}
TARGETS_BOTH = {
    "countries": 0.95, "persons": 0.90, "person_role": 0.80, "person_country": 0.85,
    "organizations": 0.75, "agreements": 0.80, "agreement_parties": 0.75,
    "agreement_status": 0.70, "agreement_date": 0.60, "published": 0.80,
}


def _score(*corpora: Path) -> dict:
    args = [a for c in corpora for a in ("--corpus", str(c))]
    run = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), *args, "--json",
         "--cmd", f"{sys.executable} -m kg extract"],
        capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def scores() -> dict:
    return _score(DEV)


@pytest.fixture(scope="module")
def scores_both() -> dict:
    return _score(DEV, DEV2)


@pytest.mark.parametrize("field", sorted(TARGETS))
def test_quality_dev_f1_at_or_above_target(scores, field):
    assert scores["fields"][field]["f1"] >= TARGETS[field], scores["fields"][field]


@pytest.mark.parametrize("field", sorted(TARGETS_BOTH))
def test_quality_dev_and_dev2_f1_at_or_above_target(scores_both, field):
    assert scores_both["fields"][field]["f1"] >= TARGETS_BOTH[field], scores_both["fields"][field]


@pytest.mark.parametrize("field", ["agreement_duration", "agreement_value"])
def test_quality_dev_and_dev2_durations_and_values_none_invented(scores_both, field):
    assert scores_both["fields"][field]["fp"] == 0, scores_both["fields"][field]


def test_quality_every_document_has_a_graph(scores_both):
    assert all(d["found"] for d in scores_both["documents"].values())
