"""A document that is the text of an agreement, as hand-written records (no extractor):
for the read side, the exports and the app. Written for the purpose."""

from __future__ import annotations

from pathlib import Path

from kg.core.records import Agreement, DocumentRecords, Evidence, Person, Ref
from kg.rdf import iris
from kg.store import open_store

LINES = ["Fisheries Treaty of Utopia and Arcadia", "Done at Lima on 4 May 2001.",
         "For Peru: Ana Ruiz"]
TEXT = "\n\n".join(LINES)
FILE = "fisheries.txt"
SHA = "8" * 64
LABEL = "Fisheries Treaty"
DOC = str(iris.document_iri(SHA))
AGREEMENT = str(iris.agreement_iri(LABEL, True, SHA))


def records() -> DocumentRecords:
    title, done, block = (Evidence(TEXT.index(x), TEXT.index(x) + len(x), x) for x in LINES)
    treaty = Agreement(LABEL, named=True, mentions=[title],
                       parties={Ref.country("PE"): [title], Ref.country("CL"): [title]},
                       statuses={"signed": [done]}, dates={"2001-05-04": [done]},
                       text_of=[title], signatories={("Ana Ruiz", Ref.country("PE")): [block]})
    person = Person("Ana Ruiz", [block], acts_for={Ref.country("PE"): [block]})
    return DocumentRecords(FILE, SHA, TEXT, persons=[person], agreements=[treaty])


def build_store(path: Path):
    """An embedded store at ``path`` holding the treaty's text, written as ingest writes
    it (with its derived data: the pages list from it), left open."""
    from kg.archive.ingest import store_records

    store = open_store(path)
    store.create()
    store_records(store, records())
    return store
