"""The rule components follow spaCy's conventions: each declares what it writes and what
it reads, each is an entry point, span keys are config values, and every dependency label
a rule names is one the model's parser produces."""

from __future__ import annotations

import ast
from importlib.metadata import entry_points

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from conftest import ROOT
from kg.core import constants
from kg.nlp.pipeline import COMPONENTS

FACTORIES = ("policykg_paragraphs", *COMPONENTS)


def test_nlp_pipeline_every_requirement_is_assigned_before(nlp):
    """spaCy's own analysis: nothing a component requires is missing upstream."""
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert all(not found for found in problems.values()), problems


@pytest.mark.parametrize("name", FACTORIES)
def test_nlp_pipeline_component_declares_what_it_writes(name):
    assert Language.get_factory_meta(name).assigns


def test_nlp_pipeline_components_are_entry_points():
    found = {ep.name: ep for ep in entry_points(group="spacy_factories")
             if ep.name.startswith("policykg_")}
    assert set(found) == set(FACTORIES)
    for name, ep in found.items():
        assert spacy.registry.factories.get(name) is ep.load()


@pytest.mark.parametrize("name, default", [
    ("policykg_dates", constants.DATE_SPANS),
    ("policykg_countries", constants.COUNTRY_SPANS),
    ("policykg_persons", constants.PERSON_SPANS),
    ("policykg_organizations", constants.ORGANIZATION_SPANS),
    ("policykg_agreements", constants.AGREEMENT_SPANS),
])
def test_nlp_pipeline_span_key_is_a_config_value(nlp, name, default):
    assert nlp.config["components"][name]["spans_key"] == default


def test_nlp_pipeline_configured_span_key_is_where_spans_go():
    nlp = spacy.blank("en")
    finder = nlp.add_pipe("policykg_countries", config={"spans_key": "states"})
    doc = finder(Doc(nlp.vocab, words=["Talks", "in", "Japan", "."]))
    assert [s.label_ for s in doc.spans["states"]] == ["JP"]
    assert constants.COUNTRY_SPANS not in doc.spans


def _dependency_labels(tree: ast.AST) -> set[str]:
    """String labels compared with a token's ``dep_`` (``t.dep_ == "pobj"``,
    ``t.dep_ in ("amod", "compound")``)."""
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        if not any(isinstance(s, ast.Attribute) and s.attr == "dep_" for s in sides):
            continue
        for side in sides:
            items = side.elts if isinstance(side, (ast.Tuple, ast.Set, ast.List)) else [side]
            found |= {i.value for i in items
                      if isinstance(i, ast.Constant) and isinstance(i.value, str)}
    return found


def test_nlp_pipeline_rules_name_only_labels_the_parser_knows(nlp):
    known = set(nlp.get_pipe("parser").labels)
    named = {label for path in (ROOT / "kg").rglob("*.py")
             for label in _dependency_labels(ast.parse(path.read_text(encoding="utf-8")))}
    named |= constants.SUBJECT_DEPS | constants.NOMINAL_DEPS
    assert len(named) > 20  # the scan sees the rules' labels
    assert named <= known, sorted(named - known)


def test_nlp_pipeline_label_scan_finds_a_misspelt_label():
    tree = ast.parse('ok = t.dep_ in ("nsubj", "nsbuj") or t.dep_ == "pobj" or x == "y"')
    assert _dependency_labels(tree) == {"nsubj", "nsbuj", "pobj"}
