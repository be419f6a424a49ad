"""The layering of kg holds: each folder imports only from the folders below it, and no
package has an import cycle among its modules and subpackages. The contracts are in
pyproject.toml ([tool.importlinter]); import-linter checks them, as `lint-imports` does."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# Runs import-linter on the kg package found on the path, with pyproject.toml's contracts
# from the current folder; prints its report and exits 0 when every contract is kept.
LINT = """
import sys
import importlinter.api  # noqa: F401  (configures import-linter)
from importlinter.application.use_cases import lint_imports
sys.exit(0 if lint_imports(config_filename="pyproject.toml", no_logo=True, cache_dir=None) else 1)
"""


def lint(root: Path) -> subprocess.CompletedProcess:
    """import-linter on the kg package under ``root``, in a process of its own so that
    the package it reads is the one in ``root``, not the one this test process imported."""
    return subprocess.run([sys.executable, "-c", LINT], cwd=root, capture_output=True,
                          text=True, check=False, env={"PYTHONPATH": str(root), "PATH": ""})


def test_layering_contracts_are_kept():
    run = lint(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 kept, 0 broken" in run.stdout


@pytest.mark.parametrize("module, planted, broken", [
    ("kg/core/errors.py", "import kg.cli", "kg.core is not allowed to import kg.cli"),
    ("kg/nlp/countries/gazetteer.py", "from kg.nlp.agreements import find_agreements",
     "kg.nlp.countries is not allowed to import kg.nlp.agreements"),
    ("kg/nlp/agreements/types.py", "from kg.nlp.agreements.pipeline import AgreementFinder",
     "No cycles are allowed in kg.nlp.agreements"),
], ids=["upward", "upward-in-nlp", "cycle"])
def test_layering_finds_a_planted_import(tmp_path, module, planted, broken):
    """The check itself: a copy of the package with one import that breaks a contract."""
    shutil.copytree(ROOT / "kg", tmp_path / "kg",
                    ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    path = tmp_path / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{planted}\n", encoding="utf-8")
    run = lint(tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert broken in run.stdout, run.stdout
