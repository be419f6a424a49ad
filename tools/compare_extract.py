"""Does ``kg extract`` still write the same N-Quads? Compares each corpus's output with a
saved run (behaviour must stay when code only moves: issue 19, item 8).

    python tools/compare_extract.py --baseline DIR [--kg "kg extract"] [corpus ...]
    python tools/compare_extract.py --save DIR [corpus ...]     # write a new baseline

A corpus is a folder of ``*.txt`` (all of them, sorted, in one run, as the scorer runs
them); by name ("dev") it is ``../shared/corpus/NAME`` beside the repository. The saved
run of corpus NAME is ``DIR/NAME.nq``. Prints one line per corpus: identical, or how many
quads differ, by predicate, with a few examples; exits 1 when any corpus differs.

Compared are the quads, not the bytes: the order rdflib writes them in follows Python's
string hashing, which changes from one process to the next. The time of extraction
(``pkg:ingestedAt``) differs on every run and is left out.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpus"
DEFAULT_CORPORA = ("dev", "dev2", "dev3", "treaties")
SHOWN = 5  # example quads printed per side when a corpus differs
VOLATILE = (b"<https://w3id.org/policykg/ontology#ingestedAt>",)  # the clock's, not the code's


def corpus_dir(name: str) -> Path:
    path = Path(name)
    return path if path.is_dir() else CORPORA / name


def extract(cmd: str, corpus: Path) -> bytes:
    """The N-Quads ``cmd`` writes for every text of ``corpus``."""
    texts = sorted(str(p) for p in corpus.glob("*.txt"))
    if not texts:
        raise SystemExit(f"no .txt files in {corpus}")
    run = subprocess.run([*shlex.split(cmd), *texts, "--format", "nquads"],
                         capture_output=True, check=False)
    if run.returncode != 0:
        raise SystemExit(f"{cmd} failed on {corpus}:\n{run.stderr.decode(errors='replace')}")
    return run.stdout


def stable(data: bytes) -> bytes:
    """``data`` without the quads whose value is the time of the run."""
    return b"".join(line for line in data.splitlines(keepends=True)
                    if not any(b" " + p + b" " in line for p in VOLATILE))


def lines(data: bytes) -> int:
    return data.count(b"\n")


def predicate(quad: str) -> str:
    parts = quad.split(" ", 2)
    return parts[1] if len(parts) > 2 else "?"


def differences(old: bytes, new: bytes) -> tuple[Counter, Counter, list[str], list[str]]:
    """Quads only in the saved run and only in the new one (counted by predicate)."""
    before, after = Counter(old.decode().splitlines()), Counter(new.decode().splitlines())
    gone, added = sorted((before - after).elements()), sorted((after - before).elements())
    return Counter(map(predicate, gone)), Counter(map(predicate, added)), gone, added


def report(name: str, old: bytes, new: bytes) -> bool:
    """Print how the new output compares with the saved one; True when identical."""
    gone_by, added_by, gone, added = differences(old, new)
    if not gone and not added:
        print(f"{name}: identical ({lines(new)} quads)")
        return True
    print(f"{name}: {len(gone)} quads gone, {len(added)} new")
    for pred in sorted(set(gone_by) | set(added_by)):
        print(f"  {pred}: -{gone_by[pred]} +{added_by[pred]}")
    for sign, quads in (("-", gone), ("+", added)):
        for quad in quads[:SHOWN]:
            print(f"  {sign} {quad}")
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="*", default=DEFAULT_CORPORA,
                    help="corpus folders or names under ../shared/corpus (default: %(default)s)")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--baseline", type=Path, help="folder of saved runs (NAME.nq)")
    where.add_argument("--save", type=Path, help="write the runs here instead of comparing")
    ap.add_argument("--kg", default="kg extract", help='extractor command (default "kg extract")')
    args = ap.parse_args(argv)
    same = True
    for name in args.corpora:
        corpus = corpus_dir(name)
        out = extract(args.kg, corpus)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{corpus.name}.nq").write_bytes(out)
            print(f"{corpus.name}: saved ({lines(out)} quads)")
            continue
        saved = args.baseline / f"{corpus.name}.nq"
        if not saved.is_file():
            raise SystemExit(f"no saved run {saved}")
        same = report(corpus.name, stable(saved.read_bytes()), stable(out)) and same
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
