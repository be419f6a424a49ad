"""The policykg_actors component on sentences written for the purpose, with a hand-made
knowledge base; then the records and graph it leads to (sourced to the knowledge base,
valid against the shapes)."""

from __future__ import annotations

import hashlib

import pytest
import spacy
from rdflib import URIRef
from rdflib.namespace import OWL, PROV, RDF

from kg.archive.validate import validate_graph
from kg.core.records import KnowledgeSource, Ref
from kg.extract.document import extract_records
from kg.nlp.knowledge.kb import KnowledgeBase, OrganizationRecord, PersonRecord, Source, Term
from kg.nlp.knowledge.linker import ActorLinker
from kg.nlp.pipeline import KNOWLEDGE_ENV, knowledge_enabled
from kg.rdf.build import document_graph
from kg.rdf.namespace import PKG

SOURCES = {"alpha": Source("alpha", "Alpha leaders", "Alpha 2020.", "CC0", "2020-06-30"),
           "beta": Source("beta", "Beta bodies", "Beta 2019.", "CC BY 4.0", "2019")}


def _kb() -> KnowledgeBase:
    quintela = PersonRecord(("Marta Quintela",), "Q4242", (
        Term("PT", "Minister of Foreign Affairs", "Foreign Minister", "2015-01-10",
             "2019-10-25", "alpha"),), "alpha")
    league = OrganizationRecord("League of Coastal States", ("LCS",), (), "1960", None,
                                "Q77", ("alpha", "beta"))
    return KnowledgeBase("t1", SOURCES, [quintela], [league], {"PT": "Q45"})


@pytest.fixture(scope="module")
def annotate(nlp):
    linker = ActorLinker(nlp, _kb)

    def run(text: str):
        with nlp.select_pipes(disable=["policykg_actors"]):
            doc = nlp(text)
        return linker(doc)
    return run


def _persons(doc) -> dict:
    return {s._.pkg_person: s for s in doc.spans["pkg_persons"]}


def test_nlp_actor_linker_fills_state_and_office_the_text_left_empty(annotate):
    doc = annotate("Marta Quintela told reporters in Lisbon on 3 May 2017 that Portugal would help.")
    quintela = _persons(doc)["Marta Quintela"]
    assert quintela._.pkg_role is None and quintela._.pkg_country is None  # the text said neither
    assert quintela._.pkg_kb["country"] == "PT" and quintela._.pkg_kb["role"] == "Foreign Minister"
    assert quintela._.pkg_kb["wikidata"] == "Q4242"
    assert doc._.pkg_knowledge["date"] == "2017-05-03"
    assert doc._.pkg_knowledge["countries"] == {"PT": "Q45"}


def test_nlp_actor_linker_text_state_wins(annotate):
    doc = annotate("Spanish Foreign Minister Marta Quintela visited Portugal on 3 May 2017.")
    quintela = _persons(doc)["Marta Quintela"]
    assert quintela._.pkg_country == "ES"
    assert quintela._.pkg_kb is None  # the knowledge base's Marta Quintela is someone else


def test_nlp_actor_linker_outside_the_term_only_the_state(annotate):
    # out of office she still acts for the one state she held office for; no office,
    # and no Wikidata ID (a record of another time may be a namesake)
    doc = annotate("Marta Quintela told reporters in Lisbon on 3 May 2012 that Portugal would help.")
    known = _persons(doc)["Marta Quintela"]._.pkg_kb
    assert (known["country"], known["role"], known["wikidata"]) == ("PT", None, None)
    doc = annotate("Marta Quintela told reporters on 3 May 2012 that Spain would help.")
    assert _persons(doc)["Marta Quintela"]._.pkg_kb is None  # Portugal is not named


def test_nlp_actor_linker_recognises_an_acronym_and_gives_its_full_name(annotate):
    doc = annotate("Portugal asked the LCS for help on 4 June 2001.")
    found = {s.text: s for s in doc.spans["pkg_organizations"]}
    assert found["LCS"].label_ == "LCS"  # the text's own form stays the label
    assert found["LCS"]._.pkg_kb["name"] == "League of Coastal States"


def test_nlp_actor_linker_joins_an_acronym_to_the_name_the_text_gives(annotate):
    doc = annotate("The League of Coastal States met in 2001. Portugal then asked the LCS "
                   "for help.")
    labels = {s.text: s.label_ for s in doc.spans["pkg_organizations"]}
    assert labels["LCS"] == "League of Coastal States"


def test_nlp_actor_linker_records_and_graph_tell_text_from_knowledge(annotate):
    text = "Marta Quintela told reporters in Lisbon on 3 May 2017 that Portugal would help."
    doc = annotate(text)
    records = extract_records(doc, file_name="a.txt",
                              sha256=hashlib.sha256(text.encode()).hexdigest())
    quintela = next(p for p in records.persons if p.name == "Marta Quintela")
    [source] = quintela.acts_for[Ref.country("PT")]
    assert isinstance(source, KnowledgeSource)
    assert (source.id, source.version, source.rule) == ("alpha", "t1", "knowledge.state")
    g = document_graph(records)
    assert validate_graph(g).conforms, validate_graph(g).text()
    person = next(g.subjects(RDF.type, PKG.Person))
    assert (person, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q4242")) in g
    [st] = [s for s in g.subjects(RDF.predicate, PKG.actsFor)]
    derived = set(g.objects(st, PROV.wasDerivedFrom))
    kb_node = URIRef("https://w3id.org/policykg/id/knowledge/actors/t1/alpha")
    assert kb_node in derived and (kb_node, RDF.type, PKG.KnowledgeSource) in g
    assert not list(g.objects(st, PKG.evidence))  # no sentence states it


def test_nlp_actor_linker_full_name_of_an_acronym_in_the_graph(annotate):
    text = "Portugal asked the LCS for help on 4 June 2001."
    records = extract_records(annotate(text), file_name="b.txt",
                              sha256=hashlib.sha256(text.encode()).hexdigest())
    [lcs] = [o for o in records.organizations if o.name == "LCS"]
    assert list(lcs.full_name) == ["League of Coastal States"]
    assert {s.id for s in lcs.full_name["League of Coastal States"]} == {"alpha", "beta"}
    g = document_graph(records)
    assert validate_graph(g).conforms
    node = next(g.subjects(PKG.fullName, None))
    assert (node, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q77")) in g


def test_nlp_actor_linker_registered_loader_reads_the_shipped_files():
    loader = spacy.registry.misc.get("policykg.actors.v1")()
    kb = loader()
    assert kb.version and {"wikidata", "archigos", "countryinfo", "supraverden"} <= set(kb.sources)
    assert all(src.citation for src in kb.sources.values())


@pytest.mark.parametrize("value, enabled", [(None, True), ("on", True), ("off", False),
                                            ("0", False), ("No", False)])
def test_nlp_actor_linker_environment_switch(monkeypatch, value, enabled):
    if value is None:
        monkeypatch.delenv(KNOWLEDGE_ENV, raising=False)
    else:
        monkeypatch.setenv(KNOWLEDGE_ENV, value)
    assert knowledge_enabled() is enabled


def test_nlp_actor_linker_is_in_the_pipeline_after_offices_and_organizations(nlp):
    names = nlp.pipe_names
    assert names.index("policykg_offices") < names.index("policykg_actors")
    assert names.index("policykg_organizations") < names.index("policykg_actors")


@pytest.mark.parametrize("rules, kept", [
    # a state guessed from the context gives way to the knowledge base's
    (["state.context"], {"US"}),
    # a state the text states stays beside it: the text always wins
    (["state.title"], {"US", "IL"}),
])
def test_actor_linker_knowledge_corrects_only_guessed_states(rules, kept):
    from kg.core.records import Evidence, KnowledgeSource, Person, Ref
    from kg.extract.persons import _drop_corrected_guesses

    rec = Person("Ada Lane")
    rec.acts_for[Ref.country("IL")] = [Evidence(0, 10, "Ada Lane spoke.", r) for r in rules]
    rec.acts_for[Ref.country("US")] = [KnowledgeSource("wikidata", "1", "Wikidata",
                                                       rule="knowledge.state")]
    _drop_corrected_guesses(rec)
    assert {ref.key for ref in rec.acts_for} == kept


def test_nlp_actor_linker_person_the_tagger_called_an_organization(annotate):
    doc = annotate("Marta Quintela told reporters in Lisbon on 3 May 2017 that Portugal would help.")
    # the statistical tagger's ORG on a person's full name: as the sentence above, but
    # with the name's span moved to the organizations by hand
    persons = [s for s in doc.spans["pkg_persons"] if s._.pkg_person == "Marta Quintela"]
    doc.spans["pkg_persons"] = [s for s in doc.spans["pkg_persons"] if s not in persons]
    doc.spans["pkg_organizations"] = [spacy.tokens.Span(doc, s.start, s.end, label=s.text)
                                      for s in persons]
    linker = ActorLinker(None, _kb)
    linker(doc)
    assert not any(s.label_ == "Marta Quintela" for s in doc.spans["pkg_organizations"])
    assert _persons(doc)["Marta Quintela"]._.pkg_kb["country"] == "PT"


def test_nlp_actor_linker_person_the_tagger_called_an_organization_takes_its_title(annotate):
    doc = annotate("Spain visited Portugal and its Foreign Minister, Marta Quintela, on 3 May 2017.")
    # as above, the name moved to the organizations by hand: the title next to it is
    # read when it comes back to the persons
    persons = [s for s in doc.spans["pkg_persons"] if s._.pkg_person == "Marta Quintela"]
    doc.spans["pkg_persons"] = [s for s in doc.spans["pkg_persons"] if s not in persons]
    for s in persons:
        s._.pkg_role = s._.pkg_role_rule = None
    doc.spans["pkg_organizations"] = [spacy.tokens.Span(doc, s.start, s.end, label=s.text)
                                      for s in persons]
    ActorLinker(None, _kb)(doc)
    quintela = _persons(doc)["Marta Quintela"]
    assert (quintela._.pkg_role, quintela._.pkg_role_rule) == ("Foreign Minister",
                                                               "role.apposition")
