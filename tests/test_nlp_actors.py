"""The actor knowledge base as evidence (kg.nlp.knowledge.facts, kg.nlp.knowledge.linker): one group
of tests per rule, on small hand-made records (invented people, real state codes), never
the shipped data."""

from __future__ import annotations

import pytest

from kg.nlp.knowledge.facts import (date_bounds, document_date, held_at, horizon,
                                    organization_facts, person_facts, taken_offices)
from kg.nlp.knowledge.kb import (KnowledgeBase, OrganizationRecord, PersonRecord, Source, Term,
                                 initials, name_key)
from kg.nlp.persons.roles import heading_title, normalise_role, same_office

SOURCES = {sid: Source(sid, f"The {sid} list", f"Cite {sid}.", "CC0", as_of)
           for sid, as_of in (("alpha", "2020-06-30"), ("beta", "2012"), ("gamma", "2022-10"))}


def person(names, *terms, source="alpha", wikidata=None) -> PersonRecord:
    return PersonRecord(tuple(names), wikidata,
                        tuple(Term(*t, source=source) for t in terms), source)


def org(name, acronyms=(), variants=(), start=None, end=None, wikidata=None,
        sources=("alpha",)) -> OrganizationRecord:
    return OrganizationRecord(name, tuple(acronyms), tuple(variants), start, end, wikidata,
                              tuple(sources))


def kb(*records) -> KnowledgeBase:
    persons = [r for r in records if isinstance(r, PersonRecord)]
    orgs = [r for r in records if isinstance(r, OrganizationRecord)]
    return KnowledgeBase("test", SOURCES, persons, orgs, {"PT": "Q45"})


VALE = person(["Ana Vale", "Ana Maria Vale"],
              ("PT", "Minister of Foreign Affairs", "Foreign Minister", "2015-01-10", "2019-10-25"),
              ("PT", "Prime Minister", "Prime Minister", "2019-10-26", None))
ORSO = person(["Piet Orso"], ("NL", "Minister of Defence", "Defence Minister", "2010", "2014"),
              source="beta")
ORSO_BR = person(["Paulo Orso"], ("BR", "President", "President", "2011-01-01", "2014-12-31"),
                 source="beta")


# -- dates --------------------------------------------------------------------------------
@pytest.mark.parametrize("iso, bounds", [
    ("2021", ("2021-01-01", "2021-12-31")), ("2021-02", ("2021-02-01", "2021-02-28")),
    ("2020-02", ("2020-02-01", "2020-02-29")), ("2021-02-03", ("2021-02-03", "2021-02-03")),
    ("March 2021", None), ("", None)])
def test_nlp_actors_date_bounds(iso, bounds):
    assert date_bounds(iso) == bounds


@pytest.mark.parametrize("published, stated, expected", [
    ("2019-05-02", ["2021", "2018-04"], "2019-05-02"),  # published wins
    (None, ["2018-04", "2021", "2019-12-31"], "2021"),  # else the latest stated
    (None, ["1987", "1987-03", "1987-01"], "1987-03"),  # starting last
    (None, ["1987", "1987-01-01", "1987-01"], "1987-01-01"),  # then the most precise
    ("not a date", ["2003"], "2003"),
    (None, [], None)])
def test_nlp_actors_document_date(published, stated, expected):
    assert document_date(published, stated) == expected


@pytest.mark.parametrize("published, stated, until, expected", [
    (None, ["2022-03-17", "2033", "2050"], "2024-10-10", "2022-03-17"),  # targets passed over
    (None, ["2050"], "2024-10-10", None),
    ("2040-01-01", ["2022"], "2024-10-10", "2040-01-01"),  # a stated publication stays
    (None, ["2022", "2024-10"], "2024-10-10", "2024-10"),  # starts by the horizon
])
def test_nlp_actors_document_date_passes_over_dates_after_the_horizon(published, stated,
                                                                      until, expected):
    assert document_date(published, stated, until) == expected


def test_nlp_actors_horizon_is_the_newest_source_plus_open_years():
    assert horizon(kb(VALE)) == "2024-10-31"  # gamma's "2022-10", two years on


@pytest.mark.parametrize("date, held", [
    ("2015-01-10", True), ("2019-10-25", True), ("2019", True), ("2014-12", False),
    ("2019-10-26", False), ("2020", False)])
def test_nlp_actors_date_window_closed_term(date, held):
    assert held_at(VALE.terms[0], date, kb(VALE)) is held


@pytest.mark.parametrize("date, open_years, held", [
    ("2021", 2, True), ("2022-06-30", 2, True), ("2022-07", 2, False), ("2023", 2, False),
    ("2023", 3, True), ("2019-10", 2, True), ("2019-09", 2, False)])
def test_nlp_actors_date_window_open_term_goes_stale(date, open_years, held):
    """An open term counts for ``open_years`` after its source's date (alpha: 2020-06-30)."""
    assert held_at(VALE.terms[1], date, kb(VALE), open_years) is held


def test_nlp_actors_office_held_at_the_date():
    base = kb(VALE)
    assert person_facts(base, "Ana Vale", "2017-03").role == "Foreign Minister"
    assert person_facts(base, "Ana Vale", "2021-05").role == "Prime Minister"
    before = person_facts(base, "Ana Vale", "2010")  # no office then: the state only
    assert (before.state, before.role, before.wikidata) == ("PT", None, None)


@pytest.mark.parametrize("name, named_states, state", [
    ("Piet Orso", None, "NL"),  # every term for one state
    ("Piet Orso", {"NL", "BE"}, "NL"),
    ("Piet Orso", {"BE"}, None),  # a state the text does not name
    ("Orso", None, None),  # one word: a surname others may share
])
def test_nlp_actors_state_out_of_office(name, named_states, state):
    facts = person_facts(kb(ORSO), name, "2030", named_states=named_states)
    assert (facts.state if facts else None) == state


def test_nlp_actors_state_out_of_office_needs_one_state_across_time():
    moved = person(["Piet Orso"], ("BE", "Senator", "Senator", "2016", "2018"), source="gamma")
    assert person_facts(kb(ORSO, moved), "Piet Orso", "2030") is None
    # the text's own state is never replaced, a former holder is read as before
    assert person_facts(kb(ORSO), "Piet Orso", "2030", text_state="NL") is None


@pytest.mark.parametrize("text_role, state", [
    (None, "BR"), ("President", "BR"),
    ("Minister", None),  # an office no term can be: the records know a namesake
])
def test_nlp_actors_state_out_of_office_needs_the_texts_office_to_fit(text_role, state):
    facts = person_facts(kb(ORSO_BR), "Paulo Orso", "2030", text_role=text_role)
    assert (facts.state if facts else None) == state


# -- name match ---------------------------------------------------------------------------
@pytest.mark.parametrize("name, key", [
    ("Ban Ki-moon", ("ban", "kimoon")), ("Walter J. Stoessel, Jr.", ("walter", "j", "stoessel")),
    ("Élisabeth  Borne", ("elisabeth", "borne"))])
def test_nlp_actors_name_key(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize("name, found", [
    ("Ana Vale", True), ("ANA VALE", True), ("Ana Maria Vale", True),  # a listed variant
    ("Ana M. Vale", True),  # initials left out
    ("Vale", True),  # one word: by surname
    ("Ana Vale Costa", False), ("Rui Vale", False), ("Ana", False)])
def test_nlp_actors_name_match(name, found):
    assert (person_facts(kb(VALE), name, "2017") is not None) is found


def test_nlp_actors_name_with_words_between():
    long = person(["Karim bin Saleh Al Nour"], ("QA", None, None, "2001", "2009"))
    assert person_facts(kb(long), "Karim Al Nour", "2005").state == "QA"
    assert person_facts(kb(long), "Karim bin Saleh", "2005") is None  # not its last word


# -- ambiguity refused --------------------------------------------------------------------
def test_nlp_actors_two_states_for_one_name_is_ambiguous():
    twin = person(["Ana Vale"], ("BR", "Senator", "Senator", "2016", "2018"), source="gamma")
    assert person_facts(kb(VALE, twin), "Ana Vale", "2017") is None
    # at a date only one of them held office, there is no ambiguity
    assert person_facts(kb(VALE, twin), "Ana Vale", "2019-05").state == "PT"


def test_nlp_actors_surname_shared_by_two_states_is_ambiguous():
    assert person_facts(kb(ORSO, ORSO_BR), "Orso", "2012") is None
    assert person_facts(kb(ORSO, ORSO_BR), "Piet Orso", "2012").state == "NL"


def test_nlp_actors_unknown_date_needs_one_holder_across_time():
    """Without a date every term counts: one state across them gives the state, but an
    office only when all agree."""
    facts = person_facts(kb(VALE), "Ana Vale", None)
    assert facts.state == "PT" and facts.role is None  # foreign minister, then premier
    only = person(["Rui Lobo"], ("AO", "President", "President", "1990", "2000"))
    assert person_facts(kb(only), "Rui Lobo", None).role == "President"
    assert person_facts(kb(ORSO, ORSO_BR), "Orso", None) is None


def test_nlp_actors_sources_agreeing_on_the_office():
    """Two datasets' records of one person, one without titles, agree."""
    bare = person(["Ana Vale"], ("PT", None, None, "2019-10-26", None), source="gamma")
    facts = person_facts(kb(VALE, bare), "Ana Vale", "2021-02")
    assert (facts.state, facts.role) == ("PT", "Prime Minister")
    assert facts.sources == {"state": ("alpha", "gamma"), "role": ("alpha",), "wikidata": ()}


# -- the text wins ------------------------------------------------------------------------
def test_nlp_actors_text_role_selects_the_office():
    facts = person_facts(kb(VALE), "Ana Vale", None, text_role="Foreign Minister")
    assert (facts.state, facts.role) == ("PT", None)  # the text's role is not replaced


@pytest.mark.parametrize("text_role", ["Finance Minister", "President", "Ambassador"])
def test_nlp_actors_text_role_contradicting_the_office_refuses(text_role):
    assert person_facts(kb(VALE), "Ana Vale", "2017", text_role=text_role) is None


def test_nlp_actors_text_state_is_kept_and_checked():
    facts = person_facts(kb(VALE), "Ana Vale", "2017", text_state="PT")
    assert (facts.state, facts.role) == (None, "Foreign Minister")
    assert person_facts(kb(VALE), "Ana Vale", "2017", text_state="ES") is None


def test_nlp_actors_office_the_text_gives_another_holder():
    taken = taken_offices([("Prime Minister", "PT"), ("Foreign Minister", None)])
    assert taken == {("prime minister", "PT")}
    assert person_facts(kb(VALE), "Ana Vale", "2021", taken=taken) is None
    assert person_facts(kb(VALE), "Ana Vale", "2017", taken=taken).role == "Foreign Minister"


def test_nlp_actors_state_must_be_named_in_the_document():
    assert person_facts(kb(VALE), "Ana Vale", "2017", named_states={"ES", "FR"}) is None
    assert person_facts(kb(VALE), "Ana Vale", "2017", named_states={"PT"}).state == "PT"


@pytest.mark.parametrize("text_role, state", [
    ("Foreign Minister", "PT"),  # the office the text gives, held at the date
    ("Minister", "PT"),  # the text's words are the known title's
    ("President", None),  # another office: someone else
    (None, None),
    ("former Foreign Minister", None),
])
def test_nlp_actors_state_not_named_for_the_office_the_text_gives(text_role, state):
    facts = person_facts(kb(VALE), "Ana Vale", "2017", text_role=text_role,
                         named_states={"ES"})
    assert (facts.state if facts else None) == state


def test_nlp_actors_wikidata_id_when_one():
    tagged = person(["Ana Vale"], ("PT", "Prime Minister", "Prime Minister", "2019-10-26",
                                   None), source="gamma", wikidata="Q999")
    facts = person_facts(kb(VALE, tagged), "Ana Vale", "2020")
    assert facts.wikidata == "Q999" and facts.sources["wikidata"] == ("gamma",)
    assert person_facts(kb(VALE, tagged), "Ana Vale", "2017").wikidata is None


# -- offices in policykg's words ----------------------------------------------------------
@pytest.mark.parametrize("title, role", [
    ("Minister of Foreign Affairs", "Foreign Minister"),
    ("Federal Minister for Foreign Affairs", "Foreign Minister"),
    ("Minister of Europe and Foreign Affairs", "Foreign Minister"),
    ("Minister of Defence", "Defence Minister"), ("Prime minister", "Prime Minister"),
    ("Secretary of State for Foreign and Commonwealth Affairs", "Foreign Secretary"),
    ("Minister of State for Foreign Affairs", "Minister of State for Foreign Affairs"),
    ("Deputy Prime Minister", "Deputy Prime Minister"), ("Minister of Fisheries",
                                                         "Minister of Fisheries"),
    ("", None)])
def test_nlp_actors_normalise_role(title, role):
    assert normalise_role(title) == role


def test_nlp_actors_normalise_role_drops_the_state():
    places = {"Ruritania", "Ruritanian"}
    assert normalise_role("President of Ruritania", places.__contains__) == "President"
    assert normalise_role("Ruritanian Minister of Finance", places.__contains__) == \
        "Finance Minister"


@pytest.mark.parametrize("heading, title", [
    ("Prime ministers", "Prime Minister"), ("Governors-GENERAL", "Governor-General"),
    ("Chairmen of the council of ministers (PRIME_MINISTERS", "Chairman of the Council of "
                                                               "Ministers"),
    ("Kings/QUEENS", "King")])
def test_nlp_actors_heading_title(heading, title):
    assert heading_title(heading) == title


@pytest.mark.parametrize("text, known, same", [
    ("President", "President", True), ("Secretary", "Secretary of State", True),
    ("Foreign Minister", "Minister of Foreign Affairs", True),
    ("King", "Monarch", True), ("Vice President", "President", False),
    ("Prime Minister", "President", False), ("Foreign Minister", "Minister of Agriculture", False),
    ("Foreign Minister", "Deputy Prime Minister and Minister of Foreign Affairs", True),
    ("Foreign Minister", None, None)])
def test_nlp_actors_same_office(text, known, same):
    assert same_office(text, known) is same


# -- organizations ------------------------------------------------------------------------
LEAGUE = org("League of Coastal States", ["LCS"], ["Coastal League"], "1960", None, "Q77",
             sources=("alpha", "beta"))
LONE = org("Board of Reed Growers", ["BRG"], ["Reed Board"], "1990", "2005")


def test_nlp_actors_organization_by_acronym():
    facts = organization_facts(kb(LEAGUE), "LCS", "2001")
    assert (facts.name, facts.wikidata) == ("League of Coastal States", "Q77")


def test_nlp_actors_organization_acronym_needs_two_datasets():
    assert organization_facts(kb(LONE), "BRG", "2001") is None
    assert organization_facts(kb(LONE), "Reed Board", "2001") is None  # a variant too
    assert organization_facts(kb(LONE), "Board of Reed Growers", "2001").name == \
        "Board of Reed Growers"


def test_nlp_actors_organization_must_exist_at_the_date():
    assert organization_facts(kb(LEAGUE), "LCS", "1950") is None
    assert organization_facts(kb(LONE), "Board of Reed Growers", "2010") is None
    assert organization_facts(kb(LONE), "Board of Reed Growers", None) is not None


def test_nlp_actors_organization_acronym_of_two_bodies_is_ambiguous():
    other = org("League of Canal Shippers", ["LCS"], sources=("alpha", "gamma"))
    assert organization_facts(kb(LEAGUE, other), "LCS", "2001") is None


def test_nlp_actors_organization_spellings_are_one_body():
    british = org("League of Coastal States Organisation", ["LCSO"], sources=("alpha",))
    american = org("League of Coastal States Organization", ["LCSO"], sources=("beta",))
    facts = organization_facts(kb(british, american), "LCSO", None)
    assert facts is not None and facts.sources["name"] == ("alpha", "beta")


def test_nlp_actors_initials():
    assert initials("Group on Earth Observations") == "GEO"
    assert initials("League of Coastal States") == "LCS"


def test_nlp_actors_former_holder_found_by_an_office_before_the_date():
    # "former Foreign Minister Ana Vale" in 2021: the office ended in 2019
    facts = person_facts(kb(VALE), "Ana Vale", "2021", text_role="former Foreign Minister")
    assert (facts.state, facts.role) == ("PT", None)
    # an office the text gives someone else now does not rule out a former holder
    taken = taken_offices([("Foreign Minister", "PT")])
    assert person_facts(kb(VALE), "Ana Vale", "2021", text_role="former Foreign Minister",
                        taken=taken).state == "PT"
    # not before it began
    assert person_facts(kb(VALE), "Ana Vale", "2014", text_role="former Foreign Minister") \
        is None
