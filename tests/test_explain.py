"""`kg explain`: every fact with its rule and sentence; for one entity, what was left out."""

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.views.explain import explain, format_explanation

from conftest import SHARED

runner = CliRunner()

TEXT = ("Lesotho and Malawi signed a ten-year water treaty in Maseru.\n\n"
        "Foreign Minister Thabo Molapo of Lesotho welcomed it. The leaders also spoke of "
        "cooperation under the Regional Energy Protocol.\n")


def write(tmp_path, text=TEXT):
    path = tmp_path / "water.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_explain_every_fact_has_rule_and_sentence(tmp_path, nlp):
    ex = explain(write(tmp_path), nlp=nlp)
    agreement = [f for f in ex.facts if f.kind == "Agreement"]
    assert {(f.predicate, f.value, f.rule) for f in agreement} == {
        ("party", "Lesotho", "party.subject"), ("party", "Malawi", "party.subject"),
        ("status", "signed", "stage.verb"), ("duration", "10 years", "duration.phrase")}
    assert all(f.sentence.startswith("Lesotho and Malawi signed") for f in agreement)
    assert all(f.rule for f in ex.facts if f.kind == "Person")
    assert ("Lesotho", "LS") in {(n, iso) for n, iso, _ in ex.countries}


def test_explain_entity_lists_what_was_left_out(tmp_path, nlp):
    ex = explain(write(tmp_path), entity="Regional Energy Protocol", nlp=nlp)
    assert ex.facts == []
    (left_out,) = [c for c in ex.rejected if c.what == "agreement"]
    assert "basis" in left_out.reason and "under the Regional Energy" in left_out.sentence


def test_explain_entity_keeps_only_its_facts(tmp_path, nlp):
    ex = explain(write(tmp_path), entity="water treaty", nlp=nlp)
    assert ex.facts and {f.subject for f in ex.facts} == {"ten-year water treaty"}
    text = format_explanation(ex)
    assert "[party.subject]" in text and "Considered and left out" in text


def test_explain_cli_prints_rules_and_sentences(tmp_path, monkeypatch, nlp):
    monkeypatch.setattr("kg.nlp.load_pipeline", lambda: nlp)
    result = runner.invoke(app, ["explain", str(write(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "Agreement: ten-year water treaty" in result.stdout
    assert "[stage.verb]" in result.stdout and "party.subject: the subject" in result.stdout


def test_explain_cli_unknown_entity_is_a_clean_error(tmp_path, monkeypatch, nlp):
    monkeypatch.setattr("kg.nlp.load_pipeline", lambda: nlp)
    result = runner.invoke(app, ["explain", str(write(tmp_path)), "--entity", "Nowhere Pact"])
    assert result.exit_code == 1
    assert "no entity named 'Nowhere Pact'" in result.stderr
    assert "ten-year water treaty" in result.stderr


def test_explain_seed_every_fact_has_rule_and_sentence(seed_path, nlp):
    ex = explain(seed_path, nlp=nlp)
    assert {f.kind for f in ex.facts} >= {"Agreement", "Person"}
    assert all(f.rule and f.sentence for f in ex.facts if f.kind != "Document")


def test_explain_knowledge_fact_has_no_passage_but_a_source():
    """A fact the actor knowledge base added has no sentence: explain names the source."""
    from kg.views.explain import _facts
    from kg.core.records import DocumentRecords, Evidence, KnowledgeSource, Person

    said = Evidence(0, 27, "Ms Ana Ruiz spoke on Monday.", "role.before")
    known = KnowledgeSource("wikidata", "2026.1", "Wikidata", rule="knowledge.office")
    person = Person("Ana Ruiz", roles={"minister": [known], "envoy": [said]})
    lines = _facts(DocumentRecords("x.txt", "0" * 64, said.text, persons=[person]))
    assert [(f.value, f.rule) for f in lines] == [("minister", "knowledge.office"),
                                                  ("envoy", "role.before")]
    assert "Wikidata" in lines[0].sentence and lines[1].sentence == said.text


CORPUS_TEXTS = sorted(p for name in ("dev", "dev2", "dev3", "treaties")
                      for p in (SHARED / "corpus" / name).glob("*.txt"))


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS_TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_explain_runs_on_every_corpus_text(path, nlp):
    ex = explain(path, nlp=nlp)
    text = format_explanation(ex)
    assert text.startswith(path.name)
    assert all(f.rule for f in ex.facts if f.kind == "Agreement")
