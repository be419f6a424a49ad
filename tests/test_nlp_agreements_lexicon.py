"""The agreement lexicon as data: registered by version, each word list once, every rule
name a step produces documented."""

import pytest
import spacy

from kg.core.lexicons import read_lexicon
from kg.nlp.agreements.rules import RULES, describe, known
from kg.nlp.agreements.types import Lexicon
from kg.nlp.lexicons import common_words


def words():
    return spacy.registry.misc.get("policykg.agreement_words.v3")()


def nominals():
    return spacy.registry.misc.get("policykg.agreement_nominal_words.v1")()


def classes():
    return {field: spacy.registry.misc.get(f"policykg.{name}.v1")()
            for field, name in [("guesses", "guess_words"), ("noun_classes", "noun_class_words"),
                                ("verb_classes", "verb_class_words")]}


def test_nlp_agreements_lexicon_registered_names_load_the_data_files():
    assert words() == read_lexicon("agreements.v3")
    assert "actions" in words() and "about" not in words()


def test_nlp_agreements_lexicon_component_config_names_the_versions(nlp):
    config = nlp.config["components"]["policykg_agreements"]
    assert config["words"] == {"@misc": "policykg.agreement_words.v3"}
    # the other lexicons its rules read come the same way, by version
    assert config["noun_classes"] == {"@misc": "policykg.noun_class_words.v1"}
    lex = nlp.get_pipe("policykg_agreements").lex
    assert lex.guesses.multilateral_heads == frozenset(read_lexicon("guesses.v1")
                                                       ["multilateral_heads"])
    assert "say" in lex.verb_classes.communication


def test_nlp_agreements_lexicon_nouns_of_action_from_wordnet(nlp):
    config = nlp.config["components"]["policykg_agreements"]
    assert config["nominals"] == {"@misc": "policykg.agreement_nominal_words.v1"}
    lex = nlp.get_pipe("policykg_agreements").lex
    derived = read_lexicon("agreement_nominals.v1")
    assert lex.derived == derived["events"] and derived["events"]["abrogation"] == "withdrawn"
    assert derived["agents"]["signer"] == "signed" and "draftee" not in derived["agents"]
    # the hand-made lists win: "entry" is the entry into force, not entering into a deal
    assert lex.nominals["entry"] == "in force" and lex.agents["signatory"] == "signed"
    # nouns spelled like their verb and agreement heads are left out
    assert not {"sign", "seal", "issue", "agreement"} & set(derived["events"])


def test_nlp_agreements_lexicon_head_lists_are_properties_of_the_shared_heads():
    bad = dict(words(), generic_heads=["agreement", "bargain"])
    with pytest.raises(ValueError, match="bargain"):
        Lexicon.from_words(bad, common_words(), nominals(), classes=classes())


@pytest.mark.parametrize("key, name", [("failing", "failing"), ("signed_only_heads", "signed_only"),
                                       ("determiners", "definite"),
                                       ("agent_kinds", "agent_kinds")])
def test_nlp_agreements_lexicon_missing_list_is_an_error(key, name):
    incomplete = {k: v for k, v in words().items() if k != key}
    with pytest.raises(ValueError, match=f"no list .*{name}"):
        Lexicon.from_words(incomplete, common_words(), nominals(), classes=classes())


def test_nlp_agreements_lexicon_takes_the_shared_lists_from_common(nlp):
    lex = nlp.get_pipe("policykg_agreements").lex
    assert lex.possessives == common_words().possessives and "possessives" not in words()
    assert lex.year.pattern == common_words().year


@pytest.mark.parametrize("rule, expected", [
    ("party.subject", "subject"),
    ("party.subject.we", "'we'"),
    ("stage.future", "planned"),
    ("party.nonsense", "unknown rule"),
])
def test_nlp_agreements_rules_describe(rule, expected):
    assert expected in describe(rule)


def test_nlp_agreements_rules_every_produced_rule_is_documented(read_agreements, dev_dir):
    produced = set()
    for path in sorted(dev_dir.glob("*.txt"))[:12]:
        for rec in read_agreements(path.read_text(encoding="utf-8")):
            for facts in (rec.parties, rec.statuses, rec.dates, rec.durations, rec.values):
                produced |= {ev.rule for evidence in facts.values() for ev in evidence}
    assert produced and all(known(rule) for rule in produced), sorted(produced)
    assert all(rule in RULES for rule in ("party.main", "stage.verb", "value.agreed"))
