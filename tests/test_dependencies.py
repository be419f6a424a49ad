"""Every module the code imports is a declared dependency (pyproject.toml), so that a
fresh virtual environment (`./setup.sh`, which CI runs in one of its own) has it.

A module that only happens to be installed (pulled in by another package, or present on
the machine) fails here instead of on a user's machine."""

from __future__ import annotations

import ast
import re
import sys
from functools import lru_cache
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest

from conftest import ROOT

# Which declared requirements each part of the code may rely on: the package and the app
# on the core dependencies only; tests and benchmarks also on the dev extra; the scripts
# in tools/ that regenerate data files also on the data extra.
ALLOWED = {"kg": {""}, "app": {""}, "tests": {"", "dev"}, "benchmarks": {"", "dev"},
           "tools": {"", "data"}}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements() -> list[str]:
    """pyproject.toml's requirements in the installed metadata's form ("name[x]>=1;
    extra == 'dev'"), read from the file itself so an edit counts before reinstalling."""
    try:
        import tomllib
    except ImportError:  # Python 3.10: the installed metadata says the same
        return requires("policykg") or []
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"],
            *(f"{req}; extra == '{extra}'"
              for extra, reqs in project.get("optional-dependencies", {}).items()
              for req in reqs)]


def declared() -> dict[str, set[str]]:
    """Distribution name -> the extras it is declared in ("" for the core)."""
    out: dict[str, set[str]] = {}
    for req in requirements():
        name = re.match(r"[A-Za-z0-9._-]+", req).group(0)
        extra = re.search(r"""extra\s*==\s*["']([^"']+)["']""", req)
        out.setdefault(_normal(name), set()).add(extra.group(1) if extra else "")
    return out


def third_party_imports(path: Path, local: set[str]) -> set[str]:
    """Top-level names of the modules ``path`` imports, minus the standard library and
    the modules of its own folder."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in local}


@lru_cache(maxsize=1)
def _providers() -> dict[str, list[str]]:
    return packages_distributions()  # scans every installed distribution: once


def distributions_of(module: str) -> set[str]:
    """The distributions that provide ``module``; a module that is not installed at all
    is looked up under its own name."""
    return {_normal(d) for d in _providers().get(module, [module])}


def local_modules(root: Path) -> set[str]:
    """Modules a script in ``root`` imports by bare name: its neighbours, and kg; for the
    tests also the app's modules (they put app/ on the path to test it)."""
    own = {"kg", *(p.stem for p in root.rglob("*.py")), *(p.name for p in root.iterdir()
                                                           if p.is_dir())}
    return own | local_modules(ROOT / "app") if root.name == "tests" else own


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_dependencies_every_import_is_declared(part):
    deps, root = declared(), ROOT / part
    missing = []
    for path in sorted(root.rglob("*.py")):
        for module in sorted(third_party_imports(path, local_modules(root))):
            dists = distributions_of(module)
            if not any(deps.get(d, set()) & ALLOWED[part] for d in dists):
                missing.append(f"{path.relative_to(ROOT)}: {module} (from "
                               f"{', '.join(sorted(dists))})")
    assert not missing, ("imported but not declared in pyproject.toml "
                         f"({' or '.join(e or 'core' for e in sorted(ALLOWED[part]))}):\n"
                         + "\n".join(missing))


def test_dependencies_check_finds_an_undeclared_import(tmp_path):
    """The check itself: a module that is installed but not declared is reported."""
    script = tmp_path / "script.py"
    script.write_text("import os\nimport idna\nfrom neighbour import x\nimport kg.store\n")
    (tmp_path / "neighbour.py").write_text("x = 1\n")
    found = third_party_imports(script, local_modules(tmp_path))
    assert found == {"idna"}
    assert not any(declared().get(d, set()) & {""} for d in distributions_of("idna"))
