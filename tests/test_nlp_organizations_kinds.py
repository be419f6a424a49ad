"""What a name names: a body, or a thing, place or programme the tagger calls ORG
(kg.nlp.organizations.kinds). The sentences are written for the tests; the statistical
tagger calls each name in them ORG."""

import pytest

from kg.core.lexicons import words
from kg.nlp.lexicons import office_words
from kg.nlp.organizations.kinds import a_persons_name, noun_class, said_to_be, used_as_place

CLASSES = "noun_classes.v1"  # the lexicon the component's config names


def orgs(nlp, text):
    doc = nlp(text)
    return {s.label_ for s in doc.spans["pkg_organizations"]}


@pytest.mark.parametrize("noun, cls", [
    ("council", "group"), ("fleet", "group"), ("democrat", "person"),
    ("capitol hill", "location"), ("maracaibo", "location"), ("kilogram", "other"),
    ("oval office", "other"), ("zorblax", None),
])
def test_nlp_organizations_kinds_noun_class_from_wordnet(noun, cls):
    assert noun_class(noun, words(CLASSES)) == cls


@pytest.mark.parametrize("text, name", [
    # the head noun names a thing, a time, an act
    ("Exports rose after the government launched the Global Entry Offering on Monday.",
     "Global Entry Offering"),
    ("The ceasefire starts at noon West Africa Standard Time on Friday, the ministry said.",
     "West Africa Standard Time"),
    # the whole name is a place
    ("The senators returned to Capitol Hill on Tuesday to debate the budget.", "Capitol Hill"),
    ("The crude will be refined at Maracaibo refineries in the spring.", "Maracaibo"),
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


def test_nlp_organizations_kinds_run_in_heading_capitals_mean_nothing(nlp):
    heading = ("The two governments announced the following steps.\n\n"
               "Expanding Commerce in the Shipping Industry: the two sides will open new "
               "routes.")
    assert "Shipping Industry" not in orgs(nlp, heading)
    # the same words in running text are a name the tagger and the rules keep
    assert "Shipping Industry" in orgs(nlp, "Growth in the Shipping Industry depends on "
                                            "the two sides.")


def test_nlp_organizations_kinds_a_thing_said_to_be_is_no_actor(nlp):
    # "was" is no act: the name stays a thing's
    text = "The Eastern Grain Purchase was the largest sale of the decade."
    assert "Eastern Grain Purchase" not in orgs(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("France is also willing to start a Sahel Water Resilience Package to help herders.",
     "Sahel Water Resilience Package"),
    ("Velmar Fisheries will conclude an MOU with the harbour board next month.", "MOU"),
])
def test_nlp_organizations_kinds_a_name_with_an_indefinite_article_is_a_thing(nlp, text, name):
    assert name not in orgs(nlp, text)


@pytest.mark.parametrize("text, name, place", [
    ("The rebels withdrew from the locality of Kalimbo after the talks.", "Kalimbo", True),
    ("Sixty troops were hurt during a clash at Zorbala on Sunday.", "Zorbala", True),
    ("The militia occupied the Mbasoro region in May.", "Mbasoro", True),
    # a body's people, not a place's region
    ("Kalimbo sources said the talks had failed.", "Kalimbo", False),
    # accords are made between bodies
    ("The deal between Zorbala and the Paris Club was signed.", "Paris Club", False),
])
def test_nlp_organizations_kinds_used_as_place(nlp, text, name, place):
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    assert used_as_place(doc[start:start + len(name.split())], words(CLASSES).places) is place


def test_nlp_organizations_kinds_place_is_no_organization(nlp):
    assert "Kalimbo" not in orgs(nlp, "The rebels withdrew from the locality of Kalimbo "
                                      "after the talks.")
    assert "Kalimbo" in orgs(nlp, "Kalimbo sources said the talks had failed.")


@pytest.mark.parametrize("text, name, body", [
    # a singular head noun WordNet files first as a person: a title
    ("The two sides were joined by the Kalimbo River Administrator during the visit.",
     "Kalimbo River Administrator", False),
    ("She spoke with Trade Minister Ana Ruiz and the Mombasa Harbour Administrator Luis "
     "Vega on Monday.", "Mombasa Harbour Administrator", False),
    ("The Kalimbo River Authority said the dam was safe.", "Kalimbo River Authority", True),
])
def test_nlp_organizations_kinds_title_is_no_organization(nlp, text, name, body):
    assert (name in orgs(nlp, text)) is body


def test_nlp_organizations_name_stops_before_a_country_the_tagger_missed(nlp):
    # "on the Tuvalu proposal": the tagger calls the country ORG, the name ends before it
    found = orgs(nlp, "Samoa praised the findings of the Regional Court of Appeal on the "
                      "Tuvalu proposal for the reefs.")
    assert "Regional Court of Appeal" in found
    assert not any("Tuvalu" in name for name in found)


def test_nlp_organizations_kinds_introduced_as_a_company(nlp):
    # "rival" introduces a company, whatever its head noun ("Motor" is an artifact)
    assert "Polar Motor" in orgs(nlp, "In June the firm agreed a parts deal with its Swedish "
                                      "rival Polar Motor to make buses.")


@pytest.mark.parametrize("text, name, body", [
    # a plural acronym: a kind of body
    ("Members take part through their National Standards Institutes (NSIs). Each of the "
     "NSIs reports yearly.", "National Standards Institutes", False),
    ("Funding went to Small Business Development Centers (SBDCs) across the region.",
     "Small Business Development Centers", False),
    ("Funding went to the National Standards Institute (NSI) in the capital.",
     "National Standards Institute", True),
])
def test_nlp_organizations_kinds_plural_acronym_names_a_kind(nlp, text, name, body):
    assert (name in orgs(nlp, text)) is body


def _span(doc, name):
    start = doc.text.rindex(name)
    return doc.char_span(start, start + len(name))


@pytest.mark.parametrize("text, name, kind", [
    # a noun in apposition says what the name is; WordNet's first sense decides
    ("The Grey Lantern, a joint naval exercise, began on Monday with ships from nine "
     "states.", "Grey Lantern", "thing"),
    ("The Korvan Gate, a floating gas terminal, will open next year.", "Korvan Gate",
     "thing"),
    ("The faction announced that the deputy chief of its armed council, Yusuf Al Marrani, "
     "had died.", "Yusuf Al Marrani", "person"),
    # WordNet's compound noun: a think tank is a body, a tank a thing
    ("The study was written at Korvan House, a think tank based in London.",
     "Korvan House", None),
    # a title a body may hold too: a kind, not one holder
    ("The pact was signed by Zentra Bank, a member of the regional clearing union.",
     "Zentra Bank", None),
    ("The panels come from Korvan Solar, the world leader in thin-film cells.",
     "Korvan Solar", None),
    # a conference ("a prearranged meeting") and an agency have a body's sense
    ("In 1902, Regent Harlov summoned a great peace conference (the Tarsk Congress) to "
     "end the feud.", "Tarsk Congress", None),
    ("Nigeria held talks with Zentra Bank, the national export credit agency, on "
     "Tuesday.", "Zentra Bank", None),
    ("The Velmar Group is a shipping company based in Oslo.", "Velmar Group", None),
    # words WordNet gives no body's sense that describe bodies all the same
    ("The report was first published by Korvan Today, a news website based in Riga.",
     "Korvan Today", None),
    ("The jets were flown by Velmar, a regional airline, until May.", "Velmar", None),
])
def test_nlp_organizations_kinds_said_to_be(nlp, text, name, kind):
    doc = nlp(text)
    bodies = nlp.get_pipe("policykg_organizations").body_nouns  # as the finder builds them
    assert said_to_be(_span(doc, name), words(CLASSES), office_words().heads, bodies) == kind


@pytest.mark.parametrize("name, person", [
    ("Al-Kuwari", True),  # the end of the person's name, written alone
    ("Qatar", False),
])
def test_nlp_organizations_kinds_a_persons_name(nlp, name, person):
    doc = nlp("Qatar's Prime Minister Mohammed bin Nasser Al-Kuwari met the envoy. "
              "\"Peace needs partners,\" Al-Kuwari wrote.")
    persons = list(doc.spans["pkg_persons"])
    assert a_persons_name(_span(doc, name), persons) is person


@pytest.mark.parametrize("text, name", [
    # measured like a stuff
    ("Japan will import more LNG and LPG from Qatar under the new contract.", "LNG"),
    ("Japan will import more LNG and LPG from Qatar under the new contract.", "LPG"),
    # only the modifier of a made thing or a stuff: a product's or commodity's name
    ("The country's LNG exports rose sharply last year.", "LNG"),
    # or of an idea: a programme's part
    ("The partnership will fund new ports under its Blue Horizon pillar, the ministers "
     "said.", "Blue Horizon"),
    # attended, hosted, or dated where things happen: an event
    ("Officials said at the Lakeshore Security Forum Friday that the talks had stalled.",
     "Lakeshore Security Forum"),
    ("Norway hosted the Arctic Futures Forum in Tromso last week.", "Arctic Futures Forum"),
    ("The ministers will attend the Baltic Energy Forum next month.", "Baltic Energy Forum"),
])
def test_nlp_organizations_kinds_things_and_events_are_no_organizations(nlp, text, name):
    assert name not in orgs(nlp, text)


@pytest.mark.parametrize("text, name", [
    # a coined word names the maker of the thing it modifies
    ("Kenya Airways will buy Embraer jets for its regional routes.", "Embraer"),
    # bodies modify acts and words
    ("The agreement ends the Boeing-Airbus dispute over subsidies, the ministers said.",
     "Airbus"),
    # held to account, not held as an event
    ("Voters held Zorvan Capital responsible for the losses.", "Zorvan Capital"),
    ("Regulators hold Zorvan Capital to its promise of new jobs.", "Zorvan Capital"),
    # a forum that acts is a body
    ("The Lakeshore Forum said on Monday that the sanctions would fail.", "Lakeshore Forum"),
])
def test_nlp_organizations_kinds_makers_and_bodies_stay(nlp, text, name):
    assert name in orgs(nlp, text)


def test_nlp_organizations_a_name_modifying_an_agreement_over_other_words(nlp):
    # "Clear Skies" modifies "agreements" over "air services": part of what they are called
    text = ("Details of our Clear Skies air services agreements appear on the Ministry of "
            "Aviation's website.")
    assert "Clear Skies" not in orgs(nlp, text)
    assert "Ministry of Aviation" in orgs(nlp, text)


def test_nlp_organizations_kinds_a_persons_name_needs_a_longer_name(nlp):
    # the tagger's other vote on the same name is no person's name written short
    doc = nlp("Al-Zorvan fighters attacked the town. Al-Zorvan said it would fight on.")
    first = doc[0:3]
    second = _span(doc, "Al-Zorvan")
    assert not a_persons_name(first, [second])


@pytest.mark.parametrize("noun, made_thing", [
    ("launcher", True), ("fuel", True), ("jet", True),
    # structures and facilities: where a body is ("the X plant" is a body's)
    ("plant", False), ("office", False), ("headquarters", False), ("refinery", False),
])
def test_nlp_organizations_kinds_objects_leave_out_places_of_bodies(noun, made_thing):
    assert (noun in words(CLASSES).objects) is made_thing
