"""What a name names: a body, or a thing, place or programme the tagger calls ORG
(kg.nlp.organizations.kinds). The sentences are written for the tests; the statistical
tagger calls each name in them ORG."""

import pytest

from kg.nlp.organizations.kinds import noun_class


def orgs(nlp, text):
    doc = nlp(text)
    return {s.label_ for s in doc.spans["pkg_organizations"]}


@pytest.mark.parametrize("noun, cls", [
    ("council", "group"), ("fleet", "group"), ("democrat", "person"),
    ("capitol hill", "location"), ("guayaquil", "location"), ("kilogram", "other"),
    ("oval office", "other"), ("zorblax", None),
])
def test_nlp_organizations_kinds_noun_class_from_wordnet(noun, cls):
    assert noun_class(noun) == cls


@pytest.mark.parametrize("text, name", [
    # the head noun names a thing, a time, an act
    ("Exports rose after the government launched the Global Entry Offering on Monday.",
     "Global Entry Offering"),
    ("The ceasefire starts at noon West Africa Standard Time on Friday, the ministry said.",
     "West Africa Standard Time"),
    # the whole name is a place
    ("The senators returned to Capitol Hill on Tuesday to debate the budget.", "Capitol Hill"),
    ("The cargo will be processed at Guayaquil refineries next month.", "Guayaquil"),
    # a common noun with a determiner
    ("Washington pledged $40 million for the Project over the next year.", "Project"),
])
def test_nlp_organizations_kinds_things_are_no_organizations(nlp, text, name):
    assert name not in orgs(nlp, text)


@pytest.mark.parametrize("text, name", [
    # a coined word makes a company's name, whatever its head noun
    ("Ohio-based Zorblax Aquaculture will sign a contract with the port authority.",
     "Zorblax Aquaculture"),
    # a company named by a bare common noun
    ("Airbus announced a new order for its jets, the company said.", "Airbus"),
])
def test_nlp_organizations_kinds_companies_stay(nlp, text, name):
    assert name in orgs(nlp, text)
