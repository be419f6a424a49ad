"""The `kg` command line: help, documentation, error reporting, bad inputs, maintenance."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.namespace import PKG

pytestmark = pytest.mark.filterwarnings("ignore:Dataset.* is deprecated:DeprecationWarning")

ROOT = Path(__file__).resolve().parents[1]
GOOD = "US Secretary of State Antony Blinken met Japanese officials in Tokyo on Monday.\n"
OTHER = "Germany and France agreed to expand their defence cooperation in Berlin.\n"

# typer 0.29's CliRunner (vendored Click 8.2+) always keeps stderr apart from stdout:
# no mix_stderr argument any more; result.stdout and result.stderr are separate.
runner = CliRunner()


def commands() -> dict:
    return typer.main.get_command(app).commands


def kg(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def fast_nlp(monkeypatch, nlp):
    """In-process `kg ingest` reuses the session's pipeline instead of loading one."""
    monkeypatch.setattr("kg.archive.ingest.load_pipeline", lambda model: nlp)


def squeeze(text: str) -> str:
    """``text`` without whitespace, so a line that rich wrapped still matches."""
    return re.sub(r"\s+", "", text)


# -- help and documentation ------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(commands()))
def test_cli_every_command_has_help(name):
    assert (commands()[name].help or "").strip(), f"kg {name} has no help text"
    result = kg(name, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout and "--help" in result.stdout


def test_cli_help_lists_every_command():
    result = kg("--help")
    assert result.exit_code == 0
    for name in commands():
        assert re.search(rf"^\s+{name}\s", result.stdout, re.M), f"{name} not in kg --help"


@pytest.mark.parametrize("name", sorted(commands()))
def test_cli_readme_documents_every_command(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"kg {name}" in readme, f"README.md does not mention `kg {name}`"


# -- errors are one clean line ---------------------------------------------------------------
@pytest.mark.parametrize("args, message, one_line", [
    # a malformed query may add lines that point at the mistake, under the error: line
    (["query", "SELEC nothing"], "malformed query", False),
    (["query", "SELECT * WHERE { ?s ?p ?o }", "--format", "yaml"], "unknown format", True),
    (["export", "--format", "rdfxml"], "unknown format", True),
    (["remove", "no-such-document.txt"], "matches no stored document", True),
    (["remove", "abc"], "at least 8 hex digits", True),
])
def test_cli_kg_error_is_a_clean_message_on_stderr(tmp_path, args, message, one_line):
    from kg.store import open_store

    open_store(tmp_path / "store").create()  # an empty store: the errors are the command's
    result = kg(*args, "--store", tmp_path / "store")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: ") and message in lines[0], result.stderr
    assert len(lines) == 1 or not one_line, result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, first", [
    (["ingest", "{tmp}/missing.txt"], "error: {tmp}/missing.txt: no such file or directory"),
    (["ingest", "{tmp}/empty.txt"], "error: {tmp}/empty.txt: file is empty"),
    (["ingest"], "error: Missing argument"),
    (["query", "ASK {{}}", "--bogus"], "error: No such option: --bogus"),
    (["nosuchcommand"], "error: No such command 'nosuchcommand'"),
    (["load", "{tmp}/missing.nq"], "error: {tmp}/missing.nq: no such file"),
    (["query", "ASK {{}}", "--bind", "x"], "error: --bind takes VAR=VALUE, not 'x'"),
], ids=["ingest-missing", "ingest-unreadable", "usage", "option", "command", "load",
        "bind"])
def test_cli_every_error_has_one_style(tmp_path, fast_nlp, args, first):
    """`error: ` and the thing, whoever found the mistake: the command, its reader, or
    the argument parser."""
    from kg.store import open_store

    (tmp_path / "empty.txt").write_bytes(b"")
    open_store(tmp_path / "store").create()  # the errors are the command's, not "no store"
    args = [a.format(tmp=tmp_path) for a in args]
    result = kg(*args, *(["--store", tmp_path / "store"] if len(args) > 1 else []))
    assert result.exit_code in (1, 2)
    errors = [line for line in result.stderr.splitlines() if "rror" in line]
    assert errors and errors[0].startswith(first.format(tmp=tmp_path)), result.stderr
    assert not any(line.startswith("Error") for line in result.stderr.splitlines())


# -- a mistyped store path -------------------------------------------------------------------
READING_COMMANDS = {
    "query": ["query", "SELECT * WHERE { ?s ?p ?o }"],
    "export": ["export"],
    "documents": ["documents"],
    "validate": ["validate"],
    "serve": ["serve", "--port", "1"],
    "extract": ["extract", "DOC"],
    "remove": ["remove", "a.txt"],
    "corrections": ["corrections"],
    "correct": ["correct", "reject", "pkg:a", "pkg:actsFor", "pkg:b"],
}


@pytest.fixture
def no_servers(monkeypatch):
    """Whatever happens, nothing starts a server or replaces the test process."""
    def refuse(*args, **kwargs):
        raise AssertionError("a server would have started")

    monkeypatch.setattr("kg.querying.serve.make_server", refuse)
    monkeypatch.setattr("os.execve", refuse)


# kg extract reads a store only when --store names one (its default is an empty store)
@pytest.mark.parametrize("name, how", [(name, how) for name in sorted(READING_COMMANDS)
                                       for how in ("--store", "KG_STORE")
                                       if (name, how) != ("extract", "KG_STORE")])
def test_cli_reading_command_on_a_missing_store_says_so(tmp_path, monkeypatch, no_servers,
                                                        fast_nlp, name, how):
    missing = tmp_path / "typo-store"
    doc = tmp_path / "doc.txt"
    doc.write_text(GOOD, encoding="utf-8")
    args = [str(doc) if a == "DOC" else a for a in READING_COMMANDS[name]]
    if how == "--store":
        args += ["--store", str(missing)]
    else:
        monkeypatch.setenv("KG_STORE", str(missing))
    result = kg(*args)
    assert result.exit_code == 1, result.output
    assert (f"no store at {missing} (run kg ingest first, or check --store / KG_STORE)"
            in result.stderr), result.stderr
    assert result.stdout == "" and not missing.exists()  # nothing created


def test_cli_app_on_a_missing_store_starts_empty(tmp_path, monkeypatch):
    started = {}
    monkeypatch.setattr("os.execve", lambda exe, cmd, env: started.update(env=env))
    missing = tmp_path / "new-store"
    result = kg("app", "--headless", "--store", str(missing), "--author", "ana")
    assert result.exit_code == 0, result.output
    assert "the app starts empty" in result.stderr and not missing.exists()
    assert (started["env"]["KG_STORE"], started["env"]["KG_AUTHOR"]) == (str(missing), "ana")


@pytest.mark.parametrize("args", [["ingest", "DOC"], ["load", "DUMP"]])
def test_cli_writing_command_creates_the_store(tmp_path, fast_nlp, args):
    doc = tmp_path / "doc.txt"
    doc.write_text(GOOD, encoding="utf-8")
    dump = tmp_path / "dump.nq"
    dump.write_text("", encoding="utf-8")
    new = tmp_path / "new-store"
    args = [{"DOC": str(doc), "DUMP": str(dump)}.get(a, a) for a in args]
    result = kg(*args, "--store", new)
    assert result.exit_code == 0, result.output
    assert kg("documents", "--store", new).exit_code == 0


# -- bad inputs through kg ingest ------------------------------------------------------------
BAD_INPUTS = {  # file name -> (content or None for a missing path, reason substring)
    "empty.txt": (b"", "empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)), "binary"),
    "latin1.txt": ("Caf\u00e9 au lait in Paris.".encode("latin-1"), "UTF-8"),
    "corrupt.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "PDF"),
    "missing.txt": (None, "no such file"),
}


@pytest.fixture
def bad_inputs(tmp_path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = {}
    for name, (content, _) in BAD_INPUTS.items():
        paths[name] = folder / name
        if content is not None:
            paths[name].write_bytes(content)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return paths


def stored_file_names(store: Path) -> set[str]:
    result = kg("query", "SELECT ?n WHERE { ?d a pkg:Document ; pkg:fileName ?n }",
                "--store", store, "--format", "csv")
    return set(result.stdout.splitlines()[1:])


def test_cli_ingest_reports_bad_inputs_and_keeps_going(tmp_path, bad_inputs, fast_nlp):
    store = tmp_path / "store"
    earlier = tmp_path / "earlier.txt"
    earlier.write_text(OTHER, encoding="utf-8")
    assert kg("ingest", earlier, "--store", store).exit_code == 0

    result = kg("ingest", *bad_inputs.values(), bad_inputs["empty.txt"].parent / "good.txt",
                "--store", store)
    assert result.exit_code != 0
    errors = squeeze(result.stderr)
    for name, (_, reason) in BAD_INPUTS.items():
        path = str(bad_inputs[name])
        assert squeeze(path) in errors, f"{name} not reported:\n{result.stderr}"
        # the path and its reason are reported together
        assert re.search(re.escape(squeeze(path)) + r":[^/]*" + re.escape(squeeze(reason)),
                         errors, re.I), f"{name}: no reason {reason!r}:\n{result.stderr}"
    assert "Traceback" not in result.output
    assert stored_file_names(store) == {"earlier.txt", "good.txt"}  # nothing lost
    assert "5 failed" in result.stdout


@pytest.mark.parametrize("relative", [
    Path("a-folder-with-a-long-name-" * 4) / "empty.txt",
    Path("report [draft].txt"),
], ids=["long-path", "brackets"])
def test_cli_ingest_error_is_one_line_with_the_exact_path(tmp_path, fast_nlp, relative):
    path = tmp_path / relative
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"")
    result = kg("ingest", path, "--store", tmp_path / "store")
    assert any(line.endswith(f"{path}: file is empty")
               for line in result.stderr.splitlines()), result.stderr


# -- documents, remove, validate -------------------------------------------------------------
@pytest.fixture
def two_stored(tmp_path, fast_nlp) -> Path:
    store = tmp_path / "store"
    for name, text in (("good.txt", GOOD), ("other.txt", OTHER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert kg("ingest", tmp_path / "good.txt", tmp_path / "other.txt",
              "--store", store).exit_code == 0
    return store


def test_cli_documents_lists_stored_documents(two_stored):
    result = kg("documents", "--store", two_stored)
    assert result.exit_code == 0, result.output
    assert "good.txt" in result.stdout and "other.txt" in result.stdout
    for header in ("file", "sha256", "ingested at", "persons", "countries", "triples"):
        assert header in result.stdout
    assert "2 documents" in result.stderr


@pytest.mark.parametrize("fmt", ["tsv", "table"])
def test_cli_documents_pages(two_stored, fmt):
    whole = kg("documents", "--store", two_stored, "--format", fmt).stdout
    page = kg("documents", "--store", two_stored, "--format", fmt, "--limit", "1",
              "--offset", "1")
    assert page.exit_code == 0, page.output
    assert "other.txt" in page.stdout and "good.txt" not in page.stdout
    assert "good.txt" in whole and "1 document" in page.stderr
    if fmt == "tsv":  # into a pipe: one line per document under a header
        assert whole.splitlines()[0].startswith("file\tsha256\tingested at\ttitle")
        assert [line.split("\t")[0] for line in whole.splitlines()[1:]] == [
            "good.txt", "other.txt"]


def test_cli_validate_all_validates_again(two_stored):
    first = kg("validate", "--store", two_stored)
    assert first.exit_code == 0 and "(2 graph(s) validated)" in first.stdout
    again = kg("validate", "--store", two_stored)
    assert "(0 graph(s) validated)" in again.stdout and "2 document(s) validated before" \
        in again.stdout
    everything = kg("validate", "--store", two_stored, "--all")
    assert "(2 graph(s) validated)" in everything.stdout


def test_cli_remove_prints_what_it_removed(two_stored, tmp_path):
    result = kg("remove", "good.txt", "--store", two_stored)
    assert result.exit_code == 0, result.output
    assert re.search(r"removed good\.txt \([0-9a-f]{12}, \d+ triples\)", result.stdout)
    assert "1 document removed" in result.stdout
    assert stored_file_names(two_stored) == {"other.txt"}


def test_cli_remove_refuses_all_when_one_selector_is_bad(two_stored):
    result = kg("remove", "good.txt", "nothing-here.txt", "--store", two_stored)
    assert result.exit_code == 1
    assert "nothing-here.txt" in result.stderr
    assert stored_file_names(two_stored) == {"good.txt", "other.txt"}


def test_cli_load_restores_an_export(two_stored, tmp_path):
    exported = kg("export", "--store", two_stored, "--format", "nquads")
    assert exported.exit_code == 0
    dump = tmp_path / "backup.nq"
    dump.write_text(exported.stdout, encoding="utf-8")
    restored = tmp_path / "restored"
    result = kg("load", dump, "--store", restored)
    assert result.exit_code == 0, result.output
    assert re.search(r"loaded .*backup\.nq: 2 documents added, 0 replaced, 0 skipped; "
                     r"([\d,]+) of its \1 quads written", result.stdout)
    again = kg("export", "--store", restored, "--format", "nquads")
    assert sorted(again.stdout.splitlines()) == sorted(exported.stdout.splitlines())


@pytest.mark.parametrize("replace", [False, True], ids=["skip", "replace"])
def test_cli_load_a_backup_into_the_store_holding_it(two_stored, tmp_path, replace):
    """Restoring a backup into the store it was taken from (the documents ingested again
    since, so at another time) skips or replaces each document whole: the store keeps its
    size and conforms, instead of holding two pkg:ingestedAt per document."""
    exported = kg("export", "--store", two_stored).stdout
    size = len(exported.splitlines())
    backup = tmp_path / "backup.nq"
    backup.write_text(re.sub(r'"\d{4}-\d\d-\d\dT[^"]*"', '"2001-02-03T04:05:06Z"', exported),
                      encoding="utf-8")
    result = kg("load", backup, "--store", two_stored, *(["--replace"] if replace else []))
    assert result.exit_code == 0, result.output
    verb = "replaced" if replace else "skipped"
    assert sorted(re.findall(rf"^{verb} (\S+) \([0-9a-f]{{12}}\)", result.stdout, re.M)) == [
        "good.txt", "other.txt"]
    counts = ("0 documents added, 2 replaced, 0 skipped" if replace
              else "0 documents added, 0 replaced, 2 skipped")
    assert f"backup.nq: {counts}" in result.stdout
    assert f"store {two_stored}: 2 documents, {size:,} triples" in result.stdout
    assert kg("validate", "--store", two_stored).exit_code == 0
    stamps = kg("query", "SELECT ?t WHERE { ?d pkg:ingestedAt ?t }", "--store", two_stored,
                "-f", "csv").stdout.splitlines()[1:]
    assert len(stamps) == 2 and all(("2001" in t) == replace for t in stamps), stamps


def test_cli_load_into_memory_says_nothing_is_kept(two_stored, tmp_path):
    dump = tmp_path / "backup.nq"
    dump.write_text(kg("export", "--store", two_stored).stdout, encoding="utf-8")
    result = kg("load", dump, "--store", "memory")
    assert result.exit_code == 0, result.output
    assert re.search(r"^store memory: 2 documents, [\d,]+ triples$", result.stdout, re.M), \
        result.stdout
    assert result.stderr.startswith("note: --store memory ends with this command, so "
                                    "nothing was kept; give --store DIR")


DOC_F = f"<https://w3id.org/policykg/id/doc/{'f' * 64}>"
WHOLE_DOC = (f"{DOC_F} <{RDF.type}> <{PKG.Document}> {DOC_F} .\n"
             f"{DOC_F} <{PKG.fileName}> \"f.txt\" {DOC_F} .\n")


@pytest.mark.parametrize("name,content,reason", [
    ("flat.ttl", "<http://a> <http://b> <http://c> .\n", "Turtle has no named graphs"),
    ("flat.nq", "<http://a> <http://b> <http://c> .\n", "outside any named graph"),
    ("broken.nq", "<http://a> <http://b> \"unterminated .\n", "not valid nquads"),
    ("data.csv", "a,b\n", "unknown dump format"),
    ("foreign.nq", WHOLE_DOC + "<http://a> <http://b> <http://c> <http://ex/g> .\n",
     "graph <http://ex/g> is not a document graph"),
    ("no-node.nq", WHOLE_DOC.splitlines(keepends=True)[1], "has no document node"),
])
def test_cli_load_refuses_a_bad_dump_and_loads_the_others(two_stored, tmp_path, name,
                                                           content, reason):
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    good = tmp_path / "good.nq"
    good.write_text(kg("export", "--store", two_stored).stdout, encoding="utf-8")
    target = tmp_path / "target"
    result = kg("load", bad, good, "--store", target)
    assert result.exit_code == 1
    line = next(l for l in result.stderr.splitlines() if l.startswith("error:"))
    assert str(bad) in line and reason in line
    assert "loaded" in result.stdout and "good.nq" in result.stdout
    graphs = kg("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a pkg:Document } }",
                "--store", target, "--format", "csv")
    assert len(graphs.stdout.strip().splitlines()) == 1 + 2  # header + the two documents


def test_cli_validate_conforming_store(two_stored):
    result = kg("validate", "--store", two_stored)
    assert result.exit_code == 0, result.output
    assert "Validation conforms" in result.stdout


def test_cli_validate_reports_violations(tmp_path):
    from kg.store import open_store

    store = tmp_path / "store"
    doc = URIRef("https://w3id.org/policykg/id/doc/" + "e" * 64)
    g = Graph(identifier=doc)
    g.add((doc, RDF.type, PKG.Document))
    country = URIRef("https://w3id.org/policykg/id/country/US")
    g.add((country, RDF.type, PKG.Country))
    g.add((country, PKG.isoCode, Literal("usa")))  # not two upper-case letters, no label
    with open_store(store) as st:
        st.add_graph(g)
    result = kg("validate", "--store", store)
    assert result.exit_code == 1, result.output
    assert "does NOT conform" in result.stdout
    assert str(doc) in result.stdout


# -- pipes -----------------------------------------------------------------------------------
def run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess:
    """`kg ARGS` with a stdout whose reader has gone, as after `| head -1`: every write
    meets a broken pipe, whatever the size of the output."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write)


@pytest.mark.parametrize("args", [
    ["export", "--format", "nquads"], ["export", "--format", "turtle"],
    ["export", "--format", "trig"], ["export", "--format", "jsonld"],
    ["query", "SELECT * WHERE { ?s ?p ?o }"],
    ["query", "SELECT * WHERE { ?s ?p ?o }", "--format", "table"],
    ["query", "SELECT * WHERE { ?s ?p ?o }", "--format", "json"],
    ["documents"],
], ids=lambda args: "-".join(a for a in args if not a.startswith(("-", "SELECT"))))
def test_cli_closed_stdout_ends_quietly_with_status_0(two_stored, args):
    result = run_into_closed_pipe(*args, "--store", two_stored)
    assert (result.returncode, result.stderr) == (0, "")


def test_cli_extract_into_a_closed_pipe(tmp_path):
    doc = tmp_path / "good.txt"
    doc.write_text(GOOD, encoding="utf-8")
    result = run_into_closed_pipe("extract", doc, "--format", "nquads")
    assert (result.returncode, result.stderr) == (0, "")


def test_cli_export_piped_to_head_under_pipefail(two_stored):
    script = (f"set -o pipefail; {shlex.quote(sys.executable)} -m kg export --store "
              f"{shlex.quote(str(two_stored))} --format nquads | head -1")
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and result.stderr == ""


@pytest.mark.parametrize("args", [["documents"], ["remove", "nothing.txt"], ["query", "ASK {}"],
                                  ["export"], ["load", "none.nq"], ["validate"], ["corrections"]])
def test_cli_commands_that_read_no_text_do_not_load_spacy(tmp_path, args):
    """spaCy and the pipeline cost ~1 CPU-s to import: only the commands that read text
    (ingest, extract) pay it, not a listing or a removal."""
    code = ("import sys; from kg.cli import app\n"
            "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('spacy loaded' if 'spacy' in sys.modules else 'spacy not loaded')")
    done = subprocess.run([sys.executable, "-c", code, *args, "--store", str(tmp_path / "st")],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.stdout.strip().splitlines()[-1] == "spacy not loaded", done.stderr
