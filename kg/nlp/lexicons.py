"""The lexicons' registered names, and the lists several rule modules share.

Each lexicon file (``data/lexicons/NAME.vN.json``, read by ``kg.core.lexicons``) has a
registered function, ``policykg.NAME_words.vN`` in ``spacy.registry.misc``, that returns
its entries as plain JSON data; a component gets its lexicon through its factory config
from that name. Rule modules that are not components read the same files through
``kg.core.lexicons.words(NAME)``, cached, as frozen sets and read-only tables. A changed
list is a new file with a new version, and a new registered name: what a pipeline config
names never changes under it.

Nothing is read at import time.
"""

from __future__ import annotations

import copy
from functools import cache
from types import SimpleNamespace
from typing import Any

import spacy

from kg.core.lexicons import read_lexicon, words

# Lexicon file (without ".json") by registered name: one registered loader per file.
REGISTERED: dict[str, str] = {}


def common_words() -> SimpleNamespace:
    """The lists several rule modules share (``data/lexicons/common.v1.json``)."""
    return words("common.v1")


def office_words() -> SimpleNamespace:
    """The office lexicon (``data/lexicons/offices.v2.json``): titles, and how a state
    speaks for itself and names its government's seat."""
    return words("offices.v2")


@cache
def relational_adjectives() -> frozenset[str]:
    """Adjectives that name a field ("political", "military": WordNet's adj.pert,
    ``data/lexicons/adjective_classes.v1.json``)."""
    return words("adjective_classes.v1").relational


@cache
def calendar_words() -> frozenset[str]:
    """Names of months and weekdays: never part of a person's or organization's name."""
    common = common_words()
    return common.months | common.weekdays


def _register(name: str, stem: str) -> None:
    """Register ``name`` as the loader of ``data/lexicons/<stem>.json``."""
    REGISTERED[name] = stem

    def load() -> dict[str, Any]:
        return copy.deepcopy(read_lexicon(stem))

    load.__name__ = name.split(".")[1]
    load.__doc__ = f"The entries of the lexicon data/lexicons/{stem}.json (plain JSON data)."
    spacy.registry.misc.register(name, func=load)


# The registered names (the config's vocabulary) and the files they read.
for _name, _stem in {
    "policykg.common_words.v1": "common.v1",
    "policykg.office_words.v2": "offices.v2",
    "policykg.person_words.v1": "persons.v1",
    "policykg.country_words.v1": "countries.v1",
    "policykg.gazetteer_words.v1": "gazetteer.v1",
    "policykg.organization_words.v3": "organizations.v3",
    "policykg.org_name_words.v3": "org_names.v3",
    "policykg.date_words.v1": "dates.v1",
    "policykg.quantity_words.v1": "quantities.v1",
    "policykg.text_words.v1": "text.v1",
    "policykg.agreement_words.v3": "agreements.v3",
    "policykg.agreement_nominal_words.v1": "agreement_nominals.v1",
    "policykg.structure_words.v1": "structure.v1",
    "policykg.modality_words.v1": "modality.v1",
    "policykg.guess_words.v1": "guesses.v1",
    "policykg.noun_class_words.v1": "noun_classes.v1",
    "policykg.verb_class_words.v1": "verb_classes.v1",
    "policykg.adjective_class_words.v1": "adjective_classes.v1",
}.items():
    _register(_name, _stem)
