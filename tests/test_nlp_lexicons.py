"""Lexicon files: each loaded by a registered function, each list written once."""

from __future__ import annotations

import json
import re

import pytest
import spacy

from kg.core import lexicons
from kg.core.lexicons import LEXICON_DIR, META_KEYS, read_lexicon, words
from kg.nlp.lexicons import REGISTERED

FILES = sorted(p.stem for p in LEXICON_DIR.glob("*.json"))


def _entries():
    for stem in FILES:
        for key, value in read_lexicon(stem).items():
            yield stem, key, value


@pytest.mark.parametrize("name", sorted(REGISTERED))
def test_lexicons_registered_name_resolves(name):
    load = spacy.registry.misc.get(name)
    data = load()
    assert data == read_lexicon(REGISTERED[name])
    assert data and all(key not in META_KEYS for key in data)


def test_lexicons_every_file_has_a_loader():
    assert sorted(set(REGISTERED.values())) == FILES
    assert len(set(REGISTERED.values())) == len(REGISTERED)


def test_lexicons_names_are_versioned_like_their_files():
    for name, stem in REGISTERED.items():
        assert re.fullmatch(r"policykg\.\w+_words\.v\d+", name)
        assert name.rsplit(".", 1)[1] == stem.rsplit(".", 1)[1]


def test_lexicons_no_list_appears_twice():
    seen: dict[str, str] = {}
    for stem, key, value in _entries():
        if isinstance(value, str):
            continue
        form = json.dumps(sorted(value) if isinstance(value, list) else value, sort_keys=True)
        assert form not in seen, f"{stem}:{key} repeats {seen.get(form)}"
        seen[form] = f"{stem}:{key}"


@pytest.mark.parametrize("stem", FILES)
def test_lexicons_files_are_documented(stem):
    data = json.loads((LEXICON_DIR / f"{stem}.json").read_text(encoding="utf-8"))
    assert data.get("about")
    assert set(data.get("notes", {})) <= set(data) - set(META_KEYS)


def test_lexicons_patterns_compile():
    for stem, key, value in _entries():
        if isinstance(value, str):
            re.compile(value)


def test_lexicons_words_are_frozen():
    common = words("common.v1")
    assert "january" in common.months and isinstance(common.months, frozenset)
    offices = words("offices.v2")
    assert offices.government_bodies["white house"] == "US"
    with pytest.raises(TypeError):
        offices.government_bodies["x"] = "US"


def test_lexicons_missing_file_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicons, "LEXICON_DIR", tmp_path)
    read_lexicon.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"missing\.v1\.json"):
            read_lexicon("missing.v1")
    finally:
        read_lexicon.cache_clear()


def test_lexicons_country_gazetteer_resolves_and_feeds_the_component(nlp):
    from kg.nlp.countries.gazetteer import Gazetteer

    gazetteer = spacy.registry.misc.get("policykg.country_gazetteer.v1")()
    assert isinstance(gazetteer, Gazetteer) and gazetteer.lookup("Japan") == "JP"
    config = nlp.config["components"]["policykg_countries"]
    assert config["gazetteer"] == {"@misc": "policykg.country_gazetteer.v1"}
    assert nlp.get_pipe("policykg_countries").gaz is gazetteer


def test_lexicons_organization_component_config_names_its_lexicons(nlp):
    config = nlp.config["components"]["policykg_organizations"]
    assert config["words"] == {"@misc": "policykg.organization_words.v3"}
    assert config["name_words"] == {"@misc": "policykg.org_name_words.v3"}
    assert config["noun_classes"] == {"@misc": "policykg.noun_class_words.v1"}
    finder = nlp.get_pipe("policykg_organizations")
    assert "Ministry" in finder.rules.heads and "rival" in finder.rules.names.descriptors
    assert "council" in finder.classes.group
