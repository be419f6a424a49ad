"""`kg export` / `kg load` round-trip a store holding a document of any size, stream
long lines, bound what one line may hold, and refuse a forged dump whole."""

from __future__ import annotations

import hashlib
import re

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.core.records import DocumentRecords
from kg.rdf.build import dataset_of, document_graph
from kg.store.oxigraph import OxigraphStore

runner = CliRunner()


def kg(*args):
    return runner.invoke(app, [str(a) for a in args])


def nquads(*graphs) -> str:
    return dataset_of(list(graphs)).serialize(format="nquads")


def document(text: str, name: str = "big.txt"):
    sha = hashlib.sha256(text.encode()).hexdigest()
    return document_graph(DocumentRecords(file_name=name, sha256=sha, text=text,
                                          source_path=f"/docs/{name}"))


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """A store holding a document of 17 MiB of text (its pkg:content is one N-Quads line
    over pyoxigraph's 16 MiB parser buffer) and a small one."""
    path = tmp_path_factory.mktemp("big") / "store"
    st = OxigraphStore(path)
    paragraph = "Japan and Australia signed a reciprocal access agreement in Canberra.\n\n"
    st.add_graph(document(paragraph * (17 * 2**20 // len(paragraph) + 1)))
    st.add_graph(document("Germany and France met in Berlin.\n", "small.txt"))
    return path


@pytest.mark.slow
@pytest.mark.parametrize("fmt, suffix", [("nquads", "nq"), ("trig", "trig")])
def test_load_round_trips_a_document_over_16_mib(big_store, tmp_path, fmt, suffix):
    dump = tmp_path / f"backup.{suffix}"
    with dump.open("wb") as out:
        OxigraphStore(big_store).dump(out, fmt)
    result = kg("load", dump, "--store", tmp_path / "restored")
    assert result.exit_code == 0, result.output
    assert "2 documents added" in result.stdout
    before, after = (kg("export", "--store", s).stdout for s in (big_store, tmp_path / "restored"))
    assert sorted(before.splitlines()) == sorted(after.splitlines())


def test_load_refuses_a_line_past_the_limit_whole(tmp_path, monkeypatch):
    """A dump line longer than any document allowed by KG_MAX_CHARS can need (a 1 GB
    line was a MemoryError traceback) is one error line; nothing is loaded."""
    monkeypatch.setenv("KG_MAX_CHARS", "1000")
    ok, long = document("Japan met Australia.\n", "ok.txt"), document("x " * 600_000, "long.txt")
    dump = tmp_path / "dump.nq"
    dump.write_text(nquads(ok, long), encoding="utf-8")
    result = kg("load", dump, "--store", tmp_path / "store")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "over the limit of" in errors[0] and "KG_MAX_CHARS" in errors[0]
    assert "nothing was loaded" in errors[0]
    assert not (tmp_path / "store").exists() or len(OxigraphStore(tmp_path / "store")) == 0


def forged(kind: str, valid: str) -> str:
    """A valid one-document dump made hostile in one way."""
    doc = re.search(r"<(https://w3id\.org/policykg/id/doc/[0-9a-f]{64})>", valid).group(1)
    if kind == "forged-iri":  # the graph claims another document's identity
        other = f"https://w3id.org/policykg/id/doc/{'0' * 64}"
        return valid.replace(doc, other)
    if kind == "file-iri":
        return valid + (f'<file:///etc/passwd> <http://www.w3.org/2000/01/rdf-schema#label> '
                        f'"x" <{doc}> .\n')
    if kind == "file-object":
        person = re.search(r"<(https://w3id\.org/policykg/id/person/[^>]+)>", valid).group(1)
        return valid + (f'<{person}> <http://www.w3.org/2002/07/owl#sameAs> '
                        f'<file:///etc/passwd> <{doc}> .\n')
    if kind == "two-labels":
        person = re.search(r"<(https://w3id\.org/policykg/id/person/[^>]+)>", valid).group(1)
        return valid + (f'<{person}> <http://www.w3.org/2000/01/rdf-schema#label> '
                        f'"![p](http://127.0.0.1:9/p.png)" <{doc}> .\n')
    raise ValueError(kind)


@pytest.mark.parametrize("kind, reason", [
    ("forged-iri", "is not its pkg:sha256"),
    ("file-iri", "file:///etc/passwd"),
    ("file-object", "<file:///etc/passwd> is not an http(s) IRI"),
    ("two-labels", "more than one rdfs:label"),
])
def test_load_refuses_a_forged_dump_whole(tmp_path, two_stored_dump, kind, reason):
    dump = tmp_path / "forged.nq"
    dump.write_text(forged(kind, two_stored_dump), encoding="utf-8")
    result = kg("load", dump, "--store", tmp_path / "store")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and reason in errors[0] and "nothing was loaded" in errors[0], \
        result.stderr
    assert not (tmp_path / "store").exists() or len(OxigraphStore(tmp_path / "store")) == 0


@pytest.fixture
def two_stored_dump(tmp_path) -> str:
    """The N-Quads of one document with a person (a valid dump)."""
    from kg.core.records import Evidence, Person

    text = "Antony Blinken met Japanese officials in Tokyo.\n"
    sha = hashlib.sha256(text.encode()).hexdigest()
    records = DocumentRecords(file_name="one.txt", sha256=sha, text=text,
                              source_path="/docs/one.txt",
                              persons=[Person("Antony Blinken",
                                              mentions=[Evidence(0, len(text) - 1, text[:-1])])])
    return nquads(document_graph(records))
