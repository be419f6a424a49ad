"""kg.browse.browse on a store built from hand-written records (tests/app_data.py)."""

from __future__ import annotations

import pytest

import app_data as data
from kg.views import browse, display


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st = data.build_store(tmp_path_factory.mktemp("views") / "s")
    yield st
    st.close()


def test_overview_counts_documents_entities_and_facts(store):
    counts = browse.overview(store)
    assert {k: counts[k] for k in ("Document", "Person", "Country", "Organization",
                                   "Agreement")} == {
        "Document": 3, "Person": 3, "Country": 4, "Organization": 1, "Agreement": 3}
    assert counts["Fact"] > 20


def test_documents_lists_each_document_with_its_entities(store):
    docs = browse.documents(store)
    us_japan = next(d for d in docs if d["file_name"] == "us-japan.txt")
    assert us_japan["entities"] == 6  # 2 countries, 2 persons, NATO, the arrangement
    assert us_japan["title"] == data.US_JAPAN_TITLE


def test_documents_in_order_of_publication_then_undated(store):
    docs = browse.documents(store)
    assert [(d["file_name"], d["published"]) for d in docs] == [
        ("us-japan.txt", "2023-01-12"), ("japan-philippines.txt", "2024"),
        ("japan-australia.txt", None)]


def test_entity_facts_give_the_evidence_sentence_and_document(store):
    facts = browse.entity_facts(store, str(data.BLINKEN))
    role = [f for f in facts if f["predicate"] == "role"]
    assert [(f["value"], f["evidence"], f["file_name"], f["rules"]) for f in role] == [
        ("Secretary of State", data.BLINKEN_SENTENCE, "us-japan.txt", ["office.title"])]
    acts_for = [f for f in facts if f["predicate"] == "actsFor"]
    assert [(f["value"], f["object"], f["direction"]) for f in acts_for] == [
        ("United States", str(data.US), "out")]
    mentions = {f["evidence"] for f in facts if f["predicate"] == "mentions"}
    assert mentions == {data.BLINKEN_SENTENCE, data.NATO_SENTENCE}
    assert all(f["rules"] == [] for f in facts if f["predicate"] == "mentions")


def test_entity_facts_of_a_country_include_the_agreements_it_is_party_to(store):
    facts = browse.entity_facts(store, str(data.JP))
    parties = {(f["subject_label"], f["direction"]) for f in facts if f["predicate"] == "party"}
    assert parties == {("Defence Cooperation Arrangement", "in"),
                       ("Reciprocal Access Agreement", "in"),
                       ("Visiting Forces Agreement", "in")}
    assert {f["file_name"] for f in facts} == {"us-japan.txt", "japan-australia.txt",
                                               "japan-philippines.txt"}


def test_entity_details_and_unknown_entity(store):
    us = browse.entity(store, str(data.US))
    assert (us["kind"], us["label"], us["iso_code"], us["iso_code3"]) == (
        "Country", "United States", "US", "USA")
    nato = browse.search_entities(store, "nato")[0]
    assert browse.entity(store, nato["iri"])["aliases"] == ["NATO"]
    assert browse.entity(store, "https://w3id.org/policykg/id/person/nobody") is None


def test_entities_by_kind_and_search(store):
    assert [e["label"] for e in browse.entities(store, "Country")] == [
        "Australia", "Japan", "Philippines", "United States"]
    japan = next(e for e in browse.entities(store) if e["label"] == "Japan")
    assert japan["documents"] == 3
    assert [e["label"] for e in browse.search_entities(store, "north atlantic")] == [
        "North Atlantic Treaty Organization"]
    assert browse.search_entities(store, "") == []


def test_search_text_is_a_value_not_query_text(store):
    # a quote and brace would break a query built by formatting; as a binding it is data
    assert browse.search_entities(store, '") } } DROP ALL #') == []


def test_agreements_table(store):
    df = browse.agreements_table(store)
    assert list(df.columns) == ["Agreement", "Parties", "Duration", "Value", "Status",
                                "Date", "Documents", "Text document", "Signatories", "iri"]
    dca = df[df["Agreement"] == "Defence Cooperation Arrangement"].iloc[0].to_dict()
    assert dca == {"Agreement": "Defence Cooperation Arrangement",
                   "Parties": "Japan; United States", "Duration": "5 years",
                   "Value": "9,300,000,000 USD", "Status": "signed", "Date": "2023-01-11",
                   "Documents": "us-japan.txt", "Text document": "", "Signatories": "",
                   "iri": str(data.DCA)}
    vfa = df[df["Agreement"] == "Visiting Forces Agreement"].iloc[0]
    assert (vfa["Status"], vfa["Date"]) == ("negotiating", "")
    assert len(df) == 3


def test_document_detail_text_entities_and_facts(store):
    iri = data.doc_iri("us-japan.txt")
    detail = browse.document_detail(store, iri)
    assert (detail["file_name"], detail["title"], detail["published"]) == (
        "us-japan.txt", data.US_JAPAN_TITLE, "2023-01-12")
    assert detail["content"].startswith(data.BLINKEN_SENTENCE)
    nato = next(e for e in detail["entities"] if e["kind"] == "Organization")
    assert nato["aliases"] == ["NATO"]
    facts = {(f["subject_label"], f["predicate"], f["value"]) for f in detail["facts"]}
    assert ("Defence Cooperation Arrangement", "value", "9,300,000,000 USD") in facts
    assert ("Antony Blinken", "role", "Secretary of State") in facts
    assert ("Defence Cooperation Arrangement", "date", "2023-01-11") in facts
    assert all(f["predicate"] != "mentions" for f in detail["facts"])
    assert browse.document_detail(store, iri + "x") is None


def test_highlighting_marks_labels_and_aliases_as_whole_words(store):
    text = "Antony Blinken met NATO. NATOS is not NATO's alias; Japan-born."
    ents = [{"kind": "Person", "label": "Antony Blinken", "aliases": []},
            {"kind": "Organization", "label": "North Atlantic Treaty Organization",
             "aliases": ["NATO"]},
            {"kind": "Country", "label": "Japan", "aliases": []}]
    spans = [(text[s["start"]:s["end"]], s["label"]) for s in browse.entity_spans(text, ents)]
    assert spans == [("Antony Blinken", "PERSON"), ("NATO", "ORG"), ("NATO", "ORG"),
                     ("Japan", "COUNTRY")]


def test_highlighted_html_escapes_the_text(store):
    detail = {"content": "<b>Japan</b> & Australia", "entities": [
        {"kind": "Country", "label": "Japan", "aliases": []}]}
    html = browse.highlighted_html(detail)
    assert "<mark" in html and "Japan" in html and "&lt;b&gt;" in html and "<b>" not in html


def test_formats():
    assert display.format_duration("P5Y") == "5 years"
    assert display.format_duration("P1Y6M") == "1 year 6 months"
    assert display.format_duration("PT5H") == "PT5H"
    assert display.format_money("9300000000", "USD") == "9,300,000,000 USD"
    assert display.format_money("2.5", "EUR") == "2.50 EUR"
    assert display.best_label(["(ABM Treaty", "ABM Treaty"]) == "ABM Treaty"


def test_example_queries_read_title_and_description(tmp_path):
    (tmp_path / "b.rq").write_text("# title: Bees\n# description: All bees,\n#   big and small.\n"
                                   "# columns: ?bee\nSELECT * {}\n# title: not a header\n")
    (tmp_path / "a.rq").write_text("SELECT * {}\n")
    found = browse.example_queries(tmp_path)
    assert list(found) == ["a", "b"]
    assert found["b"][:2] == ("Bees", "All bees, big and small.")
    assert found["a"][:2] == ("a", "")
    assert found["b"][2].startswith("# title: Bees\n")


def test_views_agreement_text_signing_and_signatories(tmp_path):
    """A document that is an agreement's text: the Documents page names the agreement,
    the agreement's page its text, signing date, closing clause and signatories."""
    import treaty_data as treaty

    store = treaty.build_store(tmp_path / "store")
    assert browse.text_of(store, treaty.DOC) == {"iri": treaty.AGREEMENT, "label": treaty.LABEL}
    found = browse.agreement_text(store, treaty.AGREEMENT)
    assert (found["file_name"], found["status"], found["date"], found["clause"]) == (
        treaty.FILE, "signed", "2001-05-04", treaty.LINES[1])
    assert [(s["name"], s["parties"]) for s in found["signatories"]] == [("Ana Ruiz", ["Peru"])]
    assert browse.agreement_text(store, str(data.DCA)) is None
    store.close()
