"""Hand-written records for the views, graph and app tests: three documents around Japan.

Time: the arrangement was signed on a day (xsd:date), the access agreement in a month
(xsd:gYearMonth), and the forces agreement is under negotiation, without a date of its
own, in a document published in a year (xsd:gYear). One document has a title.

Japan is party to three agreements (with the United States, Australia and the
Philippines), so it is the hub of the actor graph, and the facts-only path from the
United States to Australia runs US -party- DCA -party- JP -party- RAA -party- AU.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

from kg.core.records import (Agreement, Country, DocumentRecords, Evidence,
                             KnowledgeSource, Money, Organization, Person, Ref)
from kg.rdf.build import document_graph
from kg.rdf.iris import agreement_iri, country_iri, document_iri, person_iri
from kg.store import open_store

BLINKEN_SENTENCE = ("US Secretary of State Antony Blinken met Japanese Foreign Minister "
                    "Yoshimasa Hayashi in Tokyo.")
DCA_SENTENCE = ("On 11 January 2023 the United States and Japan signed the Defence "
                "Cooperation Arrangement, a five-year arrangement worth $9.3 billion.")
NATO_SENTENCE = "Blinken said the North Atlantic Treaty Organization supports the plan."
RAA_SENTENCE = ("Japan and Australia signed the Reciprocal Access Agreement in Canberra in "
                "January 2022.")
WONG_SENTENCE = "Australian Foreign Minister Penny Wong welcomed the Japanese delegation."
VFA_SENTENCE = "Japan and the Philippines are negotiating a Visiting Forces Agreement."
US_JAPAN_TITLE = "US and Japan sign defence arrangement"

US, JP, AU, PH = (country_iri(c) for c in ("US", "JP", "AU", "PH"))
BLINKEN = person_iri("Antony Blinken")
WONG = person_iri("Penny Wong")
WONG_WIKIDATA = "Q1000001"  # invented for the test
KNOWLEDGE = KnowledgeSource("leaders", "1", "Leaders list", "Cite the leaders list.",
                            rule="knowledge.wikidata")
DCA = agreement_iri("Defence Cooperation Arrangement", True, "")
RAA = agreement_iri("Reciprocal Access Agreement", True, "")
VFA = agreement_iri("Visiting Forces Agreement", True, "")


def _doc(name: str, sentences: list[str], title: str | None = None,
         published: str | None = None):
    text = "\n\n".join(sentences)

    def ev(sentence: str, rule: str | None = None) -> list[Evidence]:
        start = text.index(sentence)
        return [Evidence(start, start + len(sentence), sentence, rule)]

    sha = hashlib.sha256(text.encode()).hexdigest()
    return DocumentRecords(file_name=name, sha256=sha, text=text, title=title,
                           published=published, source_path=f"/corpus/{name}"), ev


def _agreement(label: str, parties: list[str], sentence_ev, **facts) -> Agreement:
    return Agreement(label, named=True, mentions=sentence_ev,
                     parties={Ref.country(p): sentence_ev for p in parties}, **facts)


def records() -> list[DocumentRecords]:
    a, ev = _doc("us-japan.txt", [BLINKEN_SENTENCE, DCA_SENTENCE, NATO_SENTENCE],
                 title=US_JAPAN_TITLE, published="2023-01-12")
    a.countries = [Country("US", "United States", ev(DCA_SENTENCE)),
                   Country("JP", "Japan", ev(DCA_SENTENCE))]
    a.persons = [
        Person("Antony Blinken", ev(BLINKEN_SENTENCE) + ev(NATO_SENTENCE),
               roles={"Secretary of State": ev(BLINKEN_SENTENCE, "office.title")},
               acts_for={Ref.country("US"): ev(BLINKEN_SENTENCE)}),
        Person("Yoshimasa Hayashi", ev(BLINKEN_SENTENCE),
               roles={"Foreign Minister": ev(BLINKEN_SENTENCE)},
               acts_for={Ref.country("JP"): ev(BLINKEN_SENTENCE)})]
    a.organizations = [Organization("North Atlantic Treaty Organization", ["NATO"],
                                    ev(NATO_SENTENCE))]
    a.agreements = [_agreement("Defence Cooperation Arrangement", ["US", "JP"],
                               ev(DCA_SENTENCE), durations={"P5Y": ev(DCA_SENTENCE)},
                               values={Money(Decimal("9300000000"), "USD"): ev(DCA_SENTENCE)},
                               statuses={"signed": ev(DCA_SENTENCE)},
                               dates={"2023-01-11": ev(DCA_SENTENCE)})]
    b, ev = _doc("japan-australia.txt", [RAA_SENTENCE, WONG_SENTENCE])
    b.countries = [Country("JP", "Japan", ev(RAA_SENTENCE)),
                   Country("AU", "Australia", ev(RAA_SENTENCE))]
    b.persons = [Person("Penny Wong", ev(WONG_SENTENCE),
                        roles={"Foreign Minister": ev(WONG_SENTENCE)},
                        acts_for={Ref.country("AU"): ev(WONG_SENTENCE)},
                        same_as={WONG_WIKIDATA: [KNOWLEDGE]})]
    b.agreements = [_agreement("Reciprocal Access Agreement", ["JP", "AU"], ev(RAA_SENTENCE),
                               statuses={"signed": ev(RAA_SENTENCE)},
                               dates={"2022-01": ev(RAA_SENTENCE)})]
    c, ev = _doc("japan-philippines.txt", [VFA_SENTENCE], published="2024")
    c.countries = [Country("JP", "Japan", ev(VFA_SENTENCE)),
                   Country("PH", "Philippines", ev(VFA_SENTENCE))]
    c.agreements = [_agreement("Visiting Forces Agreement", ["JP", "PH"], ev(VFA_SENTENCE),
                               statuses={"negotiating": ev(VFA_SENTENCE)})]
    return [a, b, c]


def doc_iri(file_name: str) -> str:
    return next(str(document_iri(r.sha256)) for r in records() if r.file_name == file_name)


def build_store(path: Path):
    """An embedded store at ``path`` holding the three documents and their derived data
    (the index the write path keeps; left open)."""
    from kg.archive.derived import ensure_derived

    store = open_store(path)
    for rec in records():
        store.add_graph(document_graph(rec))
    ensure_derived(store)  # derived from the stored graphs, as kg reindex does
    return store


# -- reading the Entity page (streamlit.testing.v1.AppTest) ---------------------------------
def fact_frame(at):
    """The Entity page's table of facts."""
    return next(d.value for d in at.dataframe if "predicate" in d.value.columns)


def open_fact(at, iri, predicate: str) -> int:
    """Open the first fact with ``predicate`` in full (the table's picker); its index."""
    picker = at.selectbox(key=f"open:facts:{iri}:0")
    i = next(i for i, o in enumerate(picker.options) if f" · {predicate} · " in o)
    picker.select_index(i).run()
    return i
