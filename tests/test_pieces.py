"""Documents longer than spaCy's limit: cut into pieces, records merged into one document.

The pipeline's ``max_length`` is lowered for these tests, so a few thousand characters
stand for a book: on the code before pieces existed, each of them met spaCy's E088."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.core.errors import InputError
from kg.core.records import Evidence
from kg.processing.pieces import cut_points
from kg.processing.process import extract_many
from kg.reading.clean import clean_text

OPENING = ("Foreign Minister Marta Kovalenko of Ukraine met Defence Minister Idris Halvorsen "
           "of Norway in Oslo on Monday. The North Atlantic Treaty Organization (NATO) "
           "hosted the talks.\n\n")
FILLER = ("Delegations from Canada and Mexico discussed fisheries, ports and the weather "
          "for many hours. The talks went on.\n\n")
CLOSING = ("Later that week Ms. Kovalenko travelled to Ottawa. NATO officials "
           "joined her there.\n\n")
LIMIT = 3000


@pytest.fixture
def small_nlp(nlp, monkeypatch):
    """The session's pipeline with a limit of LIMIT characters, as if texts were huge."""
    monkeypatch.setattr(nlp, "max_length", LIMIT)
    return nlp


def long_text(fillers: int = 40) -> str:
    return OPENING + FILLER * fillers + CLOSING


def evidence_of(records) -> list[Evidence]:
    found = []
    for kind in ("countries", "persons", "organizations", "agreements"):
        for entity in getattr(records, kind):
            found += entity.mentions
            for facts in (getattr(entity, f, None) for f in
                          ("roles", "acts_for", "parties", "durations", "values",
                           "statuses", "dates")):
                for evs in (facts or {}).values():
                    found += evs
    return found


def only(path: Path, nlp):
    [(got_path, outcome)] = list(extract_many([path], nlp))
    assert got_path == path
    return outcome


@pytest.mark.parametrize("text,limit", [
    (("One sentence here. Another one.\n\n" * 100), 250),  # paragraphs
    (("One sentence here. Another one. " * 100), 250),  # sentences only
    (("word " * 300), 100),  # no sentence ends
    ("x" * 1050, 100),  # not even a space
], ids=["paragraphs", "sentences", "words", "nothing"])
def test_pieces_cut_points_cover_the_text_within_the_limit(text, limit):
    bounds = cut_points(text, limit)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < end - start <= limit for start, end in bounds)
    assert "".join(text[s:e] for s, e in bounds) == text


def test_pieces_cut_at_paragraphs_then_sentences():
    paragraphs = "A short sentence. And another one.\n\n" * 40
    assert all(paragraphs[:end].endswith("\n\n") for _, end in cut_points(paragraphs, 300)[:-1])
    sentences = "A short sentence. And another one. " * 40
    assert all(sentences[:end].endswith(". ") for _, end in cut_points(sentences, 300)[:-1])


def test_pieces_long_document_is_one_document_with_exact_offsets(tmp_path, small_nlp):
    path = tmp_path / "book.txt"
    path.write_text(long_text(), encoding="utf-8")
    records = only(path, small_nlp)
    assert not isinstance(records, InputError), records
    assert len(records.text) > LIMIT and records.text == clean_text(long_text())
    assert evidence_of(records), "nothing found"
    for ev in evidence_of(records):
        assert records.text[ev.start:ev.end] == ev.text
    # entities found in the first piece and the last are one record each, with both
    starts = {p.name: [ev.start for ev in p.mentions] for p in records.persons}
    assert list(starts).count("Marta Kovalenko") == 1
    assert min(starts["Marta Kovalenko"]) < LIMIT < max(starts["Marta Kovalenko"])
    orgs = {o.name: o for o in records.organizations}
    nato = orgs["North Atlantic Treaty Organization"]
    assert "NATO" not in orgs and "NATO" in nato.aliases
    assert max(ev.start for ev in nato.mentions) > LIMIT
    isos = [c.iso for c in records.countries]
    assert sorted(isos) == sorted(set(isos)) and {"UA", "NO", "CA", "MX"} <= set(isos)


def test_pieces_facts_equal_those_of_the_whole_text(tmp_path, nlp, monkeypatch):
    """Without references across pieces, reading in pieces finds what reading the whole
    text at once does."""
    text = OPENING + FILLER * 30 + OPENING.replace("Monday", "Friday")
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    whole = only(path, nlp)
    monkeypatch.setattr(nlp, "max_length", LIMIT)
    pieces = only(path, nlp)

    def facts(records):
        return ({(p.name, role) for p in records.persons for role in p.roles},
                {(p.name, ref.key) for p in records.persons for ref in p.acts_for},
                {c.iso for c in records.countries},
                {(o.name, *o.aliases) for o in records.organizations},
                set(evidence_of(records)))

    assert facts(pieces) == facts(whole)


def test_process_a_failing_document_is_reported_and_the_others_processed(
        tmp_path, nlp, monkeypatch):
    finder = type(nlp.get_pipe("policykg_agreements"))
    original = finder.__call__

    def breaks_on_marker(self, doc):
        if "BREAKS-THE-PIPELINE" in doc.text:
            raise RuntimeError("a component failed")
        return original(self, doc)

    monkeypatch.setattr(finder, "__call__", breaks_on_marker)
    paths = []
    for name, text in [("a.txt", OPENING), ("b.txt", "BREAKS-THE-PIPELINE. " + OPENING),
                       ("c.txt", FILLER)]:
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    outcomes = dict(extract_many(paths, nlp))
    assert isinstance(outcomes[paths[1]], InputError)
    assert "could not process it" in outcomes[paths[1]].reason
    assert "a component failed" in outcomes[paths[1]].reason
    assert {p.name for p in outcomes[paths[0]].persons} >= {"Marta Kovalenko"}
    assert {c.iso for c in outcomes[paths[2]].countries} == {"CA", "MX"}


def test_pieces_merge_moves_passages_and_keeps_other_sources():
    """Merging records by hand: offsets move by the piece's start, a short name joins the
    fuller one of an earlier piece, and a fact's source that is no passage (the actor
    knowledge base) stays as it is."""
    from kg.core.records import (Country, DocumentRecords, KnowledgeSource, Person,
                                 Ref)
    from kg.processing.pieces import merge, shifted

    source = KnowledgeSource("wikidata", "1", "Wikidata")
    x, y = Evidence(0, 10, "Sentence x"), Evidence(5, 12, "Another")
    first = DocumentRecords(
        "book.txt", "0" * 64, "piece one", countries=[Country("UA", "Ukraine", [x])],
        persons=[Person("Marta Kovalenko", [x], acts_for={Ref.country("UA"): [x, source]})])
    second = DocumentRecords(
        "book.txt", "0" * 64, "piece two", countries=[Country("UA", "Ukraine", [y])],
        persons=[Person("Kovalenko", [y], roles={"Foreign Minister": [y]})])
    out = merge([shifted(first, 0), shifted(second, 100)], "T" * 200)
    moved = Evidence(105, 112, "Another")
    [person] = out.persons
    assert person.name == "Marta Kovalenko" and person.mentions == [x, moved]
    assert person.acts_for == {Ref.country("UA"): [x, source]}
    assert person.roles == {"Foreign Minister": [moved]}
    assert [(c.iso, c.mentions) for c in out.countries] == [("UA", [x, moved])]
    assert out.text == "T" * 200
