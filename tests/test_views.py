"""kg.browse.browse on a store built from hand-written records (tests/app_data.py)."""

from __future__ import annotations

import pytest

import app_data as data
from kg.views import agreements, browse, display, documents, entity, texts


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


def test_documents_page_newest_first_counted_and_searched(store):
    assert documents.document_count(store) == 3
    page = documents.documents_page(store)
    assert [(d["file_name"], d["published"], d["entities"]) for d in page] == [
        ("japan-philippines.txt", "2024", 3), ("us-japan.txt", "2023-01-12", 6),
        ("japan-australia.txt", None, 4)]
    assert [d["file_name"] for d in documents.documents_page(store, 1, 1)] == ["us-japan.txt"]
    # the title or the file name, any case; a quote is data, not query text
    assert documents.document_count(store, "DEFENCE") == 1
    assert [d["file_name"] for d in documents.documents_page(store, text="australia")] == [
        "japan-australia.txt"]
    assert documents.document_count(store, '") } DROP ALL #') == 0


def test_entity_facts_give_the_evidence_sentence_and_document(store):
    facts = entity.entity_facts_page(store, str(data.BLINKEN))
    role = [f for f in facts if f["predicate"] == "role"]
    assert [(f["value"], f["evidence"], f["file_name"], f["rules"]) for f in role] == [
        ("Secretary of State", [data.BLINKEN_SENTENCE], "us-japan.txt", ["office.title"])]
    acts_for = [f for f in facts if f["predicate"] == "actsFor"]
    assert [(f["value"], f["object"], f["direction"]) for f in acts_for] == [
        ("United States", str(data.US), "out")]
    assert all(f["statement"].startswith(f["document"] + "/fact/") for f in facts)
    assert "mentions" not in {f["predicate"] for f in facts}  # they are listed apart
    mentions = entity.entity_mentions_page(store, str(data.BLINKEN))
    assert [(m["file_name"], m["evidence"]) for m in mentions] == [
        ("us-japan.txt", [data.BLINKEN_SENTENCE, data.NATO_SENTENCE])]


def test_entity_facts_of_a_country_include_the_agreements_it_is_party_to(store):
    facts = entity.entity_facts_page(store, str(data.JP))
    parties = {(f["subject_label"], f["direction"]) for f in facts if f["predicate"] == "party"}
    assert parties == {("Defence Cooperation Arrangement", "in"),
                       ("Reciprocal Access Agreement", "in"),
                       ("Visiting Forces Agreement", "in")}
    assert {f["file_name"] for f in facts} == {"us-japan.txt", "japan-australia.txt",
                                               "japan-philippines.txt"}


def test_entity_counts_and_pages_newest_document_first(store):
    jp = str(data.JP)
    counts = entity.entity_counts(store, jp)
    facts = entity.entity_facts_page(store, jp)
    assert counts == {"facts": len(facts), "documents": 3}
    # by the document's own date (a year sorts after the days in it), undated last
    order = ["japan-philippines.txt", "us-japan.txt", "japan-australia.txt"]
    assert [m["file_name"] for m in entity.entity_mentions_page(store, jp)] == order
    assert [f["file_name"] for f in facts] == sorted(
        (f["file_name"] for f in facts), key=order.index)
    # pages of two: no fact twice, none left out, each page in order
    pages = [entity.entity_facts_page(store, jp, offset, 2) for offset in range(0, 8, 2)]
    assert counts["facts"] == 4  # three parties and its actsFor's object
    assert [len(p) for p in pages] == [2, 2, 0, 0]
    assert sorted(f["statement"] for p in pages for f in p) == sorted(
        f["statement"] for f in facts)
    assert entity.entity_mentions_page(store, jp, 2, 2)[0]["file_name"] == order[2]


def test_entity_counts_of_an_unknown_entity_are_zero(store):
    nobody = "https://w3id.org/policykg/id/person/nobody"
    assert entity.entity_counts(store, nobody) == {"facts": 0, "documents": 0}
    assert entity.entity_facts_page(store, nobody) == []


def test_entity_details_and_unknown_entity(store):
    us = browse.entity(store, str(data.US))
    assert (us["kind"], us["label"], us["iso_code"], us["iso_code3"]) == (
        "Country", "United States", "US", "USA")
    nato = entity.pick_entities(store, "nato")[1][0]
    assert browse.entity(store, nato["iri"])["aliases"] == ["NATO"]
    assert browse.entity(store, "https://w3id.org/policykg/id/person/nobody") is None


def test_entities_picked_by_kind_and_search_most_mentioned_first(store):
    total, countries = entity.pick_entities(store, kind="Country")
    assert total == 4 and [e["label"] for e in countries] == [
        "Japan", "Australia", "Philippines", "United States"]  # Japan: in 3 documents
    assert countries[0]["documents"] == 3
    assert entity.pick_entities(store, "north atlantic")[1][0]["label"] == (
        "North Atlantic Treaty Organization")
    assert entity.pick_entities(store, "nato", "Person") == (0, [])
    assert entity.pick_entities(store, "", limit=2)[0] == 11  # all of them, two shown


def test_search_text_is_a_value_not_query_text(store):
    # a quote and brace would break a query built by formatting; as a binding it is data
    assert entity.pick_entities(store, '") } } DROP ALL #') == (0, [])


def test_agreements_table(store):
    df = agreements.agreements_table(store)
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


def test_agreement_rows_list_parties_and_count_documents(store):
    df = agreements.agreement_rows(store)
    assert list(df["Agreement"]) == ["Defence Cooperation Arrangement",
                                     "Reciprocal Access Agreement", "Visiting Forces Agreement"]
    dca = df.iloc[0].to_dict()
    assert dca == {"Agreement": "Defence Cooperation Arrangement",
                   "Parties": "Japan; United States", "parties": ["Japan", "United States"],
                   "Status": "signed", "Date": "2023-01-11", "Duration": "5 years",
                   "Value": "9,300,000,000 USD", "Documents": 1, "iri": str(data.DCA)}


@pytest.mark.parametrize("items, text", [
    ([], ""), (["A"], "A"), (["A", "B", "C"], "A; B; C"),
    (["A", "B", "C", "D", "E"], "A; B; C … (5 in all)")])
def test_short_list_says_how_many_when_long(items, text):
    assert agreements.short_list(items) == text


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
    assert texts.text_of(store, treaty.DOC) == {"iri": treaty.AGREEMENT, "label": treaty.LABEL}
    found = texts.agreement_text(store, treaty.AGREEMENT)
    assert (found["file_name"], found["status"], found["date"], found["clause"]) == (
        treaty.FILE, "signed", "2001-05-04", treaty.LINES[1])
    assert [(s["name"], s["parties"]) for s in found["signatories"]] == [("Ana Ruiz", ["Peru"])]
    assert texts.agreement_text(store, str(data.DCA)) is None
    store.close()
